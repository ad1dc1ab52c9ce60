package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * Presale requests: the answer deadline on the program's calendar, the operator's queue, and the
 * steps REQUESTED → ANSWERED → COMPLETED or DECLINED, each refusal with its reason.
 */
@PlatformTest
class PresaleApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    /**
     * Yandex Cloud answers within 3 business days; its calendar (yandex-cloud.yaml) has the weekend
     * and the holidays 2026-05-11 and 2026-06-12.
     */
    @ParameterizedTest(name = "requested {0}: answer by {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # requested        | answer by   | the days counted
            2026-06-10         | 2026-06-16  | Thu 11; Fri 12 holiday; Sat 13, Sun 14; Mon 15; Tue 16
            2026-05-08         | 2026-05-14  | Sat 9, Sun 10; Mon 11 holiday; Tue 12; Wed 13; Thu 14
            2026-06-03         | 2026-06-08  | Thu 4; Fri 5; Sat 6, Sun 7; Mon 8
            """)
    void theAnswerIsDueTheSlasBusinessDaysAfterTheRequestOnTheProgramsCalendar(String requestedOn, String answerBy,
                                                                              String days) {
        long partner = partner("yandex-cloud", "RESELLER");

        Api.Response presale = request(partner, OPERATOR, requestedOn);

        assertThat(presale.status()).as(presale.raw()).isEqualTo(201);
        assertThat(presale.text("status")).isEqualTo("REQUESTED");
        assertThat(presale.text("answerBy")).as(days).isEqualTo(answerBy);
        assertThat(presale.body().get("overdue").asBoolean()).isTrue();
    }

    @Test
    void theOpenQueueIsOrderedByDeadlineAndSaysWhatIsOverdue() {
        long partner = partner("yandex-cloud", "RESELLER");
        String today = LocalDate.now(ZoneId.of("Europe/Moscow")).toString();
        long june = request(partner, OPERATOR, "2026-06-10").id();
        long fresh = request(partner, OPERATOR, today).id();
        long may = request(partner, OPERATOR, "2026-05-08").id();
        long answeredInTime = request(partner, OPERATOR, "2026-06-03").id();
        answer(answeredInTime, "2026-06-08");

        JsonNode queue = api.get("/api/v1/presales?status=OPEN&partnerId=" + partner, OPERATOR).body();

        assertThat(ids(queue)).containsExactly(may, june, fresh);
        assertThat(queue.findValuesAsString("answerBy").subList(0, 2)).containsExactly("2026-05-14", "2026-06-16");
        assertThat(queue.findValues("overdue")).extracting(JsonNode::asBoolean).containsExactly(true, true, false);
        JsonNode inTime = api.get("/api/v1/presales/" + answeredInTime, OPERATOR).body();
        assertThat(inTime.get("status").asString()).isEqualTo("ANSWERED");
        assertThat(inTime.get("overdue").asBoolean()).isFalse();

        Api.Response late = answer(june, "2026-06-17");

        assertThat(late.text("status")).isEqualTo("ANSWERED");
        assertThat(late.text("answer")).isEqualTo("An architect joins the call");
        assertThat(late.body().get("overdue").asBoolean()).isTrue();
        assertThat(ids(api.get("/api/v1/presales?status=OPEN&partnerId=" + partner, OPERATOR).body()))
                .containsExactly(may, fresh);
        assertThat(ids(api.get("/api/v1/presales?status=ANSWERED&partnerId=" + partner, OPERATOR).body()))
                .containsExactly(answeredInTime, june);
    }

    @Test
    void aPresaleIsAnsweredThenCompletedAndEachStepIsAnEvent() {
        long partner = partner("vk-cloud", "AGENT");
        String token = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}").text("token");
        long id = request(partner, token, "2026-03-02").id();

        Api.Response early = api.post("/api/v1/presales/" + id + "/complete", OPERATOR, Map.of("completedOn", "2026-03-04"));
        Api.Response byPartner = api.post("/api/v1/presales/" + id + "/answer", token, Map.of("answer", "Myself"));
        Api.Response beforeRequest = api.post("/api/v1/presales/" + id + "/answer", OPERATOR,
                Map.of("answer", "Yes", "answeredOn", "2026-03-01"));
        Api.Response blank = api.post("/api/v1/presales/" + id + "/answer", OPERATOR, Map.of("answer", " "));
        Api.Response answered = answer(id, "2026-03-03");
        Api.Response twice = answer(id, "2026-03-04");
        Api.Response beforeAnswer = api.post("/api/v1/presales/" + id + "/complete", OPERATOR,
                Map.of("completedOn", "2026-03-02"));
        Api.Response completed = api.post("/api/v1/presales/" + id + "/complete", OPERATOR,
                Map.of("completedOn", "2026-03-20"));
        Api.Response declineCompleted = api.post("/api/v1/presales/" + id + "/decline", OPERATOR, Map.of("reason", "Late"));

        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("detail")).isEqualTo("Presale " + id + " is REQUESTED (requested 2026-03-02); answer it"
                + " before completing it.");
        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(beforeRequest.status()).isEqualTo(422);
        assertThat(beforeRequest.text("detail")).startsWith("answeredOn 2026-03-01 must lie between the request (2026-03-02)");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.body().path("errors").findValuesAsString("field")).containsExactly("answer");
        assertThat(answered.status()).isEqualTo(200);
        assertThat(answered.text("answerBy")).isEqualTo("2026-03-05");
        assertThat(answered.body().get("overdue").asBoolean()).isFalse();
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.text("detail")).isEqualTo("Presale " + id + " is ANSWERED (answered 2026-03-03); only a"
                + " REQUESTED one is answered.");
        assertThat(beforeAnswer.status()).isEqualTo(422);
        assertThat(beforeAnswer.text("detail")).contains("between its answer (2026-03-03) and today");
        assertThat(completed.status()).as(completed.raw()).isEqualTo(200);
        assertThat(completed.text("status")).isEqualTo("COMPLETED");
        assertThat(completed.text("completedOn")).isEqualTo("2026-03-20");
        assertThat(declineCompleted.status()).isEqualTo(409);
        assertThat(declineCompleted.text("detail")).contains("is COMPLETED (completed 2026-03-20) and can no longer be declined");
        assertThat(events(partner)).extracting(e -> e.get("type").asString())
                .containsExactly("presale.requested", "presale.answered", "presale.completed");
        assertThat(events(partner).getFirst().get("summary").asString())
                .isEqualTo("Technical presale 'Migration workshop' requested on 2026-03-02, answer due by 2026-03-05");
    }

    @Test
    void aDeclinedPresaleSaysWhyAndIsNeverCompleted() {
        long partner = partner("oblakoteka", "AGENT");
        long id = request(partner, OPERATOR, "2026-04-01").id();

        Api.Response noReason = api.post("/api/v1/presales/" + id + "/decline", OPERATOR, Map.of("reason", ""));
        Api.Response declined = api.post("/api/v1/presales/" + id + "/decline", OPERATOR,
                Map.of("reason", "The customer is a direct customer of the provider", "declinedOn", "2026-04-02"));
        Api.Response completed = api.post("/api/v1/presales/" + id + "/complete", OPERATOR,
                Map.of("completedOn", "2026-04-03"));
        Api.Response answered = answer(id, "2026-04-03");

        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.body().path("errors").findValuesAsString("field")).containsExactly("reason");
        assertThat(declined.status()).isEqualTo(200);
        assertThat(declined.text("status")).isEqualTo("DECLINED");
        assertThat(declined.text("declineReason")).isEqualTo("The customer is a direct customer of the provider");
        assertThat(declined.body().get("overdue").asBoolean()).isFalse();
        assertThat(completed.status()).isEqualTo(409);
        assertThat(completed.text("detail")).isEqualTo("Presale " + id + " is DECLINED (declined 2026-04-02: The customer"
                + " is a direct customer of the provider); only an ANSWERED one is completed.");
        assertThat(answered.status()).isEqualTo(409);
        assertThat(ids(api.get("/api/v1/presales?status=DECLINED&partnerId=" + partner, OPERATOR).body()))
                .containsExactly(id);
    }

    @Test
    void aPartnerListsItsOwnPresalesOnly() {
        long partner = partner("vk-cloud", "AGENT");
        long other = partner("vk-cloud", "AGENT");
        String token = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}").text("token");
        long own = request(partner, token, "2026-03-02").id();
        long others = request(other, OPERATOR, "2026-03-02").id();

        List<Long> listed = ids(api.get("/api/v1/presales?partnerId=" + other, token).body());
        Api.Response badStatus = api.get("/api/v1/presales?status=LOST", OPERATOR);

        assertThat(listed).containsExactly(own);
        assertThat(api.get("/api/v1/presales/" + others, token).status()).isEqualTo(404);
        assertThat(badStatus.status()).isEqualTo(422);
        assertThat(badStatus.raw()).contains("must be OPEN, REQUESTED, ANSWERED, COMPLETED or DECLINED");
    }

    private Api.Response request(long partner, String token, String requestedOn) {
        Api.Response created = api.post("/api/v1/presales", token, Map.of("partnerId", partner,
                "title", "Migration workshop", "requestedOn", requestedOn));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created;
    }

    private Api.Response answer(long presale, String answeredOn) {
        return api.post("/api/v1/presales/" + presale + "/answer", OPERATOR,
                Map.of("answer", "An architect joins the call", "answeredOn", answeredOn));
    }

    private List<JsonNode> events(long partner) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/v1/events?type=presale&partnerId=" + partner, OPERATOR).body().get("events").forEach(events::add);
        return events;
    }

    private static List<Long> ids(JsonNode presales) {
        List<Long> ids = new ArrayList<>();
        presales.forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    private long partner(String programId, String model) {
        Map<String, Object> application = new LinkedHashMap<>();
        String taxId = Api.unique();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", "Presales " + taxId);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", taxId);
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", "2026-01-15");
        Api.Response created = api.post("/api/v1/partners", OPERATOR, application);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }
}
