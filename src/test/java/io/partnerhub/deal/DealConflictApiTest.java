package io.partnerhub.deal;

import static io.partnerhub.deal.DealDesk.OPERATOR;
import static io.partnerhub.deal.DealDesk.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * Conflicts beyond the tax id and the precedence of claims, over HTTP: each refusal is a 201
 * REJECTED deal whose rule and reason are checked, and whose reason never names the partner that
 * holds the customer. Links and usage are dated in the current month, which no test can close.
 */
@PlatformTest
class DealConflictApiTest {

    private static final LocalDate MONTH_START = YearMonth.now(ZoneId.of("Europe/Moscow")).atDay(1);

    @LocalServerPort
    int port;

    private Api api;
    private DealDesk desk;

    @BeforeEach
    void connect() {
        api = new Api(port);
        desk = new DealDesk(api, port);
    }

    @Test
    void aDomainMatchesItsSubdomainsBothWaysWhateverTheTaxId() {
        long holder = desk.partner("vk-cloud", "PARTNER", "Domain Holder", "2026-01-15");
        long latecomer = desk.partner("vk-cloud", "PARTNER", "Domain Latecomer", "2026-01-15");
        String domain = "acme" + Api.unique() + ".ru";
        desk.register(holder, Api.unique(), OPERATOR, "customerDomain", "https://www." + domain + "/about");
        desk.register(holder, Api.unique(), OPERATOR, "customerDomain", "blog.other" + domain);

        Api.Response subdomain = desk.register(latecomer, Api.unique(), desk.token(latecomer),
                "customerDomain", "Shop." + domain.toUpperCase());
        Api.Response parent = desk.register(latecomer, Api.unique(), OPERATOR, "customerDomain", "other" + domain);
        Api.Response unrelated = desk.register(latecomer, Api.unique(), OPERATOR, "customerDomain", "not" + domain);

        assertRejected(subdomain, "ACTIVE_DEAL_DOMAIN", holder,
                "Domain shop." + domain + " matches an active deal of another partner, registered on ");
        assertThat(subdomain.text("customerDomain")).isEqualTo("shop." + domain);
        assertRejected(parent, "ACTIVE_DEAL_DOMAIN", holder, "Domain other" + domain + " matches an active deal");
        assertThat(unrelated.text("status")).as(unrelated.raw()).isEqualTo("PENDING");
    }

    @Test
    void anEmailAtAPublicProviderMatchesOnlyAsAWholeAddressAnyOtherByItsDomain() {
        long holder = desk.partner("yandex-cloud", "RESELLER", "Mail Holder", "2026-01-15");
        long latecomer = desk.partner("yandex-cloud", "RESELLER", "Mail Latecomer", "2026-01-15");
        String unique = Api.unique();
        String corporate = "corp" + unique + ".ru";
        desk.register(holder, Api.unique(), OPERATOR, "customerEmail", "Boss." + unique + "@Gmail.com");
        desk.register(holder, Api.unique(), OPERATOR, "customerEmail", "cfo@" + corporate);

        Api.Response sameAddress = desk.register(latecomer, Api.unique(), OPERATOR,
                "customerEmail", "boss." + unique + "@gmail.com");
        Api.Response sameProvider = desk.register(latecomer, Api.unique(), OPERATOR,
                "customerEmail", "someone." + unique + "@gmail.com");
        Api.Response sameCompany = desk.register(latecomer, Api.unique(), OPERATOR, "customerEmail", "ceo@" + corporate);
        Api.Response companySite = desk.register(latecomer, Api.unique(), OPERATOR, "customerDomain", "www." + corporate);

        assertRejected(sameAddress, "ACTIVE_DEAL_EMAIL", holder,
                "E-mail boss." + unique + "@gmail.com matches an active deal of another partner");
        assertThat(sameProvider.text("status")).as(sameProvider.raw()).isEqualTo("PENDING");
        assertRejected(sameCompany, "ACTIVE_DEAL_DOMAIN", holder,
                "Domain " + corporate + " (of e-mail ceo@" + corporate + ") matches an active deal of another partner");
        assertRejected(companySite, "ACTIVE_DEAL_DOMAIN", holder, "Domain " + corporate + " matches an active deal");
    }

    @Test
    void aRejectedOrReleasedHolderNoLongerBlocksTheDomain() {
        long first = desk.partner("vk-cloud", "PARTNER", "First", "2026-01-15");
        long second = desk.partner("vk-cloud", "PARTNER", "Second", "2026-01-15");
        String domain = "freed" + Api.unique() + ".ru";
        long held = desk.register(first, Api.unique(), OPERATOR, "customerDomain", domain).id();
        assertThat(api.post("/api/v1/deals/" + held + "/reject", OPERATOR, Map.of("reason", "not a real prospect"))
                .status()).isEqualTo(200);

        Api.Response next = desk.register(second, Api.unique(), OPERATOR, "customerDomain", domain);

        assertThat(next.text("status")).as(next.raw()).isEqualTo("PENDING");
    }

