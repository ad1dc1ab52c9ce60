package io.partnerhub.settlement;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.settlement.rules.Measures;
import io.partnerhub.settlement.rules.PartnerMonth.PriorStatement;
import io.partnerhub.settlement.rules.PartnerMonth.ProjectFact;
import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.Statement.Accrual;
import io.partnerhub.settlement.rules.StatementLine;
import io.partnerhub.settlement.rules.StatementLine.Kind;
import io.partnerhub.shared.ReasonText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebates on their own calendars (PROGRAMS.md): Oblakoteka's half-year KVM and MONT Office rebates and
 * quarterly growth rebate, Yandex Cloud's quarterly specialization rebate and project registrations.
 */
class RebateRulesTest {

    private static PriorStatement prior(YearMonth period, PartnerModel model, String key, String value) {
        return new PriorStatement(period, model, tierOf(model), null, Map.of(key, new BigDecimal(value)));
    }

    private static String tierOf(PartnerModel model) {
        return model == PartnerModel.AGENT || model == PartnerModel.WHITE_LABEL ? "PROFESSIONAL" : "BASIC";
    }

    @ParameterizedTest(name = "{0} {1} after {2}, {3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # Each of the six months before the period: the service's cost after the partner's rate 14 600.00
            # (20 000.00 less 27 %), in the model given (oldest first). 10 % of the months in AGENT or WHITE_LABEL.
            # period | model       | models of the six months before                         | service          | rebate
            # 6 x 14 600.00 = 87 600.00; 10 % = 8 760.00
            2027-01  | AGENT       | AGENT;AGENT;AGENT;AGENT;AGENT;AGENT                     | ElasticCloud KVM | 8760.00
            2026-07  | AGENT       | AGENT;AGENT;AGENT;AGENT;AGENT;AGENT                     | ElasticCloud KVM | 8760.00
            2026-07  | AGENT       | AGENT;AGENT;AGENT;AGENT;AGENT;AGENT                     | MONT Office      | 8760.00
            2027-01  | WHITE_LABEL | WHITE_LABEL;WHITE_LABEL;WHITE_LABEL;WHITE_LABEL;WHITE_LABEL;WHITE_LABEL | MONT Office | 8760.00
            # only in January and July
            2026-06  | AGENT       | AGENT;AGENT;AGENT;AGENT;AGENT;AGENT                     | ElasticCloud KVM | 0.00
            2026-08  | AGENT       | AGENT;AGENT;AGENT;AGENT;AGENT;AGENT                     | ElasticCloud KVM | 0.00
            2026-12  | WHITE_LABEL | WHITE_LABEL;WHITE_LABEL;WHITE_LABEL;WHITE_LABEL;WHITE_LABEL;WHITE_LABEL | ElasticCloud KVM | 0.00
            2027-02  | AGENT       | AGENT;AGENT;AGENT;AGENT;AGENT;AGENT                     | MONT Office      | 0.00
            # only over the months in a Professional model: 3 x 14 600.00 = 43 800.00 -> 4 380.00; 2 x -> 2 920.00
            2027-01  | AGENT       | REFERRAL;REFERRAL;REFERRAL;AGENT;AGENT;AGENT            | ElasticCloud KVM | 4380.00
            2027-01  | WHITE_LABEL | RESELLER;RESELLER;RESELLER;RESELLER;WHITE_LABEL;WHITE_LABEL | ElasticCloud KVM | 2920.00
            2027-01  | RESELLER    | RESELLER;RESELLER;RESELLER;RESELLER;RESELLER;RESELLER   | ElasticCloud KVM | 0.00
            2026-07  | REFERRAL    | REFERRAL;REFERRAL;REFERRAL;REFERRAL;REFERRAL;REFERRAL   | MONT Office      | 0.00
            """)
    void halfYearServiceRebates(String period, PartnerModel model, String models, String service, String rebate) {
        YearMonth month = YearMonth.parse(period);
        Facts facts = Facts.of("oblakoteka", period, model, tierOf(model), "2024-01-01").exam("2024-02-01");
        String[] before = models.split(";");
        for (int i = 0; i < 6; i++) {
            facts.prior(prior(month.minusMonths(6 - i), PartnerModel.valueOf(before[i].strip()),
                    Measures.afterDiscount(service), "14600.00"));
        }
        Statement s = facts.settle();

        assertThat(s.totals().rebate().toDecimalString()).isEqualTo(rebate);
        assertThat(s.accruals()).isEmpty();
        if (!rebate.equals("0.00")) {
            StatementLine line = s.lines().stream().filter(l -> l.kind() == Kind.REBATE).findFirst().orElseThrow();
            assertThat(ReasonText.english(line.reason())).contains(service, month.minusMonths(6) + " to " + month.minusMonths(1));
            if (model == PartnerModel.AGENT) {
                assertThat(ReasonText.english(line.reason())).contains("paid to the bank account");
                assertThat(s.measures()).doesNotContainKey(Measures.NEXT_STATEMENT_DISCOUNT);
            } else {
                assertThat(s.measures().get(Measures.NEXT_STATEMENT_DISCOUNT)).isEqualByComparingTo(rebate);
            }
        }
    }

    @Test
    void whiteLabelsMontOfficeRebateIsADiscountOnTheNextStatement() {
        // January-June: MONT Office 10 000.00 a month at its own rate 0 %: 60 000.00; 10 % = 6 000.00 in July.
        List<PriorStatement> history = new ArrayList<>();
        Statement july = null;
        Statement august = null;
        for (YearMonth m = YearMonth.of(2026, 1); !m.isAfter(YearMonth.of(2026, 8)); m = m.plusMonths(1)) {
            Facts facts = Facts.of("oblakoteka", m.toString(), PartnerModel.WHITE_LABEL, "PROFESSIONAL", "2025-01-01")
                    .exam("2025-01-10").link(1)
                    .usage(m.getMonthValue() <= 6 ? "1,MONT Office,10000.00" : "1,ElasticCloud KVM,10000.00");
            history.forEach(facts::prior);
            Statement s = facts.settle();
            history.add(WorkedExamplesTest.prior(s));
            july = m.getMonthValue() == 7 ? s : july;
            august = m.getMonthValue() == 8 ? s : august;
        }
        // July: 27 % x 10 000.00 = 2 700.00; the rebate does not touch July's payable.
        assertThat(july.totals().rebate().toDecimalString()).isEqualTo("6000.00");
        assertThat(july.totals().payable().toDecimalString()).isEqualTo("7300.00");
        assertThat(july.measures().get(Measures.NEXT_STATEMENT_DISCOUNT)).isEqualByComparingTo("6000.00");
        assertThat(july.accruals()).isEmpty();
        // August: 2 700.00 + the carried 6 000.00; payable 10 000.00 - 8 700.00.
        assertThat(august.lines()).filteredOn(l -> l.kind() == Kind.DISCOUNT && l.customerId() == null)
                .singleElement().satisfies(l -> {
                    assertThat(l.amount().toDecimalString()).isEqualTo("6000.00");
                    assertThat(ReasonText.english(l.reason())).contains("2026-07");
                });
        assertThat(august.totals().discount().toDecimalString()).isEqualTo("8700.00");
        assertThat(august.totals().payable().toDecimalString()).isEqualTo("1300.00");
        assertThat(august.totals().rebate().toDecimalString()).isEqualTo("0.00");
    }

    @Test
    void anAgentDowngradedFromJanuaryStillGetsTheRebateOfItsAgentMonths() {
        Facts facts = Facts.of("oblakoteka", "2027-01", PartnerModel.REFERRAL, "BASIC", "2024-01-01");
        for (int m = 7; m <= 12; m++) {
            facts.prior(prior(YearMonth.of(2026, m), PartnerModel.AGENT, Measures.afterDiscount("ElasticCloud KVM"), "14600.00"));
        }
        assertThat(facts.settle().totals().rebate().toDecimalString()).isEqualTo("8760.00");
    }

    @ParameterizedTest(name = "{0} contracted {1}, {2}: {6}")
    @CsvSource(delimiter = '|', textBlock = """
            # Main-services revenue after the partner's rate: the previous quarter's three months, this quarter's
            # first two, and this month's Databases list cost (27 % off: 80 000.00 -> 58 400.00).
            # model     | contract   | period  | previous quarter      | first two     | Databases | rebate
            # 146 000.00 -> 58 400.00 x 3 = 175 200.00: 30 % x 29 200.00 = 8 760.00
            WHITE_LABEL | 2025-06-01 | 2026-06 | 50000;48000;48000     | 58400;58400   | 80000.00  | 8760.00
            AGENT       | 2025-06-01 | 2026-06 | 50000;48000;48000     | 58400;58400   | 80000.00  | 8760.00
            AGENT       | 2025-06-01 | 2026-09 | 50000;48000;48000     | 58400;58400   | 80000.00  | 8760.00
            # in the program from the first day of the previous quarter, or not
            AGENT       | 2026-01-01 | 2026-06 | 50000;48000;48000     | 58400;58400   | 80000.00  | 8760.00
            AGENT       | 2026-01-02 | 2026-06 | 50000;48000;48000     | 58400;58400   | 80000.00  | 0.00
            # only at a quarter's last month
            AGENT       | 2025-06-01 | 2026-05 | 50000;48000;48000     | 58400;58400   | 80000.00  | 0.00
            WHITE_LABEL | 2025-06-01 | 2026-07 | 50000;48000;48000     | 58400;58400   | 80000.00  | 0.00
            # revenue fell (180 000.00 -> 175 200.00) or stayed: nothing
            AGENT       | 2025-06-01 | 2026-06 | 60000;60000;60000     | 58400;58400   | 80000.00  | 0.00
            WHITE_LABEL | 2025-06-01 | 2026-06 | 58400;58400;58400     | 58400;58400   | 80000.00  | 0.00
            # Professional models only
            RESELLER    | 2025-06-01 | 2026-06 | 50000;48000;48000     | 58400;58400   | 80000.00  | 0.00
            REFERRAL    | 2025-06-01 | 2026-06 | 50000;48000;48000     | 58400;58400   | 80000.00  | 0.00
            """)
    void quarterlyGrowthRebate(PartnerModel model, String contract, String period, String previous, String firstTwo,
                               String databases, String rebate) {
        YearMonth month = YearMonth.parse(period);
        Facts facts = Facts.of("oblakoteka", period, model, tierOf(model), contract).link(1)
                .usage("1,Databases," + databases);
        String[] values = (previous + ";" + firstTwo).split(";");
        for (int i = 0; i < 5; i++) {
            facts.prior(prior(month.minusMonths(5 - i), model, Measures.MAIN_AFTER_DISCOUNT, values[i].strip()));
        }
        Statement s = facts.settle();

        assertThat(s.totals().rebate().toDecimalString()).isEqualTo(rebate);
        if (model == PartnerModel.WHITE_LABEL && !rebate.equals("0.00")) {
            assertThat(s.measures().get(Measures.NEXT_STATEMENT_DISCOUNT)).isEqualByComparingTo(rebate);
        } else {
            assertThat(s.measures()).doesNotContainKey(Measures.NEXT_STATEMENT_DISCOUNT);
        }
    }

    /** Walks a Yandex Cloud reseller through the months, customer 1 consuming the same every month. */
    private static List<Statement> yandexQuarter(String first, String specializations) {
        List<Statement> walked = new ArrayList<>();
        List<PriorStatement> history = new ArrayList<>();
        for (YearMonth m = YearMonth.parse(first); walked.size() < 3; m = m.plusMonths(1)) {
            Facts facts = Facts.of("yandex-cloud", m.toString(), PartnerModel.RESELLER, null, "2024-01-01").link(1)
                    .usage("1,Compute Cloud,10000.00; 1,object storage,5000.00; 1,Managed Service for PostgreSQL,20000.00;"
                            + " 1,Cloud Functions,4000.00; 1,Marketplace,1000.00; 1,Compute Cloud,1000.00,GRANT");
            if (specializations != null) {
                for (String name : specializations.split(";")) {
                    facts.specialization(name.strip());
                }
            }
            history.forEach(facts::prior);
            Statement s = facts.settle();
            history.add(WorkedExamplesTest.prior(s));
            walked.add(s);
        }
        return walked;
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # Each month of Q1 2026: Compute Cloud 10 000.00, Object Storage 5 000.00, PostgreSQL 20 000.00,
            # Cloud Functions 4 000.00 (Marketplace and the grant-funded row are not eligible).
            # held                       | rebate  | lines
            # 3 % x 3 x (10 000.00 + 5 000.00) = 3 % x 45 000.00
            infrastructure               | 1350.00 | 1
            # 5 % x 3 x 20 000.00
            data-platform                | 3000.00 | 1
            # 5 % x 3 x 4 000.00 (no Kubernetes)
            containers                   | 600.00  | 1
            infrastructure;containers    | 1950.00 | 2
            quantum-computing            | 0.00    | 0
            """)
    void yandexSpecializationRebateAtTheQuartersEnd(String held, String rebate, int lines) {
        List<Statement> quarter = yandexQuarter("2026-01", held);
        assertThat(quarter.get(0).totals().rebate().toDecimalString()).isEqualTo("0.00");
        assertThat(quarter.get(1).totals().rebate().toDecimalString()).isEqualTo("0.00");
        Statement march = quarter.get(2);

        assertThat(march.totals().rebate().toDecimalString()).isEqualTo(rebate);
        assertThat(march.accruals()).hasSize(lines).allSatisfy(a -> {
            StatementLine line = march.lines().get(a.lineNo() - 1);
            assertThat(line.kind()).isEqualTo(Kind.REBATE);
            assertThat(line.amount()).isEqualTo(a.amount());
        });
        assertThat(march.accruals().stream().map(Accrual::amount).map(m -> m.amount()).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(rebate);
    }

    @Test
    void theOlderYandexTermsHaveNoSpecializationRebate() {
        assertThat(yandexQuarter("2025-10", "infrastructure").get(2).totals().rebate().toDecimalString()).isEqualTo("0.00");
    }

    private static ProjectFact project(String registeredOn, String period, String consumed) {
        // Baseline: 5 000.00, 7 000.00 and 6 000.00 in March-May 2026, average 6 000.00.
        Map<YearMonth, BigDecimal> consumption = new HashMap<>(Map.of(YearMonth.parse("2026-03"), new BigDecimal("5000.00"),
                YearMonth.parse("2026-04"), new BigDecimal("7000.00"), YearMonth.parse("2026-05"), new BigDecimal("6000.00")));
        consumption.putIfAbsent(YearMonth.parse(period), new BigDecimal(consumed));
        // validUntil as ProjectRegistrations records it: registeredOn plus the program's 12 months.
        return new ProjectFact(7, 40, "folder-1", LocalDate.parse(registeredOn), LocalDate.parse(registeredOn).plusMonths(12),
                new BigDecimal("12"), consumption);
    }

    @ParameterizedTest(name = "{0}: {1} consumed, rebate {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # Registered 2026-06-01 at 12 %: 12 % x (consumed - 6 000.00), never negative, June 2026 to May 2027.
            # period | consumed  | rebate
            2026-06  | 26000.00  | 2400.00
            # 12 % x 1 500.00
            2026-09  | 7500.00   | 180.00
            # the 12th month
            2027-05  | 26000.00  | 2400.00
            # before the registration month, and after its 12 months
            2026-02  | 26000.00  | 0.00
            2027-06  | 26000.00  | 0.00
            # no growth, negative growth
            2026-11  | 6000.00   | 0.00
            2026-12  | 5000.00   | 0.00
            """)
    void yandexProjectRegistration(String period, String consumed, String rebate) {
        Statement s = Facts.of("yandex-cloud", period, PartnerModel.RESELLER, null, "2024-01-01")
                .project(project("2026-06-01", period, consumed)).settle();

        assertThat(s.totals().rebate().toDecimalString()).isEqualTo(rebate);
        assertThat(s.totals().listCost().toDecimalString()).isEqualTo("0.00");
        assertThat(s.accruals()).extracting(a -> a.amount().toDecimalString())
                .containsExactlyElementsOf(rebate.equals("0.00") ? List.of() : List.of(rebate));
    }

    @Test
    void aMidMonthRegistrationEarnsTwelveMonthlyRebates() {
        int months = 0;
        for (YearMonth m = YearMonth.of(2026, 6); m.isBefore(YearMonth.of(2027, 9)); m = m.plusMonths(1)) {
            Statement s = Facts.of("yandex-cloud", m.toString(), PartnerModel.RESELLER, null, "2024-01-01")
                    .project(project("2026-06-15", m.toString(), "26000.00")).settle();
            months += s.totals().rebate().amount().signum() > 0 ? 1 : 0;
        }
        assertThat(months).isEqualTo(12);
    }

    @Test
    void nothingAccruesAfterThePartnersEndDate() {
        Statement s = Facts.of("yandex-cloud", "2026-07", PartnerModel.RESELLER, null, "2024-01-01").endsOn("2026-07-01")
                .project(project("2026-06-01", "2026-07", "26000.00")).settle();
        assertThat(s.totals().rebate().toDecimalString()).isEqualTo("0.00");
        assertThat(s.accruals()).isEmpty();
    }
}
