package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;

/**
 * {@code /actuator/prometheus}: only the operator token reads it, and it counts what happened: the
 * rows an import stored, each import by its outcome, a month's close and its partners settled, the
 * rollup lag, request latencies. A database of its own, so the close closes nothing another test
 * needs open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-metrics",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@DirtiesContext // its own database: closed after the class, not at the run's end
class MetricsTest {

    @LocalServerPort
    int port;

    @Test
    void onlyTheOperatorTokenReadsTheMetrics() {
        Api api = new Api(port);
        String partnerToken = new ApiFixture(api).token(new ApiFixture(api).partner("vk-cloud", "PARTNER", "2026-06-01"));

        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", partnerToken).status()).isEqualTo(403);
        assertThat(api.get("/actuator/prometheus", "forged").status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", Api.OPERATOR_TOKEN).status()).isEqualTo(200);
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
    }

    @Test
    void importsAndClosesAreCountedAsTheyHappen() {
        Api api = new Api(port);
        ApiFixture fixture = new ApiFixture(api);
        fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
        fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
        String before = scrape(api);

        String threeRows = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                + "metrics-a,2026-03-02,Usage,Compute Cloud,10.00,RUB\n"
                + "metrics-a,2026-03-03,Usage,Compute Cloud,20.00,RUB\n"
                + "metrics-b,2026-03-04,Usage,Object Storage,5.00,RUB\n";
        String badRow = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                + "metrics-a,not a date,Usage,Compute Cloud,10.00,RUB\n";
        assertThat(upload(api, threeRows).status()).isEqualTo(201);
        assertThat(upload(api, threeRows).status()).as("the same file again").isEqualTo(200);
        assertThat(upload(api, badRow).status()).isEqualTo(422);
        Api.Response closed = api.post("/api/v1/periods/2026-03/close", Api.OPERATOR_TOKEN, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        String after = scrape(api);

        assertThat(delta(before, after, "partnerhub_import_rows_total", "format=\"focus\"")).isEqualTo(3);
        assertThat(delta(before, after, "partnerhub_import_seconds_count", "outcome=\"accepted\"")).isEqualTo(1);
        assertThat(delta(before, after, "partnerhub_import_seconds_count", "outcome=\"duplicate\"")).isEqualTo(1);
        assertThat(delta(before, after, "partnerhub_import_seconds_count", "outcome=\"rejected\"")).isEqualTo(1);
        // 2026-01 to 2026-03 were open: three months closed, each settling every partner contracted by then
        assertThat(delta(before, after, "partnerhub_close_month_seconds_count", "outcome=\"closed\"")).isEqualTo(3);
        assertThat(delta(before, after, "partnerhub_close_partners_settled_total", "")).isEqualTo(3 * contractedInJanuary(api));
        assertThat(value(after, "partnerhub_close_partners", "application=")).isZero();
        assertThat(after).contains("partnerhub_rollup_lag_seconds{application=\"partnerhub\",rollup=\"consumption_service\"}")
                .doesNotContain("rollup=\"consumption_day\"")
                .contains("http_server_requests_seconds_bucket{");
    }

    private Api.Response upload(Api api, String csv) {
        return api.upload("/api/v1/usage/imports?format=focus", Api.OPERATOR_TOKEN,
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    /** The partners in the program from January: the others' contracts begin after the months closed here. */
    private static long contractedInJanuary(Api api) {
        return api.get("/api/v1/partners", Api.OPERATOR_TOKEN).body().valueStream()
                .filter(p -> p.get("contractDate").asString().startsWith("2026-01")).count();
    }

    private static String scrape(Api api) {
        Api.Response metrics = api.get("/actuator/prometheus", Api.OPERATOR_TOKEN);
        assertThat(metrics.status()).isEqualTo(200);
        return metrics.raw();
    }

    private static double delta(String before, String after, String metric, String label) {
        return value(after, metric, label) - value(before, metric, label);
    }

    /** The sample of {@code metric} whose labels contain {@code label}; 0 when there is none yet. */
    private static double value(String scrape, String metric, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
