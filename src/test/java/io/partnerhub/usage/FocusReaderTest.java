package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.partnerhub.usage.ImportProblems.Problem;

/**
 * The FOCUS reader on its own: what real exports write reads as rows, and every refusal names its
 * line, column and reason. Timeline: Moscow months; 2026-03 is closed; rows may fall from 2015-01
 * to 2026-12; only RUB settles.
 */
class FocusReaderTest {

    private static final ImportContext CONTEXT = new ImportContext(ZoneId.of("Europe/Moscow"),
            Set.of(YearMonth.of(2026, 3)), Set.of("RUB"), YearMonth.of(2015, 1), YearMonth.of(2026, 12));

    /** The six required columns, then the two optional ones the tables below fill. */
    private static final String HEADER =
            "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,x_FundingSource,BillingPeriodStart";
    private static final String GOOD = "acc-1,2026-05-01,Usage,Compute Cloud,10.00,RUB,,";

    private final List<UsageRow> rows = new ArrayList<>();
    private final ImportProblems problems = new ImportProblems();

    @Test
    void columnsInAnyOrderAndCaseQuotedFieldsCrlfAndUnknownColumnsIgnored() throws IOException {
        String csv = "\"ListCost\",Region,billingcurrency,SERVICENAME,chargecategory,subaccountid,ChargePeriodStart,"
                + "X_PROJECTID,chargeperiodend,Tags\r\n"
                + "\"1000.10\",ru-central1,rub,\"Compute, \"\"Cloud\"\"\",usage,acc-1,2026-05-03 10:00:00,b1g-folder,"
                + "2026-05-03T11:00:00Z,\"{\"\"env\"\":\"\"prod, eu\"\"}\"\r\n"
                + "-250.00,,RUB,Marketplace,Credit,\"acc-2\",2026-05-04T00:00:00+03:00,NULL,NULL,\r\n";

        long read = read(csv);

        assertThat(problems.listed()).isEmpty();
        assertThat(read).isEqualTo(2);
        assertThat(rows).hasSize(2);
        UsageRow first = rows.get(0);
        assertThat(first.accountId()).isEqualTo("acc-1");
        assertThat(first.listCost()).isEqualTo("1000.10");
        assertThat(first.currency()).isEqualTo("RUB");
        assertThat(first.serviceName()).isEqualTo("Compute, \"Cloud\"");
        assertThat(first.category()).isEqualTo(ChargeCategory.USAGE);
        assertThat(first.projectId()).isEqualTo("b1g-folder");
        assertThat(first.chargeStart()).isEqualTo(Instant.parse("2026-05-03T10:00:00Z"));
        assertThat(first.chargeEnd()).isEqualTo(Instant.parse("2026-05-03T11:00:00Z"));
        assertThat(first.period()).isEqualTo(YearMonth.of(2026, 5));
        UsageRow credit = rows.get(1);
        assertThat(credit.accountId()).isEqualTo("acc-2");
        assertThat(credit.category()).isEqualTo(ChargeCategory.CREDIT);
        assertThat(credit.listCost()).isEqualTo("-250.00");
        assertThat(credit.chargeStart()).isEqualTo(Instant.parse("2026-05-03T21:00:00Z"));
        assertThat(credit.projectId()).isNull();
        assertThat(credit.chargeEnd()).isNull();
    }

