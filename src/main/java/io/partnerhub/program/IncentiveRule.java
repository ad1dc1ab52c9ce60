package io.partnerhub.program;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The tools a program gives partners to win and keep customers (Oblakoteka, seed 002 footnotes 3-6
 * and 10-13; PROGRAMS.md "Oblakoteka"), each with the numbers the platform enforces. A program
 * without a rule of a kind does not offer it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = IncentiveRule.BonusCodes.class, name = "BONUS_CODES"),
        @JsonSubTypes.Type(value = IncentiveRule.Trial.class, name = "TRIAL"),
        @JsonSubTypes.Type(value = IncentiveRule.FreeMonths.class, name = "FREE_MONTHS"),
        @JsonSubTypes.Type(value = IncentiveRule.Sandbox.class, name = "SANDBOX"),
        @JsonSubTypes.Type(value = IncentiveRule.OneOffBonus.class, name = "ONE_OFF_BONUS"),
        @JsonSubTypes.Type(value = IncentiveRule.CoMarketing.class, name = "CO_MARKETING"),
        @JsonSubTypes.Type(value = IncentiveRule.WarmLeads.class, name = "WARM_LEADS")})
public sealed interface IncentiveRule {

    /** The models the rule is for; empty: every model of the version. */
    Set<PartnerModel> models();

    /** The tiers the rule is for; empty: every tier. */
    Set<String> tiers();

    /** Whether a partner of {@code model} in {@code tier} may use the rule. */
    default boolean offeredTo(PartnerModel model, String tier) {
        return (models() == null || models().isEmpty() || models().contains(model))
                && (tiers() == null || tiers().isEmpty() || tiers().contains(tier));
    }

    /**
     * Bonus top-up codes a partner hands to prospects: at most {@code codesPerQuarter} codes and
     * {@code amountPerQuarter} of them a calendar quarter; a customer redeems {@code codesPerCustomer}, ever.
     */
    record BonusCodes(Set<PartnerModel> models, Set<String> tiers, int codesPerQuarter, BigDecimal amountPerQuarter,
                      int codesPerCustomer) implements IncentiveRule {
    }

    /**
     * A customer's trial of the services, paid by the provider: {@code daysByTier} days under a
     * partner of that tier, or until the operator ends it under a tier of {@code untilEndedTiers}.
     */
    @Schema(name = "TrialIncentive")
    record Trial(Set<PartnerModel> models, Set<String> tiers, Map<String, Integer> daysByTier,
                 Set<String> untilEndedTiers) implements IncentiveRule {
    }

    /**
     * Free months of chosen virtual machines: at most {@code perCustomer} a customer, at least
     * {@code monthsBetween} calendar months between two, never the month right after the month the
     * customer's trial ended when {@code notTheMonthAfterTrial}.
     */
    record FreeMonths(Set<PartnerModel> models, Set<String> tiers, int perCustomer, int monthsBetween,
                      boolean notTheMonthAfterTrial) implements IncentiveRule {
    }

    /**
     * One machine of {@code vcpu} / {@code ramGb} / {@code ssdGb} per partner on one of
     * {@code platforms}, requested and free under {@code tiers}; after a downgrade out of them it
     * stays free for {@code paidMonthsAfterDowngrade} months; the partner is warned
     * {@code warnDaysBefore} days before it becomes paid.
     */
    @Schema(name = "SandboxIncentive")
    record Sandbox(Set<PartnerModel> models, Set<String> tiers, List<String> platforms, int vcpu, int ramGb, int ssdGb,
                   int paidMonthsAfterDowngrade, List<Integer> warnDaysBefore) implements IncentiveRule {

        /**
         * The first day the sandbox is paid, given the partner's tiers by the day each took effect;
         * empty while the latest is a free tier. After the last downgrade out of the free tiers it stays
         * free for {@code paidMonthsAfterDowngrade} months; a partner never in a free tier pays from its
         * first day.
         */
        public Optional<LocalDate> paidFrom(NavigableMap<LocalDate, String> tierSince) {
            LocalDate downgradedOn = null;
            boolean everFree = false;
            for (Map.Entry<LocalDate, String> standing : tierSince.entrySet()) {
                if (tiers.contains(standing.getValue())) {
                    everFree = true;
                    downgradedOn = null;
                } else if (downgradedOn == null) {
                    downgradedOn = standing.getKey();
                }
            }
            if (downgradedOn == null) {
                return Optional.empty();
            }
            return Optional.of(everFree ? downgradedOn.plusMonths(paidMonthsAfterDowngrade) : downgradedOn);
        }

        /** The day of the last downgrade out of the free tiers, if the latest tier is not free. */
        public Optional<LocalDate> downgradedOn(NavigableMap<LocalDate, String> tierSince) {
            LocalDate downgradedOn = null;
            for (Map.Entry<LocalDate, String> standing : tierSince.entrySet()) {
                if (tiers.contains(standing.getValue())) {
                    downgradedOn = null;
                } else if (downgradedOn == null) {
                    downgradedOn = standing.getKey();
                }
            }
            return Optional.ofNullable(downgradedOn);
        }
    }

    /** The one-off bonuses of seed 002 (footnotes 6, 10, 11). */
    enum BonusKind { CASE_STUDY, TELEGRAM_COMMENT, SALES_MANAGER }

    /**
     * A bonus paid out on a statement: a fixed {@code amount}, an amount the operator sets from
     * {@code minAmount} to {@code maxAmount}, or {@code percentOfMonthAfterDiscount} of one month of
     * a customer's cost after the partner discount ({@code oncePerCustomer}).
     */
    record OneOffBonus(Set<PartnerModel> models, Set<String> tiers, BonusKind bonus, BigDecimal amount,
                       BigDecimal minAmount, BigDecimal maxAmount, BigDecimal percentOfMonthAfterDiscount,
                       boolean oncePerCustomer) implements IncentiveRule {
    }

    /**
     * Joint marketing events: approved only when the partner funds at least
     * {@code minPartnerSharePercent} of the budget; the provider's shares of a calendar quarter's
     * approved events stay within {@code providerBudgetPerQuarter}.
     */
    record CoMarketing(Set<PartnerModel> models, Set<String> tiers, BigDecimal minPartnerSharePercent,
                       BigDecimal providerBudgetPerQuarter) implements IncentiveRule {
    }

    /**
     * Warm leads offered to partners by declared specialization; an offer not answered within
     * {@code answerBusinessDays} business days passes to the next partner.
     */
    record WarmLeads(Set<PartnerModel> models, Set<String> tiers, int answerBusinessDays) implements IncentiveRule {
    }
}
