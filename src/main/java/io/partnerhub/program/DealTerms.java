package io.partnerhub.program;

import java.math.BigDecimal;

/**
 * Deal registration in a program version.
 *
 * @param extraPercentCap          the most extra discount an approved deal may add
 * @param totalDiscountPercentCap  the most discount a customer's consumption may get in all (null: none)
 * @param newCustomerOnly          a deal only for a customer with no consumption before registration
 * @param protectionDays           an approved deal whose customer is not linked and consuming
 *                                 within this many days expires (null: no expiry)
 * @param approvalBusinessDays     the provider answers a registration within this many business days
 */
public record DealTerms(BigDecimal extraPercentCap, BigDecimal totalDiscountPercentCap, boolean newCustomerOnly,
                        Integer protectionDays, Integer approvalBusinessDays) {
}
