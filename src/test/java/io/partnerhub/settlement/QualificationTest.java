package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.Statement.StandingChange;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import io.partnerhub.shared.ReasonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tier qualification, walked month by month with each statement fed back as history and each
 * standing change applied from its effective month: Oblakoteka's Professional state machine
 * (PROGRAMS.md, "Professional qualification") and VK Cloud's quarterly statuses ("Statuses").
 */
class QualificationTest {

    /** One walked month: the statement and the model and tier it was settled in. */
    private record Walked(Statement statement, PartnerModel model, String tier) {
    }

    /**
     * Settles consecutive months from {@code first}, customer 1 consuming {@code usage[i]} in month i
     * (a usage cell, or a bare amount of ElasticCloud KVM / Cloud Servers).
     */
    private static List<Walked> walk(String program, PartnerModel model, String tier, String contract, String first,
                                     String exam, int certified, String... usage) {
        List<Walked> walked = new ArrayList<>();
        List<PriorStatement> history = new ArrayList<>();
        String service = program.equals("vk-cloud") ? "Cloud Servers" : "ElasticCloud KVM";
        YearMonth month = YearMonth.parse(first);
        for (String cell : usage) {
            Facts facts = Facts.of(program, month.toString(), model, tier, contract).link(1).certified(certified)
                    .usage(cell.contains(",") ? cell : "1," + service + "," + cell);
            history.forEach(facts::prior);
            if (exam != null) {
                facts.exam(exam);
            }
            Statement s = facts.settle();
            walked.add(new Walked(s, model, tier));
            history.add(WorkedExamplesTest.prior(s));
            if (s.standingChange().isPresent()) {
                StandingChange change = s.standingChange().get();
                assertThat(change.effectiveFrom()).isEqualTo(month.plusMonths(1).atDay(1));
                model = change.model();
                tier = change.tier();
            }
            month = month.plusMonths(1);
        }
        return walked;
    }

