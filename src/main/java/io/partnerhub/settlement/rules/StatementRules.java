package io.partnerhub.settlement.rules;

import io.partnerhub.program.IncentiveRule;
import io.partnerhub.program.RateRule;
import io.partnerhub.program.RebateRule;
import io.partnerhub.program.Settlement;
import io.partnerhub.settlement.rules.PartnerMonth.BonusWithdrawal;
import io.partnerhub.settlement.rules.PartnerMonth.PresaleFact;
import io.partnerhub.settlement.rules.Statement.Accrual;
import io.partnerhub.settlement.rules.Statement.BonusReturn;
import io.partnerhub.settlement.rules.Statement.FinalPayout;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settles one partner's period: a pure function from {@link PartnerMonth} to {@link Statement}.
 * No I/O, no clock; the same facts always give the same statement, line for line.
 */
public final class StatementRules {

    private StatementRules() {
    }

    public static Statement settle(PartnerMonth month) {
        ConsumptionLines consumption = new ConsumptionLines(month, halfYearServices(month), specializationServices(month));
        consumption.compute();
        Settlement settlement = consumption.settlement();
        List<StatementLine> lines = new ArrayList<>(consumption.lines);
        Map<String, BigDecimal> measures = new TreeMap<>(consumption.measures);
        String currency = month.currency();

        presaleRewards(month, lines);
        bonusPayments(month, lines);
        carriedDiscount(month, lines);
        adjustments(month, lines);
        List<Rebates.Rebate> rebates = Rebates.accrued(month, measures);
        Money nextDiscount = Money.zero(currency);
        for (Rebates.Rebate rebate : rebates) {
            lines.add(rebate.line());
            if (rebate.payout() == RebateRule.Payout.NEXT_STATEMENT_DISCOUNT) {
                nextDiscount = nextDiscount.plus(rebate.line().amount());
            }
        }
        if (nextDiscount.isPositive()) {
            measures.put(Measures.NEXT_STATEMENT_DISCOUNT, nextDiscount.amount());
        }
        List<BonusReturn> returns = bonus(month, settlement, lines, currency);
        Qualifications.Outcome qualification = Qualifications.evaluate(month, measures);
        if (month.terms().tiers().stream().anyMatch(t -> t.qualification() instanceof io.partnerhub.program.TierRule.MonthlyRequirementWindow)) {
            measures.put(Measures.REQUIREMENT_MET, qualification.requirementMet() ? BigDecimal.ONE : BigDecimal.ZERO);
        }
        List<Accrual> accruals = new ArrayList<>();
        for (Rebates.Rebate rebate : rebates) {
            if (rebate.payout() == RebateRule.Payout.REBATE_BALANCE && rebate.line().amount().isPositive()) {
                int lineNo = lines.indexOf(rebate.line()) + 1;
                accruals.add(new Accrual(lineNo, rebate.line().amount(), Reason.of("ledger.accrual", month.period(),
                        (long) lineNo, rebate.line().reason())));
            }
        }
        Optional<FinalPayout> payout = finalPayout(month, accruals, returns, lines);
        return new Statement(month.partner().id(), month.period(), month.program().id(), month.terms().effectiveFrom(),
                month.partner().model(), month.partner().tier(), currency, lines,
                Totals.of(lines, settlement, currency), measures, qualification.window(), qualification.change(),
                accruals, returns, payout, consumption.customerConsumption());
    }

