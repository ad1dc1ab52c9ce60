package io.partnerhub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/** Token management, exam history, standing history, and the own-account rule. */
@PlatformTest
class PartnerRecordsApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void aRevokedTokenAuthenticatesNothingAndTheListShowsNoSecrets() {
        long partner = newPartner("vk-cloud", "PARTNER", "own-" + Api.unique());
        Api.Response issued = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, Map.of("label", "ci"));
        String token = issued.text("token");
        assertThat(api.get("/api/v1/partners/" + partner, token).status()).isEqualTo(200);

        Api.Response revoked = api.post("/api/v1/partners/" + partner + "/tokens/" + issued.id() + "/revoke", OPERATOR, "");
        Api.Response list = api.get("/api/v1/partners/" + partner + "/tokens", OPERATOR);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("revokedAt")).isNotNull();
        assertThat(api.get("/api/v1/partners/" + partner, token).status()).isEqualTo(401);
        assertThat(list.body().get(0).get("label").asString()).isEqualTo("ci");
        assertThat(list.raw()).doesNotContain(token).doesNotContain("hash");
        assertThat(api.get("/api/v1/partners/" + partner + "/tokens", token).status()).isEqualTo(401);
    }

    @Test
    void aPartnerTokenListsItsOwnTokensButMayNotIssueOrRevokeThem() {
        long partner = newPartner("vk-cloud", "PARTNER", null);
        Api.Response issued = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "");
        String token = issued.text("token");

        Api.Response own = api.get("/api/v1/partners/" + partner + "/tokens", token);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.raw()).doesNotContain(token);
        assertThat(api.post("/api/v1/partners/" + partner + "/tokens", token, "").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/partners/" + partner + "/tokens/" + issued.id() + "/revoke", token, "").status())
                .isEqualTo(403);
    }

    @Test
    void examPassesAndStandingAreReadBack() {
        long partner = newPartner("oblakoteka", "AGENT", null);
        api.post("/api/v1/partners/" + partner + "/exam-passes", OPERATOR, Map.of("passedOn", "2026-02-10"));

        Api.Response exams = api.get("/api/v1/partners/" + partner + "/exam-passes", OPERATOR);
        Api.Response standing = api.get("/api/v1/partners/" + partner + "/standing", OPERATOR);

        assertThat(exams.body().findValuesAsString("passedOn")).containsExactly("2026-02-10");
        assertThat(standing.body()).hasSize(1);
        assertThat(standing.body().get(0).get("effectiveFrom").asString()).isEqualTo("2026-01-15");
        assertThat(standing.body().get(0).get("model").asString()).isEqualTo("AGENT");
        assertThat(standing.body().get(0).get("tier").asString()).isEqualTo("PROFESSIONAL");
        assertThat(standing.body().get(0).get("reason").asString()).isEqualTo("contract");
        assertThat(standing.body().get(0).get("reasonCode").asString()).isEqualTo("standing.contract");
        Api.Response russian = api.get("/api/v1/partners/" + partner + "/standing", OPERATOR, "Accept-Language", "ru");
        assertThat(russian.body().get(0).get("reason").asString()).isEqualTo("договор");
        assertThat(russian.body().get(0).get("reasonCode").asString()).isEqualTo("standing.contract");
    }

    @Test
    void aPartnersOwnAccountIsNoCustomersAndTheOtherWayRound() {
        String own = "own-" + Api.unique();
        newPartner("yandex-cloud", "RESELLER", own);
        Api.Response customer = api.post("/api/v1/customers", OPERATOR,
                Map.of("name", "Clash", "taxId", Api.unique(), "accountId", own));
        String customerAccount = "acc-" + Api.unique();
        api.post("/api/v1/customers", OPERATOR, Map.of("name", "First", "taxId", Api.unique(), "accountId", customerAccount));
        Map<String, Object> application = application("yandex-cloud", "RESELLER", customerAccount);
        Api.Response partner = api.post("/api/v1/partners", OPERATOR, application);

        assertThat(customer.status()).isEqualTo(409);
        assertThat(customer.text("detail")).contains("a partner's own account");
        assertThat(partner.status()).isEqualTo(409);
        assertThat(partner.text("detail")).contains("belongs to customer");
    }

    @Test
    void aPercentageWithMoreThanTwoDecimalsIsRefusedNotRounded() {
        long partner = newPartner("vk-cloud", "PARTNER", null);
        Api.Response deal = api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner,
                "customerTaxId", Api.unique(), "customerName", "Precise", "title", "Digits"));

        Api.Response approval = api.post("/api/v1/deals/" + deal.id() + "/approve", OPERATOR,
                "{\"extraDiscountPercent\": 12.345}");

        assertThat(approval.status()).isEqualTo(422);
        assertThat(approval.body().path("errors").findValuesAsString("field")).containsExactly("extraDiscountPercent");
        assertThat(api.get("/api/v1/deals/" + deal.id(), OPERATOR).text("status")).isEqualTo("PENDING");
    }

    @Test
    void aDateBeyondTheYear2999IsRefusedNamingTheField() {
        long partner = newPartner("yandex-cloud", "RESELLER", null);

        Api.Response notice = api.post("/api/v1/partners/" + partner + "/exit-notices", OPERATOR,
                Map.of("exitDate", "+10000-01-01"));

        assertThat(notice.status()).isEqualTo(422);
        assertThat(notice.body().path("errors").findValuesAsString("field")).containsExactly("exitDate");
        assertThat(notice.text("detail")).contains("from 1900-01-01 to 2999-12-31");
    }

    private long newPartner(String programId, String model, String accountId) {
        Api.Response created = api.post("/api/v1/partners", OPERATOR, application(programId, model, accountId));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }

    private static Map<String, Object> application(String programId, String model, String accountId) {
        Map<String, Object> application = new LinkedHashMap<>();
        String taxId = Api.unique();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", "Records " + taxId);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", taxId);
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", "2026-01-15");
        if (accountId != null) {
            application.put("accountId", accountId);
        }
        return application;
    }
}
