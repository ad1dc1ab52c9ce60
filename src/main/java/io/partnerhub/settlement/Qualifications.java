package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.TierRule;
import io.partnerhub.program.TierRule.MonthlyRequirementWindow;
import io.partnerhub.program.TierRule.QuarterlyVolume;
import io.partnerhub.settlement.Statement.StandingChange;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tier qualification at a period's close, of the two kinds the programs use. A change the close
 * decides takes effect on the first day of the next month.
 */
final class Qualifications {

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
        Money listCost = new Money(measures.getOrDefault(Measures.CUSTOMERS_LIST_COST, BigDecimal.ZERO), month.currency());
        boolean examPassed = rule.examCounts() && month.examPassedOn() != null
                && !month.examPassedOn().isAfter(period.atEndOfMonth());
        boolean met = examPassed || listCost.amount().compareTo(rule.monthlyListCostAtLeast()) >= 0;
        Reason why = examPassed ? Reason.of("standing.why.exam", month.examPassedOn())
                : Reason.of(met ? "standing.why.listCostAtLeast" : "standing.why.listCostBelow", listCost,
                new Money(rule.monthlyListCostAtLeast(), month.currency()));
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
        YearMonth last = window.plusMonths(rule.windowMonths() - 1L);
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
    static YearMonth openWindow(Optional<PartnerMonth.PriorStatement> previous, LocalDate contractDate) {
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
        BigDecimal eligible = measures.getOrDefault(Measures.CUSTOMERS_ELIGIBLE, BigDecimal.ZERO);
        for (int back = 1; back <= 2; back++) {
            eligible = eligible.add(month.prior(period.minusMonths(back))
                    .map(p -> p.measure(Measures.CUSTOMERS_ELIGIBLE)).orElse(BigDecimal.ZERO));
        }
        TierRule earned = null;
        for (TierRule tier : tiers) {
            if (tier.qualification() == null && earned == null) {
                earned = tier;
            } else if (tier.qualification() instanceof QuarterlyVolume volume
                    && eligible.compareTo(volume.eligibleCostAtLeast()) >= 0
                    && month.certifiedEmployees() >= volume.certifiedEmployees()) {
                earned = tier;
            }
        }
        if (earned == null || earned.id().equals(month.partner().tier())) {
            return Optional.empty();
        }
        return Optional.of(new StandingChange(period.plusMonths(1).atDay(1), month.partner().model(), earned.id(),
                Reason.of("standing.quarter", month.partner().tier(), earned.id(), Reason.quarter(period),
                        new Money(eligible, month.currency()), month.certifiedEmployees())));
    }

    private static Reason modelChange(PartnerModel from, PartnerModel to) {
        return from == to ? Reason.of("standing.model.same") : Reason.of("standing.model.changes", from.name(), to.name());
    }
}