    /**
     * The partner's final statement (docs/lifecycle.md): after the month's accruals and Bonus, what
     * is left of the rebate balance is paid out to the bank account, shown as a BALANCE_PAYOUT line.
     * The balance before the close, plus this statement's accruals, plus Bonus it returns.
     */
    private static Optional<FinalPayout> finalPayout(PartnerMonth month, List<Accrual> accruals,
                                                     List<BonusReturn> returns, List<StatementLine> lines) {
        if (!month.isFinal()) {
            return Optional.empty();
        }
        String currency = month.currency();
        Money before = new Money(month.rebateBalance(), currency).rounded();
        Money accrued = Money.zero(currency).rounded();
        for (Accrual accrual : accruals) {
            accrued = accrued.plus(accrual.amount());
        }
        Money returned = Money.zero(currency).rounded();
        for (BonusReturn back : returns) {
            returned = returned.plus(back.amount().rounded());
        }
        Money balance = before.plus(accrued).plus(returned);
        LocalDate endsOn = month.partner().endsOn();
        if (!balance.isPositive()) {
            return Optional.of(new FinalPayout(0, Money.zero(currency).rounded(), Reason.of("ledger.finalNothing",
                    month.period(), endsOn)));
        }
        List<Reason> parts = new ArrayList<>();
        parts.add(Reason.of("payout.before", before));
        if (accrued.isPositive()) {
            parts.add(Reason.of("payout.accrued", accrued));
        }
        if (returned.isPositive()) {
            parts.add(Reason.of("payout.bonusReturned", returned));
        }
        lines.add(StatementLine.of(Kind.BALANCE_PAYOUT, null, balance, Reason.of("payout.final", endsOn, balance,
                Reason.list("comma", parts))));
        int lineNo = lines.size();
        return Optional.of(new FinalPayout(lineNo, balance, Reason.of("ledger.finalPayout", month.period(), (long) lineNo,
                endsOn)));
    }

    /** VK Cloud agents: a fixed reward per technical presale completed in the period. */
    private static void presaleRewards(PartnerMonth month, List<StatementLine> lines) {
        month.terms().rates().stream()
                .filter(RateRule.FixedPerPresale.class::isInstance)
                .map(RateRule.FixedPerPresale.class::cast)
                .filter(rule -> rule.models().contains(month.partner().model()))
                .findFirst()
                .ifPresent(rule -> month.presales().stream()
                        .filter(presale -> month.partner().endsOn() == null
                                || presale.completedOn().isBefore(month.partner().endsOn()))
                        .sorted(Comparator.comparing(PresaleFact::completedOn).thenComparing(PresaleFact::id))
                        .forEach(presale -> lines.add(StatementLine.of(Kind.REWARD, null,
                                new Money(rule.amount(), month.currency()),
                                Reason.of("reward.presale", presale.id(), presale.title(), presale.completedOn())))));
    }

    /**
     * One-off bonuses (Oblakoteka, seed 002 footnotes 6, 10, 11): a case study or a Telegram comment
     * at the amount granted; the sales-manager bonus at the program's percentage of the customer's
     * cost this month after the partner discount (its list cost less the discount and what the
     * provider paid: bonus money, grants, credits, a trial or free month), never below zero.
     */
    private static void bonusPayments(PartnerMonth month, List<StatementLine> lines) {
        List<IncentiveFacts.BonusFact> bonuses = month.incentives().bonuses().stream()
                .sorted(Comparator.comparing(IncentiveFacts.BonusFact::publishedOn)
                        .thenComparingLong(IncentiveFacts.BonusFact::id)).toList();
        for (IncentiveFacts.BonusFact bonus : bonuses) {
            String code = "bonus." + switch (bonus.kind()) {
                case CASE_STUDY -> "caseStudy";
                case TELEGRAM_COMMENT -> "telegramComment";
                case SALES_MANAGER -> "salesManager";
            };
            if (bonus.amount() != null) {
                lines.add(StatementLine.of(Kind.BONUS_PAYMENT, bonus.customerId(), new Money(bonus.amount(), month.currency()),
                        Reason.of(code, bonus.reference(), bonus.publishedOn())));
                continue;
            }
            BigDecimal percent = month.terms().bonus(bonus.kind())
                    .map(IncentiveRule.OneOffBonus::percentOfMonthAfterDiscount).orElse(BigDecimal.ZERO);
            Money cost = customerCostAfterDiscount(month, lines, bonus.customerId());
            lines.add(StatementLine.rated(Kind.BONUS_PAYMENT, bonus.customerId(), cost.isNegative()
                    ? Money.zero(month.currency()) : cost, percent, Reason.of(code, Reason.rate(percent), month.period(),
                    bonus.reference(), bonus.publishedOn())));
        }
    }

    private static final Set<Kind> NOT_PAID_BY_THE_CUSTOMER = Set.of(Kind.DISCOUNT, Kind.PROVIDER_PAID, Kind.TRIAL,
            Kind.FREE_MONTH);

