package io.partnerhub.settlement.rules;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.TierRule;
import io.partnerhub.program.TierRule.MonthlyRequirementWindow;
import io.partnerhub.program.TierRule.QuarterlyVolume;
import io.partnerhub.settlement.rules.Statement.StandingChange;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Tier qualification at a period's close, of the two kinds the programs use. A change the close
 * decides takes effect on the first day of the next month.
 */
public final class Qualifications {

    /** The outcome: the window left open after this month, and a change if one was decided. */
    record Outcome(YearMonth window, Optional<StandingChange> change, boolean requirementMet) {
    }

    private Qualifications() {
    }

    static Outcome evaluate(PartnerMonth month, Map<String, BigDecimal> measures) {
        List<TierRule> tiers = month.terms().tiers().stream()
                .filter(t -> t.models().contains(month.partner().model())).toList();
        for (TierRule tier : tiers) {
            if (tier.qualification() instanceof MonthlyRequirementWindow window) {
                return window(month, measures, tiers, tier, window);
            }
        }
        if (tiers.stream().anyMatch(t -> t.qualification() instanceof QuarterlyVolume)) {
            return new Outcome(null, quarterly(month, measures, tiers), false);
        }
        return new Outcome(null, Optional.empty(), false);
    }

    /**
     * Oblakoteka's Professional level (PROGRAMS.md, "Professional qualification"): months 1-6 of the
     * contract are the first window; later the first month without the requirement opens a window
     * of six months; a window closes as soon as a month meets the requirement, or moves the partner
     * down when all its months pass without it. A lower-tier partner meeting it moves up.
     */
    private static Outcome window(PartnerMonth month, Map<String, BigDecimal> measures, List<TierRule> tiers,
                                  TierRule upper, MonthlyRequirementWindow rule) {
        YearMonth period = month.period();
        MonthlyRequirement requirement = monthly(rule, period,
                new Money(measures.getOrDefault(Measures.CUSTOMERS_LIST_COST, BigDecimal.ZERO), month.currency()),
                month.examPassedOn());
        boolean met = requirement.met();
        Reason why = requirement.examPassed() ? Reason.of("standing.why.exam", month.examPassedOn())
                : Reason.of(met ? "standing.why.listCostAtLeast" : "standing.why.listCostBelow", requirement.listCost(),
                requirement.threshold());
        LocalDate nextMonth = period.plusMonths(1).atDay(1);
        PartnerModel model = month.partner().model();
        if (!upper.id().equals(month.partner().tier())) {
            if (!met) {
                return new Outcome(null, Optional.empty(), false);
            }
            TierRule lower = tiers.stream().filter(t -> t.id().equals(month.partner().tier())).findFirst().orElse(upper);
            PartnerModel upgraded = rule.upgradeModels().getOrDefault(model, model);
            return new Outcome(null, Optional.of(new StandingChange(nextMonth, upgraded, upper.id(),
                    Reason.of("standing.window.upgrade", lower.id(), upper.id(), period, why,
                            modelChange(model, upgraded)))), true);
        }
        YearMonth window = openWindow(month.prior(period.minusMonths(1)), month.partner().contractDate());
        if (met) {
            return new Outcome(null, Optional.empty(), true);
        }
        if (window == null) {
            window = period;
        }
        YearMonth last = windowCloses(window, rule);
        if (period.isBefore(last)) {
            return new Outcome(window, Optional.empty(), false);
        }
        TierRule lower = tiers.stream().filter(t -> t.qualification() == null).findFirst().orElseThrow(
                () -> new IllegalStateException("no entry tier below " + upper.id()));
        PartnerModel downgraded = rule.downgradeModels().getOrDefault(model, model);
        return new Outcome(null, Optional.of(new StandingChange(nextMonth, downgraded, lower.id(),
                Reason.of("standing.window.downgrade", upper.id(), lower.id(), window, last, period, why,
                        modelChange(model, downgraded)))), false);
    }

    /**
     * The window open as a month starts for a partner in the windowed tier: the previous month's
     * statement's, or, before any statement, the contract's first window.
     */
    public static YearMonth openWindow(Optional<PartnerMonth.PriorStatement> previous, LocalDate contractDate) {
        return previous.isPresent() ? previous.get().qualificationWindow() : YearMonth.from(contractDate);
    }

