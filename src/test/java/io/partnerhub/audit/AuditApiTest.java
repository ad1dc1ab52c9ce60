package io.partnerhub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;
import tools.jackson.databind.JsonNode;

@PlatformTest
class AuditApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void recordsACompletedWriteWithItsActorPathAndStatus() {
        long partner = newPartner();
        String path = "/api/v1/partners/" + partner + "/exam-passes";
        assertThat(api.post(path, OPERATOR, Map.of("passedOn", "2026-02-10")).status()).isEqualTo(201);

        List<JsonNode> entries = entries("?path=" + path, 1);

        assertThat(entries).hasSize(1);
        JsonNode entry = entries.getFirst();
        assertThat(entry.get("actor").asString()).isEqualTo("operator");
        assertThat(entry.get("method").asString()).isEqualTo("POST");
        assertThat(entry.get("path").asString()).isEqualTo(path);
        assertThat(entry.get("status").asInt()).isEqualTo(201);
        assertThat(entry.get("outcome").asString()).isEqualTo("DONE");
        assertThat(entry.get("partnerId").asLong()).isEqualTo(partner);
        assertThat(entry.get("at").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void recordsARefusedWriteAsRefused() {
        long partner = newPartner();
        String path = "/api/v1/partners/" + partner + "/exam-passes";
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(1).toString();
        assertThat(api.post(path, OPERATOR, Map.of("passedOn", tomorrow)).status()).isEqualTo(422);

        List<JsonNode> entries = entries("?path=" + path, 1);

        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().get("status").asInt()).isEqualTo(422);
        assertThat(entries.getFirst().get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(entries.getFirst().get("actor").asString()).isEqualTo("operator");
    }

    @Test
    void recordsAWriteWithoutATokenAsAnonymous() {
        long partner = newPartner();
        String path = "/api/v1/partners/" + partner + "/exam-passes";
        assertThat(api.post(path, null, Map.of("passedOn", "2026-02-10")).status()).isEqualTo(401);

        List<JsonNode> entries = entries("?path=" + path, 1);

        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().get("actor").asString()).isEqualTo("anonymous");
        assertThat(entries.getFirst().get("status").asInt()).isEqualTo(401);
        assertThat(entries.getFirst().get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(entries.getFirst().get("method").asString()).isEqualTo("POST");
    }

    @Test
    void recordsAWriteWithAnUnknownTokenAsAnonymous() {
        long partner = newPartner();
        String path = "/api/v1/partners/" + partner + "/exam-passes";
        assertThat(api.post(path, "ph_forged", Map.of("passedOn", "2026-02-10")).status()).isEqualTo(401);

        List<JsonNode> entries = entries("?path=" + path, 1);

        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().get("actor").asString()).isEqualTo("anonymous");
        assertThat(entries.getFirst().get("status").asInt()).isEqualTo(401);
    }

    @Test
    void namesThePartnerTokenThatMadeAWrite() {
        long partner = newPartner();
        Api.Response issued = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}");
        String taxId = Api.unique();
        assertThat(api.post("/api/v1/deals", issued.text("token"), Map.of("partnerId", partner,
                "customerTaxId", taxId, "customerName", "Customer", "title", "Audit")).status()).isEqualTo(201);

