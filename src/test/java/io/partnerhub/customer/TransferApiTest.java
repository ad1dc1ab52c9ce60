package io.partnerhub.customer;

import static io.partnerhub.ApiFixture.OPERATOR;
import static io.partnerhub.ApiFixture.assertProblem;
import static io.partnerhub.ApiFixture.created;
import static io.partnerhub.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import tools.jackson.databind.JsonNode;

/** A customer moved between partners, or to direct service, with its consent, keeping the history. */
@PlatformTest
class TransferApiTest {

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
    void anOperatorMovesACustomerSoTheOldLinkEndsAndTheNewStartsTheSameDay() {
        long from = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        long to = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        long customer = fixture.customer();
        long oldLink = fixture.linked(from, customer, "2026-02-01");
        String on = today.withDayOfMonth(1).plusDays(1).toString();

        Api.Response moved = transfer(OPERATOR, customer, to, on, "2026-01-20");

        assertThat(moved.status()).as(moved.raw()).isEqualTo(201);
        assertThat(moved.body().get("fromPartnerId").asLong()).isEqualTo(from);
        assertThat(moved.body().get("toPartnerId").asLong()).isEqualTo(to);
        assertThat(moved.text("consentObtainedOn")).isEqualTo("2026-01-20");
        assertThat(moved.body().at("/endedLink/id").asLong()).isEqualTo(oldLink);
        assertThat(moved.body().at("/endedLink/to").asString()).isEqualTo(on);
        assertThat(moved.body().at("/newLink/from").asString()).isEqualTo(on);
        assertThat(moved.body().at("/newLink/partnerId").asLong()).isEqualTo(to);
        JsonNode customerRead = api.get("/api/v1/customers/" + customer, OPERATOR).body();
        assertThat(customerRead.get("links").valueStream().map(l -> l.get("partnerId").asLong() + " "
                + l.get("from").asString() + ".." + (l.has("to") ? l.get("to").asString() : "")).toList())
                .as("both links kept").containsExactly(from + " 2026-02-01.." + on, to + " " + on + "..");
        Api.Response history = api.get("/api/v1/customers/" + customer + "/transfers", OPERATOR);
        assertThat(history.body()).hasSize(1);
        assertThat(history.body().get(0).get("on").asString()).isEqualTo(on);
    }

    @Test
    void anOperatorMovesACustomerToDirectService() {
        long from = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long customer = fixture.customer();
        fixture.linked(from, customer, "2026-02-01");

        Api.Response moved = transfer(OPERATOR, customer, null, today.toString(), today.toString());

        assertThat(moved.status()).as(moved.raw()).isEqualTo(201);
        assertThat(moved.body().has("toPartnerId")).isFalse();
        assertThat(moved.body().has("newLink")).isFalse();
        assertThat(fixture.linksOf(from).getFirst().get("to").asString()).isEqualTo(today.toString());
    }

    @Test
    void refusesATransferWithoutConsentWithoutAHolderToTheHolderOrOnTheLinksFirstDay() {
        long from = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        long to = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        long customer = fixture.customer();
        fixture.linked(from, customer, "2026-02-01");

        Api.Response noConsent = transfer(OPERATOR, customer, to, today.toString(), null);
        Api.Response futureConsent = transfer(OPERATOR, customer, to, today.toString(), today.plusDays(1).toString());
        Api.Response direct = transfer(OPERATOR, fixture.customer(), to, today.toString(), today.toString());
        Api.Response toHolder = transfer(OPERATOR, customer, from, today.toString(), today.toString());
        Api.Response firstDay = transfer(OPERATOR, customer, to, "2026-02-01", "2026-01-20");
        Api.Response beforeContract = transfer(OPERATOR, customer, fixture.partner("vk-cloud", "PARTNER", "2026-06-01"),
                "2026-05-01", "2026-04-01");
        Api.Response noDay = api.post("/api/v1/customers/" + customer + "/transfers", OPERATOR, Map.of("toPartnerId", to));
        Api.Response unknown = transfer(OPERATOR, 999_999_999L, to, today.toString(), today.toString());

        assertProblem(noConsent, 422);
        assertThat(fields(noConsent)).containsExactly("consentObtainedOn");
        assertProblem(futureConsent, 422);
        assertThat(fields(futureConsent)).containsExactly("consentObtainedOn");
        assertProblem(direct, 422);
        assertThat(fields(direct)).containsExactly("on");
        assertThat(direct.text("detail")).contains("linked to no partner");
        assertProblem(toHolder, 409);
        assertProblem(firstDay, 422);
        assertThat(fields(firstDay)).containsExactly("on");
        assertProblem(beforeContract, 422);
        assertThat(fields(beforeContract)).containsExactly("on");
        assertProblem(noDay, 422);
        assertThat(fields(noDay)).containsExactly("on");
        assertProblem(unknown, 404);
        assertThat(fixture.linksOf(from)).singleElement().satisfies(l -> assertThat(l.has("to")).isFalse());
        assertThat(fixture.linksOf(to)).isEmpty();
    }

