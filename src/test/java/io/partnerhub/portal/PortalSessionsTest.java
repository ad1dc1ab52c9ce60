package io.partnerhub.portal;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.partnerhub.portal.PortalClient.location;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Portal sessions over plain HTTP, the cookie kept by hand: a session lives on the server, so
 * signing out, a password change and a user's removal end it there, and an old cookie sent again
 * gets the sign-in form, not the page. The session id changes on sign-in.
 */
@PlatformTest
class PortalSessionsTest {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private long partner;
    private String dashboard;

    @BeforeEach
    void aPartner() {
        api = new Api(port);
        partner = new ApiFixture(api).partner("vk-cloud", "PARTNER", "2026-01-15");
        dashboard = "/portal/partners/" + partner;
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
        String email = user("ADMIN").email;
        PortalClient browser = new PortalClient(port);
        assertThat(location(browser.signIn(email, PASSWORD))).isEqualTo("/");
        String cookie = browser.session();
        assertThat(browser.get(dashboard).statusCode()).isEqualTo(200);

        assertThat(location(browser.post("/logout", Map.of()))).isEqualTo("/login?signedOut");

        HttpResponse<String> withTheOldCookie = new PortalClient(port).withSession(cookie).get(dashboard);
        assertThat(withTheOldCookie.statusCode()).isEqualTo(302);
        assertThat(location(withTheOldCookie)).isEqualTo("/login");
        assertThat(sessionsOf(email)).isZero();
    }

    @Test
    void theSessionIdChangesOnSignInAndTheSessionLivesInPostgreSQL() {
        String email = user("FINANCE").email;
        PortalClient browser = new PortalClient(port);
        browser.get("/login");
        String beforeSignIn = browser.session();

        browser.signIn(email, PASSWORD);

        assertThat(beforeSignIn).isNotNull();
        assertThat(browser.session()).isNotNull().isNotEqualTo(beforeSignIn);
        assertThat(location(new PortalClient(port).withSession(beforeSignIn).get(dashboard))).isEqualTo("/login");
        assertThat(browser.get(dashboard).statusCode()).isEqualTo(200);
        // idle for 30 minutes (partnerhub.session.idle-timeout) ends it
        assertThat(jdbc.sql("select max_inactive_interval from spring_session where principal_name = :email")
                .param("email", email).query(Integer.class).single()).isEqualTo(1800);
    }

    @Test
    void aPasswordChangeEndsThePersonsOtherSessionsAndKeepsThisOne() {
        String email = user("ADMIN").email;
        PortalClient here = new PortalClient(port);
        PortalClient elsewhere = new PortalClient(port);
        here.signIn(email, PASSWORD);
        elsewhere.signIn(email, PASSWORD);
        assertThat(sessionsOf(email)).isEqualTo(2);

        here.get("/portal/password");
        HttpResponse<String> changed = here.post("/portal/password",
                Map.of("current", PASSWORD, "password", "a new long password", "repeated", "a new long password"));

        assertThat(location(changed)).isEqualTo("/portal/password?changed");
        assertThat(location(elsewhere.get(dashboard))).isEqualTo("/login");
        assertThat(here.get(dashboard).statusCode()).isEqualTo(200);
        assertThat(sessionsOf(email)).isEqualTo(1);
        assertThat(location(new PortalClient(port).signIn(email, PASSWORD))).isEqualTo("/login?error");
        assertThat(location(new PortalClient(port).signIn(email, "a new long password"))).isEqualTo("/");
    }

