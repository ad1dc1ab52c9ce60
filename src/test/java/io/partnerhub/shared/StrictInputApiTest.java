package io.partnerhub.shared;

import static io.partnerhub.ApiFixture.assertProblem;
import static io.partnerhub.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;

/**
 * JSON is read as written, never guessed at: no enum ordinals, no truncated fractions, no
 * {@code ""} or {@code 1} for a boolean; bodies are limited in size; a client's value is quoted
 * once and short; control characters are refused in any text; and {@code /error} is no page.
 */
@PlatformTest
class StrictInputApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    Api api;
    ApiFixture fixture;
    long partner;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        fixture = new ApiFixture(api);
        partner = fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
    }

    @Test
    void anEnumIsItsNameNeverItsOrdinal() {
        for (String model : new String[]{"0", "\"0\"", "\"\"", "1.0"}) {
            String taxId = Api.unique();
            Api.Response refused = api.post("/api/v1/partners", OPERATOR, """
                    {"programId": "vk-cloud", "model": %s, "name": "Ordinal", "legalForm": "LEGAL_ENTITY",
                     "taxId": "%s", "registeredOn": "2020-01-01", "country": "RU", "contractDate": "2026-01-01"}"""
                    .formatted(model, taxId));

            assertProblem(refused, 422);
            assertThat(fields(refused)).as(model).containsExactly("model");
            assertThat(refused.text("detail")).isEqualTo(
                    "model must be one of [PARTNER, WHITE_LABEL, AGENT, REFERRAL, RESELLER]");
            assertThat(api.get("/api/v1/partners?q=" + taxId, OPERATOR).body().size()).isZero();
        }
    }

    /**
     * The constraints' own messages were worded in the portal's default language, Russian, whatever
     * the request asked, and mixed with the platform's English in one answer, in a different order
     * each time.
     */
    @Test
    void aBodysRefusalsAreEnglishInEveryLanguageAndInTheFieldsOrder() {
        Map<String, String> body = Map.of("programId", "vk-cloud", "name", "", "taxId", "1");
        for (String language : new String[]{null, "en", "ru", "ru-RU,ru;q=0.9"}) {
            Api.Response refused = language == null ? api.post("/api/v1/partners", OPERATOR, body)
                    : api.post("/api/v1/partners", OPERATOR, body, "Accept-Language", language);

            assertProblem(refused, 422);
            assertThat(refused.text("detail")).as(language).isEqualTo("country must not be null; legalForm must not be null;"
                    + " model must not be null; name must not be blank; registeredOn must not be null;"
                    + " taxId must be 5-20 letters or digits");
        }
    }

    @Test
    void anIdIsAWholeNumberNeverAFractionTruncatedNorAString() {
        long customer = fixture.customer();
        for (String id : new String[]{customer + ".9", customer + ".0", "1e0", "\"" + customer + "\"", "\"\"", "true"}) {
            Api.Response refused = api.post("/api/v1/partners/" + partner + "/customers", OPERATOR,
                    "{\"customerId\": " + id + ", \"from\": \"2026-02-01\", \"consentObtainedOn\": \"2026-02-01\"}");

            assertProblem(refused, 422);
            assertThat(fields(refused)).as(id).containsExactly("customerId");
            assertThat(refused.text("detail")).isEqualTo("customerId must be a whole number");
        }
        assertThat(fixture.linksOf(partner)).isEmpty();
    }

    @Test
    void aBooleanIsTrueOrFalseNeverAnEmptyStringANumberOrText() {
        for (String technical : new String[]{"\"\"", "1", "0", "\"true\"", "\"false\""}) {
            Api.Response refused = api.post("/api/v1/presales", OPERATOR,
                    "{\"partnerId\": " + partner + ", \"title\": \"Sizing\", \"technical\": " + technical + "}");

            assertProblem(refused, 422);
            assertThat(refused.text("detail")).as(technical).isEqualTo("technical must be true or false");
        }
        assertThat(api.get("/api/v1/presales?partnerId=" + partner, OPERATOR).body().size()).isZero();
        Api.Response accepted = api.post("/api/v1/presales", OPERATOR,
                "{\"partnerId\": " + partner + ", \"title\": \"Sizing\", \"technical\": false}");
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
        assertThat(accepted.body().get("technical").asBoolean()).isFalse();
    }

    @Test
    void controlCharactersAreRefusedInAnyTextButTabsAndLineBreaksAreText() {
        Api.Response refused = api.post("/api/v1/presales", OPERATOR,
                Map.of("partnerId", partner, "title", "a\u0001b"));
        assertProblem(refused, 422);
        assertThat(refused.text("detail")).isEqualTo("title must not contain a NUL or other control character");

        Api.Response accepted = api.post("/api/v1/presales", OPERATOR,
                Map.of("partnerId", partner, "title", "line one\nline two\ttabbed"));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);

        Api.Response parameter = api.get("/api/v1/partners?q=a%01b", OPERATOR);
        assertProblem(parameter, 400);
        assertThat(parameter.text("detail")).isEqualTo("q must not contain a NUL or other control character.");
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413BeforeItIsRead() {
        String name = "x".repeat(1_500_000);
        Api.Response refused = api.post("/api/v1/customers", OPERATOR,
                Map.of("name", name, "taxId", Api.unique(), "accountId", "acc-" + Api.unique()));

        assertProblem(refused, 413);
        assertThat(refused.text("detail")).isEqualTo("The request body is larger than 1048576B (partnerhub.limits.request-body).");
        assertThat(refused.raw().length()).isLessThan(400);
    }

    @Test
    void aLongBadValueIsQuotedOnceAndCutToAHundredCharacters() {
        String value = "9".repeat(5_000);
        Api.Response refused = api.get("/api/v1/usage/unattributed?period=" + value, OPERATOR);

        assertProblem(refused, 422);
        String quoted = "'" + "9".repeat(100) + "…'";
        assertThat(refused.body().get("errors").get(0).get("message").asString()).startsWith(quoted + " is not ");
        assertThat(refused.raw().split("9{100}", -1)).hasSize(2);
        assertThat(refused.raw().length()).isLessThan(500);

        Api.Response format = api.upload("/api/v1/usage/imports?format=" + "f".repeat(5_000), OPERATOR,
                "x".getBytes(StandardCharsets.UTF_8), "text/csv");
        assertProblem(format, 422);
        assertThat(format.raw()).doesNotContain("f".repeat(101)).contains("f".repeat(100) + "…");
    }

    @Test
    void theErrorPathAskedForDirectlyIsNoPage() {
        Api.Response error = api.get("/error", OPERATOR);
        assertProblem(error, 404);
        assertThat(error.text("detail")).isEqualTo("No page /error.");
        assertProblem(api.get("/error", null), 404);
    }

    @Test
    void quickProbesOfOddRequestsAnswerAsProblemsNever500() {
        assertProblem(api.get("/api/v1/partners/99999999999999999999999", OPERATOR), 400);
        Api.Response percent = api.get("/api/v1/partners/%25", OPERATOR);
        assertProblem(percent, 400);
        assertThat(percent.text("detail")).startsWith("The URL is not accepted: ");
        assertProblem(api.get("/api/v1/events?after=99999999999999999999", OPERATOR), 400);
        assertProblem(api.upload("/api/v1/customers", OPERATOR, "{}".getBytes(StandardCharsets.UTF_8), "text/plain"), 415);
        assertProblem(api.post("/api/v1/customers", OPERATOR, "{\"name\": "), 400);
        assertProblem(api.post("/api/v1/customers", OPERATOR, "[".repeat(5_000)), 422);
        assertProblem(api.post("/api/v1/partners/" + partner + "/withdrawals", OPERATOR,
                "{\"amount\": 1" + "0".repeat(5_000) + ", \"destination\": \"BONUS\"}"), 400);
    }
}
