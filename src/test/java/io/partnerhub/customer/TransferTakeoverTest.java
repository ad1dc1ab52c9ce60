package io.partnerhub.customer;

import static io.partnerhub.ApiFixture.OPERATOR;
import static io.partnerhub.ApiFixture.assertProblem;
import static io.partnerhub.ApiFixture.created;
import static io.partnerhub.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import tools.jackson.databind.JsonNode;

/**
 * Partner A trying to take partner B's customer (the hardening issue, defect 1): A can neither
 * complete a transfer nor learn anything about a customer it never held; the confirmation reaches
 * only the customer's contact on record (through the operators' outbox) or the operator. Also the
 * days of links and transfers (defect 3) and what a 409 tells a partner (defect 13).
 */
@PlatformTest
class TransferTakeoverTest {

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
    void aPartnerNamingAnotherPartnersCustomerIsAnsweredAsForNoCustomerAndTakesNothing() {
        long a = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long b = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String tokenA = fixture.token(a);
        long customer = fixture.customer();
        String name = api.get("/api/v1/customers/" + customer, OPERATOR).text("name");
        long link = fixture.linked(b, customer, "2026-02-01");
        long missing = 999_000_000L + customer;

        Map<Long, List<Api.Response>> answers = new HashMap<>();
        for (long id : List.of(customer, missing)) {
            answers.put(id, List.of(
                    transfer(tokenA, id, a, today.toString(), today.toString()),
                    api.get("/api/v1/customers/" + id, tokenA),
                    fixture.link(tokenA, a, id, today.toString(), null, null),
                    api.post("/api/v1/customers/" + id + "/contact", tokenA, Map.of("email", "a@partner-a.test"))));
        }

        for (int i = 0; i < answers.get(customer).size(); i++) {
            Api.Response real = answers.get(customer).get(i);
            Api.Response none = answers.get(missing).get(i);
            assertProblem(real, 404);
            assertThat(real.raw()).doesNotContain(name).doesNotContain("partner " + b)
                    .isEqualTo(none.raw().replace(String.valueOf(missing), String.valueOf(customer)));
        }
        assertThat(fixture.linksOf(b)).singleElement().satisfies(l -> {
            assertThat(l.get("id").asLong()).isEqualTo(link);
            assertThat(l.has("to")).isFalse();
        });
        assertThat(fixture.linksOf(a)).isEmpty();
        assertThat(api.get("/api/v1/partners/" + a + "/link-requests", tokenA).body()).isEmpty();
        assertThat(fixture.messagesTo(fixture.contactOf(customer))).isEmpty();
        assertThat(fixture.contactOf(customer)).isNotEqualTo("a@partner-a.test");
    }

