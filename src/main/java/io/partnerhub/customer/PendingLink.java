package io.partnerhub.customer;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A link (or a transfer) asked for by a partner that counts only once the customer accepts it.
 * {@code confirmationPath} carries the one-time token: it is shown here only, the partner passes it
 * on to the customer.
 *
 * @param status           always {@code ACCEPTANCE_REQUIRED}
 * @param kind             {@code LINK} or {@code TRANSFER} (from the partner holding the customer then)
 * @param confirmationPath where the customer reads and confirms the request, without a token of ours
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingLink(String status, long requestId, String kind, long partnerId, long customerId, LocalDate from,
                          LocalDate to, String referralReward, String confirmationPath, Instant expiresAt)
        implements LinkOutcome {
}
