/**
 * Customers (the provider's sub-accounts) and their links to partners. A customer belongs to at
 * most one partner at any instant; the database's exclusion constraint guarantees it.
 */
package io.partnerhub.customer;