    private static Money customerCostAfterDiscount(PartnerMonth month, List<StatementLine> lines, Long customerId) {
        Money cost = Money.zero(month.currency()).rounded();
        for (StatementLine line : lines) {
            if (line.corrects() != null || !java.util.Objects.equals(line.customerId(), customerId)) {
                continue;
            }
            if (line.kind() == Kind.LIST_COST) {
                cost = cost.plus(line.amount());
            } else if (NOT_PAID_BY_THE_CUSTOMER.contains(line.kind())) {
                cost = cost.minus(line.amount());
            }
        }
        return cost;
    }

    /** Late corrections of closed periods: lines of this statement naming the month they correct. */
    private static void adjustments(PartnerMonth month, List<StatementLine> lines) {
        month.adjustments().stream().sorted(Comparator.comparingLong(PartnerMonth.AdjustmentFact::id)).forEach(a ->
                lines.add(new StatementLine(a.kind(), a.customerId(), null, null,
                        new Money(a.amount(), month.currency()).rounded(), a.corrects(),
                        Reason.of("correction.adjustment", a.corrects(), a.id(), a.recordedBy(), a.reason()))));
    }

    /** Rebates the previous period accrued as a one-time extra discount (Oblakoteka White Label). */
    private static void carriedDiscount(PartnerMonth month, List<StatementLine> lines) {
        YearMonth previous = month.period().minusMonths(1);
        month.prior(previous).map(p -> new Money(p.measure(Measures.NEXT_STATEMENT_DISCOUNT), month.currency()))
                .filter(Money::isPositive)
                .ifPresent(amount -> lines.add(StatementLine.of(Kind.DISCOUNT, null, amount,
                        Reason.of("discount.carried", previous))));
    }

    /**
     * Rebate balance withdrawn to Bonus for the period reduces its payable, never below zero; what
     * is left returns to the balance (PROGRAMS.md, Yandex Cloud rebates). Reward models pay nothing,
     * so all of it returns.
     */
    private static List<BonusReturn> bonus(PartnerMonth month, Settlement settlement, List<StatementLine> lines,
                                           String currency) {
        Money withdrawn = Money.zero(currency);
        for (BonusWithdrawal w : month.bonusWithdrawals()) {
            withdrawn = withdrawn.plus(new Money(w.amount(), currency));
        }
        if (withdrawn.isZero()) {
            return List.of();
        }
        Money payable = Totals.of(lines, settlement, currency).payable();
        Money applied = payable.isNegative() ? Money.zero(currency) : payable.compareTo(withdrawn) < 0 ? payable : withdrawn;
        if (applied.isPositive()) {
            lines.add(StatementLine.of(Kind.BONUS, null, applied, applied.equals(withdrawn)
                    ? Reason.of("bonus.applied", withdrawn)
                    : Reason.of("bonus.appliedUpToPayable", withdrawn, payable, withdrawn.minus(applied))));
        }
        Money left = withdrawn.minus(applied);
        List<BonusReturn> returns = new ArrayList<>();
        List<BonusWithdrawal> latestFirst = month.bonusWithdrawals().stream()
                .sorted(Comparator.comparingLong(BonusWithdrawal::entryId).reversed()).toList();
        for (BonusWithdrawal w : latestFirst) {
            if (!left.isPositive()) {
                break;
            }
            Money part = new Money(w.amount(), currency).compareTo(left) < 0 ? new Money(w.amount(), currency) : left;
            returns.add(new BonusReturn(w.entryId(), part));
            left = left.minus(part);
        }
        return returns;
    }

    private static Set<String> halfYearServices(PartnerMonth month) {
        Set<String> services = new HashSet<>();
        for (RebateRule rule : month.terms().rebates()) {
            if (rule instanceof RebateRule.HalfYearService h) {
                services.add(h.service());
            }
        }
        return services;
    }

    private static Set<String> specializationServices(PartnerMonth month) {
        Set<String> services = new HashSet<>();
        for (RebateRule rule : month.terms().rebates()) {
            if (rule instanceof RebateRule.QuarterlySpecialization s) {
                s.specializations().values().forEach(spec -> services.addAll(spec.services()));
            }
        }
        return services;
    }
}
