package io.partnerhub.program;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A tier of a program and what qualifies a partner for it. Tiers are listed lowest first.
 *
 * @param id                   the tier's name
 * @param models               models the tier applies to
 * @param extraDiscountPercent added to the base discount while the partner holds the tier
 * @param qualification        what earns (and keeps) the tier; null for an entry tier
 */
public record TierRule(String id, Set<PartnerModel> models, BigDecimal extraDiscountPercent,
                       Qualification qualification) {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = QuarterlyVolume.class, name = "QUARTERLY_VOLUME"),
            @JsonSubTypes.Type(value = MonthlyRequirementWindow.class, name = "MONTHLY_REQUIREMENT_WINDOW")})
    @Schema(name = "TierQualification")
    public sealed interface Qualification {
    }

    /** A quarter's eligible consumption and a number of certified employees, evaluated at quarter close. */
    public record QuarterlyVolume(BigDecimal eligibleCostAtLeast, int certifiedEmployees) implements Qualification {
    }

    /**
     * A requirement met in a month (exam passed, or the month's list cost at least
     * {@code monthlyListCostAtLeast}) within windows of {@code windowMonths}; failing a window moves
     * the partner down and its model by {@code downgradeModels}, meeting it as the lower tier moves
     * it back up by {@code upgradeModels}.
     */
    public record MonthlyRequirementWindow(BigDecimal monthlyListCostAtLeast, boolean examCounts, int windowMonths,
                                           Map<PartnerModel, PartnerModel> downgradeModels,
                                           Map<PartnerModel, PartnerModel> upgradeModels) implements Qualification {
    }
}
