package io.partnerhub.usage;

import java.time.Instant;
import java.time.YearMonth;

/**
 * One consumption row as stored. Amounts stay the exact decimal text the provider gave (checked
 * to be a decimal), so nothing is rounded or re-printed on the way in.
 *
 * @param period the billing month the row belongs to (PROGRAMS.md, "Period")
 */
record UsageRow(
        YearMonth period,
        String accountId,
        Instant chargeStart,
        Instant chargeEnd,
        ChargeCategory category,
        String serviceName,
        String serviceCategory,
        String projectId,
        String parentProjectId,
        FundingSource funding,
        String listCost,
        String billedCost,
        String effectiveCost,
        String currency,
        String skuId,
        String resourceId,
        String pricingQuantity,
        String pricingUnit,
        String providerName,
        String billingAccountId) {
}