    @Test
    void aTransferAskedByTheCustomersFactsRevealsNothingAndOnlyTheCustomersContactConfirmsIt() {
        long a = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        long b = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        String tokenA = fixture.token(a);
        long customer = fixture.customer();
        JsonNode facts = api.get("/api/v1/customers/" + customer, OPERATOR).body();
        fixture.linked(b, customer, "2026-02-01");
        String contact = fixture.contactOf(customer);

        Api.Response matching = byFacts(tokenA, a, facts.get("taxId").asString(), facts.get("accountId").asString(),
                today.toString());
        Api.Response wrong = byFacts(tokenA, a, facts.get("taxId").asString(), "acc-nobody-" + Api.unique(),
                today.toString());

        assertThat(matching.status()).as(matching.raw()).isEqualTo(202);
        assertThat(wrong.status()).as(wrong.raw()).isEqualTo(202);
        assertThat(keys(matching.body())).isEqualTo(keys(wrong.body()))
                .containsExactly("status", "requestId", "kind", "partnerId", "taxId", "accountId", "on",
                        "referralReward", "expiresAt");
        assertThat(matching.text("status")).isEqualTo("RECEIVED");
        assertThat(matching.raw()).doesNotContain(facts.get("name").asString())
                .doesNotContain("\"customerId\"").doesNotContain("partner " + b);
        JsonNode listed = api.get("/api/v1/partners/" + a + "/link-requests", tokenA).body();
        assertThat(listed).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("status").asString()).isEqualTo("PENDING");
            assertThat(r.has("customerId")).as("a request by facts names no customer").isFalse();
        });
        assertThat(api.get("/api/v1/outbound-messages", tokenA).status()).as("partners never read the outbox")
                .isEqualTo(403);
        List<JsonNode> sent = fixture.messagesTo(contact);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.get("linkRequestId").asLong()).isEqualTo(matching.body().get("requestId").asLong());
            assertThat(m.get("body").asString()).contains(m.get("path").asString());
        });
        assertThat(fixture.linksOf(b).getFirst().has("to")).as("nothing moves before the customer confirms").isFalse();
        assertThat(eventsOf(a, tokenA)).filteredOn(e -> e.get("type").asString().equals("link.requested"))
                .hasSize(2).allSatisfy(e -> assertThat(e.get("data").has("customerId")).isFalse());

        Api.Response confirmed = api.post("/api/v1/consents/" + fixture.confirmationToken(customer,
                matching.body().get("requestId").asLong()), null, "{}");

        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.text("confirmedBy")).isEqualTo("customer");
        assertThat(fixture.linksOf(b).getFirst().get("to").asString()).isEqualTo(today.toString());
        assertThat(fixture.linksOf(a)).singleElement()
                .satisfies(l -> assertThat(l.get("from").asString()).isEqualTo(today.toString()));
        JsonNode after = api.get("/api/v1/partners/" + a + "/link-requests", tokenA).body();
        assertThat(after.valueStream().filter(r -> r.get("status").asString().equals("CONFIRMED")))
                .singleElement().satisfies(r -> assertThat(r.get("customerId").asLong()).isEqualTo(customer));
    }

    @Test
    void withoutAContactTheOperatorConfirmsAfterCheckingTheSignedConsent() {
        long a = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long b = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String tokenA = fixture.token(a);
        String account = "acc-" + Api.unique();
        String taxId = Api.unique();
        long customer = created(api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "No contact " + account, "taxId", taxId, "accountId", account)));
        fixture.linked(b, customer, "2026-02-01");
        long request = byFacts(tokenA, a, taxId, account, today.toString()).body().get("requestId").asLong();
        Map<String, Object> confirmation = Map.of("consentObtainedOn", today.toString(),
                "note", "Signed consent letter No. 17 checked against the customer's register");

        Api.Response byPartner = api.post("/api/v1/link-requests/" + request + "/confirm", tokenA, confirmation);
        Api.Response queue = api.get("/api/v1/link-requests", OPERATOR);
        Api.Response future = api.post("/api/v1/link-requests/" + request + "/confirm", OPERATOR,
                Map.of("consentObtainedOn", today.plusDays(1).toString(), "note", "too early"));
        Api.Response confirmed = api.post("/api/v1/link-requests/" + request + "/confirm", OPERATOR, confirmation);
        Api.Response again = api.post("/api/v1/link-requests/" + request + "/confirm", OPERATOR, confirmation);

        assertProblem(byPartner, 403);
        assertThat(queue.body().valueStream().filter(r -> r.get("id").asLong() == request)).singleElement()
                .satisfies(r -> assertThat(r.get("customerId").asLong()).as("the operator sees the match")
                        .isEqualTo(customer));
        assertProblem(future, 422);
        assertThat(fields(future)).containsExactly("consentObtainedOn");
        assertThat(confirmed.status()).as(confirmed.raw()).isEqualTo(200);
        assertThat(confirmed.text("confirmedBy")).isEqualTo(OPERATOR_NAME);
        assertThat(confirmed.body().at("/link/consentObtainedOn").asString()).isEqualTo(today.toString());
        assertThat(again.body().get("alreadyConfirmed").asBoolean()).isTrue();
        assertThat(fixture.linksOf(a)).singleElement()
                .satisfies(l -> assertThat(l.get("from").asString()).isEqualTo(today.toString()));
        assertThat(jdbc.sql("select confirmation_note from link_request where id = :id").param("id", request)
                .query(String.class).single()).startsWith("Signed consent letter No. 17");
        assertThat(jdbc.sql("select count(*) from outbound_message where link_request_id = :id").param("id", request)
                .query(Integer.class).single()).as("no contact, no message").isZero();
    }

    @Test
    void aContactThePartnerSetIsNeverItsOwnChannelAndItCannotChangeAnotherPartnersCustomersContact() {
        long a = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        long b = fixture.partner("yandex-cloud", "RESELLER", CONTRACT);
        String tokenA = fixture.token(a);
        String tokenB = fixture.token(b);
        String account = "acc-" + Api.unique();
        long own = created(api.post("/api/v1/customers", tokenA, Map.of("name", "Own " + account,
                "taxId", Api.unique(), "accountId", account, "contactEmail", "inbox@partner-a.test")));
        long recordedByA = created(api.post("/api/v1/customers", tokenA, Map.of("name", "Later B's",
                "taxId", Api.unique(), "accountId", "acc-" + Api.unique())));
        fixture.linked(b, recordedByA, "2026-02-01");

        Api.Response asked = fixture.link(tokenA, a, own, today.toString(), null, null);
        Api.Response changeHeld = api.post("/api/v1/customers/" + recordedByA + "/contact", tokenA,
                Map.of("email", "inbox@partner-a.test"));
        Api.Response changeByHolder = api.post("/api/v1/customers/" + recordedByA + "/contact", tokenB,
                Map.of("email", "office@customer.test"));
        Api.Response notAnAddress = api.post("/api/v1/customers/" + own + "/contact", OPERATOR,
                Map.of("email", "not an address"));

        assertThat(asked.status()).as(asked.raw()).isEqualTo(201);
        assertThat(asked.text("confirmation")).isEqualTo("OPERATOR");
        assertThat(fixture.messagesTo("inbox@partner-a.test")).isEmpty();
        assertProblem(changeHeld, 403);
        assertThat(changeByHolder.status()).as(changeByHolder.raw()).isEqualTo(200);
        assertThat(changeByHolder.body().has("contactEmail")).as("partners do not read contacts").isFalse();
        assertThat(fixture.contactOf(recordedByA)).isEqualTo("office@customer.test");
        assertProblem(notAnAddress, 422);
        assertThat(fields(notAnAddress)).containsExactly("email");
    }

    @Test
    void onlyTheOperatorBackdatesALinkOrATransferAndNeverIntoAClosedMonth() {
        long holder = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        long other = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        String tokenHolder = fixture.token(holder);
        String tokenOther = fixture.token(other);
        long customer = recordedBy(tokenHolder);
        String yesterday = today.minusDays(1).toString();
        JsonNode facts = api.get("/api/v1/customers/" + customer, OPERATOR).body();

        Api.Response partnerLink = fixture.link(tokenHolder, holder, customer, yesterday, null, null);
        Api.Response operatorLink = fixture.link(OPERATOR, holder, customer, "2026-02-01", null, null);
        Api.Response partnerTransfer = transfer(tokenOther, customer, other, yesterday, null);
        Api.Response byFacts = byFacts(tokenOther, other, facts.get("taxId").asString(),
                facts.get("accountId").asString(), yesterday);

        assertProblem(partnerLink, 422);
        assertThat(fields(partnerLink)).containsExactly("from");
        assertThat(partnerLink.text("detail")).contains("before today").contains("operator");
        assertThat(operatorLink.status()).as(operatorLink.raw()).isEqualTo(201);
        assertProblem(partnerTransfer, 404);
        assertProblem(byFacts, 422);
        assertThat(fields(byFacts)).containsExactly("on");

        // a month long closed, for a partner contracted before it (the shared platform never dates facts then)
        jdbc.sql("insert into accounting_period (period, status, closed_at) values ('2021-06-01', 'CLOSED', now())"
                + " on conflict do nothing").update();
        long old = oldPartner();
        long oldCustomer = fixture.customer();
        Api.Response intoClosed = fixture.link(OPERATOR, old, oldCustomer, "2021-06-10", null, "2021-06-10");
        created(fixture.link(OPERATOR, old, oldCustomer, "2021-05-01", null, "2021-05-01"));
        Api.Response transferIntoClosed = transfer(OPERATOR, oldCustomer, oldPartner(), "2021-06-10", "2021-05-01");

        assertProblem(intoClosed, 422);
        assertThat(fields(intoClosed)).containsExactly("from");
        assertThat(intoClosed.text("detail")).contains("period 2021-06 is closed");
        assertProblem(transferIntoClosed, 422);
        assertThat(fields(transferIntoClosed)).containsExactly("on");
    }

    @Test
    void aPartnerEndsItsLinkAsOfTodayNeverEarlierWhileTheOperatorMayBackdateTheEnd() {
        long reseller = fixture.partner("vk-cloud", "PARTNER", CONTRACT); // buys its customers' consumption at a discount
        String token = fixture.token(reseller);
        long customer = fixture.customer();
        long link = created(fixture.link(OPERATOR, reseller, customer, "2026-02-01", null, "2026-02-01"));
        String end = "/api/v1/partners/" + reseller + "/customers/links/" + link + "/end";
        String yesterday = today.minusDays(1).toString();

        // ended yesterday, the reseller would stop paying for what its customer consumed since
        Api.Response backdated = api.post(end, token, Map.of("to", yesterday));

        assertProblem(backdated, 422);
        assertThat(fields(backdated)).containsExactly("to");
        assertThat(backdated.text("detail")).contains("before today");
        assertThat(api.get("/api/v1/partners/" + reseller + "/customers", token).raw()).doesNotContain(yesterday);
        Api.Response byOperator = api.post(end, OPERATOR, Map.of("to", yesterday));
        assertThat(byOperator.status()).as(byOperator.raw()).isEqualTo(200);
        assertThat(byOperator.text("to")).isEqualTo(yesterday);
    }

    @Test
    void aPartnersTransferByIdIsRefusedBeforeTodayAndItsConflictsNameNoOtherPartner() {
        long a = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        long b = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        String tokenA = fixture.token(a);
        long customer = recordedBy(tokenA);
        created(fixture.link(OPERATOR, a, customer, "2026-02-01", "2026-03-01", null));
        fixture.linked(b, customer, "2026-03-01");

        Api.Response backdated = transfer(tokenA, customer, a, today.minusDays(1).toString(), null);
        Api.Response overlapping = fixture.link(tokenA, a, customer, today.toString(), null, null);
        Api.Response byOperator = fixture.link(OPERATOR, a, customer, today.toString(), null, null);

        assertProblem(backdated, 422);
        assertThat(fields(backdated)).containsExactly("on");
        assertProblem(overlapping, 409);
        assertThat(overlapping.text("detail")).contains("another partner").doesNotContain("partner " + b)
                .doesNotContain(String.valueOf(b));
        assertProblem(byOperator, 409);
        assertThat(byOperator.text("detail")).contains("partner " + b);
    }

    @Test
    void aDuplicateAccountTellsAPartnerItIsRegisteredButNotByWhom() {
        long partner = fixture.partner("vk-cloud", "PARTNER", CONTRACT);
        String token = fixture.token(partner);
        long existing = fixture.customer();
        JsonNode facts = api.get("/api/v1/customers/" + existing, OPERATOR).body();
        Map<String, Object> again = Map.of("name", "Squatter", "taxId", Api.unique(),
                "accountId", facts.get("accountId").asString());

        Api.Response byPartner = api.post("/api/v1/customers", token, again);
        Api.Response byOperator = api.post("/api/v1/customers", OPERATOR, again);

        assertProblem(byPartner, 409);
        assertThat(byPartner.text("detail")).isEqualTo("Account " + facts.get("accountId").asString()
                + " is already registered.");
        assertProblem(byOperator, 409);
        assertThat(byOperator.text("detail")).contains("customer " + existing);
    }

    private static final String OPERATOR_NAME = "operator";

    /** A customer the partner recorded itself, without a contact. */
    private long recordedBy(String partnerToken) {
        String account = "acc-" + Api.unique();
        return created(api.post("/api/v1/customers", partnerToken,
                Map.of("name", "Customer " + account, "taxId", Api.unique(), "accountId", account)));
    }

    private long oldPartner() {
        String taxId = Api.unique();
        return created(api.post("/api/v1/partners", OPERATOR, Map.of("programId", "vk-cloud", "model", "PARTNER",
                "name", "Old " + taxId, "legalForm", "LEGAL_ENTITY", "taxId", taxId, "registeredOn", "2015-01-01",
                "country", "RU", "contractDate", "2021-04-01")));
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

    private Api.Response byFacts(String token, long partner, String taxId, String accountId, String on) {
        return api.post("/api/v1/partners/" + partner + "/transfer-requests", token,
                Map.of("taxId", taxId, "accountId", accountId, "on", on));
    }

    private List<JsonNode> eventsOf(long partner, String token) {
        return api.get("/api/v1/events?limit=1000&partnerId=" + partner, token).body().get("events")
                .valueStream().toList();
    }

    private static List<String> keys(JsonNode node) {
        return node.propertyNames().stream().toList();
    }
}