        List<JsonNode> entries = entries("?partnerId=" + partner + "&path=/api/v1/deals", 1);

        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().get("actor").asString())
                .isEqualTo("partner:" + partner + "/token:" + issued.id());
        assertThat(entries.getFirst().get("status").asInt()).isEqualTo(201);
        assertThat(entries.getFirst().get("outcome").asString()).isEqualTo("DONE");
    }

    @Test
    void refusesTheAuditLogToPartnerTokens() {
        long partner = newPartner();
        String token = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}").text("token");

        Api.Response refused = api.get("/api/v1/audit", token);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.raw()).doesNotContain("\"actor\"");
    }

    @Test
    void filtersByPartnerOutcomeAndPathAndLeavesReadsOut() {
        long partner = newPartner();
        long other = newPartner();
        String examPasses = "/api/v1/partners/" + partner + "/exam-passes";
        String tomorrow = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(1).toString();
        api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}");
        api.post(examPasses, OPERATOR, Map.of("passedOn", "2026-02-10"));
        api.post(examPasses, OPERATOR, Map.of("passedOn", tomorrow));
        api.post("/api/v1/partners/" + other + "/exam-passes", OPERATOR, Map.of("passedOn", "2026-02-10"));
        assertThat(api.get("/api/v1/partners/" + partner, OPERATOR).status()).isEqualTo(200);

        List<JsonNode> ofPartner = entries("?partnerId=" + partner, 3);
        List<JsonNode> refused = entries("?partnerId=" + partner + "&outcome=REFUSED", 1);
        List<JsonNode> done = entries("?partnerId=" + partner + "&outcome=DONE", 2);
        List<JsonNode> byPath = entries("?path=" + examPasses, 2);

        assertThat(ofPartner).extracting(e -> e.get("method").asString() + " " + e.get("path").asString()
                        + " " + e.get("status").asInt())
                .containsExactly("POST " + examPasses + " 422", "POST " + examPasses + " 201",
                        "POST /api/v1/partners/" + partner + "/tokens 201");
        assertThat(refused).extracting(e -> e.get("status").asInt()).containsExactly(422);
        assertThat(done).extracting(e -> e.get("path").asString())
                .containsExactly(examPasses, "/api/v1/partners/" + partner + "/tokens");
        assertThat(byPath).extracting(e -> e.get("partnerId").asLong()).containsOnly(partner).hasSize(2);
        assertThat(byPath).extracting(e -> e.get("outcome").asString()).containsExactly("REFUSED", "DONE");
    }

    @Test
    void storesAConsentPathWithTheTokenReplaced() {
        String token = "secret-" + Api.unique();
        Api.Response answered = api.post("/api/v1/consents/" + token, null, "{}");
        assertThat(answered.status()).as(answered.raw()).isEqualTo(404);

        List<JsonNode> entries = entries("?path=/api/v1/consents/&actor=anonymous", 1);

        assertThat(entries).extracting(e -> e.get("path").asString()).contains("/api/v1/consents/{token}")
                .allSatisfy(path -> assertThat(path).doesNotContain("secret-"));
        assertThat(api.get("/api/v1/audit?path=" + token, OPERATOR).body().valueStream().toList()).isEmpty();
    }

    @Test
    void storesAnInvitationPathWithTheTokenReplacedAndItsRestKept() {
        String token = "invite-" + Api.unique();
        api.post("/invitations/" + token + "/accept", null, "{}");

        List<JsonNode> entries = entries("?path=/invitations/%7Btoken%7D/accept", 1);

        assertThat(entries).isNotEmpty();
        assertThat(entries.getFirst().get("path").asString()).isEqualTo("/invitations/{token}/accept");
        assertThat(entries.getFirst().get("actor").asString()).isEqualTo("anonymous");
        assertThat(api.get("/api/v1/audit?path=" + token, OPERATOR).body().valueStream().toList()).isEmpty();
    }

    /** The audit entries the query finds, waiting briefly for at least {@code expected} of them. */
    private List<JsonNode> entries(String query, int expected) {
        List<JsonNode> entries = List.of();
        for (int attempt = 0; attempt < 20 && entries.size() < expected; attempt++) {
            if (attempt > 0) {
                pause();
            }
            Api.Response listed = api.get("/api/v1/audit" + query, OPERATOR);
            assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
            entries = listed.body().valueStream().toList();
        }
        return entries;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long newPartner() {
        String taxId = Api.unique();
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", "oblakoteka");
        application.put("model", "RESELLER");
        application.put("name", "Audited " + taxId);
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