    @Test
    void aCustomerLinkedToAnotherPartnerFromTheRegistrationDateOnLosesTheDeal() {
        long holder = desk.partner("vk-cloud", "PARTNER", "Link Holder", "2026-01-15");
        long latecomer = desk.partner("vk-cloud", "PARTNER", "Link Latecomer", "2026-01-15");
        String taxId = Api.unique();
        long customer = desk.customer(taxId, "acc-" + Api.unique());
        desk.link(holder, customer, MONTH_START);

        Api.Response rejected = desk.register(latecomer, taxId, desk.token(latecomer));
        Api.Response otherCustomer = desk.register(latecomer, Api.unique(), OPERATOR);
        Api.Response ownCustomer = desk.register(holder, taxId, OPERATOR);

        assertRejected(rejected, "LINKED_TO_ANOTHER_PARTNER", holder,
                "Customer tax id " + taxId + " is linked to another partner since " + MONTH_START + ".");
        assertThat(otherCustomer.text("status")).isEqualTo("PENDING");
        assertThat(ownCustomer.text("status")).as("the holder registers its own customer").isEqualTo("PENDING");
        assertThat(desk.deal(rejected.id()).text("status")).as("stored as rejected").isEqualTo("REJECTED");
    }

    @Test
    void aConsumingCustomerLinkedToNoPartnerIsTheProvidersAndTakesNoDealWhereTheProgramSaysSo() {
        long partner = desk.partner("yandex-cloud", "RESELLER", "Prospector", "2026-01-15");
        String directTaxId = Api.unique();
        String account = "acc-" + Api.unique();
        desk.customer(directTaxId, account);
        desk.usage(account + "," + MONTH_START + ",Compute Cloud,1200.00");
        String silentTaxId = Api.unique();
        desk.customer(silentTaxId, "acc-" + Api.unique());

        Api.Response direct = desk.register(partner, directTaxId, desk.token(partner));
        Api.Response silent = desk.register(partner, silentTaxId, OPERATOR);

        assertRejected(direct, "DIRECT_CUSTOMER", null, "Customer tax id " + directTaxId
                + ": the provider serves this customer directly (it consumes and is linked to no partner on ");
        assertThat(silent.text("status")).as("a customer record without consumption is no one's yet").isEqualTo("PENDING");
    }

    @Test
    void aVkCloudDealForACustomerTheProviderServesWaitsForTheOperatorWithTheFactShown() {
        long partner = desk.partner("vk-cloud", "PARTNER", "Direct Prospector", "2026-01-15");
        String taxId = Api.unique();
        String account = "acc-" + Api.unique();
        long customer = desk.customer(taxId, account);
        desk.usage(account + "," + MONTH_START + ",Cloud Servers,1200.00");

        Api.Response direct = desk.register(partner, taxId, desk.token(partner), "expectedMonthlyAmount", "1000.00");

        assertThat(direct.text("status")).as(direct.raw()).isEqualTo("PENDING");
        assertThat(direct.text("rule")).isEqualTo("DIRECT_CUSTOMER");
        assertThat(direct.text("reason")).isEqualTo("Customer tax id " + taxId + ": the provider serves this customer"
                + " directly (it consumes and is linked to no partner on " + direct.text("registeredOn") + ").");
        assertThat(direct.text("decidedBy")).isNull();
        assertThat(desk.activities(direct.id(), OPERATOR)).singleElement().satisfies(a -> {
            assertThat(a.get("actor").asString()).isEqualTo("system");
            assertThat(a.get("kind").asString()).isEqualTo("DECISION");
            assertThat(a.get("text").asString()).isEqualTo("Waits for the operator (DIRECT_CUSTOMER): "
                    + direct.text("reason"));
        });
        JsonNode queued = queueEntry(partner, direct.id());
        assertThat(queued.get("conflicts")).singleElement().satisfies(c -> {
            assertThat(c.get("rule").asString()).isEqualTo("DIRECT_CUSTOMER");
            assertThat(c.get("review").asBoolean()).isTrue();
            assertThat(c.get("claim").asString()).isEqualTo("customer/" + customer);
        });
        Api.Response approved = desk.approve(direct.id(), "10");
        assertThat(approved.text("status")).isEqualTo("APPROVED");
        assertThat(approved.text("rule")).as("the operator's decision replaces the conflict").isNull();
    }

