package io.partnerhub.customer;

import static io.partnerhub.ApiFixture.OPERATOR;
import static io.partnerhub.ApiFixture.assertProblem;
import static io.partnerhub.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;

/**
 * Customer consent where the program requires it (Yandex Cloud): a partner's link waits for the
 * customer's confirmation, an operator states the consent, the customer can revoke it.
 */
@PlatformTest
class ConsentApiTest {

    private static final String CONTRACT = "2026-01-15";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
    void aPartnersLinkInAConsentProgramWaitsForTheCustomerAndIsNoLinkMeanwhile() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String partnerToken = fixture.token(partner);
        long customer = fixture.customerOf(partner, partnerToken);

        Api.Response asked = fixture.link(partnerToken, partner, customer, today.toString(), null, null);

        assertThat(asked.status()).as(asked.raw()).isEqualTo(201);
        assertThat(asked.text("status")).isEqualTo("ACCEPTANCE_REQUIRED");
        assertThat(asked.text("kind")).isEqualTo("LINK");
        assertThat(asked.text("confirmation")).isEqualTo("CUSTOMER_CONTACT");
        assertThat(asked.body().has("confirmationPath")).as("the partner never sees the link").isFalse();
        assertThat(fixture.confirmationToken(asked)).startsWith("cs_");
        assertThat(asked.text("expiresAt")).isNotNull();
        assertThat(asked.body().has("id")).as("no link id: there is no link yet").isFalse();
        assertThat(fixture.linksOf(partner)).isEmpty();
        assertThat(jdbc.sql("select count(*) from customer_link where customer_id = :c").param("c", customer)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select token_hash from link_request where id = :id").param("id", asked.body().get("requestId").asLong())
                .query(String.class).single()).as("stored hashed").hasSize(64)
                .isNotEqualTo(fixture.confirmationToken(asked));
        Api.Response requests = api.get("/api/v1/partners/" + partner + "/link-requests", partnerToken);
        assertThat(requests.body().get(0).get("status").asString()).isEqualTo("PENDING");
        assertThat(requests.raw()).doesNotContain(fixture.confirmationToken(asked));
    }

    @Test
    void theCustomerReadsWhatItAcceptsAndConfirmsWithoutAToken() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String partnerToken = fixture.token(partner);
        long customer = fixture.customerOf(partner, partnerToken);
        String partnerName = api.get("/api/v1/partners/" + partner, OPERATOR).text("name");
        String customerName = api.get("/api/v1/customers/" + customer, OPERATOR).text("name");
        Api.Response asked = fixture.link(partnerToken, partner, customer, today.toString(), null, null);
        String token = fixture.confirmationToken(asked);
        // the request was made three days ago, for that day; the customer confirms only today
        jdbc.sql("update link_request set requested_from = requested_from - 3 where id = :id")
                .param("id", asked.body().get("requestId").asLong()).update();

        Api.Response shown = api.get("/api/v1/consents/" + token, null);
        Api.Response confirmed = api.post("/api/v1/consents/" + token, null, "{}");

        assertThat(shown.status()).as(shown.raw()).isEqualTo(200);
        assertThat(shown.text("status")).isEqualTo("PENDING");
        assertThat(shown.text("partnerName")).isEqualTo(partnerName);
        assertThat(shown.text("customerName")).isEqualTo(customerName);
        assertThat(shown.text("program")).isEqualTo("Yandex Cloud");
        assertThat(shown.text("from")).isEqualTo(today.minusDays(3).toString());
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.body().get("alreadyConfirmed").asBoolean()).isFalse();
        // Asked from three days ago: the link starts on the day of the confirmation, not before.
        assertThat(confirmed.body().at("/link/from").asString()).isEqualTo(today.toString());
        assertThat(confirmed.body().at("/link/consentObtainedOn").asString()).isEqualTo(today.toString());
        assertThat(fixture.linksOf(partner)).singleElement()
                .satisfies(link -> assertThat(link.get("from").asString()).isEqualTo(today.toString()));
        assertThat(api.get("/api/v1/consents/" + token, null).text("status")).isEqualTo("CONFIRMED");
    }

    @Test
    void aLinkAskedForALaterDayStartsThatDay() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String later = today.plusDays(10).toString();
        String partnerToken = fixture.token(partner);
        String token = fixture.confirmationToken(fixture.link(partnerToken, partner,
                fixture.customerOf(partner, partnerToken), later, null, null));

        Api.Response confirmed = api.post("/api/v1/consents/" + token, null, "{}");

        assertThat(confirmed.body().at("/link/from").asString()).as(confirmed.raw()).isEqualTo(later);
    }

    @Test
    void confirmingTwiceAnswersTheSameLinkAndMakesNoSecond() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String partnerToken = fixture.token(partner);
        long customer = fixture.customerOf(partner, partnerToken);
        String token = fixture.confirmationToken(fixture.link(partnerToken, partner, customer, today.toString(), null, null));

        Api.Response first = api.post("/api/v1/consents/" + token, null, "{}");
        Api.Response second = api.post("/api/v1/consents/" + token, null, "{}");

        assertThat(second.status()).as(second.raw()).isEqualTo(200);
        assertThat(second.body().get("alreadyConfirmed").asBoolean()).isTrue();
        assertThat(second.body().at("/link/id").asLong()).isEqualTo(first.body().at("/link/id").asLong());
        assertThat(fixture.linksOf(partner)).hasSize(1);
    }

    @Test
    void anUnknownTokenIsNotFoundAnExpiredOrReplacedOneIsGone() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String partnerToken = fixture.token(partner);
        long customer = fixture.customerOf(partner, partnerToken);
        Api.Response expiring = fixture.link(partnerToken, partner, customer, today.toString(), null, null);
        String expiringToken = fixture.confirmationToken(expiring);
        jdbc.sql("update link_request set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", expiring.body().get("requestId").asLong()).update();
        long other = fixture.customerOf(partner, partnerToken);
        String replaced = fixture.confirmationToken(fixture.link(partnerToken, partner, other, today.toString(), null, null));
        fixture.link(partnerToken, partner, other, today.toString(), null, null);

        Api.Response unknown = api.post("/api/v1/consents/cs_no-such-token", null, "{}");
        Api.Response unknownShown = api.get("/api/v1/consents/cs_no-such-token", null);
        Api.Response expired = api.post("/api/v1/consents/" + expiringToken, null, "{}");
        Api.Response expiredShown = api.get("/api/v1/consents/" + expiringToken, null);
        Api.Response gone = api.post("/api/v1/consents/" + replaced, null, "{}");

        assertProblem(unknown, 404);
        assertProblem(unknownShown, 404);
        assertProblem(expired, 410);
        assertThat(expired.text("detail")).contains("expired");
        assertProblem(expiredShown, 410);
        assertProblem(gone, 410);
        assertThat(gone.text("detail")).contains("replaced by a newer request");
        assertThat(fixture.linksOf(partner)).isEmpty();
        Api.Response requests = api.get("/api/v1/partners/" + partner + "/link-requests", OPERATOR);
        assertThat(requests.body().valueStream().map(r -> r.get("status").asString()).toList())
                .containsExactly("PENDING", "CANCELLED", "EXPIRED");
    }

    @Test
    void aRequestWhoseIntervalHasPassedCannotBeConfirmed() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String partnerToken = fixture.token(partner);
        Api.Response asked = fixture.link(partnerToken, partner, fixture.customerOf(partner, partnerToken),
                today.toString(), today.plusDays(1).toString(), null);
        String token = fixture.confirmationToken(asked);
        // asked five days ago, until today: nothing is left when the customer gets to it
        jdbc.sql("update link_request set requested_from = requested_from - 5, requested_to = requested_to - 1"
                + " where id = :id").param("id", asked.body().get("requestId").asLong()).update();

        Api.Response refused = api.post("/api/v1/consents/" + token, null, "{}");

        assertProblem(refused, 422);
        assertThat(refused.text("detail")).contains("has passed");
        assertThat(fixture.linksOf(partner)).isEmpty();
    }

    @Test
    void aCustomerLinkedElsewhereMeanwhileCannotConfirmAndTheRequestStaysOpen() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long rival = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String partnerToken = fixture.token(partner);
        long customer = fixture.customerOf(partner, partnerToken);
        String token = fixture.confirmationToken(fixture.link(partnerToken, partner, customer, today.toString(), null, null));
        fixture.linked(rival, customer, today.minusDays(1).toString());

        Api.Response refused = api.post("/api/v1/consents/" + token, null, "{}");

        assertProblem(refused, 409);
        assertThat(fixture.linksOf(partner)).isEmpty();
        assertThat(api.get("/api/v1/consents/" + token, null).text("status")).isEqualTo("PENDING");
    }

    @Test
    void anOperatorsLinkInAConsentProgramStatesTheConsent() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);

        Api.Response missing = fixture.link(OPERATOR, partner, fixture.customer(), today.toString(), null, null);
        Api.Response future = fixture.link(OPERATOR, partner, fixture.customer(), today.toString(), null,
                today.plusDays(1).toString());
        Api.Response stated = fixture.link(OPERATOR, partner, fixture.customer(), today.toString(), null,
                today.minusDays(2).toString());

        assertProblem(missing, 422);
        assertThat(fields(missing)).containsExactly("consentObtainedOn");
        assertThat(missing.text("detail")).contains("Yandex Cloud").contains("consent");
        assertProblem(future, 422);
        assertThat(fields(future)).containsExactly("consentObtainedOn");
        assertThat(stated.status()).as(stated.raw()).isEqualTo(201);
        assertThat(stated.text("from")).isEqualTo(today.toString());
        assertThat(stated.text("consentObtainedOn")).isEqualTo(today.minusDays(2).toString());
        assertThat(fixture.linksOf(partner)).hasSize(1);
    }

    @Test
    void aPartnersLinkInAProgramWithoutConsentIsALinkAtOnce() {
        long partner = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        String partnerToken = fixture.token(partner);

        Api.Response linked = fixture.link(partnerToken, partner, fixture.customerOf(partner, partnerToken),
                today.toString(), null, null);

        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
        assertThat(linked.text("status")).isNull();
        assertThat(linked.text("from")).isEqualTo(today.toString());
        assertThat(linked.text("consentObtainedOn")).isNull();
    }

    @Test
    void aRevokedConsentEndsTheLinkThatDay() {
        long partner = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long customer = fixture.customer();
        long link = fixture.linked(partner, customer, "2026-02-01");
        String partnerToken = fixture.token(partner);
        Map<String, Object> revocation = Map.of("on", today.toString(), "reason", "Customer wrote to support");

        Api.Response byPartner = api.post("/api/v1/customers/" + customer + "/consent-revocations", partnerToken, revocation);
        Api.Response revoked = api.post("/api/v1/customers/" + customer + "/consent-revocations", OPERATOR, revocation);
        Api.Response again = api.post("/api/v1/customers/" + customer + "/consent-revocations", OPERATOR, revocation);

        assertProblem(byPartner, 403);
        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        assertThat(revoked.body().at("/link/id").asLong()).isEqualTo(link);
        assertThat(revoked.body().at("/link/to").asString()).isEqualTo(today.toString());
        assertThat(fixture.linksOf(partner).getFirst().get("to").asString()).isEqualTo(today.toString());
        assertProblem(again, 422);
        assertThat(fields(again)).containsExactly("on");
        assertThat(again.text("detail")).contains("linked to no partner");
    }

    @Test
    void consentIsRevokedOnlyWhereTheProgramAsksForItAndAfterTheLinksFirstDay() {
        long vk = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        long vkCustomer = fixture.customer();
        fixture.linked(vk, vkCustomer, "2026-02-01");
        long yandex = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long yandexCustomer = fixture.customer();
        fixture.linked(yandex, yandexCustomer, today.toString());

        Api.Response noConsentProgram = api.post("/api/v1/customers/" + vkCustomer + "/consent-revocations", OPERATOR,
                Map.of("on", today.toString(), "reason", "changed its mind"));
        Api.Response firstDay = api.post("/api/v1/customers/" + yandexCustomer + "/consent-revocations", OPERATOR,
                Map.of("on", today.toString(), "reason", "changed its mind"));
        Api.Response noReason = api.post("/api/v1/customers/" + yandexCustomer + "/consent-revocations", OPERATOR,
                Map.of("on", today.toString()));

        assertProblem(noConsentProgram, 422);
        assertThat(noConsentProgram.text("detail")).contains("do not require");
        assertProblem(firstDay, 422);
        assertThat(firstDay.text("detail")).contains("first day");
        assertProblem(noReason, 422);
        assertThat(fields(noReason)).containsExactly("reason");
        assertThat(fixture.linksOf(vk).getFirst().get("to")).isNull();
    }

    @Test
    void otherApiPathsStillNeedAToken() {
        assertThat(api.get("/api/v1/partners", null).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/customers/1/transfers", null, "{}").status()).isEqualTo(401);
    }
}