    @Test
    void nullTokensAndEmptyFieldsInOptionalColumnsAreAbsent() throws IOException {
        String csv = """
                SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,ChargePeriodEnd,\
                BillingPeriodStart,BilledCost,EffectiveCost,ServiceCategory,SkuId,ResourceId,PricingQuantity,\
                PricingUnit,ProviderName,BillingAccountId,x_FundingSource,x_ProjectId
                acc-1,2026-05-01,Usage,Compute Cloud,10.00,RUB,NULL,null,Null,,NULL,null,,NULL,null,NULL,,NULL,null
                acc-1,2026-05-01,Usage,Compute Cloud,-1500.75,RUB,2026-05-02,2026-05-01,+3,1.5E-3,Compute,sku-1,\
                vm-1,24,Hours,Yandex Cloud,ba-1,BONUS,b1g-folder
                """;

        read(csv);

        assertThat(problems.listed()).isEmpty();
        UsageRow empty = rows.get(0);
        assertThat(empty.chargeEnd()).isNull();
        assertThat(empty.billedCost()).isNull();
        assertThat(empty.effectiveCost()).isNull();
        assertThat(empty.serviceCategory()).isNull();
        assertThat(empty.skuId()).isNull();
        assertThat(empty.resourceId()).isNull();
        assertThat(empty.pricingQuantity()).isNull();
        assertThat(empty.pricingUnit()).isNull();
        assertThat(empty.providerName()).isNull();
        assertThat(empty.billingAccountId()).isNull();
        assertThat(empty.funding()).isEqualTo(FundingSource.MONEY);
        assertThat(empty.projectId()).isNull();
        assertThat(empty.period()).isEqualTo(YearMonth.of(2026, 5));
        UsageRow full = rows.get(1);
        assertThat(full.listCost()).isEqualTo("-1500.75");
        assertThat(full.billedCost()).isEqualTo("3");
        assertThat(full.effectiveCost()).isEqualTo("0.0015");
        assertThat(full.pricingQuantity()).isEqualTo("24");
        assertThat(List.of(full.serviceCategory(), full.skuId(), full.resourceId(), full.pricingUnit(),
                full.providerName(), full.billingAccountId(), full.projectId()))
                .containsExactly("Compute", "sku-1", "vm-1", "Hours", "Yandex Cloud", "ba-1", "b1g-folder");
        assertThat(full.funding()).isEqualTo(FundingSource.BONUS);
        assertThat(full.chargeEnd()).isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));
    }

    @ParameterizedTest(name = "billing period start [{0}], charge start [{1}]: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            2026-04-30T21:00:00Z      | 2026-04-15T00:00:00Z      | 2026-05
            ""                        | 2026-04-30T22:00:00Z      | 2026-05
            NULL                      | 2026-04-30T20:59:59Z      | 2026-04
            ""                        | 2026-04-30 21:00:00       | 2026-05
            ""                        | 2026-05-01T00:30:00+03:00 | 2026-05
            ""                        | 2026-04-30T23:30:00+03:00 | 2026-04
            2026-05-01T00:00:00Z      | 2026-05-31T23:00:00Z      | 2026-05
            2026-04-01                | 2026-05-02                | 2026-04
            2026-02-01                | 2026-03-15                | 2026-02
            ""                        | 2026-02-28T20:59:59Z      | 2026-02
            ""                        | 2014-12-31T21:00:00Z      | 2015-01
            ""                        | 2026-12-31T20:59:59Z      | 2026-12
            """)
    void thePeriodIsTheBillingPeriodStartsMonthElseTheChargeStartsInMoscow(String billingStart, String chargeStart,
                                                                           YearMonth expected) throws IOException {
        read(HEADER + "\nacc-1," + chargeStart + ",Usage,Compute Cloud,10.00,RUB,," + Objects.toString(billingStart, "")
                + "\n");

        assertThat(problems.listed()).isEmpty();
        assertThat(rows).singleElement().extracting(UsageRow::period).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            usage          | USAGE
            Usage          | USAGE
            USAGE          | USAGE
            "  Usage  "    | USAGE
            purchase       | PURCHASE
            Adjustment     | ADJUSTMENT
            CREDIT         | CREDIT
            credit         | CREDIT
            Tax            | TAX
            """)
    void chargeCategoriesInAnyCase(String written, ChargeCategory expected) throws IOException {
        read(HEADER + "\nacc-1,2026-05-01," + written + ",Compute Cloud,-10.00,RUB,,\n");

        assertThat(problems.listed()).isEmpty();
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(row.category()).isEqualTo(expected);
            assertThat(row.listCost()).isEqualTo("-10.00");
        });
    }

    @ParameterizedTest(name = "[{0}] is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            BONUS   | BONUS
            bonus   | BONUS
            grant   | GRANT
            Grant   | GRANT
            MONEY   | MONEY
            money   | MONEY
            ""      | MONEY
            NULL    | MONEY
            """)
    void fundingSourceInAnyCaseAndMoneyWhenAbsent(String written, FundingSource expected) throws IOException {
        read(HEADER + "\nacc-1,2026-05-01,Usage,Compute Cloud,10.00,RUB," + written + ",\n");

        assertThat(problems.listed()).isEmpty();
        assertThat(rows).singleElement().extracting(UsageRow::funding).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            acc-1,2026-05-01,Use,Compute Cloud,10.00,RUB,,          | ChargeCategory     | 'Use' is not a charge category (Usage, Purchase, Adjustment, Credit, Tax)
            acc-1,2026-05-01,,Compute Cloud,10.00,RUB,,             | ChargeCategory     | is required
            acc-1,2026-05-01,Usage,Compute Cloud,10.00,RUB,CASH,    | x_FundingSource    | 'CASH' is not a funding source (MONEY, BONUS, GRANT)
            acc-1,2026-05-01,Usage,Compute Cloud,10.00,USD,,        | BillingCurrency    | 'USD' is not a currency any program settles in [RUB]
            acc-1,2026-05-01,Usage,Compute Cloud,10.00,NULL,,       | BillingCurrency    | is required
            acc-1,2026-05-01,Usage,Compute Cloud,1.2.3,RUB,,        | ListCost           | '1.2.3' is not a decimal number
            acc-1,2026-05-01,Usage,Compute Cloud,ten,RUB,,          | ListCost           | 'ten' is not a decimal number
            acc-1,2026-05-01,Usage,Compute Cloud,,RUB,,             | ListCost           | is required
            acc-1,2026-05-32,Usage,Compute Cloud,10.00,RUB,,        | ChargePeriodStart  | '2026-05-32' is not a date-time (YYYY-MM-DD[THH:MM:SS][zone])
            acc-1,NULL,Usage,Compute Cloud,10.00,RUB,,              | ChargePeriodStart  | is required
            acc-1,2026-05-01,Usage,Compute Cloud,10.00,RUB,,May     | BillingPeriodStart | 'May' is not a date-time (YYYY-MM-DD[THH:MM:SS][zone])
            ,2026-05-01,Usage,Compute Cloud,10.00,RUB,,             | SubAccountId       | is required
            NULL,2026-05-01,Usage,Compute Cloud,10.00,RUB,,         | SubAccountId       | is required
            acc-1,2026-05-01,Usage,null,10.00,RUB,,                 | ServiceName        | is required
            acc-1,2026-03-15,Usage,Compute Cloud,10.00,RUB,,        | ChargePeriodStart  | period 2026-03 is closed; a late correction belongs in an open period
            acc-1,2026-02-28T21:00:00Z,Usage,Compute Cloud,1,RUB,,  | ChargePeriodStart  | period 2026-03 is closed; a late correction belongs in an open period
            acc-1,2026-05-01,Usage,Compute Cloud,10.00,RUB,,2026-03-01 | BillingPeriodStart | period 2026-03 is closed; a late correction belongs in an open period
            acc-1,2014-12-31T20:59:59Z,Usage,Compute Cloud,1,RUB,,  | ChargePeriodStart  | period 2014-12 is before 2015-01, the earliest period kept
            acc-1,2026-05-01,Usage,Compute Cloud,1,RUB,,2014-12-01  | BillingPeriodStart | period 2014-12 is before 2015-01, the earliest period kept
            acc-1,2027-01-01,Usage,Compute Cloud,10.00,RUB,,        | ChargePeriodStart  | period 2027-01 is in the future
            acc-1,2026-12-31T21:00:00Z,Usage,Compute Cloud,1,RUB,,  | ChargePeriodStart  | period 2027-01 is in the future
            acc-1,2026-05-01,Usage,Compute Cloud,10.00,RUB          | (row)              | has 6 fields; the header has 8
            acc-1,2026-05-01,Usage,Compute Cloud,10.00,RUB,,,extra  | (row)              | has 9 fields; the header has 8
            """)
    void aBadRowIsReportedWithItsLineColumnAndReason(String row, String column, String message) throws IOException {
        long read = read(HEADER + "\n" + GOOD + "\n" + row + "\n" + GOOD + "\n");

        assertThat(read).isEqualTo(3);
        assertThat(problems.listed()).containsExactly(new Problem(3, column, message));
        assertThat(problems.badRows()).isEqualTo(1);
    }

    @Test
    void missingRequiredColumnsAreNamedOnTheHeaderLineAndNoRowIsRead() throws IOException {
        long read = read("SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,Cost\n"
                + "acc-1,2026-05-01,Usage,Compute Cloud,10.00\n");

        assertThat(read).isZero();
        assertThat(rows).isEmpty();
        assertThat(problems.listed()).containsExactly(
                new Problem(1, "ListCost", "required column is missing from the header"),
                new Problem(1, "BillingCurrency", "required column is missing from the header"));
    }

    @Test
    void anEmptyFileHasNoHeader() throws IOException {
        read("");

        assertThat(problems.listed()).containsExactly(new Problem(1, "(header)",
                "the file is empty: a header line with the FOCUS columns is required"));
    }

    @Test
    void aHeaderWithoutRowsReadsNothingAndIsNoProblem() throws IOException {
        assertThat(read(HEADER + "\r\n")).isZero();

        assertThat(problems.any()).isFalse();
        assertThat(rows).isEmpty();
    }

    @Test
    void everyProblemOfOneRowIsReportedInColumnOrder() throws IOException {
        read(HEADER + "\n" + GOOD + "\n,2026-05-32,Use,Compute Cloud,ten,USD,CASH,\n");

        assertThat(problems.listed()).containsExactly(
                new Problem(3, "SubAccountId", "is required"),
                new Problem(3, "ChargePeriodStart", "'2026-05-32' is not a date-time (YYYY-MM-DD[THH:MM:SS][zone])"),
                new Problem(3, "ChargeCategory", "'Use' is not a charge category (Usage, Purchase, Adjustment, Credit, Tax)"),
                new Problem(3, "ListCost", "'ten' is not a decimal number"),
                new Problem(3, "BillingCurrency", "'USD' is not a currency any program settles in [RUB]"),
                new Problem(3, "x_FundingSource", "'CASH' is not a funding source (MONEY, BONUS, GRANT)"));
        assertThat(problems.badRows()).isEqualTo(1);
        assertThat(problems.count()).isEqualTo(6);
    }

    @Test
    void lineNumbersCountBlankLinesAndLinesInsideQuotedFields() throws IOException {
        String csv = HEADER + "\n"          // line 1
                + GOOD + "\n"               // line 2
                + "\n"                      // line 3, blank
                + "acc-1,2026-05-01,Usage,\"Compute\nCloud\",10.00,RUB,,\n" // lines 4-5
                + "acc-1,2026-05-01,Usage,Compute Cloud,ten,RUB,,\n";       // line 6

        long read = read(csv);

        assertThat(read).isEqualTo(3);
        assertThat(rows.get(1).serviceName()).isEqualTo("Compute\nCloud");
        assertThat(problems.listed()).containsExactly(new Problem(6, "ListCost", "'ten' is not a decimal number"));
    }

    @Test
    void anUnclosedQuoteIsReportedNotThrown() {
        String csv = HEADER + "\n" + GOOD + "\n"
                + "acc-1,2026-05-01,Usage,\"Compute Cloud,10.00,RUB,,\n"
                + GOOD + "\n";

        assertThatCode(() -> read(csv)).doesNotThrowAnyException();

        assertThat(problems.any()).isTrue();
        assertThat(problems.listed()).first().satisfies(problem -> assertThat(problem.line()).isEqualTo(3));
    }

    private long read(String csv) throws IOException {
        return new FocusCsvReader().read(new StringReader(csv), CONTEXT, rows::add, problems);
    }
}
