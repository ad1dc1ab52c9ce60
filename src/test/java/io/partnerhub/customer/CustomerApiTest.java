package io.partnerhub.customer;

import static org.assertj.core.api.Assertions.assertThat;

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
class CustomerApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void recordsACustomerUnderItsSubAccount() {
        String taxId = Api.unique();
        String accountId = "acc-" + Api.unique();

        Api.Response created = api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Romashka LLC", "taxId", taxId, "accountId", accountId));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        Api.Response read = api.get("/api/v1/customers/" + created.id(), OPERATOR);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("name")).isEqualTo("Romashka LLC");
        assertThat(read.text("taxId")).isEqualTo(taxId);
        assertThat(read.text("accountId")).isEqualTo(accountId);
        assertThat(read.body().get("links")).isEmpty();
    }

    @Test
    void refusesASecondCustomerWithTheSameAccountNamingTheFirst() {
        String accountId = "acc-" + Api.unique();
        long first = api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "First", "taxId", Api.unique(), "accountId", accountId)).id();

        Api.Response refused = api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Second", "taxId", Api.unique(), "accountId", accountId));

        assertProblem(refused, 409);
        assertThat(refused.text("detail")).contains(accountId).contains("customer " + first);
    }

    @Test
    void namesEveryMissingCustomerField() {
        Api.Response refused = api.post("/api/v1/customers", OPERATOR, "{}");

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactlyInAnyOrder("name", "taxId", "accountId");
    }

    @Test
    void linksACustomerToAPartnerWithMonthlyReferralRewardByDefault() {
        long partner = newPartner("vk-cloud", "PARTNER");
        long customer = newCustomer();

        Api.Response linked = link(partner, customer, "2026-02-01", null, null);

        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
        assertThat(linked.body().get("partnerId").asLong()).isEqualTo(partner);
        assertThat(linked.body().get("customerId").asLong()).isEqualTo(customer);
        assertThat(linked.text("from")).isEqualTo("2026-02-01");
        assertThat(linked.text("to")).isNull();
        assertThat(linked.text("referralReward")).isEqualTo("MONTHLY");
    }

    @Test
    void keepsTheReferralRewardChosenForTheLink() {
        long partner = newPartner("oblakoteka", "REFERRAL");

        Api.Response linked = link(partner, newCustomer(), "2026-02-01", null, "FIRST_MONTH");

        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
        assertThat(linked.text("referralReward")).isEqualTo("FIRST_MONTH");
    }

    @Test
    void refusesALinkToASecondPartnerWhileTheFirstHoldsTheCustomerNamingTheHolder() {
        long holder = newPartner("vk-cloud", "PARTNER");
        long other = newPartner("vk-cloud", "PARTNER");
        long customer = newCustomer();
        assertThat(link(holder, customer, "2026-02-01", null, null).status()).isEqualTo(201);

        Api.Response refused = link(other, customer, "2026-05-01", null, null);

        assertProblem(refused, 409);
        assertThat(refused.text("detail")).contains("partner " + holder);
        assertThat(linksOf(other)).isEmpty();
    }

    @Test
    void treatsLinksAsHalfOpenSoTheNextMayStartOnThePreviousEnd() {
        long first = newPartner("vk-cloud", "PARTNER");
        long second = newPartner("vk-cloud", "PARTNER");
        long customer = newCustomer();
        assertThat(link(first, customer, "2026-02-01", "2026-04-01", null).status()).isEqualTo(201);

        Api.Response dayBeforeEnd = link(second, customer, "2026-03-31", null, null);
        Api.Response onEnd = link(second, customer, "2026-04-01", null, null);

        assertProblem(dayBeforeEnd, 409);
        assertThat(dayBeforeEnd.text("detail")).contains("partner " + first);
        assertThat(onEnd.status()).as(onEnd.raw()).isEqualTo(201);
        assertThat(onEnd.text("from")).isEqualTo("2026-04-01");
    }

    @Test
    void refusesALinkEndingInsideAnotherPartnersLink() {
        long holder = newPartner("vk-cloud", "PARTNER");
        long other = newPartner("vk-cloud", "PARTNER");
        long customer = newCustomer();
        assertThat(link(holder, customer, "2026-03-01", null, null).status()).isEqualTo(201);

        Api.Response refused = link(other, customer, "2026-02-01", "2026-03-02", null);
        Api.Response before = link(other, customer, "2026-02-01", "2026-03-01", null);

        assertProblem(refused, 409);
        assertThat(refused.text("detail")).contains("partner " + holder);
        assertThat(before.status()).as(before.raw()).isEqualTo(201);
    }

    @Test
    void refusesALinkStartingBeforeThePartnersContract() {
        long partner = newPartner("vk-cloud", "PARTNER");

        Api.Response refused = link(partner, newCustomer(), "2026-01-14", null, null);

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("from");
        assertThat(refused.text("detail")).contains("2026-01-15");
        assertThat(linksOf(partner)).isEmpty();
    }

    @Test
    void refusesAReferralRewardThatIsNotAnOption() {
        long partner = newPartner("oblakoteka", "REFERRAL");

        Api.Response refused = link(partner, newCustomer(), "2026-02-01", null, "WEEKLY");

        assertProblem(refused, 422);
        assertThat(fields(refused)).containsExactly("referralReward");
        assertThat(linksOf(partner)).isEmpty();
    }

    @Test
    void endsALinkSoAnotherPartnerMayTakeTheCustomerFromThatDay() {
        long first = newPartner("vk-cloud", "PARTNER");
        long second = newPartner("vk-cloud", "PARTNER");
        long customer = newCustomer();
        long linkId = link(first, customer, "2026-02-01", null, null).id();

        Api.Response ended = end(first, linkId, "2026-06-01");

        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        assertThat(ended.id()).isEqualTo(linkId);
        assertThat(ended.text("from")).isEqualTo("2026-02-01");
        assertThat(ended.text("to")).isEqualTo("2026-06-01");
        assertThat(linksOf(first).getFirst().get("to").asString()).isEqualTo("2026-06-01");
        assertThat(link(second, customer, "2026-06-01", null, null).status()).isEqualTo(201);
    }

    @Test
    void refusesToEndALinkBeforeItStartsOrLaterThanItAlreadyEnds() {
        long partner = newPartner("vk-cloud", "PARTNER");
        long linkId = link(partner, newCustomer(), "2026-02-01", "2026-05-01", null).id();

        Api.Response beforeStart = end(partner, linkId, "2026-02-01");
        Api.Response extended = end(partner, linkId, "2026-07-01");

        assertProblem(beforeStart, 422);
        assertThat(fields(beforeStart)).containsExactly("to");
        assertProblem(extended, 409);
        assertThat(linksOf(partner).getFirst().get("to").asString()).isEqualTo("2026-05-01");
    }

    @Test
    void showsACustomerToItsLinkedPartnerWithOnlyThatPartnersLinks() {
        long earlier = newPartner("vk-cloud", "PARTNER");
        long current = newPartner("vk-cloud", "PARTNER");
        long stranger = newPartner("vk-cloud", "PARTNER");
        long customer = newCustomer();
        link(earlier, customer, "2026-02-01", "2026-04-01", null);
        long currentLink = link(current, customer, "2026-04-01", null, null).id();

        Api.Response seenByCurrent = api.get("/api/v1/customers/" + customer, tokenFor(current));
        Api.Response seenByStranger = api.get("/api/v1/customers/" + customer, tokenFor(stranger));
        Api.Response seenByOperator = api.get("/api/v1/customers/" + customer, OPERATOR);

        assertThat(seenByCurrent.status()).as(seenByCurrent.raw()).isEqualTo(200);
        assertThat(seenByCurrent.body().get("links").valueStream().map(l -> l.get("id").asLong()).toList())
                .containsExactly(currentLink);
        assertThat(seenByCurrent.body().get("links").get(0).get("partnerId").asLong()).isEqualTo(current);
        assertProblem(seenByStranger, 404);
        assertThat(seenByOperator.body().get("links").valueStream().map(l -> l.get("partnerId").asLong()).toList())
                .containsExactly(earlier, current);
    }

    @Test
    void listsAPartnersLinksNewestFirstToItAndToOperatorsOnly() {
        long partner = newPartner("vk-cloud", "PARTNER");
        long stranger = newPartner("vk-cloud", "PARTNER");
        long older = link(partner, newCustomer(), "2026-02-01", null, null).id();
        long newer = link(partner, newCustomer(), "2026-03-01", null, null).id();

        Api.Response byOperator = api.get("/api/v1/partners/" + partner + "/customers", OPERATOR);
        Api.Response byPartner = api.get("/api/v1/partners/" + partner + "/customers", tokenFor(partner));
        Api.Response byStranger = api.get("/api/v1/partners/" + partner + "/customers", tokenFor(stranger));

        assertThat(byOperator.status()).isEqualTo(200);
        assertThat(byOperator.body().valueStream().map(l -> l.get("id").asLong()).toList()).containsExactly(newer, older);
        assertThat(byPartner.body().valueStream().map(l -> l.get("id").asLong()).toList()).containsExactly(newer, older);
        assertProblem(byStranger, 404);
    }

    @Test
    void refusesAPartnerTokenLinkingACustomerToAnotherPartner() {
        long partner = newPartner("vk-cloud", "PARTNER");
        long stranger = newPartner("vk-cloud", "PARTNER");
        long customer = newCustomer();

        Api.Response refused = api.post("/api/v1/partners/" + partner + "/customers", tokenFor(stranger),
                Map.of("customerId", customer, "from", "2026-02-01"));

        assertProblem(refused, 404);
        assertThat(linksOf(partner)).isEmpty();
    }

    private long newPartner(String programId, String model) {
        String taxId = Api.unique();
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", "Partner " + taxId);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", taxId);
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", "2026-01-15");
        Api.Response created = api.post("/api/v1/partners", OPERATOR, application);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }

    private long newCustomer() {
        Api.Response created = api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Customer", "taxId", Api.unique(), "accountId", "acc-" + Api.unique()));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }

    private Api.Response link(long partnerId, long customerId, String from, String to, String referralReward) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("from", from);
        if (to != null) {
            body.put("to", to);
        }
        if (referralReward != null) {
            body.put("referralReward", referralReward);
        }
        return api.post("/api/v1/partners/" + partnerId + "/customers", OPERATOR, body);
    }

    private Api.Response end(long partnerId, long linkId, String to) {
        return api.post("/api/v1/partners/" + partnerId + "/customers/links/" + linkId + "/end", OPERATOR,
                Map.of("to", to));
    }

    private List<JsonNode> linksOf(long partnerId) {
        Api.Response listed = api.get("/api/v1/partners/" + partnerId + "/customers", OPERATOR);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        return listed.body().valueStream().toList();
    }

    private String tokenFor(long partnerId) {
        Api.Response issued = api.post("/api/v1/partners/" + partnerId + "/tokens", OPERATOR, "{}");
        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        return issued.text("token");
    }

    private static List<String> fields(Api.Response problem) {
        return problem.body().path("errors").findValuesAsString("field");
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
    }
}
