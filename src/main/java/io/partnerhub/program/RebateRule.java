package io.partnerhub.program;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.Schema;

/** Rebates a program accrues on top of the monthly rate, each on its own calendar. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RebateRule.HalfYearService.class, name = "HALF_YEAR_SERVICE"),
        @JsonSubTypes.Type(value = RebateRule.QuarterlyGrowth.class, name = "QUARTERLY_GROWTH"),
        @JsonSubTypes.Type(value = RebateRule.QuarterlySpecialization.class, name = "QUARTERLY_SPECIALIZATION")})
public sealed interface RebateRule {

    /** Where an accrued rebate goes. */
    enum Payout { BANK_ACCOUNT, NEXT_STATEMENT_DISCOUNT, REBATE_BALANCE }

    Set<PartnerModel> models();

    /** Payout per model. */
    Map<PartnerModel, Payout> payout();

    /**
     * {@code percent} of the partner's customers' cost of {@code service} after the partner
     * discount over the six months before each month in {@code accrualMonths}.
     */
    record HalfYearService(Set<PartnerModel> models, String service, BigDecimal percent,
                           List<Integer> accrualMonths, Map<PartnerModel, Payout> payout) implements RebateRule {
    }

    /** {@code percent} of the growth of main-services revenue after discount over the previous quarter. */
    record QuarterlyGrowth(Set<PartnerModel> models, BigDecimal percent, Map<PartnerModel, Payout> payout)
            implements RebateRule {
    }

    /** Each quarter, a rate of the customers' consumption of the services of each held specialization. */
    record QuarterlySpecialization(Set<PartnerModel> models, Map<String, Specialization> specializations,
                                   Map<PartnerModel, Payout> payout) implements RebateRule {
    }

    @Schema(name = "SpecializationRebate")
    record Specialization(BigDecimal percent, List<String> services) {
    }
}
