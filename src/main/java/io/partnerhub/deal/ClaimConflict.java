package io.partnerhub.deal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A rule a registration breaks. {@code reason} is what the partner reads and never names another
 * partner; {@code claim} ({@code deal/12}, {@code link/5}, {@code project/3}, {@code customer/7})
 * and {@code otherPartnerId} are for the operator's queue only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClaimConflict(DealRule rule, String reason, String claim, Long otherPartnerId) {
}