    @ParameterizedTest(name = "{0} exam {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # Contract 2026-01-01, walked from January. Windows: the open window after each month ("-": none).
            # model    | exam       | customers' list cost per month, January on              | windows after each month                                     | change from | model after
            # first window = months 1-6 (January-June); nothing meets it: Basic from July
            AGENT       |            | 5000;5000;5000;5000;5000;5000                           | 2026-01;2026-01;2026-01;2026-01;2026-01;-                      | 2026-07-01  | REFERRAL
            WHITE_LABEL |            | 5000;5000;5000;5000;5000;5000                           | 2026-01;2026-01;2026-01;2026-01;2026-01;-                      | 2026-07-01  | RESELLER
            AGENT       |            | 29999.99;29999.99;29999.99;29999.99;29999.99;29999.99   | 2026-01;2026-01;2026-01;2026-01;2026-01;-                      | 2026-07-01  | REFERRAL
            # the worked example, shifted: month 1 meets it, month 2 opens a window of months 2-7
            AGENT       |            | 35000;5000;5000;5000;5000;5000;5000                     | -;2026-02;2026-02;2026-02;2026-02;2026-02;-                    | 2026-08-01  | REFERRAL
            # March closes the first window; April opens April-September
            AGENT       |            | 5000;5000;30000.00;5000;5000;5000;5000;5000;5000        | 2026-01;2026-01;-;2026-04;2026-04;2026-04;2026-04;2026-04;-    | 2026-10-01  | REFERRAL
            # the window's last month meets it: closed; July opens a new one
            AGENT       |            | 5000;5000;5000;5000;5000;30000;5000                     | 2026-01;2026-01;2026-01;2026-01;2026-01;-;2026-07              | none        | AGENT
            # closed in February; March opens March-August; August (its 6th month) meets it
            WHITE_LABEL |            | 5000;40000;5000;5000;5000;5000;5000;40000;5000          | 2026-01;-;2026-03;2026-03;2026-03;2026-03;2026-03;-;2026-09    | none        | WHITE_LABEL
            # an exam passed before a month's end meets the requirement of that month and every later one
            AGENT       | 2026-01-15 | 5000;5000;5000;5000;5000;5000;5000                      | -;-;-;-;-;-;-                                                 | none        | AGENT
            AGENT       | 2025-11-01 | 5000;5000;5000;5000;5000;5000;5000                      | -;-;-;-;-;-;-                                                 | none        | AGENT
            AGENT       | 2026-06-30 | 5000;5000;5000;5000;5000;5000;5000                      | 2026-01;2026-01;2026-01;2026-01;2026-01;-;-                    | none        | AGENT
            AGENT       | 2026-07-01 | 5000;5000;5000;5000;5000;5000                           | 2026-01;2026-01;2026-01;2026-01;2026-01;-                      | 2026-07-01  | REFERRAL
            """)
    void professionalWindows(PartnerModel model, String exam, String amounts, String windows, String changeFrom,
                             PartnerModel modelAfter) {
        List<Walked> walked = walk("oblakoteka", model, "PROFESSIONAL", "2026-01-01", "2026-01", exam, 0,
                amounts.split(";"));

        List<String> expectedWindows = Arrays.asList(windows.split(";"));
        assertThat(walked).extracting(w -> w.statement().qualificationWindow() == null ? "-"
                : w.statement().qualificationWindow().toString()).containsExactlyElementsOf(expectedWindows);
        List<StandingChange> changes = walked.stream().flatMap(w -> w.statement().standingChange().stream()).toList();
        if (changeFrom.equals("none")) {
            assertThat(changes).isEmpty();
        } else {
            assertThat(changes).singleElement().satisfies(c -> {
                assertThat(c.effectiveFrom()).isEqualTo(LocalDate.parse(changeFrom));
                assertThat(c.model()).isEqualTo(modelAfter);
                assertThat(c.tier()).isEqualTo("BASIC");
                assertThat(ReasonText.english(c.reason())).contains("PROFESSIONAL to BASIC");
            });
            assertThat(walked.getLast().statement().standingChange()).isPresent();
        }
    }

    @ParameterizedTest(name = "{0} {1} exam {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # A Basic partner in March 2026; the requirement: exam passed by 2026-03-31, or customers' list cost >= 30 000.00
            # model  | customers' usage                                                   | exam       | model from April
            REFERRAL | 1,ElasticCloud KVM,30000.00                                        |            | AGENT
            RESELLER | 1,ElasticCloud KVM,30000.00                                        |            | WHITE_LABEL
            RESELLER | 1,ElasticCloud KVM,29999.99                                        |            | none
            # list cost before discount, other services included: 20 000.00 + 10 000.00
            REFERRAL | 1,ElasticCloud KVM,20000.00; 1,MONT Office,10000.00                 |            | AGENT
            # 35 000.00 - 5 000.01 = 29 999.99
            RESELLER | 1,Databases,35000.00; 1,Databases,-5000.01,MONEY,ADJUSTMENT         |            | none
            # the partner's own consumption is not its customers'
            REFERRAL | 1,ElasticCloud KVM,5000.00; own,ElasticCloud KVM,25000.00            |            | none
            REFERRAL | 1,ElasticCloud KVM,5000.00                                         | 2026-03-31 | AGENT
            RESELLER | 1,ElasticCloud KVM,5000.00                                         | 2026-04-01 | none
            """)
    void aBasicPartnerMeetingTheRequirementBecomesProfessionalNextMonth(PartnerModel model, String usage, String exam,
                                                                       String upgraded) {
        Facts facts = Facts.of("oblakoteka", "2026-03", model, "BASIC", "2025-01-01").link(1).usage(usage);
        if (exam != null) {
            facts.exam(exam);
        }
        Statement s = facts.settle();

        assertThat(s.qualificationWindow()).isNull();
        if (upgraded.equals("none")) {
            assertThat(s.standingChange()).isEmpty();
            assertThat(s.measures().get("requirementMet")).isZero();
        } else {
            assertThat(s.standingChange()).hasValueSatisfying(c -> {
                assertThat(c.effectiveFrom()).isEqualTo(LocalDate.parse("2026-04-01"));
                assertThat(c.model()).isEqualTo(PartnerModel.valueOf(upgraded));
                assertThat(c.tier()).isEqualTo("PROFESSIONAL");
                assertThat(ReasonText.english(c.reason())).contains("BASIC to PROFESSIONAL", "requirement met in 2026-03");
            });
            assertThat(s.measures().get("requirementMet")).isEqualByComparingTo("1");
        }
    }

