package io.partnerhub.settlement;

import io.partnerhub.program.IncentiveRule.BonusKind;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.shared.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What trials, free months and the sandbox pay and what one-off bonuses pay out (docs/incentives.md),
 * on Oblakoteka statements computed by hand. April 2026 is no rebate month (no quarter's end, no
 * January or July), so only consumption lines and incentives are on the statements. White Label:
 * 27 % discount on main services; the provider pays incentive consumption, which stays in the list
 * cost and leaves the eligible cost and the payable.
 */
class IncentiveRulesTest {

    private static final Set<StatementLine.Kind> PAID_BY_INCENTIVES = Set.of(StatementLine.Kind.TRIAL,
            StatementLine.Kind.FREE_MONTH, StatementLine.Kind.SANDBOX);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "", textBlock = """
            # name | trials id,customer,from,to | free month id,customer,resources | usage | resources | list | eligible | discount | paid by incentives | payable
            # trial 10-23 April: the 15th is the trial's; 1 500 eligible x 27 % = 405; 3 500 - 405 - 2 000
            trial inside the month       | 1,1,2026-04-10,2026-04-23 | | 1,ElasticCloud KVM,1000.00,MONEY,USAGE,2026-04-05; 1,ElasticCloud KVM,2000.00,MONEY,USAGE,2026-04-15; 1,ElasticCloud KVM,500.00,MONEY,USAGE,2026-04-25 | | 3500.00 | 1500.00 | 405.00 | 2000.00 | 1095.00
            # running until the operator ends it: the 15th and the 25th; 1 000 x 27 % = 270; 3 500 - 270 - 2 500
            trial still running          | 1,1,2026-04-10, | | 1,ElasticCloud KVM,1000.00,MONEY,USAGE,2026-04-05; 1,ElasticCloud KVM,2000.00,MONEY,USAGE,2026-04-15; 1,ElasticCloud KVM,500.00,MONEY,USAGE,2026-04-25 | | 3500.00 | 1000.00 | 270.00 | 2500.00 | 730.00
            # bonus money paid its own 300 (excluded, paid by the provider): not the trial's; 3 800 - 405 - 300 - 2 000
            bonus money in a trial       | 1,1,2026-04-10,2026-04-23 | | 1,ElasticCloud KVM,1000.00,MONEY,USAGE,2026-04-05; 1,ElasticCloud KVM,2000.00,MONEY,USAGE,2026-04-15; 1,Databases,300.00,BONUS,USAGE,2026-04-15; 1,ElasticCloud KVM,500.00,MONEY,USAGE,2026-04-25 | | 3800.00 | 1500.00 | 405.00 | 2000.00 | 1095.00
            # a trial of March ending on 2 April pays the 1st only; 1 000 x 27 % = 270; 1 700 - 270 - 700
            trial ending early in month  | 1,1,2026-03-20,2026-04-02 | | 1,ElasticCloud KVM,700.00,MONEY,USAGE,2026-04-01; 1,ElasticCloud KVM,1000.00,MONEY,USAGE,2026-04-10 | | 1700.00 | 1000.00 | 270.00 | 700.00 | 730.00
            # vm-1 4 000 + 2 000 free (vm-2 is not chosen); 4 000 x 27 % = 1 080; 10 000 - 1 080 - 6 000
            free month of one machine    | | 1,1,vm-1 | 1,ElasticCloud KVM,10000.00 | 1,vm-1,ElasticCloud KVM,2026-04-05,4000.00; 1,vm-1,ElasticCloud KVM,2026-04-20,2000.00; 1,vm-2,ElasticCloud KVM,2026-04-20,1000.00 | 10000.00 | 4000.00 | 1080.00 | 6000.00 | 2920.00
            # the free month is customer 2's: customer 1's vm-1 pays; 10 000 x 27 % = 2 700
            another customer's free month | | 1,2,vm-1 | 1,ElasticCloud KVM,10000.00 | 1,vm-1,ElasticCloud KVM,2026-04-05,4000.00 | 10000.00 | 10000.00 | 2700.00 | 0.00 | 7300.00
            # the trial's day stays the trial's, the free month takes the rest: 4 000 + (3 000 - 1 000)
            free month and trial         | 1,1,2026-04-01,2026-04-01 | 1,1,vm-1 | 1,ElasticCloud KVM,1000.00,MONEY,USAGE,2026-04-01; 1,ElasticCloud KVM,9000.00,MONEY,USAGE,2026-04-20 | 1,vm-1,ElasticCloud KVM,2026-04-01,1000.00; 1,vm-1,ElasticCloud KVM,2026-04-20,2000.00 | 10000.00 | 7000.00 | 1890.00 | 3000.00 | 5110.00
            """)
    void providerPaidConsumption(String name, String trials, String freeMonth, String usage, String resources,
                                 String list, String eligible, String discount, String paid, String payable) {
        Facts facts = Facts.of("oblakoteka", "2026-04", PartnerModel.WHITE_LABEL, "PROFESSIONAL", "2020-01-01")
                .link(1).link(2).usage(usage).resources(resources);
        if (trials != null) {
            String[] t = trials.split(",", -1);
            facts.trial(Long.parseLong(t[0]), Long.parseLong(t[1]), t[2], t[3].isBlank() ? null : t[3]);
        }
        if (freeMonth != null) {
            String[] f = freeMonth.split(",");
            facts.freeMonth(Long.parseLong(f[0]), Long.parseLong(f[1]), f[2].split(" "));
        }

        Statement s = facts.settle();

        assertThat(s.totals().listCost().toDecimalString()).as("listCost").isEqualTo(list);
        assertThat(s.totals().eligibleCost().toDecimalString()).as("eligibleCost").isEqualTo(eligible);
        assertThat(s.totals().discount().toDecimalString()).as("discount").isEqualTo(discount);
        assertThat(paidByIncentives(s)).as("paid by incentives").isEqualTo(paid);
        assertThat(s.totals().payable().toDecimalString()).as("payable").isEqualTo(payable);
    }

    @Test
    void aTrialLineNamesTheTrialAndItsDays() {
        Statement s = Facts.of("oblakoteka", "2026-04", PartnerModel.WHITE_LABEL, "PROFESSIONAL", "2020-01-01").link(1)
                .usage("1,ElasticCloud KVM,2000.00,MONEY,USAGE,2026-04-15").trial(7, 1, "2026-04-10", "2026-04-23").settle();

        StatementLine trial = s.lines().stream().filter(l -> l.kind() == StatementLine.Kind.TRIAL).findFirst().orElseThrow();
        assertThat(trial.customerId()).isEqualTo(1L);
        assertThat(trial.amount().toDecimalString()).isEqualTo("2000.00");
        assertThat(io.partnerhub.shared.ReasonText.english(trial.reason()))
                .isEqualTo("Trial #7 from 2026-04-10 to 2026-04-23: consumption paid by the provider");
    }

    /** An agent earns no reward on what the provider paid: 27 % of the 1 500 outside the trial; nothing payable. */
    @Test
    void anAgentEarnsNothingOnATrial() {
        Statement s = Facts.of("oblakoteka", "2026-04", PartnerModel.AGENT, "PROFESSIONAL", "2020-01-01").link(1)
                .usage("1,ElasticCloud KVM,1000.00,MONEY,USAGE,2026-04-05; 1,ElasticCloud KVM,2000.00,MONEY,USAGE,2026-04-15;"
                        + " 1,ElasticCloud KVM,500.00,MONEY,USAGE,2026-04-25")
                .trial(1, 1, "2026-04-10", "2026-04-23").settle();

        assertThat(s.totals().listCost().toDecimalString()).isEqualTo("3500.00");
        assertThat(s.totals().eligibleCost().toDecimalString()).isEqualTo("1500.00");
        assertThat(s.totals().reward().toDecimalString()).isEqualTo("405.00");
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("0.00");
    }

    /**
     * The sandbox: own consumption 3 000 on sb-1 (free) + 1 000 Backup (own, at list), customer 2 000 Databases
     * (27 % = 540): payable 6 000 - 540 - 3 000 = 2 460.
     */
    @Test
    void aProfessionalPartnersSandboxIsPaidByTheProvider() {
        Statement s = Facts.of("oblakoteka", "2026-04", PartnerModel.WHITE_LABEL, "PROFESSIONAL", "2020-01-01").link(1)
                .usage("own,ElasticCloud KVM,3000.00; own,Backup,1000.00; 1,Databases,2000.00")
                .resources("own,sb-1,ElasticCloud KVM,2026-04-03,3000.00")
                .sandbox(4, "sb-1", "2026-01-15", "2020-01-01 PROFESSIONAL").settle();

        assertThat(s.totals().listCost().toDecimalString()).isEqualTo("6000.00");
        assertThat(s.totals().eligibleCost().toDecimalString()).isEqualTo("2000.00");
        assertThat(paidByIncentives(s)).isEqualTo("3000.00");
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("2460.00");
        assertThat(amountOf(s, StatementLine.Kind.EXCLUSION)).isEqualTo("-1000.00");
        StatementLine sandbox = line(s, StatementLine.Kind.SANDBOX);
        assertThat(io.partnerhub.shared.ReasonText.english(sandbox.reason()))
                .isEqualTo("Sandbox #4 (KVM, resource sb-1) free while the partner is PROFESSIONAL: consumption paid by"
                        + " the provider");
    }

    /**
     * Downgraded to Basic on 2026-10-01 (as a Reseller): the sandbox stays free for 6 months, through
     * March 2027, and is the partner's own consumption at list from April 2027.
     */
    @ParameterizedTest(name = "{0}: sandbox line {1}, payable {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-09 | 3000.00 | 0.00
            2026-10 | 3000.00 | 0.00
            2027-03 | 3000.00 | 0.00
            2027-04 | 0.00    | 3000.00
            2027-05 | 0.00    | 3000.00
            """)
    void theSandboxIsPaidSixMonthsAfterADowngrade(String period, String sandbox, String payable) {
        java.time.YearMonth month = java.time.YearMonth.parse(period);
        String day = month.atDay(3).toString();
        boolean professional = month.isBefore(java.time.YearMonth.of(2026, 10));
        Statement s = Facts.of("oblakoteka", period, professional ? PartnerModel.WHITE_LABEL : PartnerModel.RESELLER,
                        professional ? "PROFESSIONAL" : "BASIC", "2026-03-01")
                .usage("own,ElasticCloud KVM,3000.00")
                .resources("own,sb-1,ElasticCloud KVM," + day + ",3000.00")
                .sandbox(4, "sb-1", "2026-05-01", "2026-03-01 PROFESSIONAL; 2026-10-01 BASIC").settle();

        assertThat(amountOf(s, StatementLine.Kind.SANDBOX)).isEqualTo(sandbox);
        assertThat(s.totals().payable().toDecimalString()).isEqualTo(payable);
        if (period.equals("2027-03")) {
            assertThat(io.partnerhub.shared.ReasonText.english(line(s, StatementLine.Kind.SANDBOX).reason()))
                    .contains("free after the downgrade of 2026-10-01 until 2027-03-31");
        }
    }

    @Test
    void theSandboxIsFreeOnlyFromTheDayItWasRequested() {
        Statement s = Facts.of("oblakoteka", "2026-04", PartnerModel.WHITE_LABEL, "PROFESSIONAL", "2020-01-01")
                .usage("own,ElasticCloud KVM,3000.00")
                .resources("own,sb-1,ElasticCloud KVM,2026-04-09,1000.00; own,sb-1,ElasticCloud KVM,2026-04-10,2000.00")
                .sandbox(4, "sb-1", "2026-04-10", "2020-01-01 PROFESSIONAL").settle();

        assertThat(amountOf(s, StatementLine.Kind.SANDBOX)).isEqualTo("2000.00");
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("1000.00");
    }

    /**
     * Case study 40 000 and a Telegram comment 15 000 are rewards on top; the sales-manager bonus is
     * 100 % of customer 1's month after discount: 10 000 list, free month 6 000, 27 % of 4 000 = 1 080:
     * 10 000 - 1 080 - 6 000 = 2 920.
     */
    @Test
    void oneOffBonusesArePaidOutAsRewardLines() {
        Statement s = Facts.of("oblakoteka", "2026-04", PartnerModel.WHITE_LABEL, "PROFESSIONAL", "2020-01-01").link(1)
                .usage("1,ElasticCloud KVM,10000.00")
                .resources("1,vm-1,ElasticCloud KVM,2026-04-05,6000.00").freeMonth(1, 1, "vm-1")
                .bonus(11, BonusKind.CASE_STUDY, "40000.00", null, "2026-04-07")
                .bonus(12, BonusKind.TELEGRAM_COMMENT, "15000.00", null, "2026-04-08")
                .bonus(13, BonusKind.SALES_MANAGER, null, 1L, "2026-04-30").settle();

        List<StatementLine> bonuses = s.lines().stream().filter(l -> l.kind() == StatementLine.Kind.BONUS_PAYMENT).toList();
        assertThat(bonuses).extracting(l -> l.amount().toDecimalString()).containsExactly("40000.00", "15000.00", "2920.00");
        assertThat(bonuses.get(2).base().toDecimalString()).isEqualTo("2920.00");
        assertThat(bonuses.get(2).rate()).isEqualByComparingTo("100");
        assertThat(s.totals().reward().toDecimalString()).isEqualTo("57920.00");
        assertThat(s.totals().payable().toDecimalString()).isEqualTo("2920.00");
        assertThat(io.partnerhub.shared.ReasonText.english(bonuses.get(2).reason()))
                .isEqualTo("Sales-manager bonus: 100 % of the customer's cost in 2026-04 after the discount ('ref 13',"
                        + " granted 2026-04-30)");
    }

    private static String paidByIncentives(Statement s) {
        return s.lines().stream().filter(l -> PAID_BY_INCENTIVES.contains(l.kind())).map(StatementLine::amount)
                .reduce(Money.zero("RUB").rounded(), Money::plus).toDecimalString();
    }

    private static String amountOf(Statement s, StatementLine.Kind kind) {
        return s.lines().stream().filter(l -> l.kind() == kind).map(StatementLine::amount)
                .reduce(Money.zero("RUB").rounded(), Money::plus).toDecimalString();
    }

    private static StatementLine line(Statement s, StatementLine.Kind kind) {
        return s.lines().stream().filter(l -> l.kind() == kind).findFirst().orElseThrow();
    }
}
