package io.partnerhub.incentive;

import io.partnerhub.Api;
import io.partnerhub.SetClock;
import io.partnerhub.ApiFixture;
import io.partnerhub.settlement.Statements;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.partnerhub.ApiFixture.OPERATOR;
import static io.partnerhub.ApiFixture.created;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Oblakoteka White Label partner P (Professional, 27 % on main services), contracted 2026-01-01,
 * through a trial, a free month, a downgrade and its sandbox's timer, month by month to the
 * statement, on a database of its own with a clock the test sets (noon in Moscow):
 *
 * <pre>
 * clock       what happens
 * 2026-01-05  P asks for its sandbox (KVM, resource cloudovka-P, billed to its own account own-P);
 *             customer T starts a trial on 01-10 (Professional: until the operator ends it).
 * 2026-02-03  January closes. T: 1 000.00 on 01-05 (paid), 2 000.00 on 01-15 (trial); the sandbox
 *             3 000.00; F: 4 000.00. List 10 000.00; trial 2 000.00; sandbox 3 000.00; eligible
 *             5 000.00; discount 27 % = 270.00 + 1 080.00; payable 10 000 - 1 350 - 2 000 - 3 000 = 3 650.00.
 *             The operator ends T's trial on 02-05. F gets March free for vm-f1; T cannot (March is
 *             the month right after its trial's), April not next to it; F's April is next to March.
 * 2026-03-02  February closes. T: 500.00 on 02-03 (trial), 800.00 on 02-08; sandbox 3 000.00; F 4 000.00.
 *             List 8 300.00; trial 500.00; eligible 4 800.00; discount 216.00 + 1 080.00; payable
 *             8 300 - 1 296 - 500 - 3 000 = 3 504.00.
 * 2026-04-02  March closes with the sales-manager bonus for T. F: vm-f1 4 000.00 (free), vm-f2
 *             1 000.00; T 1 000.00; sandbox 3 000.00. List 9 000.00; free month 4 000.00; eligible
 *             2 000.00; discount 540.00; payable 9 000 - 540 - 4 000 - 3 000 = 1 460.00; bonus 100 % of
 *             T's 1 000 - 270 = 730.00 (reward).
 * 2026-07-02  April-June close with no customer reaching 30 000.00 in a month and no exam: the first
 *             window fails, P is Basic (Reseller) from 2026-07-01. Its sandbox stays free 6 months:
 *             until 2026-12-31.
 * 2026-12-02  the timer says ENDING, paid from 2027-01-01, 30 days left; the daily task warns once.
 * 2027-01-02  December closes: sandbox 3 000.00 still free (payable 0.00). The timer says PAID.
 * 2027-02-02  January 2027 closes: the sandbox's 3 000.00 is P's own consumption at list (payable
 *             3 000.00). Closing again changes nothing.
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-incentive-scenario",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import(IncentiveScenarioTest.ScenarioClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IncentiveScenarioTest {

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2026-01-05"));
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,"
            + "BillingCurrency,x_FundingSource,ResourceId\n";


    @TestConfiguration
    static class ScenarioClock {
        @Bean
        @Primary
        Clock scenarioClock() {
            return new SetClock(NOW);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Statements statements;

    private Api api;
    private ApiFixture fixture;
    private long p;
    private String pToken;
    private long t;
    private long f;
    private String own;
    private String accountT;
    private String accountF;
    private long trial;

    @BeforeAll
    void partnerAndCustomers() {
        NOW.set(noon("2026-01-05"));
        api = new Api(port);
        fixture = new ApiFixture(api);
        own = "own-" + Api.unique();
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", "oblakoteka");
        application.put("model", "WHITE_LABEL");
        application.put("name", "Scenario White Label");
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", Api.unique());
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", "2026-01-01");
        application.put("accountId", own);
        p = created(api.post("/api/v1/partners", OPERATOR, application));
        pToken = fixture.token(p);
        t = fixture.customer();
        f = fixture.customer();
        accountT = api.get("/api/v1/customers/" + t, OPERATOR).text("accountId");
        accountF = api.get("/api/v1/customers/" + f, OPERATOR).text("accountId");
        created(fixture.link(OPERATOR, p, t, "2026-01-01", null, "2026-01-05"));
        created(fixture.link(OPERATOR, p, f, "2026-01-01", null, "2026-01-05"));
    }

    @Test
    @Order(1)
    void january() {
        Api.Response sandbox = api.post("/api/v1/partners/" + p + "/sandbox", pToken,
                Map.of("platform", "KVM", "resourceId", "cloudovka-P"));
        Api.Response started = api.post("/api/v1/customers/" + t + "/trials", pToken,
                Map.of("partnerId", p, "from", "2026-01-10"));
        assertThat(sandbox.status()).as(sandbox.raw()).isEqualTo(201);
        assertThat(started.status()).as(started.raw()).isEqualTo(201);
        assertThat(started.text("to")).isNull();
        trial = started.id();
        usage(accountT + ",2026-01-05,ElasticCloud KVM,1000.00,vm-t1",
                accountT + ",2026-01-15,ElasticCloud KVM,2000.00,vm-t1",
                own + ",2026-01-20,ElasticCloud KVM,3000.00,cloudovka-P",
                accountF + ",2026-01-12,ElasticCloud KVM,4000.00,vm-f1");

        NOW.set(noon("2026-02-03"));
        close("2026-01");

        JsonNode january = statement("2026-01");
        assertTotals(january, "10000.00", "5000.00", "1350.00", "0.00", "3650.00");
        assertThat(amounts(january, "TRIAL")).containsExactly("2000.00");
        assertThat(amounts(january, "SANDBOX")).containsExactly("3000.00");
        assertThat(explanation(january, "TRIAL")).isEqualTo("Trial #" + trial
                + " from 2026-01-10 (still running): consumption paid by the provider");
    }

    @Test
    @Order(2)
    void theTrialEndsAndFreeMonthsKeepTheirDistance() {
        Api.Response ended = api.post("/api/v1/customers/" + t + "/trials/" + trial + "/end", OPERATOR,
                Map.of("on", "2026-02-05"));
        Api.Response march = freeMonth(f, "2026-03", "vm-f1");
        Api.Response afterTrial = freeMonth(t, "2026-03", "vm-t1");
        Api.Response aprilForT = freeMonth(t, "2026-04", "vm-t1");
        Api.Response aprilForF = freeMonth(f, "2026-04", "vm-f1");

        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        assertThat(march.status()).as(march.raw()).isEqualTo(201);
        assertThat(afterTrial.status()).isEqualTo(422);
        assertThat(afterTrial.text("detail")).isEqualTo("2026-03 is the month right after the trial month: trial #"
                + trial + " ended on 2026-02-05");
        assertThat(aprilForT.status()).as(aprilForT.raw()).isEqualTo(201);
        assertThat(aprilForF.status()).isEqualTo(422);
        assertThat(aprilForF.text("detail")).isEqualTo("2026-04 is next to the free month 2026-03: at least 1 calendar"
                + " month(s) between two free months");
    }

    @Test
    @Order(3)
    void february() {
        usage(accountT + ",2026-02-03,ElasticCloud KVM,500.00,vm-t1",
                accountT + ",2026-02-08,ElasticCloud KVM,800.00,vm-t1",
                own + ",2026-02-10,ElasticCloud KVM,3000.00,cloudovka-P",
                accountF + ",2026-02-12,ElasticCloud KVM,4000.00,vm-f1");

        NOW.set(noon("2026-03-02"));
        close("2026-02");

        JsonNode february = statement("2026-02");
        assertTotals(february, "8300.00", "4800.00", "1296.00", "0.00", "3504.00");
        assertThat(amounts(february, "TRIAL")).containsExactly("500.00");
        assertThat(explanation(february, "TRIAL")).isEqualTo("Trial #" + trial
                + " from 2026-01-10 to 2026-02-05: consumption paid by the provider");
    }

    @Test
    @Order(4)
    void marchWithAFreeMonthAndTheSalesManagerBonus() {
        usage(accountF + ",2026-03-12,ElasticCloud KVM,4000.00,vm-f1",
                accountF + ",2026-03-12,ElasticCloud KVM,1000.00,vm-f2",
                accountT + ",2026-03-03,ElasticCloud KVM,1000.00,vm-t1",
                own + ",2026-03-10,ElasticCloud KVM,3000.00,cloudovka-P");
        NOW.set(noon("2026-04-02"));
        Api.Response bonus = api.post("/api/v1/partners/" + p + "/bonuses", OPERATOR, Map.of("kind", "SALES_MANAGER",
                "customerId", t, "month", "2026-03", "reference", "Sales manager of T"));
        assertThat(bonus.status()).as(bonus.raw()).isEqualTo(201);

        close("2026-03");

        JsonNode march = statement("2026-03");
        assertTotals(march, "9000.00", "2000.00", "540.00", "730.00", "1460.00");
        assertThat(amounts(march, "FREE_MONTH")).containsExactly("4000.00");
        assertThat(amounts(march, "BONUS_PAYMENT")).containsExactly("730.00");
        assertThat(explanation(march, "FREE_MONTH")).endsWith("(2026-03) of resources vm-f1: consumption paid by the"
                + " provider");
        List<String> paidOut = new ArrayList<>();
        api.get("/api/v1/events?type=bonus.paid-out&partnerId=" + p, pToken).body().get("events")
                .forEach(e -> paidOut.add(e.get("data").get("amount").asString() + " " + e.get("data").get("period").asString()));
        assertThat(paidOut).containsExactly("730.00 2026-03");
    }

    @Test
    @Order(5)
    void theFirstWindowFailsAndTheSandboxTimerStarts() {
        NOW.set(noon("2026-07-02"));
        close("2026-06");

        JsonNode partner = api.get("/api/v1/partners/" + p, OPERATOR).body();
        assertThat(partner.get("model").asString()).isEqualTo("RESELLER");
        assertThat(partner.get("tier").asString()).isEqualTo("BASIC");
        JsonNode sandbox = api.get("/api/v1/partners/" + p + "/sandbox", pToken).body();
        assertThat(sandbox.get("status").asString()).isEqualTo("ENDING");
        assertThat(sandbox.get("downgradedOn").asString()).isEqualTo("2026-07-01");
        assertThat(sandbox.get("paidFrom").asString()).isEqualTo("2027-01-01");
        assertThat(sandbox.get("daysLeft").asLong()).isEqualTo(183);
    }

    @Test
    @Order(6)
    void thePartnerIsWarnedThirtyDaysBeforeTheSandboxIsPaid() {
        NOW.set(noon("2026-12-02"));
        usage(own + ",2026-12-10,ElasticCloud KVM,3000.00,cloudovka-P");

        Api.Response first = api.post("/api/v1/jobs/daily?date=2026-12-02", OPERATOR, "{}");
        Api.Response again = api.post("/api/v1/jobs/daily?date=2026-12-02", OPERATOR, "{}");

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        List<String> warnings = new ArrayList<>();
        api.get("/api/v1/events?type=sandbox.ending&partnerId=" + p, pToken).body().get("events")
                .forEach(e -> warnings.add(e.get("summary").asString()));
        assertThat(warnings).containsExactly("Sandbox #" + sandboxId() + " of partner " + p
                + " becomes paid on 2027-01-01, in 30 days");
        assertThat(api.get("/api/v1/partners/" + p + "/sandbox", pToken).body().get("daysLeft").asLong()).isEqualTo(30);
    }

    @Test
    @Order(7)
    void decemberIsStillFreeJanuaryIsPaid() {
        NOW.set(noon("2027-01-02"));
        close("2026-12");
        assertThat(api.get("/api/v1/partners/" + p + "/sandbox", pToken).text("status")).isEqualTo("PAID");
        usage(own + ",2027-01-10,ElasticCloud KVM,3000.00,cloudovka-P");
        NOW.set(noon("2027-02-02"));
        close("2027-01");

        JsonNode december = statement("2026-12");
        assertTotals(december, "3000.00", "0.00", "0.00", "0.00", "0.00");
        assertThat(explanation(december, "SANDBOX")).contains("free after the downgrade of 2026-07-01 until 2026-12-31");
        JsonNode january = statement("2027-01");
        assertTotals(january, "3000.00", "0.00", "0.00", "0.00", "3000.00");
        assertThat(amounts(january, "SANDBOX")).isEmpty();

        String digest = statements.digest();
        close("2027-01");
        assertThat(statements.digest()).isEqualTo(digest);
    }

    private long sandboxId() {
        return api.get("/api/v1/partners/" + p + "/sandbox", pToken).id();
    }

    private Api.Response freeMonth(long customer, String month, String resource) {
        return api.post("/api/v1/customers/" + customer + "/free-months", pToken,
                Map.of("partnerId", p, "month", month, "resourceIds", List.of(resource)));
    }

    private void usage(String... rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (String row : rows) {
            String[] c = row.split(",");
            csv.append(String.join(",", c[0], c[1] + "T09:00:00Z", "Usage", c[2], c[3], "RUB", "MONEY", c[4])).append('\n');
        }
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
    }

    private void close(String period) {
        Api.Response closed = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
    }

    private JsonNode statement(String period) {
        Api.Response s = api.get("/api/v1/partners/" + p + "/statements/" + period, pToken);
        assertThat(s.status()).as(s.raw()).isEqualTo(200);
        return s.body();
    }

    private static void assertTotals(JsonNode statement, String list, String eligible, String discount, String reward,
                                     String payable) {
        JsonNode totals = statement.get("totals");
        assertThat(totals.get("listCost").asString()).as("listCost").isEqualTo(list);
        assertThat(totals.get("eligibleCost").asString()).as("eligibleCost").isEqualTo(eligible);
        assertThat(totals.get("discount").asString()).as("discount").isEqualTo(discount);
        assertThat(totals.get("reward").asString()).as("reward").isEqualTo(reward);
        assertThat(totals.get("payable").asString()).as("payable").isEqualTo(payable);
    }

    private static List<String> amounts(JsonNode statement, String kind) {
        List<String> amounts = new ArrayList<>();
        statement.get("lines").forEach(line -> {
            if (line.get("kind").asString().equals(kind)) {
                amounts.add(line.get("amount").asString());
            }
        });
        return amounts;
    }

    private static String explanation(JsonNode statement, String kind) {
        for (JsonNode line : statement.get("lines")) {
            if (line.get("kind").asString().equals(kind)) {
                return line.get("explanation").asString();
            }
        }
        throw new AssertionError("no " + kind + " line in " + statement);
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }
}
