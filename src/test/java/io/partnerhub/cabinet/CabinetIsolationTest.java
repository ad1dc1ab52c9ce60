package io.partnerhub.cabinet;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import io.partnerhub.shared.Formats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who a cabinet session lets in, over real HTTP: partner P with customers X and Y, partner Q with
 * customer Z; X's person signs in to P's cabinet. Invoices are written straight into the tables
 * (the close that issues them is CustomerInvoicesScenarioTest's business):
 *
 * <pre>
 * P: X 2026-01 no. 1  1 000.00 + VAT 200.00 = 1 200.00 (Cloud Servers)
 *    Y 2026-01 no. 2  2 000.00 + VAT 400.00 = 2 400.00 (Kubernetes)
 *    Y 2026-02 no. 3  3 000.00 + VAT 600.00 = 3 600.00 (Object Storage)
 * </pre>
 */
@PlatformTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CabinetIsolationTest {

    private static final String PASSWORD = "customer password 1";
    private static final Formats RU = Formats.of(Locale.forLanguageTag("ru"));

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private ApiFixture fixture;
    private long p;
    private String tokenP;
    private long q;
    private String tokenQ;
    private long x;
    private long y;
    private long z;

    @BeforeAll
    void partnersCustomersAndInvoices() {
        api = new Api(port);
        fixture = new ApiFixture(api);
        p = fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
        q = fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
        tokenP = fixture.token(p);
        tokenQ = fixture.token(q);
        x = fixture.customer();
        y = fixture.customer();
        z = fixture.customer();
        fixture.linked(p, x, "2026-01-01");
        fixture.linked(p, y, "2026-01-01");
        fixture.linked(q, z, "2026-01-01");
        long prices = jdbc.sql("""
                        insert into price_list (partner_id, effective_from, default_markup, created_by)
                        values (:p, date '2026-01-01', 10, 'test') returning id""")
                .param("p", p).query(Long.class).single();
        invoice(prices, x, "2026-01-01", 1, "Cloud Servers", "1000.00", "200.00");
        invoice(prices, y, "2026-01-01", 2, "Kubernetes", "2000.00", "400.00");
        invoice(prices, y, "2026-02-01", 3, "Object Storage", "3000.00", "600.00");
    }

    @Test
    void anInvitationLinkWorksOnceAndOnlyUnderItsPartner() {
        String email = email();
        String path = invite(p, x, email, tokenP);
        String underQ = path.replace("/cabinet/" + p + "/", "/cabinet/" + q + "/");

        CabinetClient browser = new CabinetClient(port);
        assertThat(browser.get(underQ).statusCode()).as("the link under another partner's address").isEqualTo(404);
        assertThat(browser.get(path).statusCode()).isEqualTo(200);
        HttpResponse<String> accepted = browser.post(path, Map.of("password", PASSWORD, "repeated", PASSWORD));
        assertThat(CabinetClient.location(accepted)).isEqualTo("/cabinet/" + p + "/login?invited");
        HttpResponse<String> again = browser.post(path, Map.of("password", "another password 2", "repeated",
                "another password 2"));
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(new CabinetClient(port).get(path).statusCode()).isEqualTo(410);
        assertThat(location(new CabinetClient(port).signInToCabinet(p, email, "another password 2")))
                .as("the second use set nothing").endsWith("/login?error");
        assertThat(location(new CabinetClient(port).signInToCabinet(p, email, PASSWORD))).isEqualTo("/cabinet/" + p + "/");
        assertThat(api.get("/api/v1/partners/" + p + "/customers/" + x + "/cabinet-users", tokenP).body().toString())
                .contains(email).contains("ACTIVE");
    }

    @Test
    void aPasswordIsSetByThePortalsRules() {
        String path = invite(p, x, email(), tokenP);
        CabinetClient browser = new CabinetClient(port);
        browser.get(path);
        HttpResponse<String> tooShort = browser.post(path, Map.of("password", "short", "repeated", "short"));
        assertThat(tooShort.statusCode()).isEqualTo(422);
        assertThat(tooShort.body()).contains("data-testid=\"password-error\"");
        assertThat(browser.get(path).statusCode()).as("a refused password spends no link").isEqualTo(200);
    }

    @Test
    void aPartnerInvitesOnlyForItsOwnCustomers() {
        assertThat(api.post("/api/v1/partners/" + q + "/customers/" + x + "/cabinet-users", tokenQ,
                Map.of("email", email())).status()).as("a customer Q never held").isEqualTo(404);
        assertThat(api.post("/api/v1/partners/" + p + "/customers/" + x + "/cabinet-users", tokenQ,
                Map.of("email", email())).status()).as("another partner's customer").isEqualTo(404);
        assertThat(api.get("/api/v1/partners/" + p + "/customers/" + x + "/cabinet-users", tokenQ).status())
                .isEqualTo(404);
        String taken = email();
        invite(p, x, taken, tokenP);
        assertThat(api.post("/api/v1/partners/" + p + "/customers/" + y + "/cabinet-users", tokenP,
                Map.of("email", taken)).status()).as("one person per e-mail and partner").isEqualTo(409);
        assertThat(api.post("/api/v1/partners/" + p + "/customers/" + x + "/cabinet-users", tokenP,
                Map.of("email", "not an address")).status()).isEqualTo(422);
    }

    @Test
    void aCustomersPersonReadsOnlyItsOwnCustomersInvoices() {
        CabinetClient xs = signedIn(x);

        HttpResponse<String> list = xs.get("/cabinet/" + p + "/invoices");
        HttpResponse<String> january = xs.get("/cabinet/" + p + "/invoices/2026-01?customerId=" + y);
        HttpResponse<String> february = xs.get("/cabinet/" + p + "/invoices/2026-02?customerId=" + y);
        HttpResponse<String> overview = xs.get("/cabinet/" + p + "/?customerId=" + y);
        HttpResponse<String> consumption = xs.get("/cabinet/" + p + "/consumption?customerId=" + y);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(RU.money("1200.00", "RUB"));
        assertThat(january.statusCode()).isEqualTo(200);
        assertThat(january.body()).contains(RU.money("1200.00", "RUB"), "Cloud Servers");
        assertThat(february.statusCode()).as("Y's February: X has no such invoice").isEqualTo(404);
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(consumption.statusCode()).isEqualTo(200);
        for (HttpResponse<String> page : List.of(list, january, february, overview, consumption)) {
            assertThat(page.body()).as(page.uri().toString())
                    .doesNotContain("Kubernetes", "Object Storage", RU.money("2400.00", "RUB"), RU.money("3600.00", "RUB"),
                            RU.money("2000.00", "RUB"), RU.money("3000.00", "RUB"));
        }
    }

    @Test
    void aCabinetSessionOpensNoOtherCabinetNorThePortalNorTheApi() {
        CabinetClient xs = signedIn(x);

        for (String other : List.of("/cabinet/" + q + "/", "/cabinet/" + q + "/invoices", "/cabinet/" + q + "/consumption",
                "/cabinet/" + q + "/invoices/2026-01")) {
            assertThat(xs.get(other).statusCode()).as(other).isEqualTo(404);
        }
        for (String portal : List.of("/", "/portal/partners/" + p, "/portal/partners/" + p + "/customers/" + x,
                "/portal/partners/" + p + "/statements", "/portal/password", "/console", "/console/partners")) {
            HttpResponse<String> answer = xs.get(portal);
            assertThat(answer.statusCode()).as(portal).isIn(302, 403, 404);
            if (answer.statusCode() == 302) {
                assertThat(CabinetClient.location(answer)).as(portal).isEqualTo("/login");
            }
        }
        for (String call : List.of("/api/v1/partners/" + p, "/api/v1/partners/" + p + "/customers/" + x + "/account",
                "/api/v1/partners/" + p + "/customers/" + x + "/invoices/2026-01",
                "/api/v1/partners/" + p + "/customers/" + x + "/cabinet-users")) {
            assertThat(xs.get(call).statusCode()).as(call).isEqualTo(401);
        }
        assertThat(xs.post("/api/v1/partners/" + p + "/customers/" + x + "/cabinet-users", Map.of("email", email()))
                .statusCode()).isEqualTo(401);
        assertThat(xs.get("/cabinet/" + p + "/").statusCode()).as("still signed in to its own cabinet").isEqualTo(200);
    }

    @Test
    void aPortalSessionOpensNoCabinet() {
        String admin = email();
        assertThat(api.post("/api/v1/portal-users", OPERATOR, Map.of("email", admin, "displayName", "P's admin",
                "role", "ADMIN", "partnerId", p, "password", PASSWORD)).status()).isEqualTo(201);
        String operator = email();
        assertThat(api.post("/api/v1/portal-users", OPERATOR, Map.of("email", operator, "displayName", "Operator",
                "role", "OPERATOR", "password", PASSWORD)).status()).isEqualTo(201);

        for (String person : List.of(admin, operator)) {
            CabinetClient portal = new CabinetClient(port);
            assertThat(CabinetClient.location(portal.signIn(person, PASSWORD))).isEqualTo("/");
            assertThat(portal.get("/portal/partners/" + p).statusCode()).isEqualTo(200);
            for (String page : List.of("/cabinet/" + p + "/", "/cabinet/" + p + "/invoices",
                    "/cabinet/" + p + "/invoices/2026-01", "/cabinet/" + p + "/consumption")) {
                HttpResponse<String> answer = portal.get(page);
                assertThat(answer.statusCode()).as(person + " on " + page).isEqualTo(302);
                assertThat(CabinetClient.location(answer)).isEqualTo("/cabinet/" + p + "/login");
            }
            assertThat(location(portal.signInToCabinet(p, person, PASSWORD))).as("a portal password opens no cabinet")
                    .endsWith("/login?error");
        }
    }

    @Test
    void aDisabledPersonIsSignedOutAndSignsInNoMore() {
        String email = email();
        String path = invite(p, x, email, tokenP);
        CabinetClient browser = new CabinetClient(port);
        browser.get(path);
        browser.post(path, Map.of("password", PASSWORD, "repeated", PASSWORD));
        CabinetClient session = new CabinetClient(port);
        assertThat(location(session.signInToCabinet(p, email, PASSWORD))).isEqualTo("/cabinet/" + p + "/");
        assertThat(session.get("/cabinet/" + p + "/").statusCode()).isEqualTo(200);
        long user = api.get("/api/v1/partners/" + p + "/customers/" + x + "/cabinet-users", tokenP).body().valueStream()
                .filter(u -> u.get("email").asString().equals(email)).findFirst().orElseThrow().get("id").asLong();

        Api.Response disabled = api.post("/api/v1/partners/" + p + "/customers/" + x + "/cabinet-users/" + user
                + "/disable", tokenP, "{}");
        Api.Response byQ = api.post("/api/v1/partners/" + q + "/customers/" + z + "/cabinet-users/" + user
                + "/disable", tokenQ, "{}");

        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(200);
        assertThat(disabled.text("status")).isEqualTo("DISABLED");
        assertThat(byQ.status()).isEqualTo(404);
        HttpResponse<String> after = session.get("/cabinet/" + p + "/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(CabinetClient.location(after)).isEqualTo("/cabinet/" + p + "/login");
        assertThat(location(new CabinetClient(port).signInToCabinet(p, email, PASSWORD))).endsWith("/login?error");
    }

    /** A revoked partner's cabinet closes with it: its customers' people are signed out and sign in no more. */
    @Test
    void aRevokedPartnersCabinetCloses() {
        long r = fixture.partner("vk-cloud", "PARTNER", "2026-01-01");
        String tokenR = fixture.token(r);
        long customer = fixture.customer();
        fixture.linked(r, customer, "2026-01-01");
        String email = email();
        String path = invite(r, customer, email, tokenR);
        CabinetClient browser = new CabinetClient(port);
        browser.get(path);
        browser.post(path, Map.of("password", PASSWORD, "repeated", PASSWORD));
        CabinetClient session = new CabinetClient(port);
        assertThat(location(session.signInToCabinet(r, email, PASSWORD))).isEqualTo("/cabinet/" + r + "/");
        assertThat(session.get("/cabinet/" + r + "/").statusCode()).isEqualTo(200);

        Api.Response revoked = api.post("/api/v1/partners/" + r + "/revocation", OPERATOR, Map.of("reason", "non-compliance"));

        assertThat(revoked.status()).as(revoked.raw()).isEqualTo(201);
        HttpResponse<String> after = session.get("/cabinet/" + r + "/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(CabinetClient.location(after)).isEqualTo("/cabinet/" + r + "/login");
        assertThat(location(new CabinetClient(port).signInToCabinet(r, email, PASSWORD))).endsWith("/login?error");
        java.util.List<String> audited = new java.util.ArrayList<>();
        api.get("/api/v1/audit?path=/cabinet/" + r + "/", OPERATOR).body().forEach(e -> audited.add(
                e.get("method").asString() + " " + e.get("path").asString() + " " + e.get("partnerId").asLong()));
        assertThat(audited).as("the cabinet's form posts are audited, the invitation's token never stored")
                .contains("POST /cabinet/" + r + "/invitations/{token} " + r, "POST /cabinet/" + r + "/login " + r)
                .noneMatch(line -> line.contains(path.substring(path.lastIndexOf('/') + 1)));
    }

    @Test
    void thePartnersAdminInvitesInThePortalAndNobodyElseThere() {
        String admin = portalUser("ADMIN", p);
        String sales = portalUser("SALES", p);
        String otherAdmin = portalUser("ADMIN", q);
        String page = "/portal/partners/" + p + "/customers/" + x + "/cabinet-users";
        String invitee = email();

        CabinetClient portal = new CabinetClient(port);
        portal.signIn(admin, PASSWORD);
        assertThat(portal.get("/portal/partners/" + p + "/customers/" + x).body()).contains(page);
        assertThat(portal.get(page).statusCode()).isEqualTo(200);
        HttpResponse<String> invited = portal.post(page, Map.of("email", invitee));
        HttpResponse<String> notHers = portal.get("/portal/partners/" + p + "/customers/" + z + "/cabinet-users");

        assertThat(CabinetClient.location(invited)).startsWith(page + "?invited=");
        assertThat(portal.get(page).body()).contains(invitee);
        assertThat(notHers.statusCode()).as("a customer P never held").isEqualTo(404);
        Api.Response messages = api.get("/api/v1/outbound-messages?all=true&recipient="
                + URLEncoder.encode(invitee, StandardCharsets.UTF_8), OPERATOR);
        assertThat(messages.body().get(0).get("path").asString()).startsWith("/cabinet/" + p + "/invitations/cab_");
        for (String person : List.of(sales, otherAdmin)) {
            CabinetClient other = new CabinetClient(port);
            other.signIn(person, PASSWORD);
            assertThat(other.get(page).statusCode()).as(person).isEqualTo(404);
            other.get("/portal/password");
            assertThat(other.post(page, Map.of("email", email())).statusCode()).as(person).isEqualTo(404);
        }
    }

    @Test
    void noSuchPartnerHasNoCabinet() {
        assertThat(new CabinetClient(port).get("/cabinet/999999999/login").statusCode()).isEqualTo(404);
        assertThat(new CabinetClient(port).get("/cabinet/not-a-partner/login").statusCode()).isEqualTo(404);
    }

    // ---- helpers

    /** A person of {@code customer} of P, invited, with a password, signed in. */
    private CabinetClient signedIn(long customer) {
        String email = email();
        String path = invite(p, customer, email, tokenP);
        CabinetClient browser = new CabinetClient(port);
        browser.get(path);
        assertThat(CabinetClient.location(browser.post(path, Map.of("password", PASSWORD, "repeated", PASSWORD))))
                .endsWith("?invited");
        assertThat(location(browser.signInToCabinet(p, email, PASSWORD))).isEqualTo("/cabinet/" + p + "/");
        return browser;
    }

    /** Invites and returns the link's path as the outbox holds it. */
    private String invite(long partner, long customer, String email, String token) {
        Api.Response invited = api.post("/api/v1/partners/" + partner + "/customers/" + customer + "/cabinet-users", token,
                Map.of("email", email));
        assertThat(invited.status()).as(invited.raw()).isEqualTo(201);
        assertThat(invited.raw()).as("the partner never sees the link").doesNotContain("cab_");
        Api.Response messages = api.get("/api/v1/outbound-messages?all=true&recipient="
                + URLEncoder.encode(email, StandardCharsets.UTF_8), OPERATOR);
        assertThat(messages.status()).as(messages.raw()).isEqualTo(200);
        var last = messages.body().get(messages.body().size() - 1);
        assertThat(last.get("kind").asString()).isEqualTo("CABINET_INVITATION");
        return last.get("path").asString();
    }

    private String portalUser(String role, long partner) {
        String email = email();
        Api.Response created = api.post("/api/v1/portal-users", OPERATOR, Map.of("email", email, "displayName", role,
                "role", role, "partnerId", partner, "password", PASSWORD));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return email;
    }

    private static String location(HttpResponse<String> response) {
        return CabinetClient.location(response);
    }

    private static String email() {
        return "cabinet-" + Api.unique() + "@customers.test";
    }

    private void invoice(long prices, long customer, String period, int number, String service, String subtotal,
                         String vat) {
        long id = jdbc.sql("""
                        insert into customer_invoice (partner_id, customer_id, period, number, issued_on, payment_model,
                                                      due_on, price_list_id, subtotal, vat_rate, vat, total, currency)
                        values (:p, :c, :period, :number, :period, 'POSTPAID', :due, :prices, :subtotal, 20, :vat,
                                :subtotal + :vat, 'RUB') returning id""")
                .param("p", p).param("c", customer).param("period", LocalDate.parse(period)).param("number", number)
                .param("due", LocalDate.parse(period).plusMonths(1)).param("prices", prices)
                .param("subtotal", new java.math.BigDecimal(subtotal)).param("vat", new java.math.BigDecimal(vat))
                .query(Long.class).single();
        jdbc.sql("insert into customer_invoice_line (invoice_id, line_no, service, amount) values (:id, 1, :s, :a)")
                .param("id", id).param("s", service).param("a", new java.math.BigDecimal(subtotal)).update();
    }
}
