package io.partnerhub.deal;

import static io.partnerhub.deal.DealDesk.OPERATOR;
import static io.partnerhub.deal.DealDesk.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;

/**
 * Rules judged as of the day a request is made, and the first-month referral reward once per
 * customer, on a platform whose today is Monday 2026-06-15 and whose February and March get closed.
 *
 * <pre>
 * Oblakoteka referrals A and B, first-month option on every link:
 *   X  linked to A from 02-01, consumes 1 000.00 on 02-10; transferred to B on 03-01, consumes 1 000.00 on 03-10
 *   Y  consumes 400.00 on 02-05 linked to no one; linked to A from 03-01, consumes 500.00 on 03-10
 *   close February: A earns 100 % x 1 000.00 for X; close March: A nothing for Y, B nothing for X
 * Yandex Cloud reseller P (March closed, today 06-15):
 *   a partner dates nothing before today; the operator may, not into March
 *   Z linked to P from 05-01, consumes on 05-20; the operator dates a deal 05-10: not a new customer
 * </pre>
 */
@DealDeskPlatform
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsOfTodayScenarioTest {

    private static final String TODAY = DealDeskPlatform.TODAY;

    @LocalServerPort
    int port;

    private Api api;
    private DealDesk desk;
    private long yandex;
    private String yandexToken;

    @BeforeAll
    void connect() {
        api = new Api(port);
        desk = new DealDesk(api, port);
        yandex = desk.partner("yandex-cloud", "RESELLER", "As Of Today", "2026-01-15");
        yandexToken = desk.token(yandex);
    }

    @Test
    @Order(1)
    void theFirstMonthReferralRewardIsPaidOncePerCustomerNeverAfterATransferOrForAnEarlierConsumer() {
        long a = desk.partner("oblakoteka", "REFERRAL", "Referral A", "2026-01-15");
        long b = desk.partner("oblakoteka", "REFERRAL", "Referral B", "2026-01-15");
        String accountX = "acc-x-" + Api.unique();
        String accountY = "acc-y-" + Api.unique();
        long x = desk.customer(Api.unique(), accountX);
        long y = desk.customer(Api.unique(), accountY);
        long xAtA = firstMonthLink(a, x, "2026-02-01");
        desk.usage(accountX + ",2026-02-10,ElasticCloud KVM,1000.00", accountY + ",2026-02-05,ElasticCloud KVM,400.00");
        desk.endLink(a, xAtA, LocalDate.parse("2026-03-01"));
        firstMonthLink(b, x, "2026-03-01");
        firstMonthLink(a, y, "2026-03-01");
        desk.usage(accountX + ",2026-03-10,ElasticCloud KVM,1000.00", accountY + ",2026-03-10,ElasticCloud KVM,500.00");

        close("2026-02");
        close("2026-03");

        // February: X's first month with consumption, under A: 100 % x 1 000.00.
        assertThat(rewards(a, "2026-02")).containsExactly(x + " 1000.00");
        assertThat(statement(a, "2026-02").at("/totals/reward").asString()).isEqualTo("1000.00");
        // March: X came to B by a transfer, its first month was February; Y consumed before its link.
        assertThat(rewards(b, "2026-03")).isEmpty();
        assertThat(statement(b, "2026-03").at("/totals/reward").asString()).isEqualTo("0.00");
        assertThat(rewards(a, "2026-03")).isEmpty();
        assertThat(statement(a, "2026-03").at("/totals/reward").asString()).isEqualTo("0.00");
        assertThat(statement(a, "2026-03").at("/totals/listCost").asString()).isEqualTo("500.00");
    }

    @Test
    @Order(2)
    void aPartnerRegistersAsOfTodayOnly() {
        Api.Response backdated = api.post("/api/v1/deals", yandexToken, deal(Api.unique(), "2026-06-14"));
        Api.Response today = desk.register(yandex, Api.unique(), yandexToken);
        Api.Response todayStated = desk.register(yandex, Api.unique(), yandexToken, "registeredOn", TODAY);

        assertProblem(backdated, 422);
        assertThat(backdated.body().path("errors").findValuesAsString("field")).containsExactly("registeredOn");
        assertThat(backdated.text("detail")).isEqualTo("must not be before today (2026-06-15): a partner registers as of"
                + " the day it asks; only the operator may date a registration earlier; was 2026-06-14");
        assertThat(today.text("registeredOn")).isEqualTo(TODAY);
        assertThat(todayStated.text("registeredOn")).isEqualTo(TODAY);
        assertThat(dealsOf(yandex)).as("nothing stored for the refusal").containsExactlyInAnyOrder(today.id(), todayStated.id());
    }

    @Test
    @Order(3)
    void theOperatorMayBackdateButNeverIntoAClosedPeriod() {
        Api.Response intoMarch = api.post("/api/v1/deals", OPERATOR, deal(Api.unique(), "2026-03-20"));
        Api.Response intoMay = desk.register(yandex, Api.unique(), OPERATOR, "registeredOn", "2026-05-10");

        assertProblem(intoMarch, 422);
        assertThat(intoMarch.body().path("errors").findValuesAsString("field")).containsExactly("registeredOn");
        assertThat(intoMarch.text("detail")).startsWith("period 2026-03 is closed and its statements are issued");
        assertThat(intoMay.text("status")).as(intoMay.raw()).isEqualTo("PENDING");
        assertThat(intoMay.text("registeredOn")).isEqualTo("2026-05-10");
    }

    @Test
    @Order(4)
    void aBackdatedRegistrationIsJudgedNewOrNotOnWhatIsKnownTheDayItIsMade() {
        String taxId = Api.unique();
        String account = "acc-z-" + Api.unique();
        desk.link(yandex, desk.customer(taxId, account), LocalDate.parse("2026-05-01"));
        desk.usage(account + ",2026-05-20,Compute Cloud,300.00");

        Api.Response byPartner = api.post("/api/v1/deals", yandexToken, deal(taxId, "2026-05-10"));
        Api.Response byOperator = desk.register(yandex, taxId, OPERATOR, "registeredOn", "2026-05-10");

        assertProblem(byPartner, 422);
        assertThat(byOperator.text("status")).as(byOperator.raw()).isEqualTo("REJECTED");
        assertThat(byOperator.text("rule")).isEqualTo("NOT_A_NEW_CUSTOMER");
        assertThat(byOperator.text("reason")).isEqualTo("Customer tax id " + taxId + " is not a new customer: it consumed"
                + " on 2026-05-20, before the registration date 2026-05-10 (registered on 2026-06-15); Yandex Cloud"
                + " registers deals for new customers only.");
    }

    @Test
    @Order(5)
    void projectsAreRegisteredAsOfTodayByAPartnerAndNeverIntoAClosedPeriod() {
        long customer = desk.customer(Api.unique(), "acc-w-" + Api.unique());

        Api.Response backdated = project(yandexToken, customer, "2026-06-01");
        Api.Response intoMarch = project(OPERATOR, customer, "2026-03-15");
        Api.Response today = project(yandexToken, customer, TODAY);

        assertProblem(backdated, 422);
        assertThat(backdated.body().path("errors").findValuesAsString("field")).containsExactly("registeredOn");
        assertThat(backdated.text("detail")).startsWith("must not be before today (2026-06-15)");
        assertProblem(intoMarch, 422);
        assertThat(intoMarch.text("detail")).startsWith("period 2026-03 is closed");
        assertThat(today.status()).as(today.raw()).isEqualTo(201);
        assertThat(today.text("registeredOn")).isEqualTo(TODAY);
        assertThat(api.get("/api/v1/projects?partnerId=" + yandex, OPERATOR).body().valueStream()
                .map(p -> p.get("id").asLong())).containsExactly(today.id());
    }

    private long firstMonthLink(long partner, long customer, String from) {
        Api.Response linked = api.post("/api/v1/partners/" + partner + "/customers", OPERATOR, Map.of("customerId", customer,
                "from", from, "consentObtainedOn", from, "referralReward", "FIRST_MONTH"));
        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
        return linked.id();
    }

    private void close(String period) {
        Api.Response closed = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
    }

    private JsonNode statement(long partner, String period) {
        Api.Response statement = api.get("/api/v1/partners/" + partner + "/statements/" + period, OPERATOR);
        assertThat(statement.status()).as(statement.raw()).isEqualTo(200);
        return statement.body();
    }

    /** The statement's REWARD lines as "customer amount". */
    private List<String> rewards(long partner, String period) {
        return statement(partner, period).get("lines").valueStream()
                .filter(l -> l.get("kind").asString().equals("REWARD"))
                .map(l -> l.get("customerId").asLong() + " " + l.get("amount").asString())
                .toList();
    }

    private Map<String, Object> deal(String taxId, String registeredOn) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnerId", yandex);
        body.put("customerTaxId", taxId);
        body.put("customerName", "Customer " + taxId);
        body.put("title", "Backdated");
        body.put("registeredOn", registeredOn);
        return body;
    }

    private List<Long> dealsOf(long partner) {
        return api.get("/api/v1/deals?partnerId=" + partner, OPERATOR).body().valueStream()
                .map(d -> d.get("id").asLong()).toList();
    }

    private Api.Response project(String token, long customer, String registeredOn) {
        return api.post("/api/v1/projects", token, Map.of("partnerId", yandex, "customerId", customer,
                "projectId", "b1g" + Api.unique(), "registeredOn", registeredOn, "ratePercent", "10"));
    }
}
