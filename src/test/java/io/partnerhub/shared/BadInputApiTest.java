package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * Bad input never gives a 500: valid request bodies with one field at a time replaced by a
 * hostile value (seeded, so a failure repeats), sent to every write endpoint.
 */
@PlatformTest
class BadInputApiTest {

    private static final long SEED = 20261122L;
    private static final Object[] HOSTILE = {
            null, "", " ", "\u0000", "x".repeat(10_000), "2026-13-45", "-1", "1e400", -1, 0, Long.MAX_VALUE,
            1.5e300, true, List.of(), Map.of(), "🙂\u202E", "'; drop table partner; --", "NULL", "9999-12-31",
            "-999999999999999999999.99"};

    @LocalServerPort
    int port;

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("/api/v1/partners", Map.of("programId", "vk-cloud", "model", "PARTNER", "name", "Fuzz",
                        "legalForm", "LEGAL_ENTITY", "taxId", "1234567890", "registeredOn", "2020-01-01",
                        "country", "RU", "contractDate", "2026-01-01", "billingThreshold", "1000.00")),
                Arguments.of("/api/v1/customers", Map.of("name", "Fuzz", "taxId", "1234567890", "accountId", "fuzz-acc")),
                Arguments.of("/api/v1/deals", Map.of("partnerId", 1, "customerTaxId", "1234567890",
                        "customerName", "Fuzz", "title", "Fuzz", "expectedMonthlyAmount", "100.00")),
                Arguments.of("/api/v1/deals/1/approve", Map.of("extraDiscountPercent", 10)),
                Arguments.of("/api/v1/deals/1/reject", Map.of("reason", "fuzz")),
                Arguments.of("/api/v1/projects", Map.of("partnerId", 1, "customerId", 1, "projectId", "f1",
                        "registeredOn", "2026-06-01", "ratePercent", 12)),
                Arguments.of("/api/v1/partners/1/customers", Map.of("customerId", 1, "from", "2026-01-01")),
                Arguments.of("/api/v1/partners/1/exit-notices", Map.of("exitDate", "2030-01-01")),
                Arguments.of("/api/v1/partners/1/exam-passes", Map.of("passedOn", "2026-01-01")),
                Arguments.of("/api/v1/partners/1/revocation", Map.of("reason", "fuzz")),
                Arguments.of("/api/v1/partners/1/customers/links/1/end", Map.of("to", "2026-02-01")),
                Arguments.of("/api/v1/partners/1/certifications", Map.of("employee", "Fuzz", "course", "Cloud",
                        "certifiedOn", "2026-01-01", "certificateId", "C-1", "expiresOn", "2027-01-01")),
                Arguments.of("/api/v1/partners/1/specializations", Map.of("specialization", "infrastructure",
                        "from", "2026-01-01")),
                Arguments.of("/api/v1/presales", Map.of("partnerId", 1, "title", "Fuzz")),
                Arguments.of("/api/v1/presales/1/complete", Map.of("completedOn", "2026-01-01")),
                Arguments.of("/api/v1/presales/1/answer", Map.of("answer", "fuzz", "answeredOn", "2026-01-01")),
                Arguments.of("/api/v1/presales/1/decline", Map.of("reason", "fuzz")),
                Arguments.of("/api/v1/partners/1/specializations/1/end", Map.of("to", "2026-02-01")),
                Arguments.of("/api/v1/partners/1/adjustments", Map.of("corrects", "2018-04", "kind", "DISCOUNT",
                        "amount", "1.00", "reason", "fuzz")),
                Arguments.of("/api/v1/partners/1/withdrawals", Map.of("amount", "1.00", "destination", "BONUS")),
                Arguments.of("/api/v1/customers/1/transfers", Map.of("toPartnerId", 1, "on", "2026-02-01",
                        "consentObtainedOn", "2026-01-20", "referralReward", "MONTHLY")),
                Arguments.of("/api/v1/customers/1/consent-revocations", Map.of("on", "2026-02-01", "reason", "fuzz")),
                Arguments.of("/api/v1/partners/1/customers", Map.of("customerId", 1, "from", "2026-01-01",
                        "consentObtainedOn", "2026-01-01")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyHostileFieldValueIsRefusedAsAProblemNeverA500(String path, Map<String, Object> valid) {
        Api api = new Api(port);
        Random random = new Random(SEED ^ path.hashCode());
        List<String> failures = new ArrayList<>();
        for (String field : valid.keySet()) {
            for (Object value : HOSTILE) {
                Map<String, Object> body = new LinkedHashMap<>(valid);
                body.put(field, value);
                check(api, path, body, field + "=" + abbreviated(value), failures);
            }
        }
        for (int i = 0; i < 30; i++) {
            Map<String, Object> body = new LinkedHashMap<>(valid);
            for (String field : valid.keySet()) {
                if (random.nextInt(3) == 0) {
                    body.put(field, HOSTILE[random.nextInt(HOSTILE.length)]);
                }
            }
            check(api, path, body, "random #" + i, failures);
        }
        for (String raw : List.of("", "{", "[]", "null", "\"text\"", "{\"a\":", "{}}")) {
            Api.Response response = api.post(path, Api.OPERATOR_TOKEN, raw);
            if (response.status() >= 500 || !response.contentType().startsWith("application/problem+json")) {
                failures.add("raw " + raw + " -> " + response);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void check(Api api, String path, Map<String, Object> body, String what, List<String> failures) {
        Api.Response response = api.post(path, Api.OPERATOR_TOKEN, body);
        boolean refusedAsProblem = response.status() >= 400 && response.status() < 500
                && response.contentType().startsWith("application/problem+json");
        boolean accepted = response.status() == 200 || response.status() == 201;
        if (!refusedAsProblem && !accepted) {
            failures.add(what + " -> " + response.status() + " " + abbreviated(response.raw()));
        }
    }

    private static String abbreviated(Object value) {
        String s = String.valueOf(value);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