    @Test
    void aCustomerRecordAPartnerCreatedWithoutConsumptionDoesNotRejectAnotherPartnersDeal() {
        long squatter = desk.partner("vk-cloud", "PARTNER", "Squatter", "2026-01-15");
        long seller = desk.partner("vk-cloud", "PARTNER", "Real Seller", "2026-01-15");
        String taxId = Api.unique();
        String account = "acc-" + Api.unique();
        // the squatter records a customer with the company's tax id and any account, and links it to itself
        Api.Response recorded = api.post("/api/v1/customers", desk.token(squatter),
                Map.of("name", "Not really " + taxId, "taxId", taxId, "accountId", account));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
        long squatted = recorded.id();
        long link = desk.link(squatter, squatted, MONTH_START);

        Api.Response deal = desk.register(seller, taxId, desk.token(seller));

        assertThat(deal.text("status")).as(deal.raw()).isEqualTo("PENDING");
        assertThat(deal.text("rule")).isEqualTo("LINKED_TO_ANOTHER_PARTNER");
        assertThat(deal.text("reason")).isEqualTo("Customer tax id " + taxId + " is linked to another partner since "
                + MONTH_START + ", but a partner created that customer record and its account has no consumption:"
                + " the operator decides.");
        assertThat(deal.raw()).doesNotContain(desk.name(squatter)).doesNotContain("partner " + squatter)
                .doesNotContain("otherPartnerId");
        JsonNode queued = queueEntry(seller, deal.id());
        assertThat(queued.get("conflicts")).singleElement().satisfies(c -> {
            assertThat(c.get("rule").asString()).isEqualTo("LINKED_TO_ANOTHER_PARTNER");
            assertThat(c.get("review").asBoolean()).isTrue();
            assertThat(c.get("claim").asString()).isEqualTo("link/" + link);
            assertThat(c.get("otherPartnerId").asLong()).isEqualTo(squatter);
        });
        Api.Response rejected = api.post("/api/v1/deals/" + deal.id() + "/reject", OPERATOR,
                Map.of("reason", "the squatter's record is not the company"));
        assertThat(rejected.status()).as("the operator decides").isEqualTo(200);

        desk.usage(account + "," + MONTH_START + ",Cloud Servers,10.00");
        Api.Response afterConsumption = desk.register(seller, taxId, desk.token(seller));
        assertRejected(afterConsumption, "LINKED_TO_ANOTHER_PARTNER", squatter,
                "Customer tax id " + taxId + " is linked to another partner since " + MONTH_START + ".");
    }

    @Test
    void aDealWaitingForReviewIsReleasedWithoutItsConflictWhenThePartnerIsRevoked() {
        long partner = desk.partner("vk-cloud", "PARTNER", "Revoked Prospector", "2026-01-15");
        String taxId = Api.unique();
        String account = "acc-" + Api.unique();
        desk.customer(taxId, account);
        desk.usage(account + "," + MONTH_START + ",Cloud Servers,300.00");
        Api.Response waiting = desk.register(partner, taxId, OPERATOR);
        assertThat(waiting.text("rule")).isEqualTo("DIRECT_CUSTOMER");

        Api.Response revoked = api.post("/api/v1/partners/" + partner + "/revocation", OPERATOR,
                Map.of("reason", "non-compliance"));
        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);

