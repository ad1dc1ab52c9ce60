package io.partnerhub.lifecycle;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import tools.jackson.databind.JsonNode;

/**
 * The lifecycle events, read with {@code GET /api/v1/events?after=}: a partner reads its own
 * partner's only, an operator reads all, and the cursor {@code next} reads on without gaps or
 * repeats. The exit taking effect and the final balance are read the same way in
 * {@link LifecycleScenarioTest}.
 */
@PlatformTest
class LifecycleEventsApiTest {

    private static final String CONTRACT = "2026-01-15";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPartnerReadsItsOwnEventsAnOperatorReadsAllAndTheCursorReadsOn() {
        Api api = new Api(port);
        ApiFixture fixture = new ApiFixture(api);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        long start = jdbc.sql("select coalesce(max(id), 0) from lifecycle_event").query(Long.class).single();
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long other = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String partnerToken = fixture.token(partner);

        // link requested, consent confirmed; then consent revoked, which ends the link
        long confirmedCustomer = fixture.customerOf(partner, partnerToken);
        String token = fixture.confirmationToken(fixture.link(partnerToken, partner, confirmedCustomer, today.toString(),
                null, null));
        api.post("/api/v1/consents/" + token, null, "{}");
        fixture.linked(partner, fixture.customer(), "2026-02-01");
        long revoking = fixture.customer();
        fixture.linked(partner, revoking, "2026-02-01");
        created(api.post("/api/v1/customers/" + revoking + "/consent-revocations", OPERATOR,
                Map.of("on", today.toString(), "reason", "Customer's letter")));
        // a transfer from the other partner to this one
        long moving = fixture.customer();
        fixture.linked(other, moving, "2026-02-01");
        Map<String, Object> transfer = new HashMap<>(Map.of("toPartnerId", partner, "on", today.toString(),
                "consentObtainedOn", today.toString()));
        created(api.post("/api/v1/customers/" + moving + "/transfers", OPERATOR, transfer));
        // exit notice here, revocation there
        created(api.post("/api/v1/partners/" + partner + "/exit-notices", partnerToken,
                Map.of("exitDate", today.plusDays(45).toString())));
        created(api.post("/api/v1/partners/" + other + "/revocation", OPERATOR, Map.of("reason", "Non-compliance")));

        List<JsonNode> seenByPartner = page(api, partnerToken, start, 1000, null).events;
        List<JsonNode> seenByOperator = page(api, OPERATOR, start, 1000, null).events;
        List<JsonNode> askedForOther = page(api, partnerToken, start, 1000, other).events;

        assertThat(seenByPartner).isNotEmpty().allSatisfy(e -> assertThat(e.get("partnerId").asLong()).isEqualTo(partner));
        assertThat(types(seenByPartner)).containsSubsequence("link.requested", "consent.confirmed", "link.ended",
                "consent.revoked", "customer.transferred", "partner.exit-noticed");
        assertThat(seenByPartner).filteredOn(e -> e.get("type").asString().equals("customer.transferred"))
                .singleElement().satisfies(e -> assertThat(e.at("/data/direction").asString()).isEqualTo("IN"));
        assertThat(askedForOther).as("a partner's token never reads another partner's events")
                .allSatisfy(e -> assertThat(e.get("partnerId").asLong()).isEqualTo(partner));
        List<JsonNode> othersEvents = seenByOperator.stream().filter(e -> e.path("partnerId").asLong() == other).toList();
        assertThat(types(othersEvents)).containsSubsequence("link.ended", "customer.transferred", "partner.revoked",
                "partner.revocation-effective");
        assertThat(othersEvents).filteredOn(e -> e.get("type").asString().equals("customer.transferred"))
                .singleElement().satisfies(e -> {
                    assertThat(e.at("/data/direction").asString()).isEqualTo("OUT");
                    assertThat(e.get("summary").asString()).doesNotContain("partner " + partner);
                });
        assertThat(seenByOperator.size()).isGreaterThanOrEqualTo(seenByPartner.size() + othersEvents.size());

        // The cursor: pages of two, each after the last one's next, read exactly what one page read.
        List<Long> paged = new ArrayList<>();
        long after = start;
        for (int i = 0; i < 100; i++) {
            Page page = page(api, partnerToken, after, 2, null);
            if (page.events.isEmpty()) {
                assertThat(page.next).as("an empty page answers the cursor it was asked with").isEqualTo(after);
                break;
            }
            assertThat(page.events.size()).isLessThanOrEqualTo(2);
            assertThat(page.next).isEqualTo(page.events.getLast().get("id").asLong());
            page.events.forEach(e -> paged.add(e.get("id").asLong()));
            after = page.next;
        }
        assertThat(paged).isEqualTo(seenByPartner.stream().map(e -> e.get("id").asLong()).toList());
    }

    private record Page(List<JsonNode> events, long next) {
    }

    private static Page page(Api api, String token, long after, int limit, Long partnerId) {
        Api.Response response = api.get("/api/v1/events?after=" + after + "&limit=" + limit
                + (partnerId == null ? "" : "&partnerId=" + partnerId), token);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return new Page(response.body().get("events").valueStream().toList(), response.body().get("next").asLong());
    }

    private static List<String> types(List<JsonNode> events) {
        return events.stream().map(e -> e.get("type").asString()).toList();
    }

    private static void created(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
    }
}
