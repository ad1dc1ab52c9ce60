package io.partnerhub.settlement.rules;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramVersion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the rules need to settle one partner's period, and nothing else: immutable facts
 * gathered by the close. The rules do no I/O; what they know of the past is in {@code history}.
 *
 * @param terms          the program version in force on the period's first day
 * @param usage          the period's consumption attributed to this partner, summed per customer,
 *                       service, funding source, charge category and (where something changes
 *                       inside the period) day
 * @param history        earlier statements of this partner, any order
 * @param bonusWithdrawals rebate balance withdrawn to Bonus for this period
 * @param certifiedEmployees employees holding a valid certification at the period's end
 * @param specializations specializations the partner holds at the period's end
 * @param examPassedOn   the first training exam the partner passed, if any
 * @param firstMonthsRewarded customers whose first month with consumption an earlier statement rewarded,
 *                       of any partner (the reward is once per customer, not per link)
 * @param firstConsumedOn the first day each customer of the period's first-month links ever consumed,
 *                       under any partner or none, as far as the usage imported so far tells
 * @param adjustments    late corrections of closed periods recorded for this period
 * @param rebateBalance  in the partner's last month (its exit or revocation is on the next month's
 *                       first day at the latest): the rebate balance before this close, Bonus withdrawn
 *                       for later months not counted (it is returned); otherwise zero
 * @param incentives     the partner's trials, free months, sandbox and one-off bonuses that concern the period
 * @param billsCustomers whether the partner invoices its customers through the platform (a price list in
 *                       force on the period's first day): the statement then tells what each customer consumed
 *                       per service and pays itself ({@link Statement#customerConsumption})
 */
public record PartnerMonth(Program program, ProgramVersion terms, YearMonth period, PartnerFacts partner,
                           List<LinkFact> links, List<DealFact> deals, List<ProjectFact> projects,
                           List<UsageSum> usage, List<PriorStatement> history,
                           List<BonusWithdrawal> bonusWithdrawals, int certifiedEmployees,
                           Set<String> specializations, List<PresaleFact> presales, LocalDate examPassedOn,
                           Set<Long> firstMonthsRewarded, Map<Long, LocalDate> firstConsumedOn,
                           List<AdjustmentFact> adjustments, BigDecimal rebateBalance, IncentiveFacts incentives,
                           boolean billsCustomers) {

    /** A partner's month without incentives. */
    public PartnerMonth(Program program, ProgramVersion terms, YearMonth period, PartnerFacts partner,
                        List<LinkFact> links, List<DealFact> deals, List<ProjectFact> projects, List<UsageSum> usage,
                        List<PriorStatement> history, List<BonusWithdrawal> bonusWithdrawals, int certifiedEmployees,
                        Set<String> specializations, List<PresaleFact> presales, LocalDate examPassedOn,
                        Set<Long> firstMonthsRewarded, Map<Long, LocalDate> firstConsumedOn,
                        List<AdjustmentFact> adjustments, BigDecimal rebateBalance) {
        this(program, terms, period, partner, links, deals, projects, usage, history, bonusWithdrawals,
                certifiedEmployees, specializations, presales, examPassedOn, firstMonthsRewarded, firstConsumedOn,
                adjustments, rebateBalance, IncentiveFacts.NONE, false);
    }

    /** A partner's month with no rebate balance to pay out. */
    public PartnerMonth(Program program, ProgramVersion terms, YearMonth period, PartnerFacts partner,
                        List<LinkFact> links, List<DealFact> deals, List<ProjectFact> projects, List<UsageSum> usage,
                        List<PriorStatement> history, List<BonusWithdrawal> bonusWithdrawals, int certifiedEmployees,
                        Set<String> specializations, List<PresaleFact> presales, LocalDate examPassedOn,
                        Set<Long> firstMonthsRewarded, Map<Long, LocalDate> firstConsumedOn,
                        List<AdjustmentFact> adjustments) {
        this(program, terms, period, partner, links, deals, projects, usage, history, bonusWithdrawals,
                certifiedEmployees, specializations, presales, examPassedOn, firstMonthsRewarded, firstConsumedOn,
                adjustments, BigDecimal.ZERO, IncentiveFacts.NONE, false);
    }

    /** The same month with these incentives. */
    public PartnerMonth withIncentives(IncentiveFacts facts) {
        return new PartnerMonth(program, terms, period, partner, links, deals, projects, usage, history, bonusWithdrawals,
                certifiedEmployees, specializations, presales, examPassedOn, firstMonthsRewarded, firstConsumedOn,
                adjustments, rebateBalance, facts, billsCustomers);
    }

    /** The same month, of a partner that does or does not invoice its customers through the platform. */
    public PartnerMonth withCustomerBilling(boolean bills) {
        return new PartnerMonth(program, terms, period, partner, links, deals, projects, usage, history, bonusWithdrawals,
                certifiedEmployees, specializations, presales, examPassedOn, firstMonthsRewarded, firstConsumedOn,
                adjustments, rebateBalance, incentives, bills);
    }

    public PartnerMonth {
        rebateBalance = rebateBalance == null ? BigDecimal.ZERO : rebateBalance;
        incentives = incentives == null ? IncentiveFacts.NONE : incentives;
        links = List.copyOf(links);
        deals = List.copyOf(deals);
        projects = List.copyOf(projects);
        usage = List.copyOf(usage);
        history = List.copyOf(history);
        bonusWithdrawals = List.copyOf(bonusWithdrawals);
        specializations = Set.copyOf(specializations);
        presales = List.copyOf(presales);
        firstMonthsRewarded = Set.copyOf(firstMonthsRewarded);
        firstConsumedOn = Map.copyOf(firstConsumedOn);
        adjustments = List.copyOf(adjustments);
    }

    /**
     * The partner as the period starts.
     *
     * @param model    the model in force on the period's first day (or the contract day)
     * @param tier     the tier then, null where the model has none
     * @param endsOn   the exit or revocation date: nothing counts from that day on
     */
    public record PartnerFacts(long id, String name, LocalDate contractDate, String accountId, PartnerModel model,
                               String tier, LocalDate endsOn) {
    }

    /** A customer link of this partner; {@code to} is exclusive, null while open. */
    public record LinkFact(long id, long customerId, String accountId, LocalDate from, LocalDate to,
                           String referralReward) {
    }

    /**
     * An approved deal: its extra percent applies to the customer's consumption from
     * {@code registeredOn} until {@code endedOn} (exclusive; null while its protection holds), the
     * day it expired or was released.
     */
    public record DealFact(long id, long customerId, LocalDate registeredOn, BigDecimal extraPercent, LocalDate endedOn) {

        public DealFact(long id, long customerId, LocalDate registeredOn, BigDecimal extraPercent) {
            this(id, customerId, registeredOn, extraPercent, null);
        }

        /** Whether the extra applies to consumption on {@code day}. */
        public boolean appliesOn(LocalDate day) {
            return !registeredOn.isAfter(day) && (endedOn == null || day.isBefore(endedOn));
        }
    }

    /**
     * A project registration and its cloud or folder's eligible consumption per month (the baseline
     * months and the period).
     */
    public record ProjectFact(long id, long customerId, String projectId, LocalDate registeredOn, LocalDate validUntil,
                              BigDecimal ratePercent, Map<YearMonth, BigDecimal> consumption) {
    }

    /**
     * A sum of usage rows. {@code customerId} null: the partner's own account. {@code day} null: the
     * rows span the whole period with nothing changing inside it. {@code restated}: the rows of an
     * earlier period's day that a restated export booked here (its rows and the reversal of those it
     * superseded in a closed period), null for any other rows.
     */
    public record UsageSum(Long customerId, long linkId, String service, String fundingSource, String chargeCategory,
                           LocalDate day, BigDecimal listCost, Restated restated) {

        public UsageSum(Long customerId, long linkId, String service, String fundingSource, String chargeCategory,
                        LocalDate day, BigDecimal listCost) {
            this(customerId, linkId, service, fundingSource, chargeCategory, day, listCost, null);
        }
    }

    /** A restating import, and the earlier imports whose rows it superseded. */
    public record Restated(long importId, List<Long> superseded) {

        public Restated {
            superseded = List.copyOf(superseded);
        }
    }

    /** An earlier statement: what later periods build on. */
    public record PriorStatement(YearMonth period, PartnerModel model, String tier, YearMonth qualificationWindow,
                                 Map<String, BigDecimal> measures) {

        public BigDecimal measure(String key) {
            return measures.getOrDefault(key, BigDecimal.ZERO);
        }
    }

    /** A withdrawal to Bonus for this period: a ledger entry id and its (positive) amount. */
    public record BonusWithdrawal(long entryId, BigDecimal amount) {
    }

    /** An operator's correction of a closed period, carried by this period's statement. */
    public record AdjustmentFact(long id, StatementLine.Kind kind, Long customerId, BigDecimal amount, YearMonth corrects,
                                 String reason, String recordedBy) {
    }

    /** A technical presale completed in the period. */
    public record PresaleFact(long id, String title, LocalDate completedOn) {
    }

    /** Whether this is the partner's last statement: its end date falls in this month or on the next month's first day. */
    public boolean isFinal() {
        LocalDate endsOn = partner.endsOn();
        return endsOn != null && YearMonth.from(endsOn.minusDays(1)).equals(period);
    }

    public Optional<PriorStatement> prior(YearMonth month) {
        return history.stream().filter(s -> s.period().equals(month)).findFirst();
    }

    public Optional<LinkFact> link(long linkId) {
        return links.stream().filter(l -> l.id() == linkId).findFirst();
    }

    public String currency() {
        return Objects.requireNonNull(program.currency());
    }
}
