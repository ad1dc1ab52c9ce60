package io.partnerhub.incentive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;

/**
 * Warm leads of Oblakoteka (oblakoteka.yaml: 3 business days to answer; 2026-11-04 is a holiday).
 * Only this class declares 'vdi'; a test's holders hold it only while the test runs (from
 * 2026-11-16, ended today afterwards) or over its own past days (2026-11-02 to 2026-11-13), so no
 * test sees another's holders.
 */
@PlatformTest
class WarmLeadsApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;
    private static final String VDI = "vdi";
    private static final String TODAY = LocalDate.now(ZoneId.of("Europe/Moscow")).toString();

    @LocalServerPort
    int port;

    private Api api;
    private ApiFixture fixture;
    private final Map<Long, Long> heldUntilToday = new LinkedHashMap<>();

    @BeforeEach
    void connect() {
        api = new Api(port);
        fixture = new ApiFixture(api);
    }

    @AfterEach
    void holdersOfThisTestStopHoldingToday() {
        heldUntilToday.forEach((partner, specialization) -> {
            Api.Response ended = api.post("/api/v1/partners/" + partner + "/specializations/" + specialization + "/end",
                    OPERATOR, Map.of("to", TODAY));
            assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        });
        heldUntilToday.clear();
    }

    /**
     * A, B, C hold 'vdi' (A has the lowest id). Lead 1 → A (no one has an offer). Lead 2 → B (A has
     * one); B declines → C (A has one, C none); C declines → A; A declines → nobody left: UNASSIGNED.
     */
    @Test
    void leadsGoToTheHolderWithTheFewestOffersAndADeclinePassesThemOnUntilNobodyIsLeft() {
        long a = holderUntilToday();
        long b = holderUntilToday();
        long c = holderUntilToday();
        String tokenA = fixture.token(a);
        String tokenB = fixture.token(b);
        String tokenC = fixture.token(c);

        Api.Response lead1 = pass("Northwind LLC", Api.unique());
        Api.Response lead2 = pass("Contoso JSC", Api.unique());
        long id2 = lead2.id();

        assertThat(lead1.status()).as(lead1.raw()).isEqualTo(201);
        assertThat(lead1.text("status")).isEqualTo("OFFERED");
        assertThat(lead1.body().get("offeredTo").asLong()).isEqualTo(a);
        assertThat(LocalDate.parse(lead1.text("answerBy"))).isAfter(LocalDate.parse(TODAY));
        assertThat(lead2.body().get("offeredTo").asLong()).isEqualTo(b);

        Api.Response byB = decline(id2, tokenB, "No VDI engineers free this month");
        Api.Response byC = decline(id2, tokenC, null);
        Api.Response byA = decline(id2, tokenA, "Not our region");

        assertThat(byB.status()).as(byB.raw()).isEqualTo(200);
        assertThat(byB.text("status")).isEqualTo("DECLINED");
        assertThat(byB.body().get("offeredTo").isNull()).isTrue();
        assertThat(byB.text("contact")).isNull();
        assertThat(byC.text("status")).isEqualTo("DECLINED");
        assertThat(offeredTo(id2)).isEqualTo(List.of(b, c, a));
        assertThat(byA.text("status")).isEqualTo("DECLINED");
        JsonNode unassigned = api.get("/api/v1/leads/" + id2, OPERATOR).body();
        assertThat(unassigned.get("status").asString()).isEqualTo("UNASSIGNED");
        assertThat(unassigned.get("offeredTo").isNull()).isTrue();
        assertThat(unassigned.get("offers").findValuesAsString("outcome")).containsExactly("DECLINED", "DECLINED", "DECLINED");
        assertThat(unassigned.get("offers").get(0).get("declineReason").asString())
                .isEqualTo("No VDI engineers free this month");
        assertThat(api.get("/api/v1/events?type=lead.unassigned", OPERATOR).body().get("events").findValuesAsString("subject"))
                .contains("lead/" + id2);
        assertThat(types(b)).containsExactly("lead.offered", "lead.declined");
        assertThat(types(a)).containsExactly("lead.offered", "lead.offered", "lead.declined");
    }

    @Test
    void anAcceptedLeadIsConvertedByTheAcceptingPartnersDealForItsCustomer() {
        long a = holderUntilToday();
        String tokenA = fixture.token(a);
        String taxId = Api.unique();
        long lead = pass("Fabrikam LLC", taxId).id();

        Api.Response accepted = api.post("/api/v1/leads/" + lead + "/accept", tokenA, "{}");

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
        assertThat(accepted.text("contact")).isEqualTo("it@fabrikam.example, +7 495 000-00-00");
        assertThat(accepted.body().get("convertedByDeal").isNull()).isTrue();

        Api.Response deal = api.post("/api/v1/deals", tokenA, Map.of("partnerId", a, "customerTaxId", taxId,
                "customerName", "Fabrikam LLC", "title", "VDI for 200 seats"));
        assertThat(deal.status()).as(deal.raw()).isEqualTo(201);

        JsonNode converted = api.get("/api/v1/leads/" + lead, tokenA).body();
        assertThat(converted.get("status").asString()).isEqualTo("CONVERTED");
        assertThat(converted.get("convertedByDeal").asLong()).isEqualTo(deal.id());
        assertThat(ids(api.get("/api/v1/leads?status=CONVERTED&partnerId=" + a, OPERATOR).body())).containsExactly(lead);
        assertThat(types(a)).containsExactly("lead.offered", "lead.accepted");
    }

    /** Without a tax id the company name matches, whatever its case; another partner's deal converts nothing. */
    @Test
    void withoutATaxIdTheCompanyNameMatchesTheDeal() {
        long a = holderUntilToday();
        long other = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        String company = "Tailspin " + Api.unique();
        long lead = pass(company, null).id();
        assertThat(api.post("/api/v1/leads/" + lead + "/accept", fixture.token(a), "{}").status()).isEqualTo(200);

        ApiFixture.created(api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", other, "customerTaxId", Api.unique(),
                "customerName", company, "title", "Not through the lead")));
        assertThat(api.get("/api/v1/leads/" + lead, OPERATOR).text("status")).isEqualTo("ACCEPTED");

        long deal = ApiFixture.created(api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", a,
                "customerTaxId", Api.unique(), "customerName", company.toUpperCase(), "title", "Through the lead")));

        JsonNode converted = api.get("/api/v1/leads/" + lead, OPERATOR).body();
        assertThat(converted.get("status").asString()).isEqualTo("CONVERTED");
        assertThat(converted.get("convertedByDeal").asLong()).isEqualTo(deal);
    }

    @Test
    void onlyThePartnerOfferedTheLeadAnswersItAndOthersDoNotSeeIt() {
        long a = holderUntilToday();
        long stranger = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        String strangerToken = fixture.token(stranger);
        String tokenA = fixture.token(a);
        long lead = pass("Litware LLC", Api.unique()).id();

        Api.Response read = api.get("/api/v1/leads/" + lead, strangerToken);
        Api.Response accept = api.post("/api/v1/leads/" + lead + "/accept", strangerToken, "{}");
        Api.Response decline = api.post("/api/v1/leads/" + lead + "/decline", strangerToken, "{}");
        Api.Response byOperator = api.post("/api/v1/leads/" + lead + "/accept", OPERATOR, "{}");
        Api.Response passedByPartner = api.post("/api/v1/leads", tokenA, Map.of("company", "X", "specialization", VDI,
                "contact", "x@example.ru"));
        JsonNode strangersList = api.get("/api/v1/leads?partnerId=" + a, strangerToken).body();
        Api.Response accepted = api.post("/api/v1/leads/" + lead + "/accept", tokenA, "{}");
        Api.Response twice = api.post("/api/v1/leads/" + lead + "/decline", tokenA, "{}");

        assertThat(read.status()).isEqualTo(404);
        assertThat(accept.status()).isEqualTo(404);
        assertThat(decline.status()).isEqualTo(404);
        assertThat(byOperator.status()).isEqualTo(403);
        assertThat(byOperator.text("detail")).isEqualTo("Only the partner a lead is offered to may accept it; an operator"
                + " does not answer for a partner.");
        assertThat(passedByPartner.status()).isEqualTo(403);
        assertThat(strangersList.size()).isZero();
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(ids(api.get("/api/v1/leads", tokenA).body())).contains(lead);
    }

    @Test
    void aLeadNeedsAProgramWithWarmLeadsAndOneOfItsDeclaredSpecializations() {
        Api.Response vk = api.post("/api/v1/leads", OPERATOR, Map.of("programId", "vk-cloud", "company", "X",
                "specialization", VDI, "contact", "x@example.ru"));
        Api.Response undeclared = api.post("/api/v1/leads", OPERATOR, Map.of("company", "X",
                "specialization", "kubernetes", "contact", "x@example.ru"));
        Api.Response noContact = api.post("/api/v1/leads", OPERATOR, Map.of("company", "X", "specialization", VDI));

        assertThat(vk.status()).isEqualTo(422);
        assertThat(vk.text("detail")).isEqualTo("warm leads are not offered by the program (VK Cloud)");
        assertThat(undeclared.status()).isEqualTo(422);
        assertThat(undeclared.text("detail")).isEqualTo("'kubernetes' is not a declared specialization of Oblakoteka;"
                + " one of [1c, devops, security, vdi, ml]");
        assertThat(ApiFixture.fields(noContact)).containsExactly("contact");
        assertThat(api.get("/api/v1/events?type=lead.refused", OPERATOR).body().get("events")
                .findValuesAsString("summary")).contains("Refused: warm leads are not offered by the program (VK Cloud)");
    }

    /**
     * S1 and S2 hold 'vdi' from 2026-11-02 to 2026-11-13. A lead received Mon 2026-11-02 goes to S1,
     * answer by Fri 11-06 (Tue 3; Wed 4 holiday; Thu 5; Fri 6). The daily run for 11-06 changes
     * nothing; the run for Mon 11-09 expires it and offers it to S2, answer by Thu 11-12; the run for
     * 11-13 expires that too, and nobody is left.
     */
    @Test
    void silencePastTheAnswerDayPassesTheLeadOn() {
        long s1 = holderOfPastDays();
        long s2 = holderOfPastDays();
        String tokenS1 = fixture.token(s1);
        Api.Response lead = api.post("/api/v1/leads", OPERATOR, Map.of("company", "Adatum LLC", "taxId", Api.unique(),
                "specialization", VDI, "contact", "ceo@adatum.example", "receivedOn", "2026-11-02"));
        long id = lead.id();

        assertThat(lead.status()).as(lead.raw()).isEqualTo(201);
        assertThat(lead.body().get("offeredTo").asLong()).isEqualTo(s1);
        assertThat(lead.text("answerBy")).isEqualTo("2026-11-06");

        runDailyJobs("2026-11-06");
        assertThat(api.get("/api/v1/leads/" + id, OPERATOR).body().get("offeredTo").asLong()).isEqualTo(s1);

        JsonNode run = runDailyJobs("2026-11-09");
        JsonNode passedOn = api.get("/api/v1/leads/" + id, OPERATOR).body();
        assertThat(passedOn.get("offeredTo").asLong()).isEqualTo(s2);
        assertThat(passedOn.get("answerBy").asString()).isEqualTo("2026-11-12");
        assertThat(passedOn.get("offers").get(0).get("outcome").asString()).isEqualTo("EXPIRED");
        assertThat(passedOn.get("offers").get(1).get("outcome").isNull()).isTrue();
        assertThat(run.toString()).contains("Warm lead " + id + " expired at partner " + s1);
        JsonNode seenByS1 = api.get("/api/v1/leads/" + id, tokenS1).body();
        assertThat(seenByS1.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(seenByS1.get("offers").size()).isEqualTo(1);
        assertThat(api.post("/api/v1/leads/" + id + "/accept", tokenS1, "{}").status()).isEqualTo(409);

        runDailyJobs("2026-11-09");
        assertThat(api.get("/api/v1/leads/" + id, OPERATOR).body().get("offers").size()).isEqualTo(2);

        runDailyJobs("2026-11-13");
        JsonNode unassigned = api.get("/api/v1/leads/" + id, OPERATOR).body();
        assertThat(unassigned.get("status").asString()).isEqualTo("UNASSIGNED");
        assertThat(unassigned.get("offers").findValuesAsString("outcome")).containsExactly("EXPIRED", "EXPIRED");
        assertThat(types(s1)).containsExactly("lead.offered", "lead.expired");
        assertThat(types(s2)).containsExactly("lead.offered", "lead.expired");
        assertThat(events(s1).get(1).get("summary").asString()).isEqualTo("Warm lead " + id + " (Adatum LLC, vdi)"
                + " offered to partner " + s1 + " expired unanswered: the answer was due by 2026-11-06");
    }

    // ---- helpers

    /** A partner holding 'vdi' today (declared from 2026-11-16), until this test ends. */
    private long holderUntilToday() {
        long partner = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        heldUntilToday.put(partner, declare(partner, "2026-11-16"));
        return partner;
    }

    /** A partner holding 'vdi' from 2026-11-02 to 2026-11-13 only. */
    private long holderOfPastDays() {
        long partner = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        long held = declare(partner, "2026-11-02");
        Api.Response ended = api.post("/api/v1/partners/" + partner + "/specializations/" + held + "/end", OPERATOR,
                Map.of("to", "2026-11-14"));
        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        return partner;
    }

    private long declare(long partner, String from) {
        return ApiFixture.created(api.post("/api/v1/partners/" + partner + "/specializations", OPERATOR,
                Map.of("specialization", VDI, "from", from)));
    }

    private Api.Response pass(String company, String taxId) {
        Map<String, Object> lead = new LinkedHashMap<>(Map.of("company", company, "specialization", VDI,
                "contact", "it@" + company.split(" ")[0].toLowerCase() + ".example, +7 495 000-00-00"));
        if (taxId != null) {
            lead.put("taxId", taxId);
        }
        Api.Response passed = api.post("/api/v1/leads", OPERATOR, lead);
        assertThat(passed.status()).as(passed.raw()).isEqualTo(201);
        return passed;
    }

    private Api.Response decline(long lead, String token, String reason) {
        Api.Response declined = api.post("/api/v1/leads/" + lead + "/decline", token,
                reason == null ? "{}" : "{\"reason\":\"" + reason + "\"}");
        assertThat(declined.status()).as(declined.raw()).isEqualTo(200);
        return declined;
    }

    /** The partners the lead was offered to, in order, as the operator sees them. */
    private List<Long> offeredTo(long lead) {
        List<Long> partners = new ArrayList<>();
        api.get("/api/v1/leads/" + lead, OPERATOR).body().get("offers").forEach(o -> partners.add(o.get("partnerId").asLong()));
        return partners;
    }

    private JsonNode runDailyJobs(String day) {
        Api.Response run = api.post("/api/v1/jobs/daily?date=" + day, OPERATOR, "{}");
        assertThat(run.status()).as(run.raw()).isEqualTo(200);
        return run.body();
    }

    private List<JsonNode> events(long partner) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/v1/events?type=lead&partnerId=" + partner, OPERATOR).body().get("events").forEach(events::add);
        return events;
    }

    private List<String> types(long partner) {
        return events(partner).stream().map(e -> e.get("type").asString()).toList();
    }

    private static List<Long> ids(JsonNode leads) {
        List<Long> ids = new ArrayList<>();
        leads.forEach(l -> ids.add(l.get("id").asLong()));
        return ids;
    }
}
