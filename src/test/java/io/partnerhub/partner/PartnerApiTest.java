package io.partnerhub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

@PlatformTest
class PartnerApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;
    private static final String PARTNERS = "/api/v1/partners";

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @ParameterizedTest(name = "{0} {1} starts as {2}")
    @CsvSource({
            "vk-cloud,     PARTNER,     SILVER",
            "vk-cloud,     WHITE_LABEL, SILVER",
            "vk-cloud,     AGENT,",
            "oblakoteka,   REFERRAL,    BASIC",
            "oblakoteka,   RESELLER,    BASIC",
            "oblakoteka,   AGENT,       PROFESSIONAL",
            "oblakoteka,   WHITE_LABEL, PROFESSIONAL",
            "yandex-cloud, RESELLER,"})
    void admitsEachModelTheProgramOffersInItsInitialTier(String programId, String model, String tier) {
        Map<String, Object> application = application(programId, model);

        Api.Response created = api.post(PARTNERS, OPERATOR, application);

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.text("programId")).isEqualTo(programId);
        assertThat(created.text("model")).isEqualTo(model);
        assertThat(created.text("tier")).isEqualTo(tier);
        assertThat(created.text("status")).isEqualTo("ACTIVE");
        Api.Response read = api.get(PARTNERS + "/" + created.id(), OPERATOR);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.text("tier")).isEqualTo(tier);
        assertThat(read.text("taxId")).isEqualTo(application.get("taxId"));
    }

    @ParameterizedTest(name = "entrepreneur registered {0}, contract 2026-03-01")
    @CsvSource({"2025-09-01", "2025-03-01"})
    void refusesAVkAgentEntrepreneurRegisteredNotMoreThanAYearBeforeTheContract(String registeredOn) {
        Api.Response refused = api.post(PARTNERS, OPERATOR, vkAgent("INDIVIDUAL_ENTREPRENEUR", registeredOn));

        assertProblem(refused, 422);
        assertThat(refused.text("detail")).contains("more than 1 year").contains("registered " + registeredOn);
        assertThat(fields(refused)).containsExactly("eligibility");
    }

    @ParameterizedTest(name = "{0} registered {1}, contract 2026-03-01")
    @CsvSource({"INDIVIDUAL_ENTREPRENEUR, 2025-02-28", "LEGAL_ENTITY, 2026-02-01"})
    void admitsAVkAgentEntrepreneurAfterMoreThanAYearAndALegalEntityAtOnce(String legalForm, String registeredOn) {
        Api.Response created = api.post(PARTNERS, OPERATOR, vkAgent(legalForm, registeredOn));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.text("model")).isEqualTo("AGENT");
        assertThat(created.text("status")).isEqualTo("ACTIVE");
    }

    @Test
    void refusesANonResidentUnderTheYandex2026Terms() {
        Map<String, Object> application = application("yandex-cloud", "RESELLER");
        application.put("country", "KZ");
        application.put("contractDate", "2026-01-01");

        Api.Response refused = api.post(PARTNERS, OPERATOR, application);

        assertProblem(refused, 422);
        assertThat(refused.text("detail")).contains("residency").contains("KZ");
        assertThat(fields(refused)).containsExactly("eligibility");
    }

    @Test
    void admitsANonResidentUnderTheOlderYandexTerms() {
        Map<String, Object> application = application("yandex-cloud", "RESELLER");
        application.put("country", "KZ");
        application.put("contractDate", "2025-06-01");

        Api.Response created = api.post(PARTNERS, OPERATOR, application);

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(api.get(PARTNERS + "/" + created.id(), OPERATOR).text("country")).isEqualTo("KZ");
    }

    @Test
    void refusesAModelTheProgramDoesNotOffer() {
        Api.Response refused = api.post(PARTNERS, OPERATOR, application("vk-cloud", "REFERRAL"));

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("model");
        assertThat(refused.text("detail")).contains("REFERRAL");
    }

    @Test
    void refusesAnUnknownProgram() {
        Api.Response refused = api.post(PARTNERS, OPERATOR, application("aws-marketplace", "PARTNER"));

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("programId");
        assertThat(refused.text("detail")).contains("aws-marketplace");
    }

    @Test
    void refusesASecondPartnerWithTheSameTaxIdInOneProgramButNotInAnother() {
        Map<String, Object> first = application("vk-cloud", "PARTNER");
        long firstId = api.post(PARTNERS, OPERATOR, first).id();
        Map<String, Object> second = application("vk-cloud", "WHITE_LABEL");
        second.put("taxId", first.get("taxId"));

        Api.Response refused = api.post(PARTNERS, OPERATOR, second);

        assertProblem(refused, 409);
        assertThat(refused.text("detail")).contains((String) first.get("taxId")).contains(String.valueOf(firstId));
        second.put("programId", "oblakoteka");
        second.put("model", "RESELLER");
        assertThat(api.post(PARTNERS, OPERATOR, second).status()).isEqualTo(201);
    }

    @Test
    void answersMalformedJsonWithA400Problem() {
        Api.Response refused = api.post(PARTNERS, OPERATOR, "{\"programId\": \"vk-cloud\", ");

        assertProblem(refused, 400);
        assertThat(refused.text("detail")).isNotBlank();
    }

    @Test
    void namesEveryMissingFieldInA422Problem() {
        Api.Response refused = api.post(PARTNERS, OPERATOR, "{}");

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactlyInAnyOrder(
                "programId", "model", "name", "legalForm", "taxId", "registeredOn", "country");
    }

    @Test
    void refusesAModelThatIsNoModelAtAll() {
        Map<String, Object> application = application("vk-cloud", "FRANCHISE");

        Api.Response refused = api.post(PARTNERS, OPERATOR, application);

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("model");
        assertThat(refused.body().get("errors").get(0).get("message").asString()).contains("PARTNER", "RESELLER");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"billingThreshold, 100000000000000000000", "name, 'Nul\u0000Name'"})
    void refusesAValueThatCannotBeStoredAsInvalidInputNamingTheField(String field, String value) {
        Map<String, Object> application = application("yandex-cloud", "RESELLER");
        application.put(field, value);

        Api.Response refused = api.post(PARTNERS, OPERATOR, application);

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly(field);
    }

    @Test
    void namesTheInvalidPagingParameter() {
        Api.Response refused = api.get(PARTNERS + "?limit=0", OPERATOR);

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("limit");
    }

    @Test
    void showsThePartnerWithWhatItsApplicationSaid() {
        Map<String, Object> application = application("yandex-cloud", "RESELLER");
        application.put("paymentTerms", "POSTPAYMENT");
        application.put("billingThreshold", "250000");

        long id = api.post(PARTNERS, OPERATOR, application).id();
        Api.Response read = api.get(PARTNERS + "/" + id, OPERATOR);

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("name")).isEqualTo(application.get("name"));
        assertThat(read.text("legalForm")).isEqualTo("LEGAL_ENTITY");
        assertThat(read.text("registeredOn")).isEqualTo("2020-01-15");
        assertThat(read.text("contractDate")).isEqualTo("2026-01-15");
        assertThat(read.text("paymentTerms")).isEqualTo("POSTPAYMENT");
        assertThat(read.body().get("billingThreshold").isString()).isTrue();
        assertThat(read.text("billingThreshold")).isEqualTo("250000.00");
        assertProblem(api.get(PARTNERS + "/999999999", OPERATOR), 404);
    }

    @Test
    void listsPartnersFilteredByProgramModelTierStatusAndName() {
        String tag = "Filtered" + Api.unique();
        long vkPartner = newPartner("vk-cloud", "PARTNER", tag);
        long vkAgent = newPartner("vk-cloud", "AGENT", tag);
        long oblakotekaAgent = newPartner("oblakoteka", "AGENT", tag);
        long revoked = newPartner("vk-cloud", "WHITE_LABEL", tag);
        assertThat(api.post(PARTNERS + "/" + revoked + "/revocation", OPERATOR, Map.of("reason", "test")).status())
                .isEqualTo(201);

        assertThat(ids("?q=" + tag)).containsExactly(vkPartner, vkAgent, oblakotekaAgent, revoked);
        assertThat(ids("?q=" + tag + "&programId=vk-cloud")).containsExactly(vkPartner, vkAgent, revoked);
        assertThat(ids("?q=" + tag + "&model=AGENT")).containsExactly(vkAgent, oblakotekaAgent);
        assertThat(ids("?q=" + tag + "&tier=PROFESSIONAL")).containsExactly(oblakotekaAgent);
        assertThat(ids("?q=" + tag + "&tier=SILVER")).containsExactly(vkPartner, revoked);
        assertThat(ids("?q=" + tag + "&status=REVOKED")).containsExactly(revoked);
        assertThat(ids("?q=" + tag + "&status=ACTIVE")).containsExactly(vkPartner, vkAgent, oblakotekaAgent);
    }

    @Test
    void issuesAPartnerTokenThatSeesOnlyItsOwnPartner() {
        long own = newPartner("vk-cloud", "PARTNER", "Own");
        long other = newPartner("vk-cloud", "PARTNER", "Other");

        Api.Response issued = api.post(PARTNERS + "/" + own + "/tokens", OPERATOR, "{}");

        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        String token = issued.text("token");
        assertThat(token).startsWith("ph_").hasSizeGreaterThan(20);
        assertThat(api.get(PARTNERS + "/" + own, token).id()).isEqualTo(own);
        Api.Response foreign = api.get(PARTNERS + "/" + other, token);
        assertProblem(foreign, 404);
        assertThat(foreign.raw()).doesNotContain("Other");
        Api.Response listed = api.get(PARTNERS, token);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().valueStream().map(p -> p.get("id").asLong()).toList()).containsExactly(own);
    }

    @Test
    void refusesPartnerTokensOperatorActions() {
        long own = newPartner("vk-cloud", "PARTNER", "Self-service");
        String token = tokenFor(own);

        assertProblem(api.post(PARTNERS, token, application("vk-cloud", "PARTNER")), 403);
        assertProblem(api.post(PARTNERS + "/" + own + "/tokens", token, "{}"), 403);
    }

    @Test
    void refusesRequestsWithAnUnknownTokenOrNone() {
        Api.Response badToken = api.get(PARTNERS, "ph_not-a-token");
        Api.Response noToken = api.get(PARTNERS, null);

        assertProblem(badToken, 401);
        assertProblem(noToken, 401);
    }

    @Test
    void recordsExamPassesOnlyInThePastAndOnlyByOperators() {
        long id = newPartner("oblakoteka", "REFERRAL", "Exam");

        Api.Response passed = api.post(PARTNERS + "/" + id + "/exam-passes", OPERATOR, Map.of("passedOn", "2026-02-10"));
        Api.Response future = api.post(PARTNERS + "/" + id + "/exam-passes", OPERATOR,
                Map.of("passedOn", moscowToday().plusDays(1).toString()));
        Api.Response byPartner = api.post(PARTNERS + "/" + id + "/exam-passes", tokenFor(id),
                Map.of("passedOn", "2026-02-11"));

        assertThat(passed.status()).as(passed.raw()).isEqualTo(201);
        assertThat(passed.text("passedOn")).isEqualTo("2026-02-10");
        assertThat(passed.body().get("partnerId").asLong()).isEqualTo(id);
        assertProblem(future, 422);
        assertThat(fields(future)).containsExactly("passedOn");
        assertProblem(byPartner, 403);
    }

    @Test
    void acceptsAnExitNoticeOfThirtyDaysButNotTwentyNine() {
        long id = newPartner("yandex-cloud", "RESELLER", "Leaving");
        LocalDate today = moscowToday();

        Api.Response tooShort = api.post(PARTNERS + "/" + id + "/exit-notices", OPERATOR,
                Map.of("exitDate", today.plusDays(29).toString()));
        assertProblem(tooShort, 422);
        assertThat(tooShort.text("detail")).contains("30 days");
        assertThat(api.get(PARTNERS + "/" + id, OPERATOR).text("status")).isEqualTo("ACTIVE");

        Api.Response accepted = api.post(PARTNERS + "/" + id + "/exit-notices", OPERATOR,
                Map.of("exitDate", today.plusDays(30).toString()));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
        assertThat(accepted.text("exitDate")).isEqualTo(today.plusDays(30).toString());
        Api.Response exiting = api.get(PARTNERS + "/" + id, OPERATOR);
        assertThat(exiting.text("status")).isEqualTo("EXITING");
        assertThat(exiting.text("exitDate")).isEqualTo(today.plusDays(30).toString());

        Api.Response second = api.post(PARTNERS + "/" + id + "/exit-notices", OPERATOR,
                Map.of("exitDate", today.plusDays(60).toString()));
        assertProblem(second, 409);
        assertThat(api.get(PARTNERS + "/" + id, OPERATOR).text("exitDate")).isEqualTo(today.plusDays(30).toString());
    }

    @Test
    void revokesPartnerStatusOnceForAStatedReason() {
        long id = newPartner("yandex-cloud", "RESELLER", "Revoked");
        String token = tokenFor(id);

        assertProblem(api.post(PARTNERS + "/" + id + "/revocation", OPERATOR, "{}"), 422);
        assertProblem(api.post(PARTNERS + "/" + id + "/revocation", token, Map.of("reason", "self")), 403);
        assertThat(api.get(PARTNERS + "/" + id, OPERATOR).text("status")).isEqualTo("ACTIVE");

        Api.Response revoked = api.post(PARTNERS + "/" + id + "/revocation", OPERATOR,
                Map.of("reason", "Resold to non-residents"));

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        assertThat(revoked.text("status")).isEqualTo("REVOKED");
        assertThat(revoked.text("revocationReason")).isEqualTo("Resold to non-residents");
        assertThat(revoked.text("revokedOn")).isEqualTo(moscowToday().toString());
        assertThat(api.get(PARTNERS + "/" + id, OPERATOR).text("status")).isEqualTo("REVOKED");
        Api.Response again = api.post(PARTNERS + "/" + id + "/revocation", OPERATOR, Map.of("reason", "again"));
        assertProblem(again, 409);
        assertThat(api.get(PARTNERS + "/" + id, OPERATOR).text("revocationReason")).isEqualTo("Resold to non-residents");
    }

    @Test
    void refusesARevocationWithoutAReasonNamingTheField() {
        long id = newPartner("vk-cloud", "PARTNER", "Unrevoked");

        Api.Response refused = api.post(PARTNERS + "/" + id + "/revocation", OPERATOR, Map.of("reason", "  "));

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("reason");
        assertThat(api.get(PARTNERS + "/" + id, OPERATOR).text("status")).isEqualTo("ACTIVE");
    }

    private Map<String, Object> application(String programId, String model) {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", "Partner " + Api.unique());
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", Api.unique());
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", "2026-01-15");
        return application;
    }

    private Map<String, Object> vkAgent(String legalForm, String registeredOn) {
        Map<String, Object> application = application("vk-cloud", "AGENT");
        application.put("legalForm", legalForm);
        application.put("registeredOn", registeredOn);
        application.put("contractDate", "2026-03-01");
        return application;
    }

    private long newPartner(String programId, String model, String name) {
        Map<String, Object> application = application(programId, model);
        application.put("name", name + " " + application.get("taxId"));
        Api.Response created = api.post(PARTNERS, OPERATOR, application);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }

    private String tokenFor(long partnerId) {
        Api.Response issued = api.post(PARTNERS + "/" + partnerId + "/tokens", OPERATOR, "{}");
        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        return issued.text("token");
    }

    private List<Long> ids(String query) {
        Api.Response listed = api.get(PARTNERS + query, OPERATOR);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        return listed.body().valueStream().map(p -> p.get("id").asLong()).toList();
    }

    private static List<String> fields(Api.Response problem) {
        return problem.body().path("errors").findValuesAsString("field");
    }

    private static LocalDate moscowToday() {
        return LocalDate.now(ZoneId.of("Europe/Moscow"));
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
    }
}
