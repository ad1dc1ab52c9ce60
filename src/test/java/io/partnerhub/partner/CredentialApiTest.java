package io.partnerhub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * Certifications of partner employees (recorded once, valid from their day until their expiry),
 * specializations granted on the program's conditions or declared by the partner, and the
 * operator's query of partners by specialization.
 */
@PlatformTest
class CredentialApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aCertificateIsRecordedOnceARetryChangesNothingAndOtherDataConflicts() {
        long partner = partner("vk-cloud", "PARTNER", "2026-01-15");
        long other = partner("vk-cloud", "PARTNER", "2026-01-15");
        String certificate = "VKA-" + Api.unique();
        Map<String, Object> anna = certification("Anna Petrova", "VK Cloud Architect", certificate, "2026-01-20", "2027-01-20");

        Api.Response first = certify(partner, anna);
        Api.Response retry = certify(partner, anna);
        Api.Response otherExpiry = certify(partner, with(anna, "expiresOn", "2028-01-20"));
        Api.Response otherPartner = certify(other, anna);
        Api.Response otherCourse = certify(partner, with(anna, "course", "VK Cloud Sales"));

        assertThat(first.status()).as(first.raw()).isEqualTo(201);
        assertThat(retry.status()).as(retry.raw()).isEqualTo(200);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(otherExpiry.status()).isEqualTo(409);
        assertThat(otherExpiry.text("detail")).contains("Certificate " + certificate + " of VK Cloud Architect is recorded already",
                "Anna Petrova", "expires 2027-01-20", "this request differs in expiresOn");
        assertThat(otherPartner.status()).isEqualTo(409);
        assertThat(otherPartner.text("detail")).contains("partner " + partner, "differs in partner");
        assertThat(otherCourse.status()).as(otherCourse.raw()).isEqualTo(201);
        assertThat(api.get("/api/v1/partners/" + partner + "/certifications", OPERATOR).body()).hasSize(2);
        assertThat(api.get("/api/v1/partners/" + other + "/certifications", OPERATOR).body()).isEmpty();
        assertThat(events(partner, "certification")).extracting(e -> e.get("type").asString())
                .containsExactly("certification.recorded", "certification.recorded");
    }

    @Test
    void withoutACertificateIdAnEmployeesCourseOnADayIsTheSameCertification() {
        long partner = partner("vk-cloud", "PARTNER", "2026-01-15");
        Map<String, Object> boris = certification("Boris Ivanov", "VK Cloud Engineer", null, "2026-02-01", null);

        Api.Response first = certify(partner, boris);
        Api.Response retry = certify(partner, with(boris, "employee", "  boris ivanov "));
        Api.Response expiring = certify(partner, with(boris, "expiresOn", "2027-02-01"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(expiring.status()).isEqualTo(409);
        assertThat(expiring.text("detail")).contains("A certification of Boris Ivanov in VK Cloud Engineer on 2026-02-01"
                + " is recorded already", "differs in expiresOn");
    }

    @Test
    void datesAreRefusedWithTheirReasons() {
        long partner = partner("vk-cloud", "PARTNER", "2026-01-15");
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(1).toString();

        Api.Response sameDay = certify(partner, certification("Anna", "VK Cloud Architect", null, "2026-02-01", "2026-02-01"));
        Api.Response before = certify(partner, certification("Anna", "VK Cloud Architect", null, "2026-02-01", "2026-01-31"));
        Api.Response future = certify(partner, certification("Anna", "VK Cloud Architect", null, tomorrow, null));
        Api.Response noCourse = certify(partner, certification("Anna", " ", null, "2026-02-01", null));

        assertThat(sameDay.status()).isEqualTo(422);
        assertThat(fields(sameDay)).containsExactly("expiresOn");
        assertThat(sameDay.text("detail")).isEqualTo("expiresOn 2026-02-01 must be after certifiedOn 2026-02-01:"
                + " a certification expires after it is granted");
        assertThat(before.status()).isEqualTo(422);
        assertThat(before.text("detail")).startsWith("expiresOn 2026-01-31 must be after certifiedOn 2026-02-01");
        assertThat(future.status()).isEqualTo(422);
        assertThat(fields(future)).containsExactly("certifiedOn");
        assertThat(future.text("detail")).contains("cannot be dated in the future (" + tomorrow);
        assertThat(noCourse.status()).isEqualTo(422);
        assertThat(fields(noCourse)).containsExactly("course");
        assertThat(api.get("/api/v1/partners/" + partner + "/certifications", OPERATOR).body()).isEmpty();
    }

    @Test
    void theListSaysWhetherEachIsValidOnADayAndWhatItCountsFor() {
        long partner = partner("vk-cloud", "PARTNER", "2026-01-15");
        certify(partner, certification("Anna Petrova", "VK Cloud Architect", null, "2026-01-20", null));
        // expiresOn is the first day it no longer holds: valid 2026-01-20 .. 2026-03-30
        certify(partner, certification("Boris Ivanov", "vk cloud engineer", null, "2026-01-20", "2026-03-31"));
        certify(partner, certification("Clara Smirnova", "Spreadsheets for managers", null, "2026-01-20", null));

        Map<String, Boolean> before = validity(partner, "2026-01-19");
        Map<String, Boolean> lastDay = validity(partner, "2026-03-30");
        Map<String, Boolean> expired = validity(partner, "2026-03-31");
        JsonNode list = api.get("/api/v1/partners/" + partner + "/certifications?on=2026-03-31", OPERATOR).body();

        assertThat(before).containsExactly(Map.entry("Anna Petrova", false), Map.entry("Boris Ivanov", false),
                Map.entry("Clara Smirnova", false));
        assertThat(lastDay).containsExactly(Map.entry("Anna Petrova", true), Map.entry("Boris Ivanov", true),
                Map.entry("Clara Smirnova", true));
        assertThat(expired).containsExactly(Map.entry("Anna Petrova", true), Map.entry("Boris Ivanov", false),
                Map.entry("Clara Smirnova", true));
        assertThat(list.get(0).get("validOn").asString()).isEqualTo("2026-03-31");
        assertThat(list.get(0).get("countsFor").toString()).isEqualTo("[\"status\"]");
        assertThat(list.get(1).get("countsFor").toString()).isEqualTo("[\"status\"]");
        assertThat(list.get(2).get("countsFor")).isEmpty();
    }

    @Test
    void onlyAnOperatorRecordsAPartnerReadsItsOwn() {
        long partner = partner("vk-cloud", "PARTNER", "2026-01-15");
        long other = partner("vk-cloud", "PARTNER", "2026-01-15");
        String token = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}").text("token");
        certify(partner, certification("Anna Petrova", "VK Cloud Architect", null, "2026-01-20", null));

        Api.Response byPartner = api.post("/api/v1/partners/" + partner + "/certifications", token,
                certification("Self", "VK Cloud Architect", null, "2026-01-20", null));

        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/partners/" + partner + "/certifications", token).body()).hasSize(1);
        assertThat(api.get("/api/v1/partners/" + other + "/certifications", token).status()).isEqualTo(404);
    }

    @Test
    void aYandexSpecializationIsGrantedOnlyWhenItsConditionsAreMetOnItsFirstDay() {
        long partner = partner("yandex-cloud", "RESELLER", "2026-01-15");
        String path = "/api/v1/partners/" + partner + "/specializations";
        Map<String, Object> infrastructure = Map.of("specialization", "infrastructure", "from", "2026-03-02");

        Api.Response none = api.post(path, OPERATOR, infrastructure);
        certify(partner, certification("Anna Petrova", "Yandex Cloud Infrastructure", null, "2026-02-01", null));
        // expired the day before the grant, and a course of another specialization: neither counts
        certify(partner, certification("Boris Ivanov", "Yandex Cloud Infrastructure", null, "2026-01-20", "2026-03-02"));
        certify(partner, certification("Clara Smirnova", "Yandex Cloud Kubernetes", null, "2026-02-01", null));
        Api.Response one = api.post(path, OPERATOR, infrastructure);
        certify(partner, certification("Dmitry Volkov", "yandex cloud infrastructure", null, "2026-03-02", null));
        Api.Response granted = api.post(path, OPERATOR, infrastructure);
        Api.Response again = api.post(path, OPERATOR, Map.of("specialization", "infrastructure", "from", "2026-04-01"));

        assertThat(none.status()).isEqualTo(422);
        assertThat(fields(none)).containsExactly("specialization");
        assertThat(none.text("detail")).isEqualTo("'infrastructure' needs 2 certified employees in Yandex Cloud"
                + " Infrastructure on 2026-03-02; has 0");
        assertThat(one.status()).isEqualTo(422);
        assertThat(one.text("detail")).isEqualTo("'infrastructure' needs 2 certified employees in Yandex Cloud"
                + " Infrastructure on 2026-03-02; has 1 (Anna Petrova)");
        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);
        assertThat(granted.text("kind")).isEqualTo("GRANTED");
        assertThat(granted.text("from")).isEqualTo("2026-03-02");
        assertThat(granted.text("basis")).isEqualTo("2 certified employees in Yandex Cloud Infrastructure on 2026-03-02:"
                + " Anna Petrova, Dmitry Volkov");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("detail")).contains("holds 'infrastructure' since 2026-03-02");
        assertThat(api.get(path, OPERATOR).body()).hasSize(1);
        assertThat(events(partner, "specialization")).singleElement().satisfies(e -> {
            assertThat(e.get("type").asString()).isEqualTo("specialization.granted");
            assertThat(e.get("summary").asString()).contains("'infrastructure' granted from 2026-03-02");
        });
    }

    @Test
    void anUnknownSpecializationIsRefusedListingTheProgramsOnes() {
        long yandex = partner("yandex-cloud", "RESELLER", "2026-01-15");
        long yandexOld = partner("yandex-cloud", "RESELLER", "2025-06-02");
        long vk = partner("vk-cloud", "PARTNER", "2026-01-15");

        Api.Response unknown = api.post("/api/v1/partners/" + yandex + "/specializations", OPERATOR,
                Map.of("specialization", "quantum", "from", "2026-02-02"));
        Api.Response oldTerms = api.post("/api/v1/partners/" + yandexOld + "/specializations", OPERATOR,
                Map.of("specialization", "infrastructure", "from", "2025-12-01"));
        Api.Response noneInVk = api.post("/api/v1/partners/" + vk + "/specializations", OPERATOR,
                Map.of("specialization", "devops", "from", "2026-02-02"));
        Api.Response beforeContract = api.post("/api/v1/partners/" + yandex + "/specializations", OPERATOR,
                Map.of("specialization", "infrastructure", "from", "2026-01-14"));
        Api.Response future = api.post("/api/v1/partners/" + yandex + "/specializations", OPERATOR,
                Map.of("specialization", "infrastructure", "from", "2999-01-01"));

        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.text("detail")).isEqualTo("'quantum' is not a specialization of Yandex Cloud (terms from"
                + " 2026-01-01); one of [containers, data-platform, infrastructure]");
        assertThat(oldTerms.status()).isEqualTo(422);
        assertThat(oldTerms.text("detail")).isEqualTo("Yandex Cloud (terms from 2020-01-01) has no specializations");
        assertThat(noneInVk.status()).isEqualTo(422);
        assertThat(noneInVk.text("detail")).isEqualTo("VK Cloud (terms from 2020-01-01) has no specializations");
        assertThat(beforeContract.status()).isEqualTo(422);
        assertThat(beforeContract.text("detail")).isEqualTo("the partner's contract starts on 2026-01-15");
        assertThat(future.status()).isEqualTo(422);
        assertThat(fields(future)).containsExactly("from");
        assertThat(future.text("detail")).contains("2999-01-01 is after today");
    }

    @Test
    void aPartnerDeclaresOblakotekaSpecializationsAndTheOperatorFindsPartnersByThem() {
        long devops = partner("oblakoteka", "AGENT", "2026-01-15");
        long security = partner("oblakoteka", "AGENT", "2026-01-15");
        long yandex = partner("yandex-cloud", "RESELLER", "2026-01-15");
        String token = api.post("/api/v1/partners/" + devops + "/tokens", OPERATOR, "{}").text("token");
        String yandexToken = api.post("/api/v1/partners/" + yandex + "/tokens", OPERATOR, "{}").text("token");

        Api.Response declared = api.post("/api/v1/partners/" + devops + "/specializations", token,
                Map.of("specialization", "devops", "from", "2026-02-02"));
        Api.Response byOperator = api.post("/api/v1/partners/" + security + "/specializations", OPERATOR,
                Map.of("specialization", "security", "from", "2026-02-02"));
        Api.Response unknown = api.post("/api/v1/partners/" + devops + "/specializations", token,
                Map.of("specialization", "cobol"));
        Api.Response twice = api.post("/api/v1/partners/" + devops + "/specializations", token,
                Map.of("specialization", "devops"));
        Api.Response grantedBySelf = api.post("/api/v1/partners/" + yandex + "/specializations", yandexToken,
                Map.of("specialization", "infrastructure", "from", "2026-02-02"));

        assertThat(declared.status()).as(declared.raw()).isEqualTo(201);
        assertThat(declared.text("kind")).isEqualTo("DECLARED");
        assertThat(declared.text("basis")).isEqualTo("declared");
        assertThat(byOperator.status()).isEqualTo(201);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.text("detail")).isEqualTo("'cobol' is not a specialization of Oblakoteka (terms from"
                + " 2020-01-01); one of [1c, devops, ml, security, vdi]");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(grantedBySelf.status()).isEqualTo(403);
        assertThat(holders("devops", "2026-03-01")).contains(devops).doesNotContain(security);
        assertThat(holders("security", "2026-03-01")).contains(security).doesNotContain(devops);
        assertThat(holders("devops", "2026-02-01")).doesNotContain(devops);
        assertThat(events(devops, "specialization")).extracting(e -> e.get("type").asString())
                .containsExactly("specialization.declared");

        Api.Response ended = api.post("/api/v1/partners/" + devops + "/specializations/" + declared.id() + "/end", token,
                Map.of("to", "2026-04-01"));
        Api.Response endedAgain = api.post("/api/v1/partners/" + devops + "/specializations/" + declared.id() + "/end",
                token, Map.of("to", "2026-05-01"));

        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        assertThat(ended.text("to")).isEqualTo("2026-04-01");
        assertThat(endedAgain.status()).isEqualTo(409);
        assertThat(holders("devops", "2026-03-31")).contains(devops);
        assertThat(holders("devops", "2026-04-01")).doesNotContain(devops);
    }

    @Test
    void aRevokedPartnerTakesNoSpecializationAndAGrantedOneIsEndedByAnOperator() {
        long revoked = partner("oblakoteka", "AGENT", "2026-01-15");
        api.post("/api/v1/partners/" + revoked + "/revocation", OPERATOR, Map.of("reason", "Breach of terms",
                "revokedOn", "2026-02-01"));
        long yandex = partner("yandex-cloud", "RESELLER", "2026-01-15");
        certify(yandex, certification("Anna Petrova", "Yandex Cloud Kubernetes", null, "2026-02-01", null));
        certify(yandex, certification("Boris Ivanov", "Yandex Cloud Kubernetes", null, "2026-02-01", null));
        long containers = api.post("/api/v1/partners/" + yandex + "/specializations", OPERATOR,
                Map.of("specialization", "containers", "from", "2026-02-02")).id();
        String token = api.post("/api/v1/partners/" + yandex + "/tokens", OPERATOR, "{}").text("token");
        String end = "/api/v1/partners/" + yandex + "/specializations/" + containers + "/end";

        Api.Response declared = api.post("/api/v1/partners/" + revoked + "/specializations", OPERATOR,
                Map.of("specialization", "devops"));
        Api.Response byPartner = api.post(end, token, Map.of("to", "2026-06-01"));
        Api.Response sameDay = api.post(end, OPERATOR, Map.of("to", "2026-02-02"));
        Api.Response ended = api.post(end, OPERATOR, Map.of("to", "2026-06-01"));

        assertThat(declared.status()).isEqualTo(422);
        assertThat(declared.text("detail")).isEqualTo("partner " + revoked + " is REVOKED and can take no specializations");
        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(sameDay.status()).isEqualTo(422);
        assertThat(sameDay.text("detail")).isEqualTo("'containers' is held from 2026-02-02; it ends on a later day");
        assertThat(ended.status()).isEqualTo(200);
        assertThat(events(yandex, "specialization")).extracting(e -> e.get("type").asString())
                .containsExactly("specialization.granted", "specialization.ended");
    }

    @Test
    void onlyAnOperatorListsPartnersByASpecializationTheProgramsKnow() {
        long partner = partner("oblakoteka", "AGENT", "2026-01-15");
        String token = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}").text("token");

        Api.Response byPartner = api.get("/api/v1/specializations/devops/partners", token);
        Api.Response unknown = api.get("/api/v1/specializations/devps/partners?programId=oblakoteka", OPERATOR);

        assertThat(byPartner.status()).isEqualTo(403);
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.text("detail")).isEqualTo("'devps' is not a specialization of oblakoteka; known:"
                + " [1c, devops, ml, security, vdi]");
    }

    @Test
    void theProgramsShowTheirTrainingAndSpecializationTerms() {
        JsonNode yandex = api.get("/api/v1/programs/yandex-cloud", OPERATOR).body().get("versions").get(1);
        JsonNode oblakoteka = api.get("/api/v1/programs/oblakoteka", OPERATOR).body().get("versions").get(0);
        JsonNode vk = api.get("/api/v1/programs/vk-cloud", OPERATOR).body().get("versions").get(0);

        assertThat(yandex.at("/specializationConditions/infrastructure").toString())
                .isEqualTo("{\"certifiedEmployees\":2,\"courses\":[\"Yandex Cloud Infrastructure\"]}");
        assertThat(yandex.get("presaleSlaBusinessDays").asInt()).isEqualTo(3);
        assertThat(oblakoteka.get("examCourse").asString()).isEqualTo("Oblakoteka partner exam");
        assertThat(oblakoteka.get("declaredSpecializations").toString()).isEqualTo("[\"1c\",\"devops\",\"security\",\"vdi\",\"ml\"]");
        assertThat(vk.get("statusCourses")).hasSize(3);
        assertThat(yandex.propertyNames()).doesNotContain("specializations", "grantedSpecializations",
                "countsCertifiedEmployees", "countsTheExam");
    }

    private List<Long> holders(String specialization, String on) {
        Api.Response response = api.get("/api/v1/specializations/" + specialization + "/partners?programId=oblakoteka&on="
                + on, OPERATOR);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.body().forEach(holder -> ids.add(holder.get("partnerId").asLong()));
        return ids;
    }

    private Map<String, Boolean> validity(long partner, String on) {
        Map<String, Boolean> valid = new LinkedHashMap<>();
        api.get("/api/v1/partners/" + partner + "/certifications?on=" + on, OPERATOR).body()
                .forEach(c -> valid.put(c.get("employee").asString(), c.get("valid").asBoolean()));
        return valid;
    }

    private List<JsonNode> events(long partner, String type) {
        List<JsonNode> events = new ArrayList<>();
        api.get("/api/v1/events?partnerId=" + partner + "&type=" + type, OPERATOR).body().get("events").forEach(events::add);
        return events;
    }

    private Api.Response certify(long partner, Map<String, Object> certification) {
        return api.post("/api/v1/partners/" + partner + "/certifications", OPERATOR, certification);
    }

    private static Map<String, Object> certification(String employee, String course, String certificateId,
                                                     String certifiedOn, String expiresOn) {
        Map<String, Object> body = new HashMap<>(Map.of("employee", employee, "course", course, "certifiedOn", certifiedOn));
        if (certificateId != null) {
            body.put("certificateId", certificateId);
        }
        if (expiresOn != null) {
            body.put("expiresOn", expiresOn);
        }
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static List<String> fields(Api.Response response) {
        return response.body().path("errors").findValuesAsString("field");
    }

    private long partner(String programId, String model, String contractDate) {
        Map<String, Object> application = new LinkedHashMap<>();
        String taxId = Api.unique();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", "Credentials " + taxId);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", taxId);
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", contractDate);
        Api.Response created = api.post("/api/v1/partners", OPERATOR, application);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }
}