    @Test
    void anUpgradedResellerIsSettledAsWhiteLabelAndItsFirstLowMonthOpensAWindow() {
        // March as Reseller: 12 % x 30 000.00 = 3 600.00. April as White Label: 27 % x 5 000.00 = 1 350.00.
        List<Walked> walked = walk("oblakoteka", PartnerModel.RESELLER, "BASIC", "2025-01-01", "2026-03", null, 0,
                "30000.00", "5000.00");
        assertThat(walked.get(0).statement().totals().discount().toDecimalString()).isEqualTo("3600.00");
        Statement april = walked.get(1).statement();
        assertThat(april.model()).isEqualTo(PartnerModel.WHITE_LABEL);
        assertThat(april.tier()).isEqualTo("PROFESSIONAL");
        assertThat(april.totals().discount().toDecimalString()).isEqualTo("1350.00");
        assertThat(april.qualificationWindow()).isEqualTo(YearMonth.parse("2026-04"));
        assertThat(april.standingChange()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1}: {3} x 3 of {2}, {4} certified -> {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # Walked January-March 2026, the same eligible consumption each month; evaluated at March's close.
            # model     | tier     | service       | monthly      | certified | tier from April
            # 3 x 1 000 000.00 = 3 000 000.00 and 2 certified: Gold
            PARTNER     | SILVER   | Cloud Servers | 1000000.00   | 2         | GOLD
            WHITE_LABEL | SILVER   | Cloud Servers | 1000000.00   | 2         | GOLD
            # 3 x 999 999.99 = 2 999 999.97
            PARTNER     | SILVER   | Cloud Servers | 999999.99    | 2         | none
            PARTNER     | SILVER   | Cloud Servers | 1000000.00   | 1         | none
            # 3 x 3 333 333.34 = 10 000 000.02
            PARTNER     | SILVER   | Cloud Servers | 3333333.34   | 4         | PLATINUM
            # 3 x 3 333 333.33 = 9 999 999.99
            PARTNER     | SILVER   | Cloud Servers | 3333333.33   | 4         | GOLD
            PARTNER     | SILVER   | Cloud Servers | 3333333.34   | 3         | GOLD
            # Marketplace is not eligible consumption
            PARTNER     | SILVER   | Marketplace   | 1000000.00   | 2         | none
            PARTNER     | GOLD     | Cloud Servers | 1000000.00   | 2         | none
            PARTNER     | GOLD     | Cloud Servers | 500000.00    | 2         | SILVER
            PARTNER     | GOLD     | Cloud Servers | 1000000.00   | 1         | SILVER
            PARTNER     | PLATINUM | Cloud Servers | 3333333.34   | 4         | none
            PARTNER     | PLATINUM | Cloud Servers | 1000000.00   | 4         | GOLD
            PARTNER     | PLATINUM | Cloud Servers | 100.00       | 4         | SILVER
            """)
    void vkStatusAtTheQuartersClose(PartnerModel model, String tier, String service, String monthly, int certified,
                                    String expected) {
        String cell = "1," + service + "," + monthly;
        List<Walked> walked = walk("vk-cloud", model, tier, "2025-01-01", "2026-01", null, certified, cell, cell, cell);

        assertThat(walked.get(0).statement().standingChange()).isEmpty();
        assertThat(walked.get(1).statement().standingChange()).isEmpty();
        Statement march = walked.get(2).statement();
        if (expected.equals("none")) {
            assertThat(march.standingChange()).isEmpty();
        } else {
            assertThat(march.standingChange()).hasValueSatisfying(c -> {
                assertThat(c.effectiveFrom()).isEqualTo(LocalDate.parse("2026-04-01"));
                assertThat(c.tier()).isEqualTo(expected);
                assertThat(c.model()).isEqualTo(model);
                assertThat(ReasonText.english(c.reason())).contains("2026-Q1");
            });
        }
    }

    @Test
    void aNonQuarterEndMonthNeverChangesTheTierAndTheNewTierAppliesFromTheNextMonth() {
        // 4 000 000.00 a month, 4 certified: Platinum is earned at March's close (12 000 000.00), not before.
        List<Walked> walked = walk("vk-cloud", PartnerModel.PARTNER, "SILVER", "2025-01-01", "2026-01", null, 4,
                "4000000.00", "4000000.00", "4000000.00", "10000.00", "10000.00");
        assertThat(walked).extracting(w -> w.statement().standingChange().map(StandingChange::tier).orElse("-"))
                .containsExactly("-", "-", "PLATINUM", "-", "-");
        // April and May as Platinum: 15 % x 10 000.00
        assertThat(walked.get(3).statement().tier()).isEqualTo("PLATINUM");
        assertThat(walked.get(3).statement().lines()).filteredOn(l -> l.kind() == Kind.DISCOUNT)
                .singleElement().satisfies(l -> assertThat(l.amount().toDecimalString()).isEqualTo("1500.00"));
    }

    @Test
    void aFallingPlatinumPartnerIsSilverAgainAfterTheNextQuarterEnd() {
        // Q2 2026: 100.00 a month; evaluated at June's close only.
        List<Walked> walked = walk("vk-cloud", PartnerModel.PARTNER, "PLATINUM", "2025-01-01", "2026-04", null, 4,
                "100.00", "100.00", "100.00", "100.00");
        assertThat(walked).extracting(w -> w.statement().standingChange().map(StandingChange::tier).orElse("-"))
                .containsExactly("-", "-", "SILVER", "-");
        assertThat(walked.get(3).tier()).isEqualTo("SILVER");
    }

    @Test
    void vkAgentsHaveNoStatus() {
        List<Walked> walked = walk("vk-cloud", PartnerModel.AGENT, null, "2025-01-01", "2026-01", null, 10,
                "5000000.00", "5000000.00", "5000000.00");
        assertThat(walked).allSatisfy(w -> assertThat(w.statement().standingChange()).isEmpty());
    }
}
