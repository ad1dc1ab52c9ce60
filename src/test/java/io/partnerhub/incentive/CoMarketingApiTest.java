package io.partnerhub.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;

/**
 * Co-marketing events of Oblakoteka (oblakoteka.yaml: the partner funds at least 50 %, the provider
 * 500 000.00 a quarter). The platform is shared by every test class, so each test spends the budget
 * of a quarter of its own.
 */
@PlatformTest
class CoMarketingApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    private Api api;
    private ApiFixture fixture;

    @BeforeEach
    void connect() {
        api = new Api(port);
        fixture = new ApiFixture(api);
    }

    @ParameterizedTest(name = "budget {0}, partner funds {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # budget    | partner's share | status | provider's share or the refusal
            120000.00   | 48000.00        | 422    | the partner funds at least 50 % of the budget: at least 60000.00, not 48000.00
            120000.00   | 59999.99        | 422    | the partner funds at least 50 % of the budget: at least 60000.00, not 59999.99
            120000.00   | 60000.00        | 201    | 60000.00
            1234.50     | 617.25          | 201    | 617.25
            0.03        | 0.01            | 422    | the partner funds at least 50 % of the budget: at least 0.02, not 0.01
            0.03        | 0.02            | 201    | 0.01
            """)
    void thePartnerFundsAtLeastHalfOfTheBudget(String budget, String share, int status, String expected) {
        long partner = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        String token = fixture.token(partner);

        Api.Response requested = request(partner, token, "Cloud meetup", "2026-05-20", budget, share);

        assertThat(requested.status()).as(requested.raw()).isEqualTo(status);
        if (status == 201) {
            assertThat(requested.text("status")).isEqualTo("PENDING");
            assertThat(requested.text("budget")).isEqualTo(budget);
            assertThat(requested.text("partnerShare")).isEqualTo(share);
            assertThat(requested.text("providerShare")).isEqualTo(expected);
            assertThat(requested.text("quarter")).isEqualTo("2026-Q2");
            assertThat(requested.body().get("partnerId").asLong()).isEqualTo(partner);
            assertThat(types(partner)).containsExactly("co-marketing.requested");
        } else {
            assertThat(requested.text("detail")).isEqualTo(expected);
            assertThat(types(partner)).containsExactly("co-marketing.refused");
            assertThat(events(partner).getFirst().get("summary").asString()).isEqualTo("Refused: " + expected);
        }
    }

    @Test
    void amountsAreNumbersOrStringsAndBadOnesAreRefusedByField() {
        long partner = fixture.partner("oblakoteka", "AGENT", "2026-01-15");

        Api.Response numbers = api.post("/api/v1/partners/" + partner + "/co-marketing-events", OPERATOR,
                "{\"title\":\"Webinar\",\"date\":\"2026-05-20\",\"budget\":1000,\"partnerShare\":500.5}");
        Api.Response noTitle = api.post("/api/v1/partners/" + partner + "/co-marketing-events", OPERATOR,
                Map.of("date", "2026-05-20", "budget", "1000.00", "partnerShare", "500.00"));
        Api.Response zero = request(partner, OPERATOR, "Webinar", "2026-05-20", "0.00", "0.00");
        Api.Response moreThanBudget = request(partner, OPERATOR, "Webinar", "2026-05-20", "1000.00", "1000.01");

        assertThat(numbers.status()).as(numbers.raw()).isEqualTo(201);
        assertThat(numbers.text("budget")).isEqualTo("1000.00");
        assertThat(numbers.text("partnerShare")).isEqualTo("500.50");
        assertThat(numbers.text("providerShare")).isEqualTo("499.50");
        assertThat(ApiFixture.fields(noTitle)).containsExactly("title");
        assertThat(noTitle.status()).isEqualTo(422);
        assertThat(ApiFixture.fields(zero)).containsExactly("budget");
        assertThat(moreThanBudget.status()).isEqualTo(422);
        assertThat(moreThanBudget.text("detail")).isEqualTo("the partner's share 1000.01 exceeds the budget 1000.00");
    }

    /**
     * 2025-Q1, budget 500 000.00: E1 (provider 200 000.00) and E2 (250 000.00) approved leave
     * 50 000.00; E3 (100 000.00) does not fit; an event of 2025-Q2 counts against its own quarter.
     */
    @Test
    void approvalsSpendTheQuartersBudgetAndOneThatDoesNotFitIsRefusedNamingWhatIsLeft() {
        long partner = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        long e1 = request(partner, OPERATOR, "Partner day", "2025-01-20", "400000.00", "200000.00").id();
        long e2 = request(partner, OPERATOR, "Roadshow", "2025-03-31", "500000.00", "250000.00").id();
        long e3 = request(partner, OPERATOR, "Conference", "2025-02-10", "200000.00", "100000.00").id();
        long april = request(partner, OPERATOR, "Spring webinar", "2025-04-01", "200000.00", "100000.00").id();

        Api.Response first = approve(e1, OPERATOR);
        Api.Response second = approve(e2, OPERATOR);
        Api.Response third = approve(e3, OPERATOR);
        Api.Response nextQuarter = approve(april, OPERATOR);
        Api.Response again = approve(e2, OPERATOR);

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(first.text("status")).isEqualTo("APPROVED");
        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(422);
        assertThat(third.text("detail")).isEqualTo("the provider's share 100000.00 exceeds what is left of the 2025-Q1"
                + " co-marketing budget: 50000.00 of 500000.00 is left");
        assertThat(nextQuarter.status()).as(nextQuarter.raw()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).startsWith("Co-marketing event " + e2 + " is APPROVED since ");
        assertThat(budget("2025-Q1")).isEqualTo(Map.of("programId", "oblakoteka", "quarter", "2025-Q1",
                "budget", "500000.00", "approved", "450000.00", "pending", "100000.00", "left", "50000.00"));

        Api.Response declined = api.post("/api/v1/co-marketing-events/" + e3 + "/decline", OPERATOR,
                Map.of("reason", "No budget left this quarter"));

        assertThat(declined.status()).as(declined.raw()).isEqualTo(200);
        assertThat(declined.text("status")).isEqualTo("DECLINED");
        assertThat(declined.text("declineReason")).isEqualTo("No budget left this quarter");
        assertThat(budget("2025-Q1")).containsEntry("pending", "0.00").containsEntry("left", "50000.00");
        assertThat(budget("2025-Q2")).containsEntry("approved", "100000.00").containsEntry("left", "400000.00");
        assertThat(ids(api.get("/api/v1/co-marketing-events?partnerId=" + partner + "&quarter=2025-Q1&status=APPROVED",
                OPERATOR).body())).containsExactly(e1, e2);
        assertThat(types(partner)).containsExactly("co-marketing.requested", "co-marketing.requested",
                "co-marketing.requested", "co-marketing.requested", "co-marketing.approved", "co-marketing.approved",
                "co-marketing.refused", "co-marketing.approved", "co-marketing.declined");
    }

    /** 2024-Q4: 400 000.00 approved leaves 100 000.00; two approvals of 80 000.00 race for it. */
    @Test
    void twoApprovalsRacingForTheLastOfTheBudgetDoNotBothPass() throws Exception {
        long partner = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        long big = request(partner, OPERATOR, "Summit", "2024-10-15", "800000.00", "400000.00").id();
        assertThat(approve(big, OPERATOR).status()).isEqualTo(200);
        long a = request(partner, OPERATOR, "Meetup A", "2024-11-05", "160000.00", "80000.00").id();
        long b = request(partner, OPERATOR, "Meetup B", "2024-12-05", "160000.00", "80000.00").id();

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Api.Response>> racing = List.of(a, b).stream()
                    .map(id -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return approve(id, OPERATOR);
                    }, threads)).toList();
            start.countDown();
            List<Integer> statuses = racing.stream().map(CompletableFuture::join).map(Api.Response::status).toList();

            assertThat(statuses).containsExactlyInAnyOrder(200, 422);
        } finally {
            threads.shutdown();
        }
        assertThat(budget("2024-Q4")).containsEntry("approved", "480000.00").containsEntry("left", "20000.00")
                .containsEntry("pending", "80000.00");
    }

    @Test
    void programsWithoutCoMarketingRefuseIt() {
        long vk = fixture.partner("vk-cloud", "AGENT", "2026-01-15");
        long yandex = fixture.partner("yandex-cloud", "RESELLER", "2026-01-15");

        Api.Response byVk = request(vk, fixture.token(vk), "Meetup", "2026-05-20", "1000.00", "600.00");
        Api.Response byYandex = request(yandex, OPERATOR, "Meetup", "2026-05-20", "1000.00", "600.00");
        Api.Response budget = api.get("/api/v1/co-marketing/budget?programId=vk-cloud&quarter=2026-Q2", OPERATOR);

        assertThat(byVk.status()).isEqualTo(422);
        assertThat(byVk.text("detail")).isEqualTo("co-marketing events are not offered by the program (VK Cloud)");
        assertThat(byYandex.status()).isEqualTo(422);
        assertThat(byYandex.text("detail")).contains("not offered by the program");
        assertThat(budget.status()).isEqualTo(422);
        assertThat(types(vk)).containsExactly("co-marketing.refused");
    }

    @Test
    void aPartnerGoneFromTheProgramRequestsNoEvents() {
        long partner = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        Api.Response revoked = api.post("/api/v1/partners/" + partner + "/revocation", OPERATOR, Map.of("reason", "Fraud"));
        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);

        Api.Response refused = request(partner, OPERATOR, "Meetup", "2026-05-20", "1000.00", "600.00");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("detail")).isEqualTo("partner " + partner + " is REVOKED and can take no co-marketing events");
        assertThat(types(partner)).contains("co-marketing.refused");
    }

    @Test
    void aPartnerSeesItsOwnEventsOnlyAndDecidesNone() {
        long a = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        long b = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        String tokenA = fixture.token(a);
        String tokenB = fixture.token(b);
        long ownA = request(a, tokenA, "A's meetup", "2026-05-20", "1000.00", "600.00").id();
        long ofB = request(b, tokenB, "B's meetup", "2026-05-20", "1000.00", "600.00").id();

        Api.Response forB = request(b, tokenA, "On B's behalf", "2026-05-20", "1000.00", "600.00");
        Api.Response readB = api.get("/api/v1/co-marketing-events/" + ofB, tokenA);
        Api.Response approveB = approve(ofB, tokenA);
        Api.Response approveOwn = approve(ownA, tokenA);
        Api.Response declineB = api.post("/api/v1/co-marketing-events/" + ofB + "/decline", tokenA, Map.of("reason", "x"));
        Api.Response budget = api.get("/api/v1/co-marketing/budget?quarter=2026-Q2", tokenA);
        JsonNode listed = api.get("/api/v1/co-marketing-events?partnerId=" + b, tokenA).body();

        assertThat(forB.status()).isEqualTo(404);
        assertThat(readB.status()).isEqualTo(404);
        assertThat(approveB.status()).isEqualTo(403);
        assertThat(approveOwn.status()).isEqualTo(403);
        assertThat(declineB.status()).isEqualTo(403);
        assertThat(budget.status()).isEqualTo(403);
        assertThat(ids(listed)).containsExactly(ownA);
        assertThat(api.get("/api/v1/co-marketing-events/" + ownA, tokenA).text("status")).isEqualTo("PENDING");
        assertThat(api.get("/api/v1/co-marketing-events/" + ofB, OPERATOR).text("title")).isEqualTo("B's meetup");
    }

    private Api.Response request(long partner, String token, String title, String date, String budget, String share) {
        return api.post("/api/v1/partners/" + partner + "/co-marketing-events", token,
                Map.of("title", title, "date", date, "budget", budget, "partnerShare", share));
    }

    private Api.Response approve(long event, String token) {
        return api.post("/api/v1/co-marketing-events/" + event + "/approve", token, "{}");
    }

    private Map<String, String> budget(String quarter) {
        Api.Response budget = api.get("/api/v1/co-marketing/budget?programId=oblakoteka&quarter=" + quarter, OPERATOR);
        assertThat(budget.status()).as(budget.raw()).isEqualTo(200);
        Map<String, String> fields = new java.util.TreeMap<>();
        budget.body().properties().forEach(e -> fields.put(e.getKey(), e.getValue().asString()));
        return fields;
    }

    private List<JsonNode> events(long partner) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/v1/events?type=co-marketing&partnerId=" + partner, OPERATOR).body().get("events").forEach(events::add);
        return events;
    }

    private List<String> types(long partner) {
        return events(partner).stream().map(e -> e.get("type").asString()).toList();
    }

    private static List<Long> ids(JsonNode events) {
        List<Long> ids = new ArrayList<>();
        events.forEach(e -> ids.add(e.get("id").asLong()));
        return ids;
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
