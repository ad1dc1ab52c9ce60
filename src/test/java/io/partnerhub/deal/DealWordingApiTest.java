package io.partnerhub.deal;

import static io.partnerhub.deal.DealDesk.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;
import io.partnerhub.shared.Formats;

/**
 * A deal's reason and activity log in the reader's language over HTTP: English without
 * {@code Accept-Language} (the sentences outside clients always read), Russian with
 * {@code Accept-Language: ru}, and always {@code reasonCode}/{@code reasonArgs} and
 * {@code textCode}/{@code textArgs} beside them. What was stored before the codes reads as written.
 */
@PlatformTest
class DealWordingApiTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String RUSSIAN = "ru";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private DealDesk desk;

    @BeforeEach
    void connect() {
        api = new Api(port);
        desk = new DealDesk(api, port);
    }

    @Test
    void aRejectedDealsReasonAndItsLogReadInEnglishByDefaultAndInRussianWhenAsked() {
        LocalDate monthStart = YearMonth.now(MOSCOW).atDay(1);
        long partner = desk.partner("yandex-cloud", "RESELLER", "Wording", "2026-01-15");
        long holder = desk.partner("yandex-cloud", "RESELLER", "Wording Holder", "2026-01-15");
        String taxId = Api.unique();
        desk.link(holder, desk.customer(taxId, "acc-" + Api.unique()), monthStart);
        String token = desk.token(partner);

        long id = desk.register(partner, taxId, token).id();

        Api.Response english = api.get("/api/v1/deals/" + id, token);
        Api.Response alsoEnglish = api.get("/api/v1/deals/" + id, token, "Accept-Language", "de-DE, en;q=0.5");
        Api.Response russian = api.get("/api/v1/deals/" + id, token, "Accept-Language", RUSSIAN);
        Api.Response russianFirst = api.get("/api/v1/deals/" + id, token, "Accept-Language", "ru-RU,ru;q=0.9,en;q=0.8");

        String inEnglish = "Customer tax id " + taxId + " is linked to another partner since " + monthStart + ".";
        // Russian writes the day as the portal's pages do (Formats), the API's arguments keep it ISO
        String inRussian = "Клиент с ИНН " + taxId + " привязан к другому партнёру с "
                + Formats.of(Locale.forLanguageTag("ru")).date(monthStart) + ".";
        assertThat(english.text("status")).isEqualTo("REJECTED");
        assertThat(english.text("reason")).isEqualTo(inEnglish);
        assertThat(alsoEnglish.text("reason")).isEqualTo(inEnglish);
        assertThat(russian.text("reason")).isEqualTo(inRussian);
        assertThat(russianFirst.text("reason")).isEqualTo(inRussian);
        for (Api.Response response : List.of(english, russian)) {
            assertThat(response.text("reasonCode")).isEqualTo("deals.reason.LINKED_TO_ANOTHER_PARTNER");
            assertThat(response.body().get("reasonArgs").valueStream().map(JsonNode::asString).toList())
                    .containsExactly(taxId, monthStart.toString());
        }
        assertThat(api.get("/api/v1/deals?partnerId=" + partner, token, "Accept-Language", RUSSIAN).body().get(0)
                .get("reason").asString()).isEqualTo(inRussian);

        JsonNode logged = activities(id, token, null).getFirst();
        assertThat(logged.get("text").asString()).isEqualTo("Rejected at registration (LINKED_TO_ANOTHER_PARTNER): " + inEnglish);
        assertThat(activities(id, token, RUSSIAN).getFirst().get("text").asString())
                .isEqualTo("Отклонена при регистрации (клиент привязан к другому партнёру): " + inRussian);
        assertThat(logged.get("textCode").asString()).isEqualTo("deals.log.REJECTED_AT_REGISTRATION");
        assertThat(logged.at("/textArgs/0/code").asString()).isEqualTo("deals.log.rule.LINKED_TO_ANOTHER_PARTNER");
        assertThat(logged.at("/textArgs/1/code").asString()).isEqualTo("deals.reason.LINKED_TO_ANOTHER_PARTNER");
        assertThat(logged.at("/textArgs/1/args/0").asString()).isEqualTo(taxId);
    }

    @Test
    void aConflictLeftForReviewReadsInTheQueueAndOnTheDealInEitherLanguage() {
        long partner = desk.partner("vk-cloud", "PARTNER", "Wording Review", "2026-01-15");
        String taxId = Api.unique();
        String account = "acc-" + Api.unique();
        desk.customer(taxId, account);
        LocalDate monthStart = YearMonth.now(MOSCOW).atDay(1);
        desk.usage(account + "," + monthStart + ",Cloud Servers,500.00");
        LocalDate today = LocalDate.now(MOSCOW);

        Api.Response registered = desk.register(partner, taxId, OPERATOR);

        String inEnglish = "Customer tax id " + taxId + ": the provider serves this customer directly (it consumes and"
                + " is linked to no partner on " + today + ").";
        String inRussian = "Клиент с ИНН " + taxId + ": провайдер обслуживает его напрямую (клиент потребляет и на "
                + Formats.of(Locale.forLanguageTag("ru")).date(today) + " не привязан ни к одному партнёру).";
        assertThat(registered.text("status")).isEqualTo("PENDING");
        assertThat(registered.text("reason")).isEqualTo(inEnglish);
        assertThat(registered.text("reasonCode")).isEqualTo("deals.reason.DIRECT_CUSTOMER");

        JsonNode english = queued(partner, null);
        JsonNode russian = queued(partner, RUSSIAN);
        assertThat(english.at("/conflicts/0/reason").asString()).isEqualTo(inEnglish);
        assertThat(english.at("/conflicts/0/reasonCode").asString()).isEqualTo("deals.reason.DIRECT_CUSTOMER");
        assertThat(english.at("/conflicts/0/review").asBoolean()).isTrue();
        assertThat(russian.at("/conflicts/0/reason").asString()).isEqualTo(inRussian);
        assertThat(russian.at("/deal/reason").asString()).isEqualTo(inRussian);
        assertThat(activities(registered.id(), OPERATOR, RUSSIAN).getFirst().get("text").asString())
                .isEqualTo("Ждёт решения оператора (прямой клиент провайдера): " + inRussian);

        // the operator's own words are shown as written, in any language
        Api.Response rejected = api.post("/api/v1/deals/" + registered.id() + "/reject", OPERATOR,
                Map.of("reason", "Клиент работает с провайдером напрямую"));
        assertThat(rejected.text("reason")).isEqualTo("Клиент работает с провайдером напрямую");
        assertThat(rejected.text("reasonCode")).isNull();
        assertThat(activities(registered.id(), OPERATOR, null).getLast().get("text").asString())
                .isEqualTo("Rejected: Клиент работает с провайдером напрямую");
    }

    @Test
    void theLogOfStagePlanAndApprovalReadsInEitherLanguageAndNotesAndOlderEntriesAsWritten() {
        long partner = desk.partner("vk-cloud", "PARTNER", "Wording Log", "2026-01-15");
        String token = desk.token(partner);
        long id = desk.register(partner, Api.unique(), token).id();
        desk.approve(id, "12.5");
        assertThat(api.post("/api/v1/deals/" + id + "/stage", token, Map.of("stage", "LOST", "lostReason", "PRICE",
                "note", "Дорого")).status()).isEqualTo(200);
        assertThat(desk.patch("/api/v1/deals/" + id, token, Map.of("targetAmount", "90000.00")).status()).isEqualTo(200);
        // the deal desk's refusals keep their English in the API
        Api.Response again = api.post("/api/v1/deals/" + id + "/approve", OPERATOR, Map.of("extraDiscountPercent", "5"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).isEqualTo("Deal " + id + " is APPROVED; only a pending deal can be decided.");
        Api.Response won = api.post("/api/v1/deals/" + id + "/stage", token, Map.of("stage", "WON"));
        assertThat(won.status()).isEqualTo(409);
        assertThat(won.text("detail")).isEqualTo("Deal " + id + " is LOST and cannot move to WON; the pipeline goes"
                + " IN_PROGRESS to WON or LOST, and LOST back to IN_PROGRESS.");
        assertThat(api.post("/api/v1/deals/" + id + "/activities", token, Map.of("note", "Call back in May")).status())
                .isEqualTo(201);
        // an entry logged before the words were kept: its English text only
        jdbc.sql("""
                        insert into deal_activity (deal_id, partner_id, at, actor, kind, text)
                        values (:deal, :partner, now(), 'system', 'DECISION', 'Logged before codes.')""")
                .param("deal", id).param("partner", partner).update();

        assertThat(activities(id, token, null)).extracting(a -> a.get("text").asString()).containsExactly(
                "Approved with +12.5 %.",
                "Stage IN_PROGRESS to LOST (PRICE): Дорого",
                "Plan: target amount (none) to 90000.00",
                "Call back in May",
                "Logged before codes.");
        assertThat(activities(id, token, RUSSIAN)).extracting(a -> a.get("text").asString()).containsExactly(
                "Одобрена с доп. скидкой +12.5 %.",
                "Этап: в работе → проиграна (цена): Дорого",
                "План: целевая сумма (не указано) → 90000.00",
                "Call back in May",
                "Logged before codes.");
        assertThat(activities(id, token, RUSSIAN)).extracting(a -> a.path("textCode").asString(null)).containsExactly(
                "deals.log.APPROVED", "deals.log.STAGE_LOST_NOTE", "deals.log.PLAN", null, null);
    }

    private List<JsonNode> activities(long dealId, String token, String language) {
        Api.Response log = language == null ? api.get("/api/v1/deals/" + dealId + "/activities", token)
                : api.get("/api/v1/deals/" + dealId + "/activities", token, "Accept-Language", language);
        assertThat(log.status()).as(log.raw()).isEqualTo(200);
        return log.body().valueStream().toList();
    }

    private JsonNode queued(long partnerId, String language) {
        String path = "/api/v1/deals/queue?partnerId=" + partnerId;
        Api.Response queue = language == null ? api.get(path, OPERATOR) : api.get(path, OPERATOR, "Accept-Language", language);
        assertThat(queue.status()).as(queue.raw()).isEqualTo(200);
        return queue.body().get(0);
    }
}
