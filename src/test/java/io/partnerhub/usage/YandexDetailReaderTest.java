package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Yandex Cloud billing detail reader on its own: each line's rows, and each refusal's line and column. */
class YandexDetailReaderTest {

    /** 2026-03 is closed; rows may belong to 2015-01 up to 2026-12. */
    private static final ImportContext CONTEXT = new ImportContext(ZoneId.of("Europe/Moscow"),
            Set.of(YearMonth.of(2026, 3)), Set.of("RUB"), YearMonth.of(2015, 1), YearMonth.of(2026, 12));

    /** A good line of the billing-account export, column by column in the export's order. */
    private static final Map<String, String> GOOD = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("billing_account_id", "dn2sub00000000000001");
        line.put("billing_account_name", "Acme, LLC");
        line.put("cloud_id", "b1gcloud000000000001");
        line.put("cloud_name", "acme-prod");
        line.put("folder_id", "b1gfolder00000000001");
        line.put("folder_name", "web");
        line.put("resource_id", "fhmvm000000000000001");
        line.put("service_id", "dn2compute0000000001");
        line.put("service_name", "Compute Cloud");
        line.put("sku_id", "dn2sku00000000000001");
        line.put("sku_name", "Intel Ice Lake. 100% vCPU");
        line.put("date", "2026-05-01");
        line.put("currency", "RUB");
        line.put("pricing_quantity", "24");
        line.put("pricing_unit", "core*hour");
        line.put("cost", "2000.00");
        line.put("credit", "0");
        line.put("monetary_grant_credit", "0");
        line.put("volume_incentive_credit", "0");
        line.put("cud_credit", "0");
        line.put("misc_credit", "0");
        line.put("locale", "en");
        line.put("updated_at", "1777680000");
        line.put("exported_at", "2026-05-02 03:00:00");
        return line;
    }

    @ParameterizedTest(name = "cost {0}, grant {1}: money {2}, grant row {3}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            2000.00  | -500.00   | 1500.00  | 500.00
            2000.00  | 0         | 2000.00  | none
            2000.00  | 0.00      | 2000.00  | none
            2000.00  | ''        | 2000.00  | none
            2000.00  | NULL      | 2000.00  | none
            0.123456 | -0.023456 | 0.100000 | 0.023456
            100      | -33.33    | 66.67    | 33.33
            1.5E-3   | -0.0005   | 0.0010   | 0.0005
            -10.00   | 0         | -10.00   | none
            """)
    void theGrantPaidPartOfTheCostIsAGrantRowAndTheRestMoney(String cost, String grant, String money,
                                                            String granted) {
        Read read = read(line(Map.of("cost", cost, "monetary_grant_credit", grant)));

        assertThat(read.problems()).isEmpty();
        assertThat(read.rows()).extracting(UsageRow::category, UsageRow::funding)
                .containsExactlyElementsOf(granted == null
                        ? List.of(tuple(ChargeCategory.USAGE, FundingSource.MONEY))
                        : List.of(tuple(ChargeCategory.USAGE, FundingSource.MONEY),
                                tuple(ChargeCategory.USAGE, FundingSource.GRANT)));
        assertThat(new BigDecimal(read.rows().get(0).listCost())).isEqualByComparingTo(money);
        if (granted != null) {
            assertThat(new BigDecimal(read.rows().get(1).listCost())).isEqualByComparingTo(granted);
        }
        assertThat(read.rows().stream().map(r -> new BigDecimal(r.listCost())).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("the rows of a line sum to its cost exactly").isEqualByComparingTo(new BigDecimal(cost));
    }

    @Test
    void theSplitKeepsEveryDecimalAsPlainText() {
        Read read = read(line(Map.of("cost", "2000.00", "monetary_grant_credit", "-500.00")));

        assertThat(read.rows()).extracting(UsageRow::listCost).containsExactly("1500.00", "500.00");
    }

    @Test
    void anExportWithoutTheGrantColumnsIsOneMoneyRowPerLine() {
        String file = """
                billing_account_id,date,service_name,cost,currency
                dn2sub00000000000001,2026-05-01,Compute Cloud,2000.00,RUB
                """;

        Read read = read(file);

        assertThat(read.problems()).isEmpty();
        assertThat(read.rows()).singleElement().satisfies(row -> {
            assertThat(row.category()).isEqualTo(ChargeCategory.USAGE);
            assertThat(row.funding()).isEqualTo(FundingSource.MONEY);
            assertThat(row.listCost()).isEqualTo("2000.00");
            assertThat(row.projectId()).isNull();
            assertThat(row.parentProjectId()).isNull();
            assertThat(row.skuId()).isNull();
            assertThat(row.pricingQuantity()).isNull();
        });
    }

    @Test
    void everyNonZeroCreditIsACreditRowOfItsOwn() {
        Read read = read(line(Map.of("cost", "1000.00", "credit", "-130.50", "monetary_grant_credit", "-100.00",
                "volume_incentive_credit", "-10.00", "cud_credit", "-20.50", "misc_credit", "0")));

        assertThat(read.problems()).isEmpty();
        assertThat(read.rows()).extracting(UsageRow::category, UsageRow::funding, UsageRow::listCost).containsExactly(
                tuple(ChargeCategory.USAGE, FundingSource.MONEY, "900.00"),
                tuple(ChargeCategory.USAGE, FundingSource.GRANT, "100.00"),
                tuple(ChargeCategory.CREDIT, FundingSource.MONEY, "-10.00"),
                tuple(ChargeCategory.CREDIT, FundingSource.MONEY, "-20.50"));
        assertThat(read.rows()).allSatisfy(row -> {
            assertThat(row.accountId()).isEqualTo("dn2sub00000000000001");
            assertThat(row.serviceName()).isEqualTo("Compute Cloud");
            assertThat(row.period()).isEqualTo(YearMonth.of(2026, 5));
            assertThat(row.chargeStart()).isEqualTo(Instant.parse("2026-04-30T21:00:00Z"));
            assertThat(row.projectId()).isEqualTo("b1gfolder00000000001");
            assertThat(row.parentProjectId()).isEqualTo("b1gcloud000000000001");
        });
    }

    @Test
    void theWorkedExampleOfTheFormatsPageGivesItsFourRows() {
        String file = """
                billing_account_id,date,service_name,cost,credit,monetary_grant_credit,volume_incentive_credit,cud_credit,misc_credit,currency,folder_id,cloud_id
                dn2sub,2026-05-01,Managed Service for PostgreSQL,999.99,-120.00,-40.00,-20.00,-60.00,0,RUB,b1gfolder,b1gcloud
                """;

        Read read = read(file);

        assertThat(read.problems()).isEmpty();
        assertThat(read.rows()).extracting(UsageRow::category, UsageRow::funding, UsageRow::listCost).containsExactly(
                tuple(ChargeCategory.USAGE, FundingSource.MONEY, "959.99"),
                tuple(ChargeCategory.USAGE, FundingSource.GRANT, "40.00"),
                tuple(ChargeCategory.CREDIT, FundingSource.MONEY, "-20.00"),
                tuple(ChargeCategory.CREDIT, FundingSource.MONEY, "-60.00"));
        assertThat(read.rows()).extracting(UsageRow::period, UsageRow::chargeStart, UsageRow::chargeEnd,
                        UsageRow::projectId, UsageRow::parentProjectId)
                .containsOnly(tuple(YearMonth.of(2026, 5), Instant.parse("2026-04-30T21:00:00Z"),
                        Instant.parse("2026-05-01T21:00:00Z"), "b1gfolder", "b1gcloud"));
    }

    @ParameterizedTest(name = "{0}: {1} to {2}, period {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-05-01 | 2026-04-30T21:00:00Z | 2026-05-01T21:00:00Z | 2026-05
            2026-05-31 | 2026-05-30T21:00:00Z | 2026-05-31T21:00:00Z | 2026-05
            2026-06-01 | 2026-05-31T21:00:00Z | 2026-06-01T21:00:00Z | 2026-06
            2015-01-01 | 2014-12-31T21:00:00Z | 2015-01-01T21:00:00Z | 2015-01
            """)
    void theDateIsAMoscowDayAndItsMonthThePeriod(String date, Instant start, Instant end, YearMonth period) {
        Read read = read(line(Map.of("date", date)));

        assertThat(read.problems()).isEmpty();
        UsageRow row = read.rows().getFirst();
        assertThat(row.chargeStart()).isEqualTo(start);
        assertThat(row.chargeEnd()).isEqualTo(end);
        assertThat(row.period()).isEqualTo(period);
    }

    @Test
    void everyStoredFieldComesFromItsColumn() {
        UsageRow row = read(line(Map.of())).rows().getFirst();

        assertThat(row).isEqualTo(new UsageRow(YearMonth.of(2026, 5), "dn2sub00000000000001",
                Instant.parse("2026-04-30T21:00:00Z"), Instant.parse("2026-05-01T21:00:00Z"), ChargeCategory.USAGE,
                "Compute Cloud", null, "b1gfolder00000000001", "b1gcloud000000000001", FundingSource.MONEY,
                "2000.00", null, null, "RUB", "dn2sku00000000000001", "fhmvm000000000000001", "24", "core*hour",
                "Yandex Cloud", "dn2sub00000000000001"));
    }

    @ParameterizedTest(name = "{0} = ''{1}'': {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            billing_account_id      | ""                  | is required
            billing_account_id      | NULL                | is required
            date                    | ""                  | is required
            date                    | 01.05.2026          | '01.05.2026' is not a date (YYYY-MM-DD)
            date                    | 2026-05-01T00:00:00 | '2026-05-01T00:00:00' is not a date (YYYY-MM-DD)
            date                    | 2026-02-30          | '2026-02-30' is not a date (YYYY-MM-DD)
            date                    | 2026-03-15          | period 2026-03 is closed; a late correction belongs in an open period
            date                    | 2014-12-31          | period 2014-12 is before 2015-01, the earliest period kept
            date                    | 2027-01-01          | period 2027-01 is in the future
            service_name            | " "                 | is required
            cost                    | ""                  | is required
            cost                    | 12,50               | '12,50' is not a decimal number
            cost                    | 1 000.00            | '1 000.00' is not a decimal number
            currency                | ""                  | is required
            currency                | USD                 | 'USD' is not a currency any program settles in [RUB]
            pricing_quantity        | many                | 'many' is not a decimal number
            credit                  | 0,5                 | '0,5' is not a decimal number
            credit                  | 1.00                | '1.00' is positive; a credit is zero or negative
            monetary_grant_credit   | 500.00              | '500.00' is positive; a credit is zero or negative
            monetary_grant_credit   | -five               | '-five' is not a decimal number
            volume_incentive_credit | 0.01                | '0.01' is positive; a credit is zero or negative
            cud_credit              | x                   | 'x' is not a decimal number
            misc_credit             | 3                   | '3' is positive; a credit is zero or negative
            """)
    void aBadValueIsRefusedWithItsLineAndColumn(String column, String value, String message) {
        String file = line(Map.of()) + line(Map.of(column, value)).lines().skip(1).findFirst().orElseThrow() + "\n";

        Read read = read(file);

        assertThat(read.count()).isEqualTo(2);
        assertThat(read.problems()).containsExactly(new ImportProblems.Problem(3, column, message));
        assertThat(read.rows()).as("only the good line 2 gives rows").singleElement()
                .extracting(UsageRow::listCost).isEqualTo("2000.00");
    }

    @Test
    void everyBadValueOfALineIsListedAndTheLineGivesNoRow() {
        Read read = read(line(Map.of("cost", "lots", "currency", "EUR", "monetary_grant_credit", "5")));

        assertThat(read.problems()).containsExactly(
                new ImportProblems.Problem(2, "cost", "'lots' is not a decimal number"),
                new ImportProblems.Problem(2, "currency", "'EUR' is not a currency any program settles in [RUB]"),
                new ImportProblems.Problem(2, "monetary_grant_credit", "'5' is positive; a credit is zero or negative"));
        assertThat(read.rows()).isEmpty();
    }

    @Test
    void theLineOfABadRowCountsTheLinesOfQuotedFieldsBeforeIt() {
        String file = "billing_account_id,sku_name,date,service_name,cost,currency\r\n"
                + "dn2sub00000000000001,\"Intel Ice Lake,\r\n100% vCPU\",2026-05-01,Compute Cloud,1.00,RUB\r\n"
                + "dn2sub00000000000001,\"Intel Ice Lake\",2026-05-01,Compute Cloud,one,RUB\r\n";

        Read read = read(file);

        assertThat(read.problems()).containsExactly(new ImportProblems.Problem(4, "cost", "'one' is not a decimal number"));
    }

    @Test
    void aLineWithTooFewFieldsIsRefusedAsARow() {
        String file = """
                billing_account_id,date,service_name,cost,currency
                dn2sub00000000000001,2026-05-01,Compute Cloud,2000.00
                """;

        Read read = read(file);

        assertThat(read.problems()).containsExactly(new ImportProblems.Problem(2, "(row)", "has 4 fields; the header has 5"));
        assertThat(read.rows()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"billing_account_id", "date", "service_name", "cost", "currency"})
    void aMissingRequiredColumnIsAHeaderProblemAndNothingIsRead(String missing) {
        Map<String, String> line = new LinkedHashMap<>(GOOD);
        line.remove(missing);
        String file = String.join(",", line.keySet()) + "\n" + csvLine(line.values().stream().toList()) + "\n";

        Read read = read(file);

        assertThat(read.problems()).containsExactly(
                new ImportProblems.Problem(1, missing, "required column is missing from the header"));
        assertThat(read.count()).isZero();
        assertThat(read.rows()).isEmpty();
    }

    @Test
    void anEmptyFileIsAHeaderProblem() {
        Read read = read("");

        assertThat(read.problems()).extracting(ImportProblems.Problem::line, ImportProblems.Problem::column)
                .containsExactly(tuple(1L, "(header)"));
    }

    @Test
    void thePartnerExportWithRewardAndLabelsGivesTheSameRows() {
        String account = line(Map.of("monetary_grant_credit", "-500.00", "credit", "-520.00", "misc_credit", "-20.00"));
        String partner = String.join("\r\n",
                "billing_account_id,billing_account_name,cloud_id,cloud_name,folder_id,folder_name,resource_id,"
                        + "service_id,service_name,sku_id,sku_name,date,currency,pricing_quantity,pricing_unit,cost,"
                        + "credit,monetary_grant_credit,volume_incentive_credit,cud_credit,misc_credit,reward,"
                        + "label.user_labels.env,label.user_labels.team,locale,updated_at,exported_at",
                "\"dn2sub00000000000001\",\"Acme, LLC\",\"b1gcloud000000000001\",\"acme-prod\",\"b1gfolder00000000001\","
                        + "\"web\",\"fhmvm000000000000001\",\"dn2compute0000000001\",\"Compute Cloud\","
                        + "\"dn2sku00000000000001\",\"Intel Ice Lake. 100% vCPU\",\"2026-05-01\",\"RUB\",\"24\","
                        + "\"core*hour\",\"2000.00\",\"-520.00\",\"-500.00\",\"0\",\"0\",\"-20.00\",\"-296.00\","
                        + "\"prod\",\"\",\"en\",\"1777680000\",\"2026-05-02 03:00:00\"",
                "");

        Read fromAccount = read(account);
        Read fromPartner = read(partner);

        assertThat(fromPartner.problems()).isEmpty();
        assertThat(fromPartner.rows()).hasSize(3).containsExactlyElementsOf(fromAccount.rows());
        assertThat(fromPartner.rows()).extracting(UsageRow::listCost).containsExactly("1500.00", "500.00", "-20.00");
    }

    @Test
    void headerNamesAreMatchedInAnyOrderAndCase() {
        String file = "Currency,COST,Service_Name,Date,Billing_Account_Id,Folder_Id\n"
                + "rub,10.50,Object Storage,2026-05-02,dn2sub00000000000002,b1gfolder00000000002\n";

        Read read = read(file);

        assertThat(read.problems()).isEmpty();
        assertThat(read.rows()).singleElement().satisfies(row -> {
            assertThat(row.accountId()).isEqualTo("dn2sub00000000000002");
            assertThat(row.currency()).isEqualTo("RUB");
            assertThat(new BigDecimal(row.listCost())).isEqualByComparingTo("10.50");
            assertThat(row.projectId()).isEqualTo("b1gfolder00000000002");
        });
    }

    private record Read(List<UsageRow> rows, List<ImportProblems.Problem> problems, long count) {
    }

    private static Read read(String file) {
        List<UsageRow> rows = new ArrayList<>();
        ImportProblems problems = new ImportProblems();
        try {
            long count = new YandexDetailReader().read(new StringReader(file), CONTEXT, rows::add, problems);
            return new Read(rows, problems.listed(), count);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the header and one line: the good line with some values replaced. */
    private static String line(Map<String, String> replaced) {
        Map<String, String> line = new LinkedHashMap<>(GOOD);
        line.putAll(replaced);
        return String.join(",", line.keySet()) + "\n" + csvLine(List.copyOf(line.values())) + "\n";
    }

    private static String csvLine(List<String> values) {
        return values.stream()
                .map(v -> v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v)
                .collect(Collectors.joining(","));
    }
}
