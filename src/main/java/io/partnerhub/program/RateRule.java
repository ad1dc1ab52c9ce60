package io.partnerhub.program;

import java.math.BigDecimal;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** How a model's discount or reward for a month is computed from its customers' consumption. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RateRule.PercentOfConsumption.class, name = "PERCENT_OF_CONSUMPTION"),
        @JsonSubTypes.Type(value = RateRule.FirstMonthOfConsumption.class, name = "FIRST_MONTH_OF_CONSUMPTION"),
        @JsonSubTypes.Type(value = RateRule.FixedPerPresale.class, name = "FIXED_PER_PRESALE")})
public sealed interface RateRule {

    Set<PartnerModel> models();

    /** Which services a percentage rate is applied to. */
    enum Scope { ELIGIBLE, MAIN }

    /**
     * A percentage of the month's consumption in {@code scope}. {@code referralOption} set: only
     * for customers linked with that referral reward option.
     */
    record PercentOfConsumption(Set<PartnerModel> models, BigDecimal percent, Scope scope,
                                String referralOption) implements RateRule {
    }

    /** Once per customer, a percentage of its first calendar month with consumption. */
    record FirstMonthOfConsumption(Set<PartnerModel> models, BigDecimal percent, Scope scope,
                                   String referralOption) implements RateRule {
    }

    /** A fixed reward for every completed technical presale. */
    record FixedPerPresale(Set<PartnerModel> models, BigDecimal amount) implements RateRule {
    }
}
