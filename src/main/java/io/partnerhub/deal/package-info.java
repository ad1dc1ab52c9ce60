/**
 * Partners' claims on customers: deal registrations (one active claim per customer tax id,
 * guaranteed by a partial unique index, judged against links, other deals by e-mail and domain,
 * direct and existing customers in the order the program's claim precedence gives), their
 * approval queue, pipeline, activity log and expiry, and project registrations at direct
 * customers. See docs/deals.md.
 */
package io.partnerhub.deal;
