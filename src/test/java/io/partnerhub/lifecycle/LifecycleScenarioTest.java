package io.partnerhub.lifecycle;

import static io.partnerhub.ApiFixture.OPERATOR;
import static io.partnerhub.ApiFixture.assertProblem;
import static io.partnerhub.ApiFixture.created;
import static io.partnerhub.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

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
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.SetClock;
import io.partnerhub.ApiFixture;
import io.partnerhub.settlement.Statements;
import tools.jackson.databind.JsonNode;

/**
 * Three Yandex Cloud partners (2026 terms: 10 %), contracted 2026-01-01, on a database of their
 * own with a clock the test sets (always noon in Moscow):
 *
 * <pre>
 * clock       what happens
 * 2026-04-10  customer C (1 000.00 a day in March) moves from A (deal +5 %: 15 %) to B (10 %) on 03-16;
 *             March closes: A has 03-01..03-15, B 03-16..03-31. X (customer D, 10 000.00 a month,
 *             infrastructure specialization) accrues the Q1 rebate 900.00. X gives notice to exit on
 *             05-16 and withdraws 200.00 of its balance to Bonus for May.
 *             R (customer F, 10 000.00 in March: Q1 rebate 300.00) withdraws 100.00 to Bonus for June,
 *             then gives notice to exit on 05-20.
 * 2026-05-16  the daily task: X's exit takes effect (its link to D ends on 05-16); R's is not due.
 * 2026-06-02  April and May close: X's May statement has D's 05-01..05-15 only (500.00 a day), applies
 *             the Bonus, and as its final statement pays out the remaining 700.00. No daily task ran
 *             for R's exit on 05-20: the close carries it out first; R's June Bonus, which no
 *             statement will apply, returns, and its final statement pays out 300.00.
 * 2026-07-02  June closes without a statement for X; closing again changes nothing.
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-lifecycle-scenario",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleScenarioTest {

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2026-04-10"));
    private static final String NEW = "2026-01-01";
    private static final String ZERO = "0.00";
    private static final String FOCUS_HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,"
            + "BillingCurrency,x_FundingSource\n";


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
    JdbcClient jdbc;

    @Autowired
    Statements statements;

    private Api api;
    private ApiFixture fixture;
    private long a;
    private long b;
    private long x;
    private long r;
    private long c;
    private long d;
    private String xToken;

    @BeforeAll
    void partnersAndCustomers() {
        NOW.set(noon("2026-04-10"));
        api = new Api(port);
        fixture = new ApiFixture(api);
        a = fixture.partner("yandex-cloud", "RESELLER", "2026-01-01");
        b = fixture.partner("yandex-cloud", "RESELLER", "2026-01-01");
        x = fixture.partner("yandex-cloud", "RESELLER", "2026-01-01");
        xToken = fixture.token(x);
        r = fixture.partner("yandex-cloud", "RESELLER", "2026-01-01");
        c = customer("lc-c");
        d = customer("lc-d");
        created(fixture.link(OPERATOR, a, c, "2026-01-01", null, "2025-12-20"));
        created(fixture.link(OPERATOR, x, d, "2026-01-01", null, "2025-12-20"));
        created(fixture.link(OPERATOR, r, customer("lc-f"), "2026-01-01", null, "2025-12-20"));
        long deal = created(api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", a, "customerTaxId", "tax-lc-c",
                "customerName", "Customer lc-c", "title", "C for A", "registeredOn", "2026-01-01")));
        assertThat(api.post("/api/v1/deals/" + deal + "/approve", OPERATOR, Map.of("extraDiscountPercent", "5")).status())
                .isEqualTo(200);
        for (long partner : List.of(x, r)) {
            // the specialization's condition: 2 employees certified in its course on the grant day
            for (String employee : List.of("Anna Petrova", "Boris Ivanov")) {
                created(api.post("/api/v1/partners/" + partner + "/certifications", OPERATOR, Map.of("employee", employee,
                        "course", "Yandex Cloud Infrastructure", "certifiedOn", "2025-12-01")));
            }
            created(api.post("/api/v1/partners/" + partner + "/specializations", OPERATOR,
                    Map.of("specialization", "infrastructure", "from", "2026-01-01")));
        }
    }

    @Test
    @Order(1)
    void aCustomerMovedMidMarchIsSettledByDayWithEachPartner() {
        Api.Response moved = api.post("/api/v1/customers/" + c + "/transfers", OPERATOR,
                Map.of("toPartnerId", b, "on", "2026-03-16", "consentObtainedOn", "2026-03-10"));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(201);
        List<String> rows = new ArrayList<>(List.of("lc-d,2026-01-05,Compute Cloud,10000.00",
                "lc-d,2026-02-05,Compute Cloud,10000.00", "lc-d,2026-03-05,Compute Cloud,10000.00",
                "lc-f,2026-03-05,Compute Cloud,10000.00"));
        for (int day = 1; day <= 31; day++) {
            rows.add("lc-c," + LocalDate.of(2026, 3, day) + ",Compute Cloud,1000.00");
        }
        usage(rows);
        close("2026-03", "2026-01", "2026-02", "2026-03");

        // A holds C on 03-01..03-15: 15 days x 1 000.00 = 15 000.00 at 10 % + deal 5 % = 15 %: 2 250.00.
        // Payable 15 000.00 - 2 250.00 = 12 750.00.
        statement(a, "2026-03").totals("15000.00", "15000.00", "2250.00", ZERO, ZERO, ZERO, "12750.00", ZERO)
                .lines("LIST_COST 15000.00", "DISCOUNT 15000.00 x 15 % = 2250.00")
                .explains(2, "until 2026-03-15", "deal #");
        // B holds C from 03-16: 16 days x 1 000.00 = 16 000.00 at 10 % (A's deal is A's): 1 600.00.
        // Payable 16 000.00 - 1 600.00 = 14 400.00.
        statement(b, "2026-03").totals("16000.00", "16000.00", "1600.00", ZERO, ZERO, ZERO, "14400.00", ZERO)
                .lines("LIST_COST 16000.00", "DISCOUNT 16000.00 x 10 % = 1600.00")
                .explains(2, "from 2026-03-16");
        // X: D 10 000.00 at 10 % = 1 000.00. Q1 infrastructure: Compute Cloud 3 x 10 000.00 = 30 000.00,
        // 3 % = 900.00 to the rebate balance. Payable 9 000.00.
        statement(x, "2026-03").totals("10000.00", "10000.00", "1000.00", ZERO, "900.00", ZERO, "9000.00", ZERO)
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 10 % = 1000.00", "REBATE 30000.00 x 3 % = 900.00");
        assertThat(balance(x)).isEqualTo("900.00");
        // R: F 10 000.00 at 10 % = 1 000.00; Q1 infrastructure 3 % x 10 000.00 = 300.00 to the balance.
        statement(r, "2026-03").totals("10000.00", "10000.00", "1000.00", ZERO, "300.00", ZERO, "9000.00", ZERO);
        assertThat(statementCount(b)).isEqualTo(3);
    }

    @Test
    @Order(2)
    void nothingIsDatedIntoTheClosedMarch() {
        Api.Response transfer = api.post("/api/v1/customers/" + c + "/transfers", OPERATOR,
                Map.of("toPartnerId", a, "on", "2026-03-20", "consentObtainedOn", "2026-03-10"));
        Api.Response consent = api.post("/api/v1/customers/" + c + "/consent-revocations", OPERATOR,
                Map.of("on", "2026-03-20", "reason", "late letter"));
        Api.Response revokedInMarch = api.post("/api/v1/partners/" + a + "/revocation", OPERATOR,
                Map.of("reason", "Non-compliance", "revokedOn", "2026-03-20"));
        Api.Response lastMonthClosed = api.post("/api/v1/partners/" + a + "/revocation", OPERATOR,
                Map.of("reason", "Non-compliance", "revokedOn", "2026-04-01"));

        for (Api.Response refused : List.of(transfer, consent, revokedInMarch)) {
            assertProblem(refused, 422);
            assertThat(refused.text("detail")).contains("2026-03 is closed");
        }
        assertThat(fields(transfer)).containsExactly("on");
        assertThat(fields(consent)).containsExactly("on");
        assertThat(fields(revokedInMarch)).containsExactly("revokedOn");
        assertProblem(lastMonthClosed, 422);
        assertThat(lastMonthClosed.text("detail")).contains("2026-03 the partner's last month").contains("2026-04-02");
        assertThat(api.get("/api/v1/partners/" + a, OPERATOR).text("status")).isEqualTo("ACTIVE");
    }

    @Test
    @Order(3)
    void theExitNoticeAndABonusForTheLastMonth() {
        Api.Response early = api.post("/api/v1/partners/" + x + "/exit-notices", xToken, Map.of("exitDate", "2026-05-09"));
        Api.Response notice = api.post("/api/v1/partners/" + x + "/exit-notices", xToken, Map.of("exitDate", "2026-05-16"));
        Api.Response bonus = api.post("/api/v1/partners/" + x + "/withdrawals", xToken,
                Map.of("amount", "200.00", "destination", "BONUS", "period", "2026-05"));
        Api.Response tooLate = api.post("/api/v1/partners/" + x + "/withdrawals", xToken,
                Map.of("amount", "100.00", "destination", "BONUS", "period", "2026-06"));

        assertProblem(early, 422);
        assertThat(early.text("detail")).contains("2026-05-10");
        assertThat(notice.status()).as(notice.raw()).isEqualTo(201);
        assertThat(api.get("/api/v1/partners/" + x, OPERATOR).text("status")).isEqualTo("EXITING");
        assertThat(bonus.status()).as(bonus.raw()).isEqualTo(201);
        assertProblem(tooLate, 422);
        assertThat(fields(tooLate)).containsExactly("period");
        assertThat(balance(x)).isEqualTo("700.00");
        created(api.post("/api/v1/partners/" + r + "/withdrawals", OPERATOR,
                Map.of("amount", "100.00", "destination", "BONUS", "period", "2026-06")));
        Api.Response rNotice = api.post("/api/v1/partners/" + r + "/exit-notices", OPERATOR, Map.of("exitDate", "2026-05-20"));
        assertThat(rNotice.status()).as(rNotice.raw()).isEqualTo(201);
        usage(List.of("lc-d,2026-04-05,Compute Cloud,10000.00", "lc-c,2026-04-05,Compute Cloud,1000.00"));
    }

    @Test
    @Order(4)
    void onTheExitDateTheDailyTaskEndsTheLinksOnce() {
        NOW.set(noon("2026-05-16"));
        Api.Response run = api.post("/api/v1/jobs/daily", OPERATOR, "{}");
        Api.Response again = api.post("/api/v1/jobs/daily", OPERATOR, "{}");

        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        assertThat(changes(run, "partner-exits")).containsExactly("Partner " + x + " left the program on 2026-05-16:"
                + " 1 link(s) ended, 0 deal(s) released, 0 link request(s) withdrawn");
        assertThat(changes(again, "partner-exits")).isEmpty();
        assertThat(fixture.linksOf(x)).singleElement()
                .satisfies(link -> assertThat(link.get("to").asString()).isEqualTo("2026-05-16"));
        assertThat(api.get("/api/v1/partners/" + x, OPERATOR).text("status")).isEqualTo("EXITED");
        assertThat(eventTypes(x)).containsSubsequence("partner.exit-noticed", "link.ended", "partner.exited");
        Api.Response newLink = fixture.link(OPERATOR, x, customer("lc-e"), "2026-05-16", null, "2026-05-16");
        assertProblem(newLink, 422);

        assertThat(fixture.linksOf(r).getFirst().has("to")).as("R's exit on 05-20 is not due").isFalse();
        List<String> may = new ArrayList<>(List.of("lc-f,2026-05-10,Compute Cloud,1000.00",
                "lc-f,2026-05-25,Compute Cloud,1000.00"));
        for (int day = 1; day <= 31; day++) {
            may.add("lc-d," + LocalDate.of(2026, 5, day) + ",Compute Cloud,500.00");
        }
        usage(may);
    }

    @Test
    @Order(5)
    void theFinalStatementSettlesTheBalanceAndLeavesOutTheFormerCustomersLaterUsage() {
        NOW.set(noon("2026-06-02"));
        close("2026-05", "2026-04", "2026-05");

        // April: D 10 000.00 at 10 % = 1 000.00; not X's last month, no payout.
        statement(x, "2026-04").totals("10000.00", "10000.00", "1000.00", ZERO, ZERO, ZERO, "9000.00", ZERO)
                .lines("LIST_COST 10000.00", "DISCOUNT 10000.00 x 10 % = 1000.00");
        // B's April: C 1 000.00 at 10 % = 100.00.
        statement(b, "2026-04").totals("1000.00", "1000.00", "100.00", ZERO, ZERO, ZERO, "900.00", ZERO);
        // May, X's last month (exit 05-16): D's 05-01..05-15 only, 15 x 500.00 = 7 500.00 (not 31 days:
        // 15 500.00); 10 % = 750.00. Bonus 200.00 applied (payable before it 6 750.00).
        // Payable 7 500.00 - 750.00 - 200.00 = 6 550.00. The balance: 900.00 accrued in March less the
        // 200.00 Bonus = 700.00, paid out to the bank account.
        statement(x, "2026-05").totals("7500.00", "7500.00", "750.00", ZERO, ZERO, "200.00", "6550.00", "700.00")
                .lines("LIST_COST 7500.00", "DISCOUNT 7500.00 x 10 % = 750.00", "BONUS 200.00", "BALANCE_PAYOUT 700.00")
                .explains(2, "until 2026-05-15")
                .explains(4, "Final statement", "2026-05-16", "700.00 before this close", "bank account");
        assertThat(balance(x)).isEqualTo("0.00");
        assertThat(ledger(x)).containsExactly("ACCRUAL 900.00 null", "WITHDRAWAL -200.00 BONUS",
                "WITHDRAWAL -700.00 BANK_ACCOUNT");
        assertThat(jdbc.sql("select amount from payout where partner_id = :p").param("p", x)
                .query(java.math.BigDecimal.class).list()).singleElement()
                .satisfies(amount -> assertThat(amount).isEqualByComparingTo("700.00"));
        JsonNode settled = events(x).stream().filter(e -> e.get("type").asString().equals("partner.final-balance-settled"))
                .findFirst().orElseThrow();
        assertThat(settled.at("/data/amount").asString()).isEqualTo("700.00");
        assertThat(settled.at("/data/period").asString()).isEqualTo("2026-05");
        assertThat(api.get("/api/v1/events?after=0&limit=1000", xToken).raw()).contains("partner.final-balance-settled");
    }

    @Test
    @Order(6)
    void anExitNoDailyTaskCarriedOutIsCarriedOutByTheClose() {
        // The May close carried out R's exit on 05-20 before settling the month.
        assertThat(fixture.linksOf(r)).singleElement()
                .satisfies(link -> assertThat(link.get("to").asString()).isEqualTo("2026-05-20"));
        assertThat(events(r).stream().filter(e -> e.get("type").asString().equals("partner.exited")))
                .singleElement().satisfies(e -> assertThat(e.get("actor").asString()).isEqualTo("system"));
        // May: F's 05-10 only (05-25 is after the exit): 1 000.00 at 10 % = 100.00. The balance: 300.00 accrued
        // in March; the 100.00 Bonus for June returns (no June statement will apply it), all 300.00 paid out.
        statement(r, "2026-05").totals("1000.00", "1000.00", "100.00", ZERO, ZERO, ZERO, "900.00", "300.00")
                .lines("LIST_COST 1000.00", "DISCOUNT 1000.00 x 10 % = 100.00", "BALANCE_PAYOUT 300.00");
        assertThat(ledger(r)).containsExactly("ACCRUAL 300.00 null", "WITHDRAWAL -100.00 BONUS", "REVERSAL 100.00 null",
                "WITHDRAWAL -300.00 BANK_ACCOUNT");
        assertThat(balance(r)).isEqualTo("0.00");
    }

    @Test
    @Order(7)
    void afterItsLastMonthThePartnerHasNoStatementAndClosingAgainChangesNothing() {
        NOW.set(noon("2026-07-02"));
        usage(List.of("lc-d,2026-06-10,Compute Cloud,3000.00"));
        close("2026-06", "2026-06");

        assertThat(api.get("/api/v1/partners/" + x + "/statements/2026-06", OPERATOR).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/partners/" + x + "/statements", OPERATOR).body().valueStream()
                .map(s -> s.get("period").asString()).toList())
                .containsExactly("2026-01", "2026-02", "2026-03", "2026-04", "2026-05");
        String digest = statements.digest();
        close("2026-06");
        api.post("/api/v1/jobs/daily", OPERATOR, "{}");
        assertThat(statements.digest()).isEqualTo(digest);
        assertThat(balance(x)).isEqualTo("0.00");
    }

    // ---- helpers

    private long customer(String account) {
        return created(api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Customer " + account, "taxId", "tax-" + account, "accountId", account)));
    }

    /** Imports FOCUS usage rows "account,day,service,amount" (money, charged at noon Moscow time). */
    private void usage(List<String> rows) {
        StringBuilder csv = new StringBuilder(FOCUS_HEADER);
        for (String row : rows) {
            String[] f = row.split(",");
            csv.append(String.join(",", f[0], f[1] + "T09:00:00Z", "Usage", f[2], f[3], "RUB", "MONEY")).append('\n');
        }
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.body().get("rowsAccepted").asInt()).isEqualTo(rows.size());
    }

    private void close(String period, String... closedNow) {
        Api.Response closed = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        List<String> months = new ArrayList<>();
        closed.body().get("closedNow").forEach(month -> months.add(month.asString()));
        assertThat(months).as(closed.raw()).containsExactly(closedNow);
    }

    private String balance(long partner) {
        return api.get("/api/v1/partners/" + partner + "/balance", OPERATOR).text("rebateBalance");
    }

    private List<String> ledger(long partner) {
        return api.get("/api/v1/partners/" + partner + "/balance", OPERATOR).body().get("entries").valueStream()
                .map(e -> e.get("kind").asString() + " " + e.get("amount").asString() + " "
                        + (e.has("destination") ? e.get("destination").asString() : "null"))
                .toList();
    }

    private int statementCount(long partner) {
        return api.get("/api/v1/partners/" + partner + "/statements", OPERATOR).body().size();
    }

    private List<JsonNode> events(long partner) {
        return api.get("/api/v1/events?limit=1000&partnerId=" + partner, OPERATOR).body().get("events").valueStream().toList();
    }

    private List<String> eventTypes(long partner) {
        return events(partner).stream().map(e -> e.get("type").asString()).toList();
    }

    private static List<String> changes(Api.Response run, String task) {
        for (JsonNode outcome : run.body().get("tasks")) {
            if (outcome.get("task").asString().equals(task)) {
                return outcome.get("changes").valueStream().map(JsonNode::asString).toList();
            }
        }
        throw new AssertionError("no task " + task + " in " + run.raw());
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    private Check statement(long partner, String period) {
        String path = "/api/v1/partners/" + partner + "/statements/" + period;
        Api.Response read = api.get(path, OPERATOR);
        assertThat(read.status()).as(path + ": " + read.raw()).isEqualTo(200);
        assertThat(read.text("programVersion")).isEqualTo(NEW);
        return new Check(path, read.body());
    }

    /** Assertions on one statement; a line reads "DISCOUNT 16000.00 x 10 % = 1600.00" or "LIST_COST 16000.00". */
    private record Check(String path, JsonNode body) {

        Check totals(String listCost, String eligibleCost, String discount, String reward, String rebate, String bonus,
                     String payable, String balancePayout) {
            JsonNode t = body.get("totals");
            List<String> actual = new ArrayList<>();
            List<String> names = List.of("listCost", "eligibleCost", "discount", "reward", "rebate", "bonus", "payable",
                    "balancePayout");
            names.forEach(name -> actual.add(name + " " + t.get(name).asString()));
            List<String> expected = List.of(listCost, eligibleCost, discount, reward, rebate, bonus, payable, balancePayout);
            List<String> wanted = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                wanted.add(names.get(i) + " " + expected.get(i));
            }
            assertThat(actual).as(path + " totals").containsExactlyElementsOf(wanted);
            return this;
        }

        Check lines(String... expected) {
            List<String> actual = new ArrayList<>();
            body.get("lines").forEach(line -> {
                JsonNode rate = line.get("rate");
                actual.add(line.get("kind").asString() + " " + (rate == null || rate.isNull()
                        ? line.get("amount").asString()
                        : line.get("base").asString() + " x " + rate.asString() + " % = " + line.get("amount").asString()));
            });
            assertThat(actual).as(path + " lines: " + body.get("lines")).containsExactly(expected);
            return this;
        }

        Check explains(int lineNo, String... parts) {
            assertThat(body.get("lines").get(lineNo - 1).get("explanation").asString()).as(path + " line " + lineNo)
                    .contains(parts);
            return this;
        }
    }
}
