package io.partnerhub.lifecycle;

import static io.partnerhub.ApiFixture.OPERATOR;
import static io.partnerhub.ApiFixture.assertProblem;
import static io.partnerhub.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;

/**
 * A partner's revocation taking effect at once (links end, deals released, link requests withdrawn)
 * and the refusals around exit and revocation. The exit taking effect on its day and the final
 * statement are in {@link LifecycleScenarioTest}, which can move its clock.
 */
@PlatformTest
class PartnerLeavingApiTest {

    private static final String CONTRACT = "2026-01-15";

    @LocalServerPort
    int port;

    private Api api;
    private ApiFixture fixture;
    private LocalDate today;

    @BeforeEach
    void connect() {
        api = new Api(port);
        fixture = new ApiFixture(api);
        today = LocalDate.now(ZoneId.of("Europe/Moscow"));
    }

    @Test
    void aRevocationFromTodayEndsLinksReleasesDealsAndWithdrawsRequestsAtOnce() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long customer = fixture.customer();
        long link = fixture.linked(partner, customer, "2026-02-01");
        String partnerToken = fixture.token(partner);
        String pendingToken = fixture.confirmationToken(fixture.link(partnerToken, partner,
                fixture.customerOf(partner, partnerToken), today.toString(), null, null));
        long deal = dealApproved(partner);

        Api.Response revoked = api.post("/api/v1/partners/" + partner + "/revocation", OPERATOR,
                Map.of("reason", "Breach of the partner agreement"));

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        assertThat(revoked.text("status")).isEqualTo("REVOKED");
        assertThat(fixture.linksOf(partner)).singleElement().satisfies(l -> {
            assertThat(l.get("id").asLong()).isEqualTo(link);
            assertThat(l.get("to").asString()).isEqualTo(today.toString());
        });
        Api.Response dealRead = api.get("/api/v1/deals/" + deal, OPERATOR);
        assertThat(dealRead.text("status")).isEqualTo("RELEASED");
        assertThat(dealRead.text("reason")).isEqualTo("partner status revoked: Breach of the partner agreement");
        assertThat(dealRead.text("reasonCode")).isEqualTo("deals.reason.PARTNER_REVOKED");
        assertThat(api.get("/api/v1/deals/" + deal, OPERATOR, "Accept-Language", "ru").text("reason"))
                .isEqualTo("статус партнёра отозван: Breach of the partner agreement");
        Api.Response withdrawn = api.post("/api/v1/consents/" + pendingToken, null, "{}");
        assertProblem(withdrawn, 410);
        assertThat(withdrawn.text("detail")).contains("revoked");
        assertThat(eventTypes(partner)).contains("partner.revoked", "partner.revocation-effective", "link.ended",
                "deal.released", "link.request-cancelled");

        Api.Response nightly = api.post("/api/v1/jobs/daily", OPERATOR, "{}");
        assertThat(nightly.status()).as(nightly.raw()).isEqualTo(200);
        assertThat(nightly.raw()).doesNotContain("Partner " + partner + " ");
        assertThat(eventTypes(partner).stream().filter("partner.revocation-effective"::equals)).hasSize(1);
    }

    @Test
    void aRevocationFromALaterDayChangesNothingYet() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        fixture.linked(partner, fixture.customer(), "2026-02-01");

        Api.Response revoked = api.post("/api/v1/partners/" + partner + "/revocation", OPERATOR,
                Map.of("reason", "Non-compliance", "revokedOn", today.plusDays(5).toString()));

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        assertThat(revoked.text("status")).isEqualTo("ACTIVE");
        assertThat(fixture.linksOf(partner).getFirst().has("to")).isFalse();
        assertThat(eventTypes(partner)).contains("partner.revoked").doesNotContain("partner.revocation-effective");
    }

    @Test
    void anExitAndARevocationDoNotContradictEachOther() {
        long exiting = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        String exitDate = today.plusDays(40).toString();
        Api.Response notice = api.post("/api/v1/partners/" + exiting + "/exit-notices", OPERATOR, Map.of("exitDate", exitDate));
        long revoked = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        api.post("/api/v1/partners/" + revoked + "/revocation", OPERATOR,
                Map.of("reason", "Non-compliance", "revokedOn", today.plusDays(10).toString()));

        Api.Response afterExit = api.post("/api/v1/partners/" + exiting + "/revocation", OPERATOR,
                Map.of("reason", "Too late", "revokedOn", today.plusDays(50).toString()));
        Api.Response noticeAfterRevocation = api.post("/api/v1/partners/" + revoked + "/exit-notices", OPERATOR,
                Map.of("exitDate", today.plusDays(60).toString()));

        assertThat(notice.status()).as(notice.raw()).isEqualTo(201);
        assertProblem(afterExit, 409);
        assertThat(afterExit.text("detail")).contains(exitDate);
        assertProblem(noticeAfterRevocation, 409);
        assertThat(eventTypes(exiting)).containsExactly("partner.exit-noticed");
    }

    @Test
    void bonusIsWithdrawnForNoMonthAfterThePartnersLast() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        LocalDate exitDate = today.plusDays(40);
        api.post("/api/v1/partners/" + partner + "/exit-notices", OPERATOR, Map.of("exitDate", exitDate.toString()));
        YearMonth afterLast = YearMonth.from(exitDate.minusDays(1)).plusMonths(1);

        Api.Response refused = api.post("/api/v1/partners/" + partner + "/withdrawals", OPERATOR,
                Map.of("amount", "100.00", "destination", "BONUS", "period", afterLast.toString()));

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("period");
        assertThat(refused.text("detail")).contains("last statement is for " + afterLast.minusMonths(1));
    }

    private long dealApproved(long partner) {
        long deal = ApiFixture.created(api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner,
                "customerTaxId", Api.unique(), "customerName", "Deal customer", "title", "Migration",
                "registeredOn", "2026-02-01")));
        Api.Response approved = api.post("/api/v1/deals/" + deal + "/approve", OPERATOR, Map.of("extraDiscountPercent", "5"));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        return deal;
    }

    private List<String> eventTypes(long partner) {
        Api.Response events = api.get("/api/v1/events?limit=1000&partnerId=" + partner, OPERATOR);
        assertThat(events.status()).as(events.raw()).isEqualTo(200);
        return events.body().get("events").valueStream().map(e -> e.get("type").asString()).toList();
    }
}
