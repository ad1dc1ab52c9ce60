package io.partnerhub.customer;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A link (or a transfer) asked for by a partner that counts only once the customer accepts it.
 * The partner never sees the confirmation link: it goes to the customer's contact on record, or the
 * operator confirms after checking the customer's signed consent (docs/lifecycle.md).
 *
 * @param status       always {@code ACCEPTANCE_REQUIRED}
 * @param kind         {@code LINK} or {@code TRANSFER} (from the partner holding the customer then)
 * @param confirmation {@code CUSTOMER_CONTACT}: a message went to the customer's contact on record;
 *                     {@code OPERATOR}: there is no contact the partner does not control, an operator confirms
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingLink(String status, long requestId, String kind, long partnerId, long customerId, LocalDate from,
                          LocalDate to, String referralReward, String confirmation, Instant expiresAt)
        implements LinkOutcome {
}