        Api.Response released = desk.deal(waiting.id());
        assertThat(released.text("status")).isEqualTo("RELEASED");
        assertThat(released.text("rule")).as("the conflict for review no longer describes the deal").isNull();
    }

    @Test
    void aLinkedCustomerTheOperatorCreatedRejectsEvenWithoutConsumption() {
        long holder = desk.partner("vk-cloud", "PARTNER", "Operator's Holder", "2026-01-15");
        long latecomer = desk.partner("vk-cloud", "PARTNER", "Operator's Latecomer", "2026-01-15");
        String taxId = Api.unique();
        desk.link(holder, desk.customer(taxId, "acc-" + Api.unique()), MONTH_START);

        Api.Response deal = desk.register(latecomer, taxId, desk.token(latecomer));

        assertRejected(deal, "LINKED_TO_ANOTHER_PARTNER", holder,
                "Customer tax id " + taxId + " is linked to another partner since " + MONTH_START + ".");
    }

    private JsonNode queueEntry(long partnerId, long dealId) {
        Api.Response queue = api.get("/api/v1/deals/queue?partnerId=" + partnerId, OPERATOR);
        assertThat(queue.status()).as(queue.raw()).isEqualTo(200);
        return queue.body().valueStream().filter(e -> e.at("/deal/id").asLong() == dealId).findFirst().orElseThrow();
    }

    @Test
    void yandexCloudRegistersDealsForNewCustomersOnly() {
        long yandex = desk.partner("yandex-cloud", "RESELLER", "Yandex Own", "2026-01-15");
        long vk = desk.partner("vk-cloud", "PARTNER", "VK Own", "2026-01-15");
        // the operator dates the registrations on the month's second day; the rule looks at what the
        // customer consumed before the later of that and the day the registration is made (today)
        LocalDate registeredOn = MONTH_START.plusDays(1);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        LocalDate madeOn = today.isAfter(registeredOn) ? today : registeredOn;
        String usedTaxId = Api.unique();
        String usedAccount = "acc-" + Api.unique();
        desk.link(yandex, desk.customer(usedTaxId, usedAccount), MONTH_START);
        String freshTaxId = Api.unique();
        String freshAccount = "acc-" + Api.unique();
        desk.link(yandex, desk.customer(freshTaxId, freshAccount), MONTH_START);
        String vkTaxId = Api.unique();
        String vkAccount = "acc-" + Api.unique();
        desk.link(vk, desk.customer(vkTaxId, vkAccount), MONTH_START);
        desk.usage(usedAccount + "," + MONTH_START + ",Compute Cloud,500.00",
                freshAccount + "," + madeOn + ",Compute Cloud,500.00",
                vkAccount + "," + MONTH_START + ",Cloud Servers,500.00");

        Api.Response used = desk.register(yandex, usedTaxId, OPERATOR, "registeredOn", registeredOn.toString());
        Api.Response fresh = desk.register(yandex, freshTaxId, OPERATOR, "registeredOn", registeredOn.toString());
        Api.Response vkDeal = desk.register(vk, vkTaxId, OPERATOR, "registeredOn", registeredOn.toString());

        assertRejected(used, "NOT_A_NEW_CUSTOMER", null, "Customer tax id " + usedTaxId + " is not a new customer:"
                + " it consumed on " + MONTH_START + ", before the registration date " + registeredOn
                + (madeOn.equals(registeredOn) ? "" : " (registered on " + madeOn + ")")
                + "; Yandex Cloud registers deals for new customers only.");
        assertThat(fresh.text("status")).as("consumption from the day it was registered on is the deal's").isEqualTo("PENDING");
        assertThat(vkDeal.text("status")).as("VK Cloud takes existing customers").isEqualTo("PENDING");
    }

    @Test
    void anotherPartnersActiveDealProtectsADirectCustomerFromAProjectRegistration() {
        long dealHolder = desk.partner("yandex-cloud", "RESELLER", "Deal First", "2026-01-15");
        long prospector = desk.partner("yandex-cloud", "RESELLER", "Project Second", "2026-01-15");
        String taxId = Api.unique();
        long customer = desk.customer(taxId, "acc-" + Api.unique());
        desk.register(dealHolder, taxId, OPERATOR);

        Api.Response refused = project(prospector, customer);
        Api.Response holdersOwn = project(dealHolder, customer);

        assertProblem(refused, 422);
        assertThat(refused.text("detail")).contains("customer " + customer + " is protected by another partner's active"
                + " deal registered on ", "in Yandex Cloud a deal precedes a project registration");
        assertThat(refused.raw()).doesNotContain(desk.name(dealHolder)).doesNotContain("partner " + dealHolder);
        assertThat(holdersOwn.status()).as(holdersOwn.raw()).isEqualTo(201);
    }

    @Test
    void theRejectionIsAnEventAndAnActivityNamingTheRuleButNotTheHolder() {
        long holder = desk.partner("vk-cloud", "PARTNER", "Event Holder", "2026-01-15");
        long latecomer = desk.partner("vk-cloud", "PARTNER", "Event Latecomer", "2026-01-15");
        String taxId = Api.unique();
        desk.register(holder, taxId, OPERATOR);

        Api.Response rejected = desk.register(latecomer, taxId, OPERATOR);

        List<JsonNode> events = desk.events(latecomer, "deal.rejected");
        assertThat(events).hasSize(1).first().satisfies(event -> {
            assertThat(event.get("subject").asString()).isEqualTo("deal/" + rejected.id());
            assertThat(event.get("actor").asString()).isEqualTo("system");
            assertThat(event.at("/data/rule").asString()).isEqualTo("ACTIVE_DEAL_TAX_ID");
            assertThat(event.toString()).contains(taxId).doesNotContain(desk.name(holder))
                    .doesNotContain("partner " + holder);
        });
        String token = desk.token(latecomer);
        assertThat(desk.activities(rejected.id(), token)).singleElement().satisfies(entry -> {
            assertThat(entry.get("kind").asString()).isEqualTo("DECISION");
            assertThat(entry.get("text").asString()).startsWith("Rejected at registration (ACTIVE_DEAL_TAX_ID): ")
                    .doesNotContain(desk.name(holder));
        });
        assertThat(desk.events(holder, "deal.registered")).hasSize(1);
        assertThat(desk.events(latecomer, "deal.registered")).isEmpty();
    }

    @Test
    void contactsThatAreNotAnAddressOrADomainAreRefusedNamingTheField() {
        long partner = desk.partner("vk-cloud", "PARTNER", "Typo", "2026-01-15");

        Api.Response badEmail = api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner, "customerTaxId",
                Api.unique(), "customerName", "C", "title", "T", "customerEmail", "ivan.acme.ru"));
        Api.Response badDomain = api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner, "customerTaxId",
                Api.unique(), "customerName", "C", "title", "T", "customerDomain", "acme"));
        Api.Response publicDomain = api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner, "customerTaxId",
                Api.unique(), "customerName", "C", "title", "T", "customerDomain", "mail.ru"));

        assertProblem(badEmail, 422);
        assertThat(badEmail.body().path("errors").findValuesAsString("field")).containsExactly("customerEmail");
        assertProblem(badDomain, 422);
        assertThat(badDomain.body().path("errors").findValuesAsString("field")).containsExactly("customerDomain");
        assertProblem(publicDomain, 422);
        assertThat(publicDomain.text("detail")).contains("public mail provider");
    }

    @Test
    void aPartnerRegisteringAProjectLearnsNothingOfAnotherPartnersCustomerNorTheProtectingDealsDate() {
        long holder = desk.partner("yandex-cloud", "RESELLER", "Customer Holder", "2026-01-15");
        long prospector = desk.partner("yandex-cloud", "RESELLER", "Project Prober", "2026-01-15");
        String token = desk.token(prospector);
        long held = desk.customer(Api.unique(), "acc-" + Api.unique());
        new io.partnerhub.ApiFixture(api).linked(holder, held, "2026-02-01");
        String taxId = Api.unique();
        long protectedByDeal = desk.customer(taxId, "acc-" + Api.unique());
        desk.register(holder, taxId, OPERATOR);
        String today = LocalDate.now(ZoneId.of("Europe/Moscow")).toString();

        Api.Response othersCustomer = api.post("/api/v1/projects", token, Map.of("partnerId", prospector,
                "customerId", held, "projectId", "b1g" + Api.unique(), "registeredOn", today, "ratePercent", "10"));
        Api.Response noSuchCustomer = api.post("/api/v1/projects", token, Map.of("partnerId", prospector,
                "customerId", 999_999_999, "projectId", "b1g" + Api.unique(), "registeredOn", today, "ratePercent", "10"));
        Api.Response dealFirst = api.post("/api/v1/projects", token, Map.of("partnerId", prospector,
                "customerId", protectedByDeal, "projectId", "b1g" + Api.unique(), "registeredOn", today, "ratePercent", "10"));

        assertProblem(othersCustomer, 404);
        assertProblem(noSuchCustomer, 404);
        assertThat(othersCustomer.text("detail")).isEqualTo(noSuchCustomer.text("detail").replace("999999999", "" + held));
        assertProblem(dealFirst, 422);
        assertThat(dealFirst.text("detail")).isEqualTo("customer " + protectedByDeal + " is protected by another partner's"
                + " active deal; in Yandex Cloud a deal precedes a project registration");
    }

    private Api.Response project(long partnerId, long customerId) {
        return api.post("/api/v1/projects", OPERATOR, Map.of("partnerId", partnerId, "customerId", customerId,
                "projectId", "b1g" + Api.unique(), "registeredOn", MONTH_START.toString(), "ratePercent", "10"));
    }

    /** REJECTED with the rule, a reason starting as given, and nothing naming the holder. */
    private void assertRejected(Api.Response response, String rule, Long holder, String reasonStart) {
        assertThat(response.text("status")).as(response.raw()).isEqualTo("REJECTED");
        assertThat(response.text("rule")).isEqualTo(rule);
        assertThat(response.text("reason")).startsWith(reasonStart);
        assertThat(response.text("decidedBy")).isNull();
        if (holder != null) {
            assertThat(response.raw()).doesNotContain(desk.name(holder)).doesNotContain("partner " + holder)
                    .doesNotContain("\"otherPartnerId\"");
        }
    }
}
