package io.partnerhub.settlement;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.SetClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program simulator on a database of its own: partners of all three programs over
 * 2025-08..2026-02, closed; then drafts replayed over those months.
 *
 * <pre>
 * Yandex Cloud reseller Y (terms of seed 003 until 2025-12-31: 20 % of eligible consumption):
 *   2025-11 Compute Cloud 100 000.00 + Marketplace 5 000.00 (excluded): 20 % = 20 000.00, payable 85 000.00
 *   2025-12 Compute Cloud  50 000.00:                                   20 % = 10 000.00, payable 40 000.00
 * draft: the older version at 10 % (the 2026 rate): 10 000.00 / 5 000.00 -> payable 95 000.00 / 45 000.00,
 *   delta payable +10 000.00 / +5 000.00; Y loses 15 000.00
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-simulator",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import({SimulatorScenarioTest.ScenarioClock.class, io.partnerhub.ApiExamplesRecorder.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorScenarioTest {

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2025-09-01"));
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,"
            + "BillingCurrency\n";
    private static final List<String> MONTHS = List.of("2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02");

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

    private Api api;
    private long yandex;
    private long tiered;

    @BeforeAll
    void partnersOfEveryProgramClosedOverSixMonths() {
        NOW.set(noon("2025-08-01"));
        api = new Api(port);
        ApiFixture fixture = new ApiFixture(api);
        tiered = fixture.partner("oblakoteka", "AGENT", "2025-08-01");
        String t = account(fixture, tiered, "2025-08-01");
        NOW.set(noon("2025-09-01"));
        yandex = fixture.partner("yandex-cloud", "RESELLER", "2025-09-01");
        long vk = fixture.partner("vk-cloud", "PARTNER", "2025-09-01");
        long vkAgent = fixture.partner("vk-cloud", "AGENT", "2025-09-01");
        long reseller = fixture.partner("oblakoteka", "RESELLER", "2025-09-01");
        long agent = fixture.partner("oblakoteka", "AGENT", "2025-09-01");
        List<String> rows = new ArrayList<>();
        String y = account(fixture, yandex, "2025-09-01");
        rows.add(y + ",2025-11-10,Compute Cloud,100000.00");
        rows.add(y + ",2025-11-11,Marketplace,5000.00");
        rows.add(y + ",2025-12-10,Compute Cloud,50000.00");
        rows.add(y + ",2026-01-10,Compute Cloud,70000.00");
        rows.add(y + ",2026-02-10,Compute Cloud,80000.00");
        int step = 0;
        for (long partner : List.of(vk, vkAgent, reseller, agent)) {
            String account = account(fixture, partner, "2025-09-01");
            String service = partner == vk || partner == vkAgent ? "Cloud Servers"
                    : partner == agent ? "ElasticCloud KVM" : "Databases";
            for (String month : MONTHS) {
                rows.add(account + "," + month + "-05," + service + "," + (20000 + 7000 * step++) + ".00");
            }
        }
        for (String month : List.of("2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01", "2026-02")) {
            rows.add(t + "," + month + "-05,Databases,27000.00");
        }
        NOW.set(noon("2026-03-05"));
        StringBuilder csv = new StringBuilder(HEADER);
        for (String row : rows) {
            String[] c = row.split(",");
            csv.append(String.join(",", c[0], c[1] + "T09:00:00Z", "Usage", c[2], c[3], "RUB")).append('\n');
        }
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        Api.Response closed = api.post("/api/v1/periods/2026-02/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
    }

    private String account(ApiFixture fixture, long partner, String from) {
        long customer = fixture.customer();
        fixture.linked(partner, customer, from);
        return api.get("/api/v1/customers/" + customer, OPERATOR).text("accountId");
    }

    @Test
    @Order(1)
    void replayingEachProgramsTermsInForceGivesEveryIssuedStatementBack() {
        for (String program : List.of("vk-cloud", "oblakoteka", "yandex-cloud")) {
            JsonNode done = simulate(program, file(program), "2025-08", "2026-02");

            assertThat(done.get("reproducesIssued").asBoolean()).as(program + ": " + done.get("actualDigest") + " vs "
                    + done.get("draftDigest")).isTrue();
            assertThat(done.get("actualDigest").asString()).isEqualTo(done.get("draftDigest").asString());
            assertThat(done.get("partners").size()).as(program).isPositive();
            assertThat(done.get("totals").get("delta").get("payable").asString()).isEqualTo("0.00");
            done.get("partners").forEach(partner -> partner.get("periods").forEach(month -> {
                assertThat(month.get("delta").get("payable").asString()).isEqualTo("0.00");
                assertThat(month.get("delta").get("reward").asString()).isEqualTo("0.00");
                assertThat(month.get("draft").get("tier").asString()).isEqualTo(month.get("actual").get("tier").asString());
                assertThat(month.get("differences").size()).isZero();
            }));
            assertThat(done.get("gaining").size() + done.get("losing").size()).isZero();
        }
    }

    @Test
    @Order(2)
    void theOlderYandexMonthsUnderTheNewRateCostThePartnerWhatAPersonComputes() {
        String draft = file("yandex-cloud").replaceFirst(
                "- \\{ kind: PERCENT_OF_CONSUMPTION, models: \\[RESELLER], percent: 20, scope: ELIGIBLE }",
                "- { kind: PERCENT_OF_CONSUMPTION, models: [RESELLER], percent: 10, scope: ELIGIBLE }");
        assertThat(draft).isNotEqualTo(file("yandex-cloud"));

        JsonNode done = simulate("yandex-cloud", draft, "2025-11", "2025-12");

        JsonNode partner = done.get("partners").get(0);
        assertThat(partner.get("partnerId").asLong()).isEqualTo(yandex);
        JsonNode november = partner.get("periods").get(0);
        assertThat(november.get("period").asString()).isEqualTo("2025-11");
        assertThat(november.get("actual").get("totals").get("payable").asString()).isEqualTo("85000.00");
        assertThat(november.get("draft").get("totals").get("payable").asString()).isEqualTo("95000.00");
        assertThat(november.get("delta").get("payable").asString()).isEqualTo("10000.00");
        JsonNode why = november.get("differences").get(0);
        assertThat(why.get("actualRates").get(0).asString()).isEqualTo("20");
        assertThat(why.get("draftRates").get(0).asString()).isEqualTo("10");
        assertThat(why.get("delta").asString()).isEqualTo("-10000.00");
        JsonNode december = partner.get("periods").get(1);
        assertThat(december.get("delta").get("payable").asString()).isEqualTo("5000.00");
        assertThat(partner.get("gain").asString()).isEqualTo("-15000.00");
        assertThat(done.get("totals").get("delta").get("payable").asString()).isEqualTo("15000.00");
        assertThat(done.get("losing").get(0).get("partnerId").asLong()).isEqualTo(yandex);
        assertThat(done.get("byMonth").get(0).get("delta").get("payable").asString()).isEqualTo("10000.00");

        String csv = api.get("/api/v1/simulations/" + done.get("id").asLong() + "?format=csv", OPERATOR).raw();
        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv.lines().toList().get(1)).startsWith(yandex + ",").contains(",2025-11,RESELLER,");
    }

    /**
     * Oblakoteka Agent T contracted 2025-08-01, 27 000.00 of Databases a month: its first window
     * (2025-08..2026-01) never meets 30 000.00, so it is Basic, as Referral, from 2026-02 (10 %:
     * 2 700.00). Under a 25 000.00 requirement August meets it: still Agent, Professional, 27 %:
     * 7 290.00, the partner gains 4 590.00.
     */
    @Test
    @Order(3)
    void aLowerRequirementKeepsAnAgentProfessional() {
        String draft = file("oblakoteka").replace("monthlyListCostAtLeast: 30000.00", "monthlyListCostAtLeast: 25000.00");

        JsonNode done = simulate("oblakoteka", draft, "2025-08", "2026-02");

        JsonNode partner = null;
        for (JsonNode p : done.get("partners")) {
            if (p.get("partnerId").asLong() == tiered) {
                partner = p;
            }
        }
        assertThat(partner).isNotNull();
        JsonNode january = partner.get("periods").get(5);
        assertThat(january.get("period").asString()).isEqualTo("2026-01");
        assertThat(january.get("delta").get("reward").asString()).isEqualTo("0.00");
        JsonNode february = partner.get("periods").get(6);
        assertThat(february.get("actual").get("model").asString() + " " + february.get("actual").get("tier").asString())
                .isEqualTo("REFERRAL BASIC");
        assertThat(february.get("draft").get("model").asString() + " " + february.get("draft").get("tier").asString())
                .isEqualTo("AGENT PROFESSIONAL");
        assertThat(february.get("actual").get("totals").get("reward").asString()).isEqualTo("2700.00");
        assertThat(february.get("draft").get("totals").get("reward").asString()).isEqualTo("7290.00");
        assertThat(partner.get("gain").asString()).isEqualTo("4590.00");
        assertThat(done.get("gaining").get(0).get("partnerId").asLong()).isEqualTo(tiered);
    }

    @Test
    @Order(4)
    void aBadDraftOrAnOpenMonthIsRefusedAndAPartnerMayNotSimulate() {
        Api.Response broken = api.post("/api/v1/simulations", OPERATOR, Map.of("programId", "yandex-cloud",
                "draft", "id: yandex-cloud\nversions: []\n", "from", "2025-11", "to", "2025-12"));
        Api.Response open = api.post("/api/v1/simulations", OPERATOR, Map.of("programId", "yandex-cloud",
                "draft", file("yandex-cloud"), "from", "2026-02", "to", "2026-03"));

        ApiFixture.assertProblem(broken, 422);
        assertThat(ApiFixture.fields(broken)).allMatch("draft"::equals);
        ApiFixture.assertProblem(open, 422);
        assertThat(ApiFixture.fields(open)).containsExactly("to");
    }

    /**
     * A draft adding a version from 2026-04-01 (the 2026 terms at 12 %) is scheduled once confirmed, and
     * the Yandex Cloud partner is told; one that changes the 2020 version, one not confirmed and one
     * from a past or mid-month day are refused.
     */
    @Test
    @Order(5)
    void aConfirmedDraftBecomesTheProgramsNextVersionAndItsPartnersAreTold() {
        String file = file("yandex-cloud");
        String version2026 = file.substring(file.indexOf("  - effectiveFrom: 2026-01-01"));
        String next = file + version2026.replace("effectiveFrom: 2026-01-01", "effectiveFrom: 2026-04-01")
                .replace("percent: 10, scope: ELIGIBLE", "percent: 12, scope: ELIGIBLE");
        long run = simulate("yandex-cloud", next, "2026-01", "2026-02").get("id").asLong();
        String past = file.replaceFirst("percent: 20, scope: ELIGIBLE", "percent: 10, scope: ELIGIBLE")
                + version2026.replace("effectiveFrom: 2026-01-01", "effectiveFrom: 2026-04-01");
        long pastRun = simulate("yandex-cloud", past, "2026-01", "2026-02").get("id").asLong();

        Api.Response unconfirmed = api.post("/api/v1/simulations/" + run + "/schedule", OPERATOR,
                Map.of("effectiveFrom", "2026-04-01", "confirm", false));
        Api.Response midMonth = api.post("/api/v1/simulations/" + run + "/schedule", OPERATOR,
                Map.of("effectiveFrom", "2026-04-15", "confirm", true));
        Api.Response inThePast = api.post("/api/v1/simulations/" + run + "/schedule", OPERATOR,
                Map.of("effectiveFrom", "2026-03-01", "confirm", true));
        Api.Response changesThePast = api.post("/api/v1/simulations/" + pastRun + "/schedule", OPERATOR,
                Map.of("effectiveFrom", "2026-04-01", "confirm", true));
        Api.Response noSuchVersion = api.post("/api/v1/simulations/" + run + "/schedule", OPERATOR,
                Map.of("effectiveFrom", "2026-05-01", "confirm", true));
        Api.Response scheduled = api.post("/api/v1/simulations/" + run + "/schedule", OPERATOR,
                Map.of("effectiveFrom", "2026-04-01", "confirm", true));

        assertThat(ApiFixture.fields(unconfirmed)).containsExactly("confirm");
        assertThat(ApiFixture.fields(midMonth)).containsExactly("effectiveFrom");
        assertThat(ApiFixture.fields(inThePast)).containsExactly("effectiveFrom");
        assertThat(changesThePast.text("detail")).isEqualTo("the draft changes the terms in force before 2026-04-01: only a"
                + " version from a future month's first day may be added");
        assertThat(ApiFixture.fields(noSuchVersion)).containsExactly("draft");
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(200);
        assertThat(scheduled.body().get("partnersTold").asInt()).isEqualTo(1);
        JsonNode versions = api.get("/api/v1/programs/yandex-cloud", OPERATOR).body().get("versions");
        assertThat(versions.size()).isEqualTo(3);
        assertThat(versions.get(2).get("effectiveFrom").asString()).isEqualTo("2026-04-01");
        assertThat(file("yandex-cloud")).isEqualTo(next);
        JsonNode told = api.get("/api/v1/events?type=program.version-scheduled&partnerId=" + yandex, OPERATOR).body()
                .get("events").get(0);
        assertThat(told.get("data").get("effectiveFrom").asString()).isEqualTo("2026-04-01");
        assertThat(told.get("data").get("payable").asString()).isEqualTo("0.00");
    }

    private String file(String program) {
        Api.Response file = api.get("/api/v1/programs/" + program + "/file", OPERATOR);
        assertThat(file.status()).as(file.raw()).isEqualTo(200);
        return file.raw();
    }

    private JsonNode simulate(String program, String draft, String from, String to) {
        Api.Response started = api.post("/api/v1/simulations", OPERATOR, Map.of("programId", program, "draft", draft,
                "from", from, "to", to));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        long id = started.body().get("id").asLong();
        for (int i = 0; i < 600; i++) {
            JsonNode s = api.get("/api/v1/simulations/" + id, OPERATOR).body();
            if (!s.get("status").asString().equals("RUNNING")) {
                assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("DONE");
                return s;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("simulation " + id + " still running after a minute");
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }
}