    /**
     * VK Cloud statuses (PROGRAMS.md, "Statuses"): at each quarter's close, the highest tier whose
     * quarterly eligible consumption and certified employees are met, from the next month.
     */
    private static Optional<StandingChange> quarterly(PartnerMonth month, Map<String, BigDecimal> measures,
                                                      List<TierRule> tiers) {
        YearMonth period = month.period();
        if (period.getMonthValue() % 3 != 0) {
            return Optional.empty();
        }
        Money eligible = quarterToDate(period,
                new Money(measures.getOrDefault(Measures.CUSTOMERS_ELIGIBLE, BigDecimal.ZERO), month.currency()),
                m -> new Money(month.prior(m).map(p -> p.measure(Measures.CUSTOMERS_ELIGIBLE)).orElse(BigDecimal.ZERO),
                        month.currency()));
        TierRule earned = null;
        for (TierRule tier : tiers) {
            if (tier.qualification() == null && earned == null) {
                earned = tier;
            } else if (tier.qualification() instanceof QuarterlyVolume volume
                    && volumeMet(volume, eligible, month.certifiedEmployees())) {
                earned = tier;
            }
        }
        if (earned == null || earned.id().equals(month.partner().tier())) {
            return Optional.empty();
        }
        return Optional.of(new StandingChange(period.plusMonths(1).atDay(1), month.partner().model(), earned.id(),
                Reason.of("standing.quarter", month.partner().tier(), earned.id(), Reason.quarter(period),
                        eligible, month.certifiedEmployees())));
    }

    /**
     * A windowed tier's monthly requirement judged for one month: met by a training exam passed by
     * the month's end where the program counts it, or by the customers' list cost reaching the threshold.
     */
    public record MonthlyRequirement(boolean examPassed, Money listCost, Money threshold) {

        public boolean met() {
            return examPassed || listCost.compareTo(threshold) >= 0;
        }

        /** The list cost still missing to meet it by consumption: zero or less once it is reached. */
        public Money shortfall() {
            return threshold.minus(listCost);
        }
    }

    /** The monthly requirement of {@code rule} in {@code period}, as the close judges it (and the forecast foresees it). */
    public static MonthlyRequirement monthly(MonthlyRequirementWindow rule, YearMonth period, Money listCost,
                                             LocalDate examPassedOn) {
        boolean examPassed = rule.examCounts() && examPassedOn != null && !examPassedOn.isAfter(period.atEndOfMonth());
        return new MonthlyRequirement(examPassed, listCost, new Money(rule.monthlyListCostAtLeast(), listCost.currency()));
    }

    /** The last month of a qualification window opened in {@code window}. */
    public static YearMonth windowCloses(YearMonth window, MonthlyRequirementWindow rule) {
        return window.plusMonths(rule.windowMonths() - 1L);
    }

    /**
     * A figure over the quarter containing {@code period}, up to and including it: {@code current}
     * for the period, {@code earlier} for each of the quarter's months before it.
     */
    public static Money quarterToDate(YearMonth period, Money current, Function<YearMonth, Money> earlier) {
        Money total = current;
        YearMonth first = YearMonth.of(period.getYear(), (period.getMonthValue() - 1) / 3 * 3 + 1);
        for (YearMonth m = first; m.isBefore(period); m = m.plusMonths(1)) {
            total = total.plus(earlier.apply(m));
        }
        return total;
    }

    /** The quarterly eligible consumption still missing for {@code volume}: zero or less once it is reached. */
    public static Money volumeShortfall(QuarterlyVolume volume, Money eligible) {
        return new Money(volume.eligibleCostAtLeast(), eligible.currency()).minus(eligible);
    }

    /** Whether a quarter's eligible consumption and the certified employees earn {@code volume}'s tier. */
    public static boolean volumeMet(QuarterlyVolume volume, Money eligible, int certifiedEmployees) {
        return !volumeShortfall(volume, eligible).isPositive()
                && certifiedEmployees >= volume.certifiedEmployees();
    }

    private static Reason modelChange(PartnerModel from, PartnerModel to) {
        return from == to ? Reason.of("standing.model.same") : Reason.of("standing.model.changes", from.name(), to.name());
    }
}
