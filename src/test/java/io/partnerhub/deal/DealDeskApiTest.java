package io.partnerhub.deal;

import static io.partnerhub.deal.DealDesk.OPERATOR;
import static io.partnerhub.deal.DealDesk.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * Approval deadlines and the operator's queue, no auto-approval in the shipped programs, and the partner's pipeline
 * and activity log, over HTTP (auto-approval itself: AutoApprovalApiTest).
 */
@PlatformTest
class DealDeskApiTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @LocalServerPort
    int port;

    private Api api;
    private DealDesk desk;

    @BeforeEach
    void connect() {
        api = new Api(port);
        desk = new DealDesk(api, port);
    }

    @Test
    void theApprovalDeadlineCountsBusinessDaysOnTheProgramsCalendar() {
        long yandex = desk.partner("yandex-cloud", "RESELLER", "Deadlines", "2026-01-15");
        long vk = desk.partner("vk-cloud", "PARTNER", "Deadlines", "2026-01-15");

        // Monday 2026-05-04 + 20 business days: 05-11 is a holiday, so 2026-06-02 rather than 06-01.
        Api.Response may = desk.register(yandex, Api.unique(), OPERATOR, "registeredOn", "2026-05-04");
        // Monday 2026-06-01 + 20 business days: 06-12 is a holiday, so 2026-06-30 rather than 06-29.
        Api.Response june = desk.register(vk, Api.unique(), OPERATOR, "registeredOn", "2026-06-01");

        assertThat(may.text("approvalDeadline")).isEqualTo("2026-06-02");
        assertThat(june.text("approvalDeadline")).isEqualTo("2026-06-30");
        assertThat(desk.deal(may.id()).text("approvalDeadline")).isEqualTo("2026-06-02");
        assertThat(desk.events(yandex, "deal.registered")).singleElement()
                .satisfies(e -> assertThat(e.at("/data/approvalDeadline").asString()).isEqualTo("2026-06-02"));
    }

    @Test
    void theQueueListsPendingDealsByDeadlineWithOverdueAndTheConflictsFoundNow() {
        long partner = desk.partner("vk-cloud", "PARTNER", "Queued", "2026-01-15");
        long other = desk.partner("vk-cloud", "PARTNER", "Queue Rival", "2026-01-15");
        String laterTaxId = Api.unique();
        long later = desk.register(partner, laterTaxId, OPERATOR, "registeredOn", "2026-06-01").id();
        long earliest = desk.register(partner, Api.unique(), OPERATOR, "registeredOn", "2026-05-04").id();
        long today = desk.register(partner, Api.unique(), OPERATOR).id();
        long decided = desk.register(partner, Api.unique(), OPERATOR, "registeredOn", "2026-04-01").id();
        desk.approve(decided, "10");
        // After the registration, the customer signs up and is linked to another partner.
        LocalDate monthStart = YearMonth.now(MOSCOW).atDay(1);
        long link = desk.link(other, desk.customer(laterTaxId, "acc-" + Api.unique()), monthStart);

        Api.Response queue = api.get("/api/v1/deals/queue?partnerId=" + partner, OPERATOR);

        assertThat(queue.status()).as(queue.raw()).isEqualTo(200);
        List<JsonNode> entries = queue.body().valueStream().toList();
        assertThat(entries).extracting(e -> e.at("/deal/id").asLong()).containsExactly(earliest, later, today);
        assertThat(entries).extracting(e -> e.at("/deal/approvalDeadline").asString())
                .startsWith("2026-06-02", "2026-06-30");
        assertThat(entries).extracting(e -> e.get("overdue").asBoolean()).containsExactly(true, true, false);
        assertThat(entries.get(0).get("conflicts")).isEmpty();
        assertThat(entries.get(1).get("conflicts")).singleElement().satisfies(c -> {
            assertThat(c.get("rule").asString()).isEqualTo("LINKED_TO_ANOTHER_PARTNER");
            assertThat(c.get("reason").asString()).isEqualTo("Customer tax id " + laterTaxId
                    + " is linked to another partner since " + monthStart + ".");
            assertThat(c.get("claim").asString()).isEqualTo("link/" + link);
            assertThat(c.get("otherPartnerId").asLong()).isEqualTo(other);
        });
        assertProblem(api.get("/api/v1/deals/queue", desk.token(partner)), 403);
    }

    @Test
    void noShippedProgramApprovesADealByItselfTheOperatorApprovesEach() {
        long vk = desk.partner("vk-cloud", "PARTNER", "Small Deals", "2026-01-15");
        long oblakoteka = desk.partner("oblakoteka", "RESELLER", "Small Deals", "2026-01-15");

        // VK Cloud's file once approved this one at registration with +5 % by "system" (not in its terms)
        Api.Response vkDeal = desk.register(vk, Api.unique(), desk.token(vk), "expectedMonthlyAmount", "100000.00");
        Api.Response oblakotekaDeal = desk.register(oblakoteka, Api.unique(), OPERATOR, "expectedMonthlyAmount", "1.00");

        assertThat(vkDeal.text("status")).as(vkDeal.raw()).isEqualTo("PENDING");
        assertThat(vkDeal.text("decidedBy")).isNull();
        assertThat(vkDeal.text("rule")).isNull();
        assertThat(vkDeal.body().get("extraDiscountPercent")).isNull();
        assertThat(oblakotekaDeal.text("status")).isEqualTo("PENDING");
        assertThat(desk.events(vk, "deal.approved")).isEmpty();
        assertThat(desk.activities(vkDeal.id(), OPERATOR)).isEmpty();
        Api.Response queue = api.get("/api/v1/deals/queue?partnerId=" + vk, OPERATOR);
        assertThat(queue.body().valueStream().map(e -> e.at("/deal/id").asLong())).containsExactly(vkDeal.id());
    }

    @Test
    void aConflictingDealWithinTheAmountIsRejectedNotApproved() {
        long holder = desk.partner("vk-cloud", "PARTNER", "Auto Holder", "2026-01-15");
        long latecomer = desk.partner("vk-cloud", "PARTNER", "Auto Latecomer", "2026-01-15");
        String taxId = Api.unique();
        desk.register(holder, taxId, OPERATOR, "expectedMonthlyAmount", "150000.00");

        Api.Response rejected = desk.register(latecomer, taxId, OPERATOR, "expectedMonthlyAmount", "1000.00");

        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(rejected.text("rule")).isEqualTo("ACTIVE_DEAL_TAX_ID");
        assertThat(rejected.body().get("extraDiscountPercent")).isNull();
        assertThat(desk.events(latecomer, "deal.approved")).isEmpty();
    }

    @Test
    void anOperatorsDecisionIsLoggedAndRecordedAsAnEvent() {
        long partner = desk.partner("yandex-cloud", "RESELLER", "Decided", "2026-01-15");
        long approved = desk.register(partner, Api.unique(), OPERATOR).id();
        long rejected = desk.register(partner, Api.unique(), OPERATOR).id();

        desk.approve(approved, "12.5");
        api.post("/api/v1/deals/" + rejected + "/reject", OPERATOR, Map.of("reason", "Duplicate of an older deal"));

        assertThat(desk.deal(approved).text("decidedBy")).isEqualTo("operator");
        assertThat(desk.events(partner, "deal.approved")).singleElement().satisfies(e -> {
            assertThat(e.get("actor").asString()).isEqualTo("operator");
            assertThat(e.at("/data/extraDiscountPercent").asString()).isEqualTo("12.5");
        });
        assertThat(desk.events(partner, "deal.rejected")).singleElement()
                .satisfies(e -> assertThat(e.at("/data/reason").asString()).isEqualTo("Duplicate of an older deal"));
        assertThat(desk.activities(approved, OPERATOR)).extracting(a -> a.get("text").asString())
                .containsExactly("Approved with +12.5 %.");
        assertThat(desk.activities(rejected, OPERATOR)).extracting(a -> a.get("text").asString())
                .containsExactly("Rejected: Duplicate of an older deal");
    }

    @Test
    void thePipelineMovesThroughItsStagesWithAReasonForALossAndLogsEveryMove() {
        long partner = desk.partner("vk-cloud", "PARTNER", "Pipeline", "2026-01-15");
        String token = desk.token(partner);
        Api.Response registered = desk.register(partner, Api.unique(), token, "targetAmount", "250000.00",
                "consumptionType", "IAAS", "expectedCloseOn", "2026-12-15");
        long deal = registered.id();
        assertThat(registered.text("stage")).isEqualTo("IN_PROGRESS");
        assertThat(registered.text("targetAmount")).isEqualTo("250000.00");
        assertThat(registered.text("consumptionType")).isEqualTo("IAAS");
        assertThat(registered.text("expectedCloseOn")).isEqualTo("2026-12-15");

        assertField(stage(deal, token, Map.of("stage", "LOST")), 422, "lostReason");
        assertField(stage(deal, token, Map.of("stage", "LOST", "lostReason", "OTHER")), 422, "note");
        assertField(stage(deal, token, Map.of("stage", "WON", "lostReason", "PRICE")), 422, "lostReason");
        assertThat(stage(deal, token, Map.of("stage", "MAYBE")).status()).isBetween(400, 422);
        Api.Response lost = stage(deal, token, Map.of("stage", "LOST", "lostReason", "COMPETITOR",
                "note", "Went with another provider"));
        assertThat(lost.status()).as(lost.raw()).isEqualTo(200);
        assertThat(lost.text("stage")).isEqualTo("LOST");
        assertThat(lost.text("lostReason")).isEqualTo("COMPETITOR");
        assertThat(lost.text("stageNote")).isEqualTo("Went with another provider");
        assertProblem(stage(deal, token, Map.of("stage", "WON")), 409);
        Api.Response reopened = stage(deal, token, Map.of("stage", "IN_PROGRESS", "note", "The customer is back"));
        assertThat(reopened.text("stage")).as(reopened.raw()).isEqualTo("IN_PROGRESS");
        assertThat(reopened.text("lostReason")).isNull();
        assertThat(stage(deal, OPERATOR, Map.of("stage", "WON")).text("stage")).isEqualTo("WON");
        assertProblem(stage(deal, token, Map.of("stage", "LOST", "lostReason", "PRICE")), 409);

        assertThat(desk.activities(deal, token)).extracting(a -> a.get("kind").asString() + " " + a.get("text").asString())
                .containsExactly("STAGE Stage IN_PROGRESS to LOST (COMPETITOR): Went with another provider",
                        "STAGE Stage LOST to IN_PROGRESS: The customer is back", "STAGE Stage IN_PROGRESS to WON");
        assertThat(desk.events(partner, "deal.stage-changed")).extracting(e -> e.at("/data/to").asString())
                .containsExactly("LOST", "IN_PROGRESS", "WON");
    }

    @Test
    void aDealThatIsNoLongerActiveStaysWhereItsPipelineStood() {
        long holder = desk.partner("vk-cloud", "PARTNER", "Stage Holder", "2026-01-15");
        long latecomer = desk.partner("vk-cloud", "PARTNER", "Stage Latecomer", "2026-01-15");
        String taxId = Api.unique();
        desk.register(holder, taxId, OPERATOR);
        long rejected = desk.register(latecomer, taxId, OPERATOR).id();

        Api.Response refused = stage(rejected, OPERATOR, Map.of("stage", "WON"));

        assertProblem(refused, 409);
        assertThat(refused.text("detail")).contains("REJECTED");
    }

    @Test
    void notesAndPlanChangesGoToTheActivityLog() {
        long partner = desk.partner("yandex-cloud", "RESELLER", "Notes", "2026-01-15");
        String token = desk.token(partner);
        long deal = desk.register(partner, Api.unique(), token, "targetAmount", "250000.00").id();

        Api.Response note = api.post("/api/v1/deals/" + deal + "/activities", token, Map.of("note", "Called the CTO"));
        Api.Response operatorNote = api.post("/api/v1/deals/" + deal + "/activities", OPERATOR,
                Map.of("note", "Presale booked"));
        Api.Response plan = desk.patch("/api/v1/deals/" + deal, token, Map.of("targetAmount", "300000.00",
                "consumptionType", "PAAS"));
        Api.Response empty = desk.patch("/api/v1/deals/" + deal, token, Map.of());

        assertThat(note.status()).as(note.raw()).isEqualTo(201);
        assertThat(note.text("kind")).isEqualTo("NOTE");
        assertThat(note.text("actor")).startsWith("partner:" + partner + "/token:");
        assertThat(operatorNote.status()).isEqualTo(201);
        assertThat(plan.status()).as(plan.raw()).isEqualTo(200);
        assertThat(plan.text("targetAmount")).isEqualTo("300000.00");
        assertThat(plan.text("consumptionType")).isEqualTo("PAAS");
        assertProblem(empty, 422);
        assertThat(desk.activities(deal, token)).extracting(a -> a.get("kind").asString() + " " + a.get("text").asString())
                .containsExactly("NOTE Called the CTO", "NOTE Presale booked",
                        "PLAN Plan: target amount 250000.00 to 300000.00; consumption type (none) to PAAS");
        assertThat(desk.events(partner, "deal.activity-added")).extracting(e -> e.at("/data/activityId").asLong())
                .containsExactly(note.id(), operatorNote.id());
        assertProblem(api.post("/api/v1/deals/" + deal + "/activities", token, Map.of("note", " ")), 422);
    }

    @Test
    void aPartnerTokenWorksOnItsOwnDealsOnlyAndAnotherPartnersAnswer404() {
        long owner = desk.partner("vk-cloud", "PARTNER", "Owner", "2026-01-15");
        long stranger = desk.partner("vk-cloud", "PARTNER", "Stranger", "2026-01-15");
        long deal = desk.register(owner, Api.unique(), OPERATOR).id();
        String strangers = desk.token(stranger);

        assertProblem(api.get("/api/v1/deals/" + deal, strangers), 404);
        assertProblem(stage(deal, strangers, Map.of("stage", "WON")), 404);
        assertProblem(api.get("/api/v1/deals/" + deal + "/activities", strangers), 404);
        assertProblem(api.post("/api/v1/deals/" + deal + "/activities", strangers, Map.of("note", "peek")), 404);
        assertProblem(desk.patch("/api/v1/deals/" + deal, strangers, Map.of("targetAmount", "1.00")), 404);
        assertThat(desk.deal(deal).text("stage")).isEqualTo("IN_PROGRESS");
        assertThat(desk.activities(deal, desk.token(owner))).isEmpty();
    }

    private Api.Response stage(long deal, String token, Map<String, Object> body) {
        return api.post("/api/v1/deals/" + deal + "/stage", token, body);
    }

    private static void assertField(Api.Response response, int status, String field) {
        assertProblem(response, status);
        assertThat(response.body().path("errors").findValuesAsString("field")).containsExactly(field);
    }
}
