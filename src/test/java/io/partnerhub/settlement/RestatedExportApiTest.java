package io.partnerhub.settlement;

import static io.partnerhub.settlement.CloseFixture.OPERATOR;
import static io.partnerhub.settlement.CloseFixture.totals;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.usage.ServiceConsumption;
import tools.jackson.databind.JsonNode;

/**
 * Restated exports (API.md, "Restated exports") over real HTTP, on a database of their own (the
 * timeline closes 2026-03, then 2026-04). A VK Cloud PARTNER earns 10 % on its customers'
 * consumption at list, so each statement below can be recomputed by hand from the rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-restate",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestatedExportApiTest {

    private static final String HEADER = "BillingAccountId,SubAccountId,BillingPeriodStart,ChargePeriodStart,"
            + "ChargeCategory,ServiceName,ListCost,BillingCurrency\n";
    private static final String WITHOUT_BILLING_ACCOUNT = "SubAccountId,BillingPeriodStart,ChargePeriodStart,"
            + "ChargeCategory,ServiceName,ListCost,BillingCurrency\n";

    @LocalServerPort
    int port;

    @Autowired
    ServiceConsumption consumption;

    private Api api;
    private CloseFixture fixture;

    private static long partner;
    private static long first;
    private static long restatedMarch10;
    private static long restatedMarch11;
    private static long restatedSubAccount;
    private static long restatedTwice;
    private static String marchStatement;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixture = new CloseFixture(api);
    }

    @Test
    @Order(1)
    void aRestatedDayReplacesTheRowsOfThatDayAndBillingAccountOnly() {
        partner = fixture.partner("vk-cloud", "PARTNER", "2026-03-01", null);
        fixture.customer(partner, "rs-a", "2026-03-01");
        fixture.customer(partner, "rs-b", "2026-03-01");
        Api.Response imported = upload("add", HEADER
                + "ba-1,rs-a,2026-03-01T00:00:00+03:00,2026-03-10T10:00:00+03:00,Usage,Cloud Servers,600.00,RUB\n"
                + "ba-1,rs-a,2026-03-01T00:00:00+03:00,2026-03-10T11:00:00+03:00,Usage,Cloud Servers,400.00,RUB\n"
                + "ba-1,rs-a,2026-03-01T00:00:00+03:00,2026-03-11T10:00:00+03:00,Usage,Cloud Servers,500.00,RUB\n"
                + "ba-2,rs-b,2026-03-01T00:00:00+03:00,2026-03-10T10:00:00+03:00,Usage,Cloud Servers,300.00,RUB\n");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        first = imported.body().get("importId").asLong();
        // the summary has added the first import before the restatement comes
        assertThat(listCost("rs-a", "2026-03")).isEqualByComparingTo("1500.00");

        Api.Response restated = upload("restate", HEADER
                + "ba-1,rs-a,2026-03-01T00:00:00+03:00,2026-03-10T09:00:00+03:00,Usage,Cloud Servers,800.00,RUB\n");

        assertThat(restated.status()).as(restated.raw()).isEqualTo(201);
        assertThat(restated.body().get("rowsAccepted").asLong()).isEqualTo(1);
        assertThat(restated.body().get("rowsSuperseded").asLong()).isEqualTo(2);
        assertThat(restated.text("mode")).isEqualTo("restate");
        restatedMarch10 = restated.body().get("importId").asLong();
        assertThat(listCost("rs-a", "2026-03")).as("1000.00 of 2026-03-10 restated as 800.00")
                .isEqualByComparingTo("1300.00");
        assertThat(listCost("rs-b", "2026-03")).as("another billing account's day stays").isEqualByComparingTo("300.00");
    }

    @Test
    @Order(2)
    void theSameRestatementSentAgainIsADuplicateThatSupersedesNothingMore() {
        Api.Response again = upload("restate", HEADER
                + "ba-1,rs-a,2026-03-01T00:00:00+03:00,2026-03-10T09:00:00+03:00,Usage,Cloud Servers,800.00,RUB\n");

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(again.body().get("importId").asLong()).isEqualTo(restatedMarch10);
        assertThat(listCost("rs-a", "2026-03")).isEqualByComparingTo("1300.00");
    }

    @Test
    @Order(3)
    void withoutABillingAccountTheSubAccountsDayIsRestated() {
        Api.Response restated = upload("restate", WITHOUT_BILLING_ACCOUNT
                + "rs-b,2026-03-01T00:00:00+03:00,2026-03-10T12:00:00+03:00,Usage,Cloud Servers,350.00,RUB\n");

        assertThat(restated.status()).as(restated.raw()).isEqualTo(201);
        assertThat(restated.body().get("rowsSuperseded").asLong()).isEqualTo(1);
        restatedSubAccount = restated.body().get("importId").asLong();
        assertThat(listCost("rs-b", "2026-03")).isEqualByComparingTo("350.00");
    }

    @Test
    @Order(4)
    void theCloseCountsOnlyTheRowsThatStillCount() {
        assertThat(api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}").status()).isEqualTo(200);

        Api.Response march = api.get("/api/v1/partners/" + partner + "/statements/2026-03", OPERATOR);

        assertThat(march.status()).as(march.raw()).isEqualTo(200);
        // rs-a 800.00 + 500.00, rs-b 350.00: 1 650.00 at list; 10 %: 165.00; payable 1 485.00
        assertThat(totals(march)).containsExactly("1650.00", "1650.00", "165.00", "0.00", "0.00", "0.00", "1485.00");
        marchStatement = march.raw();
    }

    @Test
    @Order(5)
    void aRestatedDayOfAClosedPeriodLandsInTheNextOpenOneAsTheDifference() {
        Api.Response april = upload("add", HEADER
                + "ba-1,rs-a,2026-04-01T00:00:00+03:00,2026-04-05T10:00:00+03:00,Usage,Cloud Servers,200.00,RUB\n");
        assertThat(april.status()).as(april.raw()).isEqualTo(201);
        Api.Response lateWithoutRestate = upload("add", HEADER
                + "ba-1,rs-a,2026-03-01T00:00:00+03:00,2026-03-11T10:00:00+03:00,Usage,Cloud Servers,650.00,RUB\n");
        assertThat(lateWithoutRestate.status()).isEqualTo(422);

        Api.Response restated = upload("restate", HEADER
                + "ba-1,rs-a,2026-03-01T00:00:00+03:00,2026-03-11T10:00:00+03:00,Usage,Cloud Servers,650.00,RUB\n");

        assertThat(restated.status()).as(restated.raw()).isEqualTo(201);
        assertThat(restated.body().get("rowsSuperseded").asLong()).isEqualTo(1);
        assertThat(restated.body().get("periods").toString()).isEqualTo("[\"2026-04\"]");
        restatedMarch11 = restated.body().get("importId").asLong();
        // March keeps what it settled; April takes 200.00 and the difference 650.00 - 500.00
        assertThat(listCost("rs-a", "2026-03")).isEqualByComparingTo("1300.00");
        assertThat(listCost("rs-a", "2026-04")).isEqualByComparingTo("350.00");

        Api.Response restatedAgain = upload("restate", HEADER
                + "ba-1,rs-a,2026-03-01T00:00:00+03:00,2026-03-11T10:00:00+03:00,Usage,Cloud Servers,700.00,RUB\n");
        assertThat(restatedAgain.status()).as(restatedAgain.raw()).isEqualTo(201);
        assertThat(restatedAgain.body().get("rowsSuperseded").asLong()).as("the 650.00 only: March's 500.00 is reversed once")
                .isEqualTo(1);
        restatedTwice = restatedAgain.body().get("importId").asLong();
        assertThat(listCost("rs-a", "2026-04")).isEqualByComparingTo("400.00");

        assertThat(api.post("/api/v1/periods/2026-04/close", OPERATOR, "{}").status()).isEqualTo(200);
        Api.Response statement = api.get("/api/v1/partners/" + partner + "/statements/2026-04", OPERATOR);

        // 200.00 of April and the correction 700.00 - 500.00 of March: 400.00 at list; 10 %: 40.00; payable 360.00
        assertThat(totals(statement)).containsExactly("400.00", "400.00", "40.00", "0.00", "0.00", "0.00", "360.00");
        List<String> corrected = new ArrayList<>();
        statement.body().get("lines").forEach(line -> {
            if (line.hasNonNull("corrects")) {
                corrected.add(line.get("kind").asString() + " " + line.get("amount").asString());
            }
        });
        assertThat(corrected).contains("LIST_COST 200.00", "DISCOUNT 20.00");
        JsonNode correction = lineOf(statement, "LIST_COST", "200.00");
        assertThat(correction.get("reasonCode").asString()).isEqualTo("correction.restated");
        assertThat(correction.get("explanation").asString()).isEqualTo("Correction of 2026-03: 2026-03-11 restated"
                + " (import #" + restatedTwice + " superseding import #" + first + "), billed in 2026-04:"
                + " Customer " + correction.get("customerId").asString() + " (rs-a): consumption at list");
        Api.Response russian = api.get("/api/v1/partners/" + partner + "/statements/2026-04", OPERATOR,
                "Accept-Language", "ru");
        assertThat(lineOf(russian, "LIST_COST", "200.00").get("explanation").asString()).startsWith(
                "Корректировка за март 2026: день 11.03.2026 пересчитан повторной выгрузкой (импорт №" + restatedTwice
                        + " вместо импорта №" + first + "), выставлено за апрель 2026: Клиент ");
        assertThat(api.get("/api/v1/partners/" + partner + "/statements/2026-03", OPERATOR).raw())
                .as("the closed statement never changes").isEqualTo(marchStatement);
    }

    @Test
    @Order(6)
    void theHistoryShowsWhatSupersededWhat() {
        JsonNode original = api.get("/api/v1/usage/imports/" + first, OPERATOR).body();
        JsonNode restatement = api.get("/api/v1/usage/imports/" + restatedMarch11, OPERATOR).body();

        assertThat(original.get("mode").asString()).isEqualTo("add");
        assertThat(original.get("supersededBy").toString()).isEqualTo(
                "[{\"importId\":" + restatedMarch10 + ",\"rows\":2},{\"importId\":" + restatedSubAccount
                        + ",\"rows\":1},{\"importId\":" + restatedMarch11 + ",\"rows\":1}]");
        assertThat(restatement.get("mode").asString()).isEqualTo("restate");
        assertThat(restatement.get("rowsSuperseded").asLong()).isEqualTo(1);
        assertThat(restatement.get("supersedes").toString()).isEqualTo("[{\"importId\":" + first + ",\"rows\":1}]");
        assertThat(restatement.get("supersededBy").toString()).isEqualTo("[{\"importId\":" + restatedTwice + ",\"rows\":1}]");
    }

    @Test
    @Order(7)
    void anUnknownModeIsRefusedNamingTheParameter() {
        Api.Response refused = upload("replace", HEADER
                + "ba-1,rs-a,2026-05-01T00:00:00+03:00,2026-05-05T10:00:00+03:00,Usage,Cloud Servers,1.00,RUB\n");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.raw()).contains("mode").contains("'replace' is not a known mode");
    }

    private Api.Response upload(String mode, String csv) {
        return api.upload("/api/v1/usage/imports?format=focus&mode=" + mode, OPERATOR,
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
    }

    /** The correction line of a kind and amount. */
    private static JsonNode lineOf(Api.Response statement, String kind, String amount) {
        for (JsonNode line : statement.body().get("lines")) {
            if (line.hasNonNull("corrects") && line.get("kind").asString().equals(kind)
                    && line.get("amount").asString().equals(amount)) {
                return line;
            }
        }
        throw new AssertionError("no " + kind + " line of " + amount + " in " + statement.raw());
    }

    private BigDecimal listCost(String account, String month) {
        return consumption.ofAccount(account, YearMonth.parse(month)).stream()
                .filter(m -> m.month().equals(YearMonth.parse(month)))
                .map(ServiceConsumption.ServiceMonth::listCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
