package io.partnerhub.portal;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@PlatformTest
class PortalUserApiTest {

    private static final String OPERATOR = Api.OPERATOR_TOKEN;

    @LocalServerPort
    int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void anOperatorCreatesAPartnersUserWithoutEverShowingThePassword() {
        long partner = partner();
        String email = "Finance-" + Api.unique() + "@Example.RU";

        Api.Response created = api.post("/api/v1/portal-users", OPERATOR, user(email, partner, "FINANCE", "long enough password"));

        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.text("email")).isEqualTo(email.toLowerCase());
        assertThat(created.text("role")).isEqualTo("FINANCE");
        assertThat(created.raw()).doesNotContain("long enough password").doesNotContain("passwordHash");
        assertThat(api.get("/api/v1/partners/" + partner + "/portal-users", OPERATOR).body().findValuesAsString("email"))
                .containsExactly(email.toLowerCase());
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        long partner = partner();

        Api.Response badEmail = api.post("/api/v1/portal-users", OPERATOR, user("not-an-address", partner, "ADMIN", "long enough password"));
        Api.Response shortPassword = api.post("/api/v1/portal-users", OPERATOR, user(Api.unique() + "@x.ru", partner, "ADMIN", "short"));
        Api.Response salesWithoutPartner = api.post("/api/v1/portal-users", OPERATOR, user(Api.unique() + "@x.ru", null, "SALES", "long enough password"));
        Api.Response operatorWithPartner = api.post("/api/v1/portal-users", OPERATOR, user(Api.unique() + "@x.ru", partner, "OPERATOR", "long enough password"));

        assertThat(badEmail.status()).isEqualTo(422);
        assertThat(badEmail.raw()).contains("email").contains("is not an e-mail address");
        assertThat(shortPassword.status()).isEqualTo(422);
        assertThat(shortPassword.raw()).contains("password").contains("at least 10 characters");
        assertThat(salesWithoutPartner.status()).isEqualTo(422);
        assertThat(salesWithoutPartner.raw()).contains("partnerId").contains("is required for role SALES");
        assertThat(operatorWithPartner.status()).isEqualTo(422);
        assertThat(operatorWithPartner.raw()).contains("an operator belongs to no partner");
    }

    @Test
    void anEmailIsTakenOnceWhateverItsCase() {
        long partner = partner();
        String email = Api.unique() + "@twice.ru";
        assertThat(api.post("/api/v1/portal-users", OPERATOR, user(email, partner, "ADMIN", "long enough password")).status())
                .isEqualTo(201);

        Api.Response again = api.post("/api/v1/portal-users", OPERATOR, user(email.toUpperCase(), partner, "SALES", "long enough password"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.raw()).contains("exists already");
    }

    @Test
    void aPartnerTokenCreatesNoOperatorAndNoUserOfAnotherPartner() {
        long partner = partner();
        long other = partner();
        String token = new ApiFixture(api).token(partner);

        Api.Response operator = api.post("/api/v1/portal-users", token, user(Api.unique() + "@x.ru", null, "OPERATOR", "long enough password"));
        Api.Response ofOther = api.post("/api/v1/portal-users", token, user(Api.unique() + "@x.ru", other, "ADMIN", "long enough password"));

        assertThat(operator.status()).isEqualTo(403);
        assertThat(ofOther.status()).isEqualTo(404);
    }

    private long partner() {
        return new ApiFixture(api).partner("vk-cloud", "PARTNER", "2026-01-15");
    }

    private static Map<String, Object> user(String email, Long partnerId, String role, String password) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("email", email);
        user.put("displayName", "Someone");
        user.put("partnerId", partnerId);
        user.put("role", role);
        user.put("password", password);
        return user;
    }
}
