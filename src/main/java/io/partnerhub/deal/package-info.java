/**
 * Partners' claims on customers: deal registrations (one active claim per customer tax id,
 * guaranteed by a partial unique index) and project registrations at direct customers.
 */
package io.partnerhub.deal;
