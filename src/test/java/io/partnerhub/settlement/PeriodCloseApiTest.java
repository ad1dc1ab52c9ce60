package io.partnerhub.settlement;

import io.partnerhub.Api;
import io.partnerhub.shared.Money;
import io.partnerhub.ledger.RebateLedger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.YearMonth;
import java.util.Map;

import static io.partnerhub.settlement.CloseFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The close over real HTTP and a database of its own (closing a month closes every month before
 * it, so these tests cannot share the platform other tests import into). The tests run in order
 * along one timeline: 2026-03, then 2026-04.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-close",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeriodCloseApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RebateLedger ledger;

    private Api api;
    private CloseFixture fixture;

    private static long vk;
    private static long yandex;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixture = new CloseFixture(api);
    }

    @Test
    @Order(1)
    void aPeriodNotYetEndedIsRefusedAndOnlyAnOperatorCloses() {
        long partner = fixture.partner("vk-cloud", "PARTNER", "2026-03-01", null);
        String thisMonth = YearMonth.now(java.time.ZoneId.of("Europe/Moscow")).toString();

        Api.Response early = api.post("/api/v1/periods/" + thisMonth + "/close", OPERATOR, "{}");
        Api.Response byPartner = api.post("/api/v1/periods/2026-03/close", fixture.token(partner), "{}");
        Api.Response malformed = api.post("/api/v1/periods/2026-13/close", OPERATOR, "{}");

        assertThat(early.status()).isEqualTo(422);
        assertThat(early.text("detail")).contains(thisMonth + " has not ended yet");
        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.text("detail")).contains("use YYYY-MM");
    }

    @Test
    @Order(2)
    void marchStatementsFollowTheWorkedExamples() {
        vk = fixture.partner("vk-cloud", "PARTNER", "2026-03-01", null);
        fixture.customer(vk, "close-vk-a", "2026-03-01");
        fixture.approvedDeal(vk, "close-vk-a", "2026-03-01", "20");
        yandex = fixture.partner("yandex-cloud", "RESELLER", "2026-03-01", "close-ya-own");
        fixture.customer(yandex, "close-ya-a", "2026-03-01");
        fixture.approvedDeal(yandex, "close-ya-a", "2026-03-01", "15");
        Api.Response imported = fixture.usage(
                "close-vk-a,2026-03-05T00:00:00Z,Usage,Cloud Servers,50000.00,MONEY",
                "close-vk-a,2026-03-06T00:00:00Z,Usage,Marketplace,1000.00,MONEY",
                "close-ya-a,2026-03-05T00:00:00Z,Usage,Compute Cloud,40000.00,MONEY",
                "close-ya-a,2026-03-07T00:00:00Z,Usage,Compute Cloud,2000.00,GRANT",
                "close-ya-own,2026-03-07T00:00:00Z,Usage,Compute Cloud,700.00,MONEY");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);

        Api.Response closed = api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}");

        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.text("status")).isEqualTo("CLOSED");
        Api.Response vkStatement = api.get("/api/v1/partners/" + vk + "/statements/2026-03", OPERATOR);
        assertThat(vkStatement.status()).as(vkStatement.raw()).isEqualTo(200);
        assertThat(totals(vkStatement)).containsExactly("51000.00", "50000.00", "15000.00", "0.00", "0.00", "0.00", "36000.00");
        assertThat(vkStatement.body().get("lines").findValuesAsString("explanation"))
                .anySatisfy(e -> assertThat(e).startsWith("Discount 30 %").contains("base 10 %").contains("registered 2026-03-01 +20 %"))
                .anySatisfy(e -> assertThat(e).isEqualTo("Not eligible: Marketplace 1 000.00 (excluded service)"));
        // Yandex 2026 terms, deal +15 %: 25 % of 40 000.00; the grant and the own account are not eligible.
        Api.Response yaStatement = api.get("/api/v1/partners/" + yandex + "/statements/2026-03", OPERATOR);
        assertThat(yaStatement.text("programVersion")).isEqualTo("2026-01-01");
        assertThat(totals(yaStatement)).containsExactly("42700.00", "40000.00", "10000.00", "0.00", "0.00", "0.00", "30700.00");
    }

    @Test
    @Order(3)
    void closingAgainChangesNothingAndTheClosedMonthTakesNoUsage() {
        String before = api.get("/api/v1/partners/" + vk + "/statements/2026-03", OPERATOR).raw();

        Api.Response again = api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}");
        Api.Response late = fixture.usage("close-vk-a,2026-03-20T00:00:00Z,Usage,Cloud Servers,10.00,MONEY");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("closedNow")).isEmpty();
        assertThat(api.get("/api/v1/partners/" + vk + "/statements/2026-03", OPERATOR).raw()).isEqualTo(before);
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.raw()).contains("closed");
    }

    @Test
    @Order(4)
    void theDatabaseRefusesToChangeAnIssuedStatement() {
        assertThatThrownBy(() -> jdbc.sql("update statement set discount = 0 where partner_id = :p").param("p", vk).update())
                .hasMessageContaining("refuse");
        assertThatThrownBy(() -> jdbc.sql("delete from statement_line where partner_id = :p").param("p", vk).update())
                .hasMessageContaining("refuse");
        assertThatThrownBy(() -> jdbc.sql("""
                        insert into statement_line (partner_id, period, line_no, kind, amount, explanation)
                        values (:p, '2026-03-01', 99, 'DISCOUNT', 1.00, 'late')""").param("p", vk).update())
                .hasMessageContaining("closed");
    }

    @Test
    @Order(5)
    void aPartnerReadsOnlyItsOwnStatementsAlsoAsCsv() {
        String token = fixture.token(vk);

        Api.Response own = api.get("/api/v1/partners/" + vk + "/statements/2026-03", token);
        Api.Response other = api.get("/api/v1/partners/" + yandex + "/statements/2026-03", token);
        Api.Response csv = api.get("/api/v1/partners/" + vk + "/statements/2026-03.csv", token);
        Api.Response list = api.get("/api/v1/partners/" + vk + "/statements", token);

        assertThat(own.status()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(404);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw().lines().findFirst().orElseThrow()).startsWith("partnerId,period,lineNo,kind");
        assertThat(csv.raw()).contains(",DISCOUNT,").contains("15000.00");
        assertThat(list.body().findValuesAsString("period")).containsExactly("2026-03");
    }

    @Test
    @Order(6)
    void bonusAboveThePayableReturnsToTheBalanceAndAMidMonthLinkCountsFromItsDay() {
        ledger.accrue("test", yandex, Money.of("5000.00", "RUB"), YearMonth.of(2026, 3), "specialization rebate");
        Api.Response withdrawn = api.post("/api/v1/partners/" + yandex + "/withdrawals", OPERATOR,
                Map.of("amount", "5000.00", "destination", "BONUS", "period", "2026-04"));
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(201);
        fixture.customer(vk, "close-vk-b", "2026-04-16");
        fixture.usage(
                "close-ya-a,2026-04-05T00:00:00Z,Usage,Compute Cloud,3000.00,MONEY",
                "close-vk-b,2026-04-10T00:00:00Z,Usage,Kubernetes,400.00,MONEY",
                "close-vk-b,2026-04-20T00:00:00Z,Usage,Kubernetes,600.00,MONEY");

        assertThat(api.post("/api/v1/periods/2026-04/close", OPERATOR, "{}").status()).isEqualTo(200);

        // 3 000.00 less 25 % = 2 250.00 payable: Bonus applies 2 250.00, 2 750.00 returns.
        Api.Response ya = api.get("/api/v1/partners/" + yandex + "/statements/2026-04", OPERATOR);
        assertThat(totals(ya)).containsExactly("3000.00", "3000.00", "750.00", "0.00", "0.00", "2250.00", "0.00");
        assertThat(api.get("/api/v1/partners/" + yandex + "/balance", OPERATOR).text("rebateBalance")).isEqualTo("2750.00");
        // Only the 600.00 after the link's first day (2026-04-16) is the partner's: 10 % of it.
        Api.Response vkApril = api.get("/api/v1/partners/" + vk + "/statements/2026-04", OPERATOR);
        assertThat(totals(vkApril)).containsExactly("600.00", "600.00", "60.00", "0.00", "0.00", "0.00", "540.00");
        assertThat(vkApril.body().get("lines").findValuesAsString("explanation"))
                .anySatisfy(e -> assertThat(e).contains("from 2026-04-16"));
    }

    private static java.util.List<String> totals(Api.Response statement) {
        var t = statement.body().get("totals");
        return java.util.stream.Stream.of("listCost", "eligibleCost", "discount", "reward", "rebate", "bonus", "payable")
                .map(name -> t.get(name).asString()).toList();
    }
}
