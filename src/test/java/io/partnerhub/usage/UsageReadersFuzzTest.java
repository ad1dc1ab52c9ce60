package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whatever a file holds, the readers either produce well-formed rows or record problems with a
 * line and a column; they never throw. Runs its seed inputs with the other tests; with
 * {@code JAZZER_FUZZ=1} it fuzzes (see docs/benchmarks.md for a run).
 */
class UsageReadersFuzzTest {

    private static final ImportContext CONTEXT = new ImportContext(ZoneId.of("Europe/Moscow"),
            Set.of(YearMonth.of(2026, 3)), Set.of("RUB"), YearMonth.of(2015, 1), YearMonth.of(2026, 12));

    private static final String[] HEADERS = {
            "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,x_FundingSource,BillingPeriodStart\n",
            "ListCost,BillingCurrency,ServiceName,ChargeCategory,ChargePeriodStart,SubAccountId\n",
            "billing_account_id,date,service_name,cost,currency,monetary_grant_credit,misc_credit,folder_id\n",
            ""};

    @FuzzTest(maxDuration = "60s")
    void readersRecordProblemsAndNeverThrow(FuzzedDataProvider data) throws IOException {
        String file = HEADERS[data.consumeInt(0, HEADERS.length - 1)] + data.consumeRemainingAsString();
        for (UsageFileReader reader : new UsageFileReader[]{new FocusCsvReader(), new YandexDetailReader()}) {
            List<UsageRow> rows = new ArrayList<>();
            ImportProblems problems = new ImportProblems();

            long read = reader.read(new StringReader(file), CONTEXT, rows::add, problems);

            assertThat(read).isNotNegative();
            for (ImportProblems.Problem problem : problems.listed()) {
                assertThat(problem.line()).isNotNegative();
                assertThat(problem.column()).isNotBlank();
                assertThat(problem.message()).isNotBlank();
            }
            for (UsageRow row : rows) {
                assertThat(row.accountId()).isNotBlank();
                assertThat(row.serviceName()).isNotBlank();
                assertThat(row.period()).isBetween(CONTEXT.earliest(), CONTEXT.latest()).isNotEqualTo(YearMonth.of(2026, 3));
                BigDecimal listCost = new BigDecimal(row.listCost());
                assertThat(listCost.precision() - listCost.scale()).isLessThanOrEqualTo(Values.MAX_DIGITS + 1);
                assertThat(row.currency()).isEqualTo("RUB");
            }
        }
    }
}