    @Test
    void aPartnerAsksOnlyForItselfAndNeverToDirectService() {
        long from = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long to = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long stranger = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long customer = fixture.customer();
        fixture.linked(from, customer, "2026-02-01");

        Api.Response forAnother = transfer(fixture.token(stranger), customer, to, today.toString(), null);
        Api.Response toDirect = transfer(fixture.token(from), customer, null, today.toString(), null);
        Api.Response history = api.get("/api/v1/customers/" + customer + "/transfers", fixture.token(from));

        assertProblem(forAnother, 404);
        assertProblem(toDirect, 403);
        assertProblem(history, 403);
        assertThat(fixture.linksOf(from).getFirst().has("to")).isFalse();
    }

    @Test
    void theReceivingPartnersTransferWaitsForTheCustomersConfirmation() {
        long from = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long to = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long customer = fixture.customer();
        // the receiving partner held the customer before, so it knows it by its id
        created(fixture.link(OPERATOR, to, customer, "2026-01-20", "2026-02-01", "2026-01-20"));
        fixture.linked(from, customer, "2026-02-01");

        Api.Response asked = transfer(fixture.token(to), customer, to, today.toString(), null);

        assertThat(asked.status()).as(asked.raw()).isEqualTo(201);
        assertThat(asked.text("status")).isEqualTo("ACCEPTANCE_REQUIRED");
        assertThat(asked.text("kind")).isEqualTo("TRANSFER");
        assertThat(asked.text("confirmation")).isEqualTo("CUSTOMER_CONTACT");
        assertThat(asked.body().has("confirmationPath")).isFalse();
        assertThat(fixture.linksOf(from).getFirst().has("to")).as("nothing moves before the customer accepts").isFalse();
        String token = fixture.confirmationToken(asked);
        assertThat(api.get("/api/v1/consents/" + token, null).text("kind")).isEqualTo("TRANSFER");

        Api.Response confirmed = api.post("/api/v1/consents/" + token, null, "{}");

        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(fixture.linksOf(from).getFirst().get("to").asString()).isEqualTo(today.toString());
        assertThat(fixture.linksOf(to).getFirst().get("from").asString()).isEqualTo(today.toString());
        Api.Response history = api.get("/api/v1/customers/" + customer + "/transfers", OPERATOR);
        assertThat(history.body().get(0).get("linkRequestId").asLong()).isEqualTo(asked.body().get("requestId").asLong());
        assertThat(history.body().get(0).has("consentObtainedOn")).isFalse();
    }

    private Api.Response transfer(String token, long customer, Long toPartner, String on, String consentObtainedOn) {
        Map<String, Object> body = new HashMap<>();
        body.put("toPartnerId", toPartner);
        body.put("on", on);
        if (consentObtainedOn != null) {
            body.put("consentObtainedOn", consentObtainedOn);
        }
        return api.post("/api/v1/customers/" + customer + "/transfers", token, body);
    }
}
