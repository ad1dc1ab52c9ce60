package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;
import tools.jackson.databind.JsonNode;

/**
 * An import stores all of a file or nothing: whatever is wrong with it (a bad last row, many bad
 * rows, a closed period, bytes that are no UTF-8, no body, no right to import) leaves usage_row
 * and usage_import exactly as they were, and the answer is a problem, never a 500.
 */
@PlatformTest
class ImportAtomicityApiTest {

    private static final String IMPORTS = "/api/v1/usage/imports?format=focus";
    private static final int ANSWER_SECONDS = 30;
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private String account;

    @BeforeEach
    void connect() {
        api = new Api(port);
        account = "atomic-" + Api.unique();
    }

    @Test
    void aFiveThousandRowFileWhoseLastRowIsBadStoresNothing() {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 1; i < 5000; i++) {
            file.append(row("2026-05-" + day(i), i + ".01"));
        }
        file.append(row("2026-05-28", "12.5O"));
        Stored before = stored();

        Api.Response refused = upload(file.toString().getBytes(StandardCharsets.UTF_8));

        assertProblem(refused);
        assertThat(refused.body().get("rowsRejected").asLong()).isEqualTo(1);
        assertThat(refused.body().get("rowsAccepted").asLong()).isZero();
        assertThat(refused.body().get("errorsNotListed").asLong()).isZero();
        assertThat(refused.body().get("errors")).hasSize(1);
        assertError(refused.body().get("errors").get(0), 5001, "ListCost", "'12.5O' is not a decimal number");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void fifteenHundredBadRowsListTheFirstThousandProblemsInLineOrderAndCountTheRest() {
        // 3 000 rows; every second one (lines 3, 5, ..., 3001) has a ListCost that is no number
        StringBuilder file = new StringBuilder(HEADER);
        for (int k = 1; k <= 3000; k++) {
            file.append(row("2026-05-10", k % 2 == 0 ? "bad" + k : "1.00"));
        }
        Stored before = stored();

        Api.Response refused = upload(file.toString().getBytes(StandardCharsets.UTF_8));

        assertProblem(refused);
        assertThat(refused.body().get("rowsRejected").asLong()).isEqualTo(1500);
        assertThat(refused.body().get("errorsNotListed").asLong()).isEqualTo(500);
        assertThat(refused.text("detail")).contains("1500 of 3000 rows are bad", "the first 1000 listed",
                "nothing was stored");
        JsonNode errors = refused.body().get("errors");
        assertThat(errors).hasSize(1000);
        for (int j = 0; j < 1000; j++) {
            int line = 3 + 2 * j;
            assertError(errors.get(j), line, "ListCost", "'bad" + (line - 1) + "' is not a decimal number");
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aRowInAClosedPeriodIsABadRowNamingItsLine() {
        // 2016-02 is closed here and used by no other test; 2016-01 stays open
        jdbc.sql("insert into accounting_period (period, status) values ('2016-02-01', 'CLOSED') "
                + "on conflict (period) do update set status = 'CLOSED'").update();
        String file = HEADER
                + row("2016-01-31T20:59:59Z", "10.00")   // line 2: still January in Moscow
                + row("2016-01-31T21:00:00Z", "20.00")   // line 3: February 1st in Moscow, closed
                + row("2026-05-10", "30.00");            // line 4
        Stored before = stored();

        Api.Response refused = upload(file.getBytes(StandardCharsets.UTF_8));

        assertProblem(refused);
        assertThat(refused.body().get("rowsRejected").asLong()).isEqualTo(1);
        assertThat(refused.body().get("errors")).hasSize(1);
        assertError(refused.body().get("errors").get(0), 3, "ChargePeriodStart",
                "period 2016-02 is closed; a late correction belongs in an open period");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void bytesThatAreNoUtf8AreAProblemNeverA500() {
        Charset windows1251 = Charset.forName("windows-1251");
        byte[] early = (HEADER + account + ",2026-05-10,Usage,Вычисления,10.00,RUB\n").getBytes(windows1251);
        StringBuilder big = new StringBuilder(HEADER);
        for (int i = 1; i < 5000; i++) {
            big.append(row("2026-05-10", "1.00"));
        }
        byte[] late = concat(big.toString().getBytes(StandardCharsets.UTF_8),
                (account + ",2026-05-10,Usage,Хранилище,10.00,RUB\n").getBytes(windows1251));
        Stored before = stored();

        for (byte[] file : new byte[][] {early, late}) {
            Api.Response refused = upload(file);

            assertProblem(refused);
            assertThat(refused.body().get("errors")).isNotEmpty();
            assertThat(refused.body().get("errors").get(0).get("message").asString()).contains("UTF-8");
        }
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anEmptyBodyIsAProblem() {
        Stored before = stored();

        Api.Response refused = upload(new byte[0]);

        assertProblem(refused);
        assertError(refused.body().get("errors").get(0), 1, "(header)",
                "the file is empty: a header line with the FOCUS columns is required");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUnknownFormatIsAProblem() {
        Stored before = stored();

        Api.Response refused = api.upload("/api/v1/usage/imports?format=xyz", Api.OPERATOR_TOKEN,
                (HEADER + row("2026-05-10", "1.00")).getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("detail")).contains("'xyz' is not a known format");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void onlyOperatorsImport() {
        byte[] file = (HEADER + row("2026-05-10", "1.00")).getBytes(StandardCharsets.UTF_8);
        String partnerToken = partnerToken();
        Stored before = stored();

        Api.Response asPartner = api.upload(IMPORTS, partnerToken, file, "text/csv");
        Api.Response anonymous = api.upload(IMPORTS, null, file, "text/csv");

        assertThat(asPartner.status()).as(asPartner.raw()).isEqualTo(403);
        assertThat(anonymous.status()).as(anonymous.raw()).isEqualTo(401);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aTruncatedGzipIsAProblemNeverA500() throws IOException {
        byte[] gzip = gzip((HEADER + row("2026-05-10", "1.00") + row("2026-05-11", "2.00")).getBytes(StandardCharsets.UTF_8));
        Stored before = stored();

        Api.Response refused = upload(Arrays.copyOf(gzip, gzip.length - 12));

        assertProblem(refused);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aListCostNoNumericColumnCanHoldIsABadRowNeverA500() {
        String file = HEADER + row("2026-05-10", "1.00") + row("2026-05-11", "1E200000");
        Stored before = stored();

        Api.Response refused = upload(file.getBytes(StandardCharsets.UTF_8));

        assertProblem(refused);
        assertThat(refused.body().get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(refused.body().get("errors").get(0).get("column").asString()).isEqualTo("ListCost");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aNulCharacterIsABadRow() {
        String file = HEADER + row("2026-05-10", "1.00") + account + ",2026-05-11,Usage,Comp\u0000ute,1.00,RUB\n";

        Api.Response refused = upload(file.getBytes(StandardCharsets.UTF_8));

        assertProblem(refused);
        assertError(refused.body().get("errors").get(0), 3, "ServiceName", "contains a NUL character");
    }

    /** What usage_row and usage_import hold, over all tests. */
    private record Stored(long rows, BigDecimal listCost, long imports) {
    }

    private Stored stored() {
        return jdbc.sql("select (select count(*) from usage_row), (select coalesce(sum(list_cost), 0) from usage_row), "
                        + "(select count(*) from usage_import)")
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3))).single();
    }

    private String row(String chargeStart, String listCost) {
        return account + "," + chargeStart + ",Usage,Compute Cloud," + listCost + ",RUB\n";
    }

    private static String day(int i) {
        return String.format("%02d", i % 28 + 1);
    }

    /**
     * Uploads as the operator, waiting at most {@value #ANSWER_SECONDS} s for the answer: an import
     * that never answers fails its test instead of hanging the suite.
     */
    private Api.Response upload(byte[] content) {
        return assertTimeoutPreemptively(Duration.ofSeconds(ANSWER_SECONDS),
                () -> api.upload(IMPORTS, Api.OPERATOR_TOKEN, content, "text/csv"),
                () -> "no answer within " + ANSWER_SECONDS + " s: the import hangs");
    }

    private String partnerToken() {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", "vk-cloud");
        application.put("model", "PARTNER");
        application.put("name", "Atomicity " + account);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", Api.unique());
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", "2026-01-15");
        Api.Response partner = api.post("/api/v1/partners", Api.OPERATOR_TOKEN, application);
        assertThat(partner.status()).as(partner.raw()).isEqualTo(201);
        Api.Response token = api.post("/api/v1/partners/" + partner.id() + "/tokens", Api.OPERATOR_TOKEN, "{}");
        assertThat(token.status()).as(token.raw()).isEqualTo(201);
        return token.text("token");
    }

    private static void assertProblem(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("duplicate").asBoolean()).isFalse();
        assertThat(response.body().get("importId").isNull()).isTrue();
    }

    private static void assertError(JsonNode error, long line, String column, String message) {
        assertThat(error.get("line").asLong()).as("line").isEqualTo(line);
        assertThat(error.get("column").asString()).as("column on line " + line).isEqualTo(column);
        assertThat(error.get("message").asString()).as("message on line " + line).isEqualTo(message);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
