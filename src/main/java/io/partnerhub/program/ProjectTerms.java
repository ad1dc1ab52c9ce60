package io.partnerhub.program;

import java.math.BigDecimal;

/**
 * Project registration at a direct customer (Yandex Cloud 2026 terms).
 *
 * @param ratePercentCap the most a registration may pay of the consumption growth
 * @param months         how many months after registration the rebate accrues
 * @param baselineMonths months before registration averaged into the baseline
 * @param payout         where the project rebate goes (default: the rebate balance)
 */
public record ProjectTerms(BigDecimal ratePercentCap, int months, int baselineMonths, RebateRule.Payout payout) {

    public ProjectTerms {
        payout = payout == null ? RebateRule.Payout.REBATE_BALANCE : payout;
    }
}