    @Test
    void aPasswordChangeIsRefusedNextToTheFieldInTheReadersLanguage() {
        String email = user("SALES").email;
        PortalClient browser = new PortalClient(port);
        browser.signIn(email, PASSWORD);
        browser.get("/portal/password");

        HttpResponse<String> wrongCurrent = browser.post("/portal/password",
                Map.of("current", "not my password", "password", "a new long password", "repeated", "a new long password"));
        HttpResponse<String> tooLong = browser.post("/portal/password",
                Map.of("current", PASSWORD, "password", "я".repeat(37), "repeated", "я".repeat(37)));
        HttpResponse<String> tooLongInEnglish = browser.post("/portal/password?lang=en",
                Map.of("current", PASSWORD, "password", "a".repeat(73), "repeated", "a".repeat(73)));
        HttpResponse<String> differs = browser.post("/portal/password?lang=ru",
                Map.of("current", PASSWORD, "password", "a new long password", "repeated", "another long password"));

        assertThat(wrongCurrent.statusCode()).isEqualTo(422);
        assertThat(wrongCurrent.body()).contains("data-testid=\"current-error\">Это не ваш текущий пароль.</small>");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("data-testid=\"password-error\">Пароль длиннее 72 байт в UTF-8"
                + " (кириллическая буква занимает 2 байта): сократите его.</small>");
        assertThat(tooLongInEnglish.statusCode()).isEqualTo(422);
        assertThat(tooLongInEnglish.body()).contains("data-testid=\"password-error\">The password is longer than 72"
                + " bytes in UTF-8 (a Cyrillic letter takes 2 bytes): shorten it.</small>");
        assertThat(differs.statusCode()).isEqualTo(422);
        assertThat(differs.body()).contains("data-testid=\"repeated-error\">Пароли не совпадают.</small>");
        assertThat(location(new PortalClient(port).signIn(email, PASSWORD))).isEqualTo("/");
    }

    @Test
    void removingAUserEndsItsSessionsAndItsSignIn() {
        User sales = user("SALES");
        PortalClient browser = new PortalClient(port);
        browser.signIn(sales.email, PASSWORD);
        assertThat(browser.get(dashboard).statusCode()).isEqualTo(200);

        Api.Response removed = api.post("/api/v1/portal-users/" + sales.id + "/disable", Api.OPERATOR_TOKEN, "{}");

        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        assertThat(removed.text("email")).isEqualTo(sales.email);
        assertThat(removed.text("disabledAt")).isNotNull();
        assertThat(location(browser.get(dashboard))).isEqualTo("/login");
        assertThat(sessionsOf(sales.email)).isZero();
        assertThat(location(new PortalClient(port).signIn(sales.email, PASSWORD))).isEqualTo("/login?error");
        assertThat(api.post("/api/v1/portal-users/" + sales.id + "/disable", Api.OPERATOR_TOKEN, "{}").text("disabledAt"))
                .isEqualTo(removed.text("disabledAt"));
        assertThat(api.get("/api/v1/partners/" + partner + "/portal-users", Api.OPERATOR_TOKEN).raw())
                .contains("\"disabledAt\":\"" + removed.text("disabledAt") + "\"");
    }

