package io.partnerhub.customer;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A customer belonging to a partner from {@code from} until the day before {@code to}
 * (half-open; {@code to} null: open-ended).
 *
 * @param referralReward    for referral partners, MONTHLY or FIRST_MONTH
 * @param consentObtainedOn where the program requires the customer's consent: the day an operator
 *                          stated it was obtained, or the day the customer confirmed the link
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(long id, long partnerId, long customerId, LocalDate from, LocalDate to, String referralReward,
                   LocalDate consentObtainedOn) implements LinkOutcome {

    public boolean covers(LocalDate day) {
        return !day.isBefore(from) && (to == null || day.isBefore(to));
    }
}
