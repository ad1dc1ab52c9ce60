package io.partnerhub.settlement.rules;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.ProjectTerms;
import io.partnerhub.program.RebateRule;
import io.partnerhub.program.RebateRule.HalfYearService;
import io.partnerhub.program.RebateRule.Payout;
import io.partnerhub.program.RebateRule.QuarterlyGrowth;
import io.partnerhub.program.RebateRule.QuarterlySpecialization;
import io.partnerhub.settlement.rules.PartnerMonth.ProjectFact;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The rebates a period accrues, each on its own calendar: half-year service rebates and the
 * quarterly growth rebate (Oblakoteka), the quarterly specialization rebate and project
 * registrations (Yandex Cloud). Each comes with where its money goes.
 */
final class Rebates {

    /** A rebate line and where its amount goes. */
    record Rebate(StatementLine line, Payout payout) {
    }

    private final PartnerMonth month;
    private final Map<String, BigDecimal> measures;
    private final PartnerModel model;
    private final List<Rebate> rebates = new ArrayList<>();

    private Rebates(PartnerMonth month, Map<String, BigDecimal> measures) {
        this.month = month;
        this.measures = measures;
        this.model = month.partner().model();
    }

    static List<Rebate> accrued(PartnerMonth month, Map<String, BigDecimal> measures) {
        Rebates rebates = new Rebates(month, measures);
        LocalDate endsOn = month.partner().endsOn();
        if (endsOn != null && !endsOn.isAfter(month.period().atDay(1))) {
            return List.of();
        }
        for (RebateRule rule : month.terms().rebates()) {
            switch (rule) {
                case HalfYearService r -> rebates.halfYear(r);
                case QuarterlyGrowth r -> {
                    if (r.models().contains(rebates.model)) {
                        rebates.growth(r);
                    }
                }
                case QuarterlySpecialization r -> {
                    if (r.models().contains(rebates.model)) {
                        rebates.specializations(r);
                    }
                }
            }
        }
        month.terms().projectRegistration().ifPresent(rebates::projects);
        return rebates.rebates;
    }

    /**
     * Oblakoteka KVM and MONT Office rebates (seed 002, footnotes 7-8): in each accrual month, a
     * percentage of the service's cost after the partner's rate over the six months before, counting
     * the months the partner was in one of the rule's models; paid the way its model in the last of
     * those months is paid, even if it has moved down since.
     */
    private void halfYear(HalfYearService rule) {
        YearMonth period = month.period();
        if (!rule.accrualMonths().contains(period.getMonthValue())) {
            return;
        }
        YearMonth first = period.minusMonths(6);
        Money base = zero();
        PartnerModel earnedAs = null;
        for (YearMonth m = first; m.isBefore(period); m = m.plusMonths(1)) {
            Optional<PartnerMonth.PriorStatement> prior = month.prior(m).filter(p -> rule.models().contains(p.model()));
            if (prior.isPresent()) {
                base = base.plus(money(prior.get().measure(Measures.afterDiscount(rule.service()))));
                earnedAs = prior.get().model();
            }
        }
        if (base.isPositive()) {
            add(rule.payout().getOrDefault(earnedAs, Payout.REBATE_BALANCE), base, rule.percent(), "rebate.halfYear",
                    rule.service(), Reason.rate(rule.percent()), first, period.minusMonths(1),
                    Reason.list("or", rule.models().stream().map(Enum::name).sorted().toList()));
        }
    }

    /**
     * Oblakoteka growth rebate (seed 002, footnote 9): at a quarter's last month, a percentage of the
     * growth of main-services revenue after the partner's rate over the previous quarter, for a
     * partner in the program for the whole previous quarter.
     */
    private void growth(QuarterlyGrowth rule) {
        YearMonth period = month.period();
        if (period.getMonthValue() % 3 != 0) {
            return;
        }
        YearMonth previousStart = period.minusMonths(5);
        if (month.partner().contractDate().isAfter(previousStart.atDay(1))) {
            return;
        }
        Money current = quarter(period, p -> p.measure(Measures.MAIN_AFTER_DISCOUNT), Measures.MAIN_AFTER_DISCOUNT);
        Money previous = quarter(period.minusMonths(3), p -> p.measure(Measures.MAIN_AFTER_DISCOUNT), null);
        Money growth = current.minus(previous);
        if (growth.isPositive()) {
            add(rule.payout(), growth, rule.percent(), "rebate.growth", Reason.rate(rule.percent()), previous,
                    Reason.quarter(period.minusMonths(3)), current, Reason.quarter(period));
        }
    }

