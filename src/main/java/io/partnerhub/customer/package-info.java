/**
 * Customers (the provider's sub-accounts) and their links to partners. A customer belongs to at
 * most one partner at any instant; the database's exclusion constraint guarantees it. A partner
 * never completes what it asks for: the customer confirms through its contact on record, or an
 * operator does, and a partner learns nothing about customers it never held (docs/lifecycle.md).
 */
package io.partnerhub.customer;