    @Test
    void onlyAnOperatorOrThePartnersAdminRemovesAUserAndNobodyThemselves() {
        User sales = user("SALES");
        long other = new ApiFixture(api).partner("vk-cloud", "PARTNER", "2026-01-15");
        String ownToken = new ApiFixture(api).token(partner);
        String otherToken = new ApiFixture(api).token(other);
        User operator = user(null, "OPERATOR");
        PortalClient operatorBrowser = new PortalClient(port);
        operatorBrowser.signIn(operator.email, PASSWORD);
        operatorBrowser.get("/portal/partners/" + partner + "/users");

        assertThat(api.post("/api/v1/portal-users/" + sales.id + "/disable", ownToken, "{}").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/portal-users/" + sales.id + "/disable", otherToken, "{}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/portal-users/" + operator.id + "/disable", ownToken, "{}").status()).isEqualTo(404);
        assertThat(api.post("/api/v1/portal-users/999999999/disable", Api.OPERATOR_TOKEN, "{}").status()).isEqualTo(404);
        assertThat(operatorBrowser.post("/portal/partners/" + partner + "/users/" + operator.id + "/disable", Map.of())
                .statusCode()).isEqualTo(404);
        assertThat(location(new PortalClient(port).signIn(sales.email, PASSWORD))).isEqualTo("/");
    }

    @Test
    void thePartnersAdminRemovesAUserFromTheUsersPageAndTheAuditLogSaysWho() {
        User admin = user("ADMIN");
        User sales = user("SALES");
        PortalClient adminBrowser = new PortalClient(port);
        PortalClient salesBrowser = new PortalClient(port);
        adminBrowser.signIn(admin.email, PASSWORD);
        salesBrowser.signIn(sales.email, PASSWORD);
        String users = adminBrowser.get("/portal/partners/" + partner + "/users").body();
        assertThat(users).contains("/portal/partners/" + partner + "/users/" + sales.id + "/disable")
                .doesNotContain("/portal/partners/" + partner + "/users/" + admin.id + "/disable");

        HttpResponse<String> removed = adminBrowser.post(
                "/portal/partners/" + partner + "/users/" + sales.id + "/disable", Map.of());
        HttpResponse<String> self = adminBrowser.post(
                "/portal/partners/" + partner + "/users/" + admin.id + "/disable", Map.of());

        assertThat(location(removed)).isEqualTo("/portal/partners/" + partner + "/users?removed=" + sales.email.replace("@", "%40"));
        assertThat(location(salesBrowser.get(dashboard))).isEqualTo("/login");
        assertThat(adminBrowser.get(location(removed)).body())
                .contains("Пользователь " + sales.email + " удалён: войти он больше не может, его входы завершены.")
                .contains("data-testid=\"user-disabled\">удалён ");
        assertThat(self.statusCode()).isEqualTo(422);
        assertThat(self.body()).contains("you cannot remove yourself");
        assertThat(jdbc.sql("select actor from audit_entry where path = :path")
                .param("path", "/portal/partners/" + partner + "/users/" + sales.id + "/disable")
                .query(String.class).list()).containsExactly(admin.email);
    }

    @Test
    void aRevokedPartnersPeopleAreSignedOutAtOnceAndCannotSignInAgain() {
        User admin = user("ADMIN");
        PortalClient browser = new PortalClient(port);
        browser.signIn(admin.email, PASSWORD);
        assertThat(browser.get(dashboard).statusCode()).isEqualTo(200);

        Api.Response revoked = api.post("/api/v1/partners/" + partner + "/revocation", Api.OPERATOR_TOKEN,
                Map.of("reason", "Breach of the program's terms"));

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        HttpResponse<String> next = browser.get(dashboard);
        assertThat(location(next)).isEqualTo("/login?ended");
        assertThat(browser.get("/login?ended").body()).contains("data-testid=\"access-ended\"");
        assertThat(sessionsOf(admin.email)).isZero();
        assertThat(location(new PortalClient(port).signIn(admin.email, PASSWORD))).isEqualTo("/login?error");
    }

    @Test
    void afterTheExitDateThePartnersPeopleOnlyReadUntilTheReadWindowEnds() {
        User admin = user("ADMIN");
        exitedOn(java.time.LocalDate.now(io.partnerhub.shared.Today.ZONE).minusDays(10));
        PortalClient browser = new PortalClient(port);
        browser.signIn(admin.email, PASSWORD);

        HttpResponse<String> read = browser.get("/portal/partners/" + partner + "/deals");
        HttpResponse<String> write = browser.post("/portal/partners/" + partner + "/deals",
                Map.of("customerTaxId", Api.unique(), "customerName", "After the exit", "title", "After the exit"));

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("data-testid=\"partner-left\"").contains("Партнёр вышел из программы");
        assertThat(jdbc.sql("select count(*) from deal where partner_id = :partner").param("partner", partner)
                .query(Integer.class).single()).isZero();

        jdbc.sql("update exit_notice set exit_date = exit_date - 80, given_on = given_on - 80 where partner_id = :partner")
                .param("partner", partner).update();
        assertThat(location(browser.get(dashboard))).isEqualTo("/login?ended");
        assertThat(location(new PortalClient(port).signIn(admin.email, PASSWORD))).isEqualTo("/login?error");
    }

    private void exitedOn(java.time.LocalDate exitDate) {
        jdbc.sql("""
                        insert into exit_notice (partner_id, given_on, exit_date, recorded_by)
                        values (:partner, :given, :exit, 'portal-sessions-test')""")
                .param("partner", partner).param("given", exitDate.minusDays(30)).param("exit", exitDate).update();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        PortalClient browser = new PortalClient(port);
        HttpResponse<String> login = browser.get("/login");
        Api.Response apiRead = api.get("/api/v1/partners/" + partner, Api.OPERATOR_TOKEN);
        Api.Response apiRefused = api.get("/api/v1/partners/" + partner, null);

        for (java.net.http.HttpHeaders headers : List.of(login.headers(), apiRead.headers(), apiRefused.headers())) {
            assertThat(headers.allValues("Content-Security-Policy")).containsExactly("default-src 'self';"
                    + " script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self';"
                    + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
            assertThat(headers.allValues("Referrer-Policy")).containsExactly("same-origin");
            assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(headers.allValues("X-Frame-Options")).containsExactly("DENY");
        }
        assertThat(apiRead.status()).isEqualTo(200);
        assertThat(apiRefused.status()).isEqualTo(401);
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(PortalClient.COOKIE + "=")).findFirst().orElseThrow();
        assertThat(cookie).isEqualTo(PortalClient.COOKIE + "=" + browser.session() + "; Path=/; HttpOnly; SameSite=Lax");
    }

    @Test
    void aPasswordOverBcryptsSeventyTwoBytesIsRefusedNamingTheField() {
        Api.Response ascii73 = api.post("/api/v1/portal-users", Api.OPERATOR_TOKEN, body(email(), "a".repeat(73)));
        Api.Response cyrillic37 = api.post("/api/v1/portal-users", Api.OPERATOR_TOKEN, body(email(), "я".repeat(37)));
        String exactly72 = "a".repeat(71) + "!";
        String email = email();
        Api.Response ascii72 = api.post("/api/v1/portal-users", Api.OPERATOR_TOKEN, body(email, exactly72));

        assertThat(ascii73.status()).as(ascii73.raw()).isEqualTo(422);
        assertThat(ascii73.contentType()).startsWith("application/problem+json");
        assertThat(ascii73.text("detail")).isEqualTo("The password is longer than 72 bytes.");
        assertThat(ascii73.body().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(ascii73.body().get("errors").get(0).get("message").asString())
                .isEqualTo("may be at most 72 bytes in UTF-8 (a Cyrillic letter takes 2), not 73");
        assertThat(cyrillic37.status()).isEqualTo(422);
        assertThat(cyrillic37.body().get("errors").get(0).get("message").asString())
                .isEqualTo("may be at most 72 bytes in UTF-8 (a Cyrillic letter takes 2), not 74");
        assertThat(ascii72.status()).as(ascii72.raw()).isEqualTo(201);
        assertThat(location(new PortalClient(port).signIn(email, exactly72))).isEqualTo("/");
        // a typed password over the limit is only a wrong one at the form
        assertThat(location(new PortalClient(port).signIn(email, exactly72 + "x".repeat(30)))).isEqualTo("/login?error");
    }

    @Test
    void anOperatorCreatingAUserOnTheConsoleIsToldThePasswordIsTooLong() {
        User operator = user(null, "OPERATOR");
        PortalClient browser = new PortalClient(port);
        browser.signIn(operator.email, PASSWORD);
        browser.get("/console/partners/" + partner);

        HttpResponse<String> refused = browser.post("/console/partners/" + partner + "/users",
                Map.of("email", email(), "displayName", "Long", "role", "SALES", "password", "я".repeat(40)));

        assertThat(refused.body()).contains("data-testid=\"user-password-error\"")
                .contains("Пароль длиннее 72 байт в UTF-8 (кириллическая буква занимает 2 байта): сократите его.");
    }

    private record User(long id, String email) {
    }

    private User user(String role) {
        return user(partner, role);
    }

    private User user(Long partnerId, String role) {
        String email = email();
        Api.Response created = api.post("/api/v1/portal-users", Api.OPERATOR_TOKEN, body(email, PASSWORD, partnerId, role));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return new User(created.id(), email);
    }

    private Map<String, Object> body(String email, String password) {
        return body(email, password, partner, "SALES");
    }

    private static Map<String, Object> body(String email, String password, Long partnerId, String role) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("email", email);
        user.put("displayName", "Someone");
        user.put("partnerId", partnerId);
        user.put("role", role);
        user.put("password", password);
        return user;
    }

    private static String email() {
        return "session-" + Api.unique() + "@portal.test";
    }

    private int sessionsOf(String email) {
        return jdbc.sql("select count(*) from spring_session where principal_name = :email")
                .param("email", email).query(Integer.class).single();
    }
}
