package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * The deal desk's write endpoints with one field at a time replaced by a hostile value, for a
 * partner and a deal that exist (so the values reach the rules): a problem (4xx) or success, never a 500.
 */
@PlatformTest
class DealBadInputApiTest {

    private static final Object[] HOSTILE = {
            null, "", " ", "\u0000", "x".repeat(10_000), "2026-13-45", "-1", "1e400", -1, 0, Long.MAX_VALUE,
            1.5e300, true, List.of(), Map.of(), "🙂\u202E", "'; drop table partner; --", "NULL", "9999-12-31",
            "-999999999999999999999.99", "a@b@c", "http://", "xn--.ru", "-.ru", "a".repeat(70) + ".ru", "@acme.ru"};

    @LocalServerPort
    int port;

    @Test
    void everyHostileValueIsRefusedAsAProblemNeverA500() {
        Api api = new Api(port);
        DealDesk desk = new DealDesk(api, port);
        long partner = desk.partner("vk-cloud", "PARTNER", "Fuzz", "2026-01-15");
        long deal = desk.register(partner, Api.unique(), DealDesk.OPERATOR).id();
        List<String> failures = new ArrayList<>();

        fuzz(Map.of("partnerId", partner, "customerTaxId", "1234567890", "customerName", "Fuzz", "title", "Fuzz",
                "expectedMonthlyAmount", "100.00", "customerEmail", "ivan@fuzz.ru", "customerDomain", "fuzz.ru",
                "targetAmount", "1000.00", "consumptionType", "IAAS", "expectedCloseOn", "2026-12-01"),
                (body, what) -> api.post("/api/v1/deals", DealDesk.OPERATOR, body), failures);
        fuzz(Map.of("stage", "LOST", "lostReason", "OTHER", "note", "fuzz"),
                (body, what) -> api.post("/api/v1/deals/" + deal + "/stage", DealDesk.OPERATOR, body), failures);
        fuzz(Map.of("note", "fuzz"),
                (body, what) -> api.post("/api/v1/deals/" + deal + "/activities", DealDesk.OPERATOR, body), failures);
        fuzz(Map.of("targetAmount", "1.00", "consumptionType", "SAAS", "expectedCloseOn", "2026-12-01"),
                (body, what) -> desk.patch("/api/v1/deals/" + deal, DealDesk.OPERATOR, body), failures);
        for (String query : List.of("limit=0", "limit=-1", "offset=-1", "partnerId=x", "programId=%00", "limit=99999")) {
            check(api.get("/api/v1/deals/queue?" + query, DealDesk.OPERATOR), "queue " + query, failures);
        }

        assertThat(failures).isEmpty();
    }

    private static void fuzz(Map<String, Object> valid, BiFunction<Map<String, Object>, String, Api.Response> send,
                             List<String> failures) {
        for (String field : valid.keySet()) {
            for (Object value : HOSTILE) {
                Map<String, Object> body = new LinkedHashMap<>(valid);
                body.put(field, value);
                String what = field + "=" + abbreviated(value);
                check(send.apply(body, what), what, failures);
            }
        }
    }

    private static void check(Api.Response response, String what, List<String> failures) {
        boolean problem = response.status() >= 400 && response.status() < 500
                && response.contentType().startsWith("application/problem+json");
        boolean accepted = response.status() == 200 || response.status() == 201;
        if (!problem && !accepted) {
            failures.add(what + " -> " + response.status() + " " + abbreviated(response.raw()));
        }
    }

    private static String abbreviated(Object value) {
        String s = String.valueOf(value);
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
