package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

@PlatformTest
class DealApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void registersAPendingDealDatedTodayInMoscow() {
        long partner = newPartner("vk-cloud", "PARTNER", "Dealer");
        String customerTaxId = Api.unique();

        Api.Response deal = register(partner, customerTaxId, OPERATOR);

        assertThat(deal.status()).as(deal.raw()).isEqualTo(201);
        assertThat(deal.text("status")).isEqualTo("PENDING");
        assertThat(deal.text("registeredOn")).isEqualTo(LocalDate.now(ZoneId.of("Europe/Moscow")).toString());
        assertThat(deal.body().get("partnerId").asLong()).isEqualTo(partner);
        assertThat(deal.text("customerTaxId")).isEqualTo(customerTaxId);
        assertThat(deal.text("expectedMonthlyAmount")).isEqualTo("150000.00");
        assertThat(deal.text("reason")).isNull();
        assertThat(api.get("/api/v1/deals/" + deal.id(), OPERATOR).text("status")).isEqualTo("PENDING");
    }

    @Test
    void rejectsAnotherPartnersDealForAHeldCustomerWithoutNamingTheHolder() {
        String holderName = "Holder " + Api.unique();
        long holder = newPartner("vk-cloud", "PARTNER", holderName);
        long latecomer = newPartner("vk-cloud", "PARTNER", "Latecomer " + Api.unique());
        String customerTaxId = Api.unique();
        long held = register(holder, customerTaxId, OPERATOR).id();

        Api.Response rejected = register(latecomer, customerTaxId, tokenFor(latecomer));

        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(201);
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(rejected.text("reason")).contains(customerTaxId).doesNotContain(holderName)
                .doesNotContain("partner " + holder);
        assertThat(rejected.raw()).doesNotContain(holderName);
        assertThat(api.get("/api/v1/deals/" + held, OPERATOR).text("status")).isEqualTo("PENDING");
        assertProblem(api.get("/api/v1/deals/" + held, tokenFor(latecomer)), 404);
    }

    @Test
    void refusesTheSamePartnerRegisteringTheSameCustomerTwice() {
        long partner = newPartner("vk-cloud", "PARTNER", "Twice");
        String customerTaxId = Api.unique();
        long first = register(partner, customerTaxId, OPERATOR).id();

        Api.Response refused = register(partner, customerTaxId, OPERATOR);

        assertProblem(refused, 409);
        assertThat(refused.text("detail")).contains("deal " + first);
        assertThat(dealsOf(partner)).containsExactly(first);
    }

    @Test
    void refusesAnExpectedAmountTooLargeToStoreAsInvalidInput() {
        long partner = newPartner("vk-cloud", "PARTNER", "Optimist");

        Api.Response refused = api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner,
                "customerTaxId", Api.unique(), "customerName", "Customer", "title", "Huge",
                "expectedMonthlyAmount", "100000000000000000000"));

        assertProblem(refused, 422);
        assertThat(refused.body().path("errors").findValuesAsString("field")).containsExactly("expectedMonthlyAmount");
    }

    @Test
    void refusesADealRegisteredBeforeThePartnersContract() {
        long partner = newPartner("vk-cloud", "PARTNER", "Backdater");

        Api.Response refused = api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner,
                "customerTaxId", Api.unique(), "customerName", "Customer", "title", "Backdated",
                "registeredOn", "2025-12-01"));

        assertProblem(refused, 422);
        assertThat(refused.body().path("errors").findValuesAsString("field")).containsExactly("registeredOn");
        assertThat(refused.text("detail")).contains("2026-01-15");
        assertThat(dealsOf(partner)).isEmpty();
    }

    @Test
    void approvesAVkCloudDealUpToTwentyPercent() {
        long deal = register(newPartner("vk-cloud", "PARTNER", "VK"), Api.unique(), OPERATOR).id();

        Api.Response approved = approve(deal, "20", OPERATOR);

        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.id()).isEqualTo(deal);
        assertThat(approved.text("status")).isEqualTo("APPROVED");
        assertThat(approved.body().get("extraDiscountPercent").decimalValue()).isEqualByComparingTo("20");
    }

    @Test
    void approvesAYandexCloudDealUpToFifteenPercent() {
        long deal = register(newPartner("yandex-cloud", "RESELLER", "Yandex"), Api.unique(), OPERATOR).id();

        Api.Response approved = approve(deal, "15", OPERATOR);

        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("APPROVED");
        assertThat(approved.body().get("extraDiscountPercent").decimalValue()).isEqualByComparingTo("15");
    }

    @Test
    void refusesAnExtraDiscountAboveTheProgramsCap() {
        long vkDeal = register(newPartner("vk-cloud", "PARTNER", "VK"), Api.unique(), OPERATOR).id();
        long yandexDeal = register(newPartner("yandex-cloud", "RESELLER", "Yandex"), Api.unique(), OPERATOR).id();

        Api.Response vk = approve(vkDeal, "20.5", OPERATOR);
        Api.Response yandex = approve(yandexDeal, "16", OPERATOR);

        assertProblem(vk, 422);
        assertThat(vk.text("detail")).contains("cap of 20 %");
        assertThat(vk.body().path("errors").findValuesAsString("field")).containsExactly("extraDiscountPercent");
        assertProblem(yandex, 422);
        assertThat(yandex.text("detail")).contains("cap of 15 %");
        assertThat(api.get("/api/v1/deals/" + vkDeal, OPERATOR).text("status")).isEqualTo("PENDING");
        assertThat(api.get("/api/v1/deals/" + yandexDeal, OPERATOR).text("status")).isEqualTo("PENDING");
    }

    @Test
    void refusesApprovalByAPartnerToken() {
        long partner = newPartner("vk-cloud", "PARTNER", "Self-approver");
        long deal = register(partner, Api.unique(), OPERATOR).id();

        assertProblem(approve(deal, "10", tokenFor(partner)), 403);
        assertThat(api.get("/api/v1/deals/" + deal, OPERATOR).text("status")).isEqualTo("PENDING");
    }

    @Test
    void refusesDecidingADealTwice() {
        long deal = register(newPartner("vk-cloud", "PARTNER", "Decided"), Api.unique(), OPERATOR).id();
        assertThat(approve(deal, "10", OPERATOR).status()).isEqualTo(200);

        Api.Response again = approve(deal, "20", OPERATOR);
        Api.Response rejectedAfter = api.post("/api/v1/deals/" + deal + "/reject", OPERATOR, Map.of("reason", "late"));

        assertProblem(again, 409);
        assertProblem(rejectedAfter, 409);
        Api.Response stored = api.get("/api/v1/deals/" + deal, OPERATOR);
        assertThat(stored.text("status")).isEqualTo("APPROVED");
        assertThat(stored.body().get("extraDiscountPercent").decimalValue()).isEqualByComparingTo("10");
    }

    @Test
    void rejectsWithAReasonAndFreesTheCustomerForAnotherPartner() {
        long first = newPartner("vk-cloud", "PARTNER", "First");
        long second = newPartner("yandex-cloud", "RESELLER", "Second");
        String customerTaxId = Api.unique();
        long deal = register(first, customerTaxId, OPERATOR).id();

        assertProblem(api.post("/api/v1/deals/" + deal + "/reject", OPERATOR, "{}"), 422);
        Api.Response rejected = api.post("/api/v1/deals/" + deal + "/reject", OPERATOR,
                Map.of("reason", "Customer already works with the provider directly"));

        assertThat(rejected.status()).as(rejected.raw()).isEqualTo(200);
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
        assertThat(rejected.text("reason")).isEqualTo("Customer already works with the provider directly");
        Api.Response next = register(second, customerTaxId, OPERATOR);
        assertThat(next.status()).as(next.raw()).isEqualTo(201);
        assertThat(next.text("status")).isEqualTo("PENDING");
    }

    @Test
    void refusesAPartnerTokenRegisteringADealForAnotherPartner() {
        long own = newPartner("vk-cloud", "PARTNER", "Own");
        long other = newPartner("vk-cloud", "PARTNER", "Other");
        String token = tokenFor(own);

        Api.Response refused = register(other, Api.unique(), token);
        Api.Response ownDeal = register(own, Api.unique(), token);

        assertProblem(refused, 404);
        assertThat(dealsOf(other)).isEmpty();
        assertThat(ownDeal.status()).as(ownDeal.raw()).isEqualTo(201);
        assertThat(ownDeal.body().get("partnerId").asLong()).isEqualTo(own);
    }

    @Test
    void registersAProjectAtADirectCustomerForTwelveMonths() {
        long partner = newPartner("yandex-cloud", "RESELLER", "Projects");
        long customer = newCustomer();
        String projectId = "b1g" + Api.unique();

        Api.Response project = registerProject(partner, customer, projectId, "2026-06-01", "12");

        assertThat(project.status()).as(project.raw()).isEqualTo(201);
        assertThat(project.body().get("partnerId").asLong()).isEqualTo(partner);
        assertThat(project.body().get("customerId").asLong()).isEqualTo(customer);
        assertThat(project.text("projectId")).isEqualTo(projectId);
        assertThat(project.text("registeredOn")).isEqualTo("2026-06-01");
        assertThat(project.text("validUntil")).isEqualTo("2027-06-01");
        assertThat(project.body().get("ratePercent").decimalValue()).isEqualByComparingTo("12");
    }

    @Test
    void refusesAProjectRateAboveFifteenPercent() {
        Api.Response refused = registerProject(newPartner("yandex-cloud", "RESELLER", "Greedy"), newCustomer(),
                "b1g" + Api.unique(), "2026-06-01", "16");

        assertProblem(refused, 422);
        assertThat(refused.body().path("errors").findValuesAsString("field")).containsExactly("ratePercent");
        assertThat(refused.text("detail")).contains("cap of 15 %");
    }

    @Test
    void refusesAProjectUnderTheOlderYandexTerms() {
        Api.Response refused = registerProject(newPartner("yandex-cloud", "RESELLER", "Early", "2025-01-15"), newCustomer(),
                "b1g" + Api.unique(), "2025-06-01", "12");

        assertProblem(refused, 422);
        assertThat(refused.body().path("errors").findValuesAsString("field")).containsExactly("registeredOn");
        assertThat(refused.text("detail")).contains("2025-06-01").contains("no project registration");
    }

    @Test
    void refusesAProjectAtACustomerLinkedToAPartnerThatDay() {
        long holder = newPartner("yandex-cloud", "RESELLER", "Holder");
        long customer = newCustomer();
        Api.Response linked = api.post("/api/v1/partners/" + holder + "/customers", OPERATOR,
                Map.of("customerId", customer, "from", "2026-05-01", "consentObtainedOn", "2026-04-20"));
        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);

        Api.Response refused = registerProject(newPartner("yandex-cloud", "RESELLER", "Prospector"), customer,
                "b1g" + Api.unique(), "2026-06-01", "12");

        assertProblem(refused, 422);
        assertThat(refused.body().path("errors").findValuesAsString("field")).containsExactly("customerId");
        assertThat(refused.text("detail")).contains("direct");
    }

    @Test
    void refusesAProjectAnotherPartnerHasAlreadyRegistered() {
        long customer = newCustomer();
        String projectId = "b1g" + Api.unique();
        assertThat(registerProject(newPartner("yandex-cloud", "RESELLER", "First"), customer, projectId,
                "2026-06-01", "12").status()).isEqualTo(201);

        Api.Response refused = registerProject(newPartner("yandex-cloud", "RESELLER", "Second"), customer, projectId,
                "2026-07-01", "10");

        assertProblem(refused, 409);
        assertThat(refused.text("detail")).contains(projectId);
    }

    @Test
    void refusesAProjectRegisteredBeforeThePartnersContract() {
        long partner = newPartner("yandex-cloud", "RESELLER", "Backdater");

        Api.Response refused = registerProject(partner, newCustomer(), "b1g" + Api.unique(), "2026-01-05", "12");

        assertProblem(refused, 422);
        assertThat(refused.body().path("errors").findValuesAsString("field")).containsExactly("registeredOn");
        assertThat(refused.text("detail")).contains("2026-01-15");
    }

    @Test
    void refusesAProjectForAVkCloudPartner() {
        Api.Response refused = registerProject(newPartner("vk-cloud", "PARTNER", "VK"), newCustomer(),
                "b1g" + Api.unique(), "2026-06-01", "12");

        assertProblem(refused, 422);
        assertThat(refused.text("detail")).contains("VK Cloud").contains("no project registration");
    }

    private long newPartner(String programId, String model, String name) {
        return newPartner(programId, model, name, "2026-01-15");
    }

    private long newPartner(String programId, String model, String name, String contractDate) {
        String taxId = Api.unique();
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", name + " " + taxId);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", taxId);
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", contractDate);
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

    private Api.Response register(long partnerId, String customerTaxId, String token) {
        return api.post("/api/v1/deals", token, Map.of("partnerId", partnerId, "customerTaxId", customerTaxId,
                "customerName", "Customer " + customerTaxId, "title", "Migration to the cloud",
                "expectedMonthlyAmount", "150000"));
    }

    private Api.Response approve(long dealId, String percent, String token) {
        return api.post("/api/v1/deals/" + dealId + "/approve", token, Map.of("extraDiscountPercent", percent));
    }

    private Api.Response registerProject(long partnerId, long customerId, String projectId, String registeredOn,
                                         String ratePercent) {
        return api.post("/api/v1/projects", OPERATOR, Map.of("partnerId", partnerId, "customerId", customerId,
                "projectId", projectId, "registeredOn", registeredOn, "ratePercent", ratePercent));
    }

    private List<Long> dealsOf(long partnerId) {
        Api.Response listed = api.get("/api/v1/deals?partnerId=" + partnerId, OPERATOR);
        assertThat(listed.status()).as(listed.raw()).isEqualTo(200);
        return listed.body().valueStream().map(d -> d.get("id").asLong()).toList();
    }

    private String tokenFor(long partnerId) {
        Api.Response issued = api.post("/api/v1/partners/" + partnerId + "/tokens", OPERATOR, "{}");
        assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
        return issued.text("token");
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
    }
}