    /** Yandex Cloud specialization rebate (seed 004): each quarter, per specialization held, a rate of its services. */
    private void specializations(QuarterlySpecialization rule) {
        YearMonth period = month.period();
        if (period.getMonthValue() % 3 != 0) {
            return;
        }
        new TreeMap<>(rule.specializations()).forEach((name, specialization) -> {
            if (!month.specializations().contains(name)) {
                return;
            }
            Money base = zero();
            for (String service : specialization.services()) {
                String key = Measures.eligible(service);
                base = base.plus(quarter(period, p -> p.measure(key), key));
            }
            if (base.isPositive()) {
                add(rule.payout(), base, specialization.percent(), "rebate.specialization", name,
                        Reason.rate(specialization.percent()), Reason.list("comma", specialization.services()),
                        Reason.quarter(period));
            }
        });
    }

    /**
     * Yandex Cloud project registration (seed 004; PROGRAMS.md decision): for the 12 months from the
     * registration month on (a registration on the 15th earns 12 monthly rebates, not 13), the rate of the cloud or folder's growth over the baseline (the average
     * of the months before registration), never negative.
     */
    private void projects(ProjectTerms terms) {
        YearMonth period = month.period();
        month.projects().stream().sorted(Comparator.comparingLong(ProjectFact::id)).forEach(project -> {
            YearMonth registered = YearMonth.from(project.registeredOn());
            if (period.isBefore(registered) || !period.isBefore(registered.plusMonths(terms.months()))) {
                return;
            }
            Money baselineSum = zero();
            for (int back = 1; back <= terms.baselineMonths(); back++) {
                baselineSum = baselineSum.plus(money(project.consumption().getOrDefault(registered.minusMonths(back),
                        BigDecimal.ZERO)));
            }
            Money baseline = baselineSum.dividedBy(terms.baselineMonths());
            Money consumed = money(project.consumption().getOrDefault(period, BigDecimal.ZERO));
            Money growth = consumed.minus(baseline);
            if (growth.isPositive()) {
                add(terms.payout(), growth, project.ratePercent(), "rebate.project", project.id(), project.projectId(),
                        project.customerId(), project.registeredOn(), Reason.rate(project.ratePercent()), consumed,
                        period, baseline, terms.baselineMonths());
            }
        });
    }

    /** A measure summed over the quarter ending with {@code last}; {@code currentKey} reads this period's own. */
    private Money quarter(YearMonth last, Function<PartnerMonth.PriorStatement, BigDecimal> measure, String currentKey) {
        Money total = zero();
        for (int back = 0; back < 3; back++) {
            YearMonth m = last.minusMonths(back);
            if (m.equals(month.period())) {
                total = total.plus(money(currentKey == null ? BigDecimal.ZERO : measures.getOrDefault(currentKey, BigDecimal.ZERO)));
            } else {
                total = total.plus(money(month.prior(m).map(measure).orElse(BigDecimal.ZERO)));
            }
        }
        return total;
    }

    private void add(Map<PartnerModel, Payout> payouts, Money base, BigDecimal percent, String code,
                     Object... args) {
        add(payouts.getOrDefault(model, Payout.REBATE_BALANCE), base, percent, code, args);
    }

    /** A rebate line: {@code code}'s arguments, then where the money goes ({@code payout.*}) as the last one. */
    private void add(Payout payout, Money base, BigDecimal percent, String code, Object... args) {
        Reason where = Reason.of(switch (payout) {
            case BANK_ACCOUNT -> "payout.bankAccount";
            case NEXT_STATEMENT_DISCOUNT -> "payout.nextStatement";
            case REBATE_BALANCE -> "payout.rebateBalance";
        });
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = where;
        rebates.add(new Rebate(StatementLine.rated(Kind.REBATE, null, base, percent, Reason.of(code, all)),
                payout));
    }

    private Money money(BigDecimal value) {
        return new Money(value, month.currency());
    }

    private Money zero() {
        return Money.zero(month.currency());
    }
}
