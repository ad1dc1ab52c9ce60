package io.partnerhub.deal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rule a registration breaks. {@code reason} is what the partner reads and never names another
 * partner; {@code claim} ({@code deal/12}, {@code link/5}, {@code project/3}, {@code customer/7})
 * and {@code otherPartnerId} are for the operator's queue only. {@code review}: the conflict does
 * not reject the registration, the deal waits for the operator with it shown (a direct customer
 * where the program says so, a link to a customer record a partner created that has no consumption).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClaimConflict(DealRule rule, String reason, String claim, Long otherPartnerId, boolean review) {

    /** A conflict that rejects the registration. */
    ClaimConflict(DealRule rule, String reason, String claim, Long otherPartnerId) {
        this(rule, reason, claim, otherPartnerId, false);
    }
}
