package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;
import tools.jackson.databind.JsonNode;

/**
 * What was imported, by whom and when, identified by the SHA-256 of its content; and the
 * consumption of accounts that are no customer's and no partner's own, per period.
 */
@PlatformTest
class ImportHistoryApiTest {

    private static final String IMPORTS = "/api/v1/usage/imports";
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n";

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theHistoryListsAnImportWithFormatCountsChecksumWhoWhenAndPeriods() {
        String account = "history-" + Api.unique();
        byte[] content = ("\uFEFF" + HEADER
                + account + ",2026-04-10,Usage,Compute Cloud,10.00,RUB\r\n"
                + account + ",2026-05-10,Usage,Compute Cloud,20.00,RUB\r\n"
                + account + ",2026-05-11,Usage,Compute Cloud,30.00,RUB\r\n").getBytes(StandardCharsets.UTF_8);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);

        Api.Response imported = api.upload(IMPORTS + "?format=focus&fileName=may-2026.csv", Api.OPERATOR_TOKEN, content,
                "text/csv");

        Instant after = Instant.now().plusSeconds(5);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        long id = imported.body().get("importId").asLong();
        assertThat(imported.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith(IMPORTS + "/" + id));
        assertThat(imported.text("checksum")).isEqualTo(sha256(content));
        Api.Response list = api.get(IMPORTS, Api.OPERATOR_TOKEN);
        assertThat(list.status()).as(list.raw()).isEqualTo(200);
        JsonNode listed = find(list.body(), id);
        Api.Response one = api.get(IMPORTS + "/" + id, Api.OPERATOR_TOKEN);
        assertThat(one.status()).as(one.raw()).isEqualTo(200);
        for (JsonNode record : List.of(listed, one.body())) {
            assertThat(record.get("id").asLong()).isEqualTo(id);
            assertThat(record.get("format").asString()).isEqualTo("focus");
            assertThat(record.get("fileName").asString()).isEqualTo("may-2026.csv");
            assertThat(record.get("rowsAccepted").asLong()).isEqualTo(3);
            assertThat(record.get("checksum").asString()).matches("[0-9a-f]{64}").isEqualTo(sha256(content));
            assertThat(record.get("importedBy").asString()).isEqualTo("operator");
            assertThat(Instant.parse(record.get("importedAt").asString())).isBetween(before, after);
            assertThat(record.get("periods").valueStream().map(JsonNode::asString)).containsExactly("2026-04", "2026-05");
            assertThat(record.get("unattributedRows").asLong()).isEqualTo(3);
            assertThat(record.get("unattributedAccounts").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aGzipUploadIsIdentifiedByItsUncompressedContent() throws IOException {
        String account = "history-gz-" + Api.unique();
        byte[] plain = (HEADER + account + ",2026-05-10,Usage,Compute Cloud,20.00,RUB\n").getBytes(StandardCharsets.UTF_8);
        byte[] gzip = gzip(plain);

        Api.Response imported = api.upload(IMPORTS + "?format=focus", Api.OPERATOR_TOKEN, gzip, "application/gzip");

        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.text("checksum")).isEqualTo(sha256(plain)).isNotEqualTo(sha256(gzip));
        Api.Response one = api.get(IMPORTS + "/" + imported.body().get("importId").asLong(), Api.OPERATOR_TOKEN);
        assertThat(one.text("checksum")).isEqualTo(sha256(plain));
        assertThat(one.body().get("rowsAccepted").asLong()).isEqualTo(1);
    }

    @Test
    void anUnknownImportIsNotFoundAndPartnersSeeNoHistory() {
        Api.Response missing = api.get(IMPORTS + "/999999999", Api.OPERATOR_TOKEN);
        Api.Response anonymous = api.get(IMPORTS, null);

        assertThat(missing.status()).as(missing.raw()).isEqualTo(404);
        assertThat(anonymous.status()).as(anonymous.raw()).isEqualTo(401);
    }

    @Test
    void consumptionOfAccountsNoCustomerOrPartnerHasIsUnattributedWithExactSums() {
        String orphan = "orphan-a-" + Api.unique();
        String small = "orphan-b-" + Api.unique();
        String customer = "customer-" + Api.unique();
        String own = "own-" + Api.unique();
        recordCustomer(customer);
        recordPartnerWithOwnAccount(own);
        String file = HEADER
                + orphan + ",2026-05-03,Usage,Compute Cloud,1000.10,RUB\n"
                + orphan + ",2026-05-04,Usage,Compute Cloud,250.255,RUB\n"
                + orphan + ",2026-05-05,Adjustment,Compute Cloud,-50.005,RUB\n"
                + orphan + ",2026-04-20,Usage,Compute Cloud,99.99,RUB\n"
                + small + ",2026-05-06,Usage,Object Storage,0.125,RUB\n"
                + small + ",2026-05-07,Usage,Object Storage,0.250,RUB\n"
                + customer + ",2026-05-08,Usage,Compute Cloud,500.00,RUB\n"
                + own + ",2026-05-09,Usage,Compute Cloud,700.00,RUB\n";

        Api.Response imported = api.upload(IMPORTS + "?format=focus", Api.OPERATOR_TOKEN,
                file.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        // orphan: 4 rows (3 in May, 1 in April); small: 2 rows; customer and own account are attributed
        assertThat(imported.body().get("unattributedRows").asLong()).isEqualTo(6);
        assertThat(imported.body().get("unattributedAccounts").asInt()).isEqualTo(2);
        Map<String, JsonNode> may = unattributed("2026-05");
        // 1000.10 + 250.255 - 50.005 = 1200.350; 0.125 + 0.250 = 0.375, half-up 0.38
        assertThat(may.keySet()).contains(orphan, small).doesNotContain(customer, own);
        assertUnattributed(may.get(orphan), "1200.35", 3);
        assertUnattributed(may.get(small), "0.38", 2);
        Map<String, JsonNode> april = unattributed("2026-04");
        assertUnattributed(april.get(orphan), "99.99", 1);
        assertThat(april).doesNotContainKey(small);
        JsonNode record = api.get(IMPORTS + "/" + imported.body().get("importId").asLong(), Api.OPERATOR_TOKEN).body();
        assertThat(record.get("unattributedRows").asLong()).isEqualTo(6);
        assertThat(record.get("unattributedAccounts").asInt()).isEqualTo(2);
    }

    @Test
    void anAccountRecordedAsACustomerLaterIsNoLongerUnattributed() {
        String account = "late-customer-" + Api.unique();
        Api.Response imported = api.upload(IMPORTS + "?format=focus", Api.OPERATOR_TOKEN,
                (HEADER + account + ",2026-05-12,Usage,Compute Cloud,42.42,RUB\n").getBytes(StandardCharsets.UTF_8),
                "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertUnattributed(unattributed("2026-05").get(account), "42.42", 1);

        recordCustomer(account);

        assertThat(unattributed("2026-05")).doesNotContainKey(account);
    }

    /** The period's unattributed consumption by account; other tests' accounts are there too. */
    private Map<String, JsonNode> unattributed(String period) {
        Api.Response response = api.get("/api/v1/usage/unattributed?period=" + period, Api.OPERATOR_TOKEN);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        Map<String, JsonNode> byAccount = new LinkedHashMap<>();
        response.body().valueStream().forEach(entry -> {
            assertThat(byAccount.put(entry.get("accountId").asString(), entry)).as("one entry per account").isNull();
        });
        return byAccount;
    }

    private static void assertUnattributed(JsonNode entry, String listCost, long rows) {
        assertThat(entry).as("an unattributed entry").isNotNull();
        assertThat(entry.get("listCost").isString()).as("listCost is a string").isTrue();
        assertThat(entry.get("listCost").asString()).isEqualTo(listCost);
        assertThat(entry.get("rows").asLong()).isEqualTo(rows);
        assertThat(entry.get("currency").asString()).isEqualTo("RUB");
    }

    private void recordCustomer(String account) {
        Api.Response created = api.post("/api/v1/customers", Api.OPERATOR_TOKEN,
                Map.of("name", "Customer " + account, "taxId", Api.unique(), "accountId", account));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
    }

    private void recordPartnerWithOwnAccount(String account) {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", "yandex-cloud");
        application.put("model", "RESELLER");
        application.put("name", "Reseller " + account);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", Api.unique());
        application.put("registeredOn", "2020-01-01");
        application.put("country", "RU");
        application.put("contractDate", "2026-01-01");
        application.put("accountId", account);
        Api.Response created = api.post("/api/v1/partners", Api.OPERATOR_TOKEN, application);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
    }

    private static JsonNode find(JsonNode imports, long id) {
        return imports.valueStream().filter(record -> record.get("id").asLong() == id).findFirst()
                .orElseThrow(() -> new AssertionError("import " + id + " is not in the history: " + imports));
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
