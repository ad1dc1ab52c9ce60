package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * Fuzzed JSON posted over HTTP to the running platform's main write routes: the real request
 * shapes with fuzzed values, fuzzed structure or fuzzed bytes spliced in. Whatever arrives, the
 * answer is never a 5xx, and every 4xx is a problem document. Runs its seeds with the other tests;
 * with {@code JAZZER_FUZZ=1} it fuzzes (docs/benchmarks.md, "Fuzzing").
 */
@PlatformTest
class JsonBodiesFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Ids 1 to 3 exist in a fresh platform once any test made partners and customers; others are 404s. */
    private static final List<Map.Entry<String, Map<String, Object>>> ROUTES = List.of(
            Map.entry("/api/v1/partners", Map.of("programId", "vk-cloud", "model", "PARTNER", "name", "Fuzz",
                    "legalForm", "LEGAL_ENTITY", "taxId", "1234567890", "registeredOn", "2020-01-01",
                    "country", "RU", "contractDate", "2026-01-01")),
            Map.entry("/api/v1/customers", Map.of("name", "Fuzz", "taxId", "1234567890", "accountId", "fuzz-acc")),
            Map.entry("/api/v1/deals", Map.of("partnerId", 1, "customerTaxId", "1234567890",
                    "customerName", "Fuzz", "title", "Fuzz", "expectedMonthlyAmount", "100.00")),
            Map.entry("/api/v1/deals/1/approve", Map.of("extraDiscountPercent", 10)),
            Map.entry("/api/v1/projects", Map.of("partnerId", 1, "customerId", 1, "projectId", "f1",
                    "registeredOn", "2026-06-01", "ratePercent", 12)),
            Map.entry("/api/v1/partners/1/customers", Map.of("customerId", 1, "from", "2026-01-01",
                    "consentObtainedOn", "2026-01-01")),
            Map.entry("/api/v1/partners/1/withdrawals", Map.of("amount", "1.00", "destination", "BONUS",
                    "period", "2026-12")),
            Map.entry("/api/v1/partners/1/adjustments", Map.of("corrects", "2026-01", "kind", "DISCOUNT",
                    "amount", "1.00", "reason", "fuzz")),
            Map.entry("/api/v1/presales", Map.of("partnerId", 1, "title", "Fuzz", "technical", true)),
            Map.entry("/api/v1/partners/1/certifications", Map.of("employee", "Fuzz", "course", "Cloud",
                    "certifiedOn", "2026-01-01", "certificateId", "C-1", "expiresOn", "2027-01-01")),
            Map.entry("/api/v1/customers/1/transfers", Map.of("toPartnerId", 2, "on", "2026-02-01",
                    "consentObtainedOn", "2026-01-20")));

    @LocalServerPort
    int port;

    @FuzzTest(maxDuration = "5m")
    void fuzzedBodiesAreProblemsNever5xx(FuzzedDataProvider data) {
        // the test talks to the platform it started: the fuzzer's SSRF detector would report that
        BugDetectors.allowNetworkConnections((host, port) -> "localhost".equals(host));
        Map.Entry<String, Map<String, Object>> route = ROUTES.get(data.consumeInt(0, ROUTES.size() - 1));
        String body = switch (data.consumeInt(0, 3)) {
            case 0 -> JSON.writeValueAsString(withFuzzedValues(route.getValue(), data));
            case 1 -> spliced(JSON.writeValueAsString(route.getValue()), data);
            case 2 -> JSON.writeValueAsString(withFuzzedStructure(route.getValue(), data));
            default -> data.consumeRemainingAsString();
        };

        Api.Response response = new Api(port).post(route.getKey(), Api.OPERATOR_TOKEN, body);

        assertThat(response.status()).as("%s %s -> %s", route.getKey(), body, response).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.contentType()).as("%s %s -> %s", route.getKey(), body, response)
                    .startsWith("application/problem+json");
            assertThat(response.text("detail")).isNotBlank();
        }
    }

    private static Map<String, Object> withFuzzedValues(Map<String, Object> valid, FuzzedDataProvider data) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        for (String field : valid.keySet()) {
            if (data.consumeBoolean()) {
                body.put(field, value(data, 2));
            }
        }
        return body;
    }

    private static Map<String, Object> withFuzzedStructure(Map<String, Object> valid, FuzzedDataProvider data) {
        Map<String, Object> body = new LinkedHashMap<>(valid);
        int changes = data.consumeInt(1, 4);
        for (int i = 0; i < changes; i++) {
            List<String> fields = List.copyOf(body.keySet());
            if (!fields.isEmpty() && data.consumeBoolean()) {
                body.remove(fields.get(data.consumeInt(0, fields.size() - 1)));
            } else {
                body.put(data.consumeString(20), value(data, 3));
            }
        }
        return body;
    }

    /** Any JSON value: scalars of every kind, including the awkward ones, and nested arrays and objects. */
    private static Object value(FuzzedDataProvider data, int depth) {
        return switch (data.consumeInt(0, depth > 0 ? 9 : 7)) {
            case 0 -> null;
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeLong();
            case 3 -> data.consumeDouble();
            case 4 -> data.consumeString(200);
            case 5 -> data.pickValue(List.of("", " ", "-2025-11", "0001-01", "+12026-01-01", "2026-02-30",
                    "1e400", "0", "-1", "1.9", "true", "NaN", "9".repeat(40), "\u0000", "\u202E", "2026-12"));
            case 6 -> data.consumeInt(-3, 3) + data.consumeInt(0, 99) / 100.0;
            case 7 -> data.consumeAsciiString(30);
            case 8 -> java.util.Arrays.asList(value(data, depth - 1), value(data, depth - 1));
            default -> java.util.Collections.singletonMap(data.consumeString(10), value(data, depth - 1));
        };
    }

    /** The valid body with fuzzed text spliced in at a fuzzed place: broken JSON of every kind. */
    private static String spliced(String json, FuzzedDataProvider data) {
        int at = data.consumeInt(0, json.length());
        int cut = data.consumeInt(0, Math.min(8, json.length() - at));
        return json.substring(0, at) + data.consumeString(40) + json.substring(at + cut);
    }
}
