package io.partnerhub;

import static io.partnerhub.ApiFixture.OPERATOR;
import static io.partnerhub.ApiFixture.created;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * The fixtures of {@link RouteSweepTest}: partners with a customer, link, deal, project, presale,
 * tokens and a statement each, an act, an invoice and payments waiting in the queue, a co-marketing event of an Oblakoteka partner and a warm lead, and the callers that have no valid token (revoked, expired, forged)
 * or sign in to the portal.
 */
final class SweepWorld {

    private static final String PASSWORD = "long enough password";
    /** Partner B's deal is approved with this extra discount; how a page would show it: B's SALES user never sees it. */
    static final String DISCOUNT = "7.25";
    static final List<String> DISCOUNT_SHOWN = List.of("7.25", "7,25");

    private final Api api;
    private final ApiFixture fixture;
    private final JdbcClient jdbc;
    private final int port;
    private final String today = LocalDate.now(ZoneId.of("Europe/Moscow")).toString();

    SweepWorld(Api api, JdbcClient jdbc, int port) {
        this.api = api;
        this.fixture = new ApiFixture(api);
        this.jdbc = jdbc;
        this.port = port;
    }

    /** A partner's things; {@code markers} are texts only this partner's data contains. */
    record World(long partner, String token, Map<String, Object> placeholders, List<String> markers) {
    }

    World world(String program, String model) {
        long partner = fixture.partner(program, model, "2026-01-15");
        String taxId = api.get("/api/v1/partners/" + partner, OPERATOR).text("taxId");
        Api.Response token = api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}");
        long spareToken = created(api.post("/api/v1/partners/" + partner + "/tokens", OPERATOR, "{}"));
        long victim = fixture.partner(program, model, "2026-01-15");
        long customer = fixture.customer();
        String account = api.get("/api/v1/customers/" + customer, OPERATOR).text("accountId");
        long link = fixture.linked(partner, customer, "2026-02-01");
        String dealTaxId = Api.unique();
        String dealTitle = "Sweep deal " + dealTaxId;
        long deal = created(api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner, "customerTaxId", dealTaxId,
                "customerName", "Sweep customer " + dealTaxId, "title", dealTitle)));
        long project = "yandex-cloud".equals(program) ? created(api.post("/api/v1/projects", OPERATOR, Map.of(
                "partnerId", partner, "customerId", fixture.customer(), "projectId", "sweep-" + Api.unique(),
                "registeredOn", today, "ratePercent", 10))) : 0;
        long presale = created(api.post("/api/v1/presales", OPERATOR, Map.of("partnerId", partner, "title", "Sweep")));
        long coMarketingPartner = fixture.partner("oblakoteka", "AGENT", "2026-01-15");
        long coMarketingEvent = created(api.post("/api/v1/partners/" + coMarketingPartner + "/co-marketing-events",
                OPERATOR, Map.of("title", "Sweep", "date", "2021-02-01", "budget", "100.00", "partnerShare", "50.00")));
        long lead = created(api.post("/api/v1/leads", OPERATOR, Map.of("company", "Sweep lead", "specialization", "1c",
                "contact", "sweep@example.ru")));
        Map<String, Object> placeholders = new java.util.LinkedHashMap<>();
        placeholders.put("partner", partner);
        placeholders.put("partnerTaxId", taxId);
        placeholders.put("token", token.id());
        placeholders.put("spareToken", spareToken);
        placeholders.put("victim", victim);
        placeholders.put("customer", customer);
        placeholders.put("link", link);
        placeholders.put("deal", deal);
        placeholders.put("project", project);
        placeholders.put("presale", presale);
        placeholders.put("coMarketingEvent", coMarketingEvent);
        placeholders.put("lead", lead);
        placeholders.put("freeCustomer", fixture.customer());
        placeholders.put("projectCustomer", fixture.customer());
        placeholders.put("import", anImport());
        placeholders.put("cabinetUser", created(api.post("/api/v1/partners/" + partner + "/customers/" + customer
                + "/cabinet-users", OPERATOR, Map.of("email", "sweep-cabinet-" + Api.unique() + "@example.ru"))));
        placeholders.put("portalUser", created(api.post("/api/v1/portal-users", OPERATOR, Map.of("email",
                "sweep-" + Api.unique() + "@example.ru", "displayName", "Sweep", "role", "SALES", "partnerId", partner,
                "password", "long enough password"))));
        return new World(partner, token.text("token"), placeholders, List.of(taxId, account, dealTaxId, dealTitle));
    }

    /** Approves the partner's deal with {@link #DISCOUNT}. */
    void dealApproved(World w) {
        Api.Response approved = api.post("/api/v1/deals/" + w.placeholders().get("deal") + "/approve", OPERATOR,
                "{\"extraDiscountPercent\": " + DISCOUNT + "}");
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
    }

    /** A statement of each partner in {@code period}, then the period closed, so statements can be read. */
    void statementsIn(String period, World... worlds) {
        for (World w : worlds) {
            jdbc.sql("""
                            insert into statement (partner_id, period, program_id, program_version, model, tier, currency,
                                                   list_cost, eligible_cost, discount, reward, rebate, bonus, payable)
                            select id, cast(:period as date), program_id, date '2020-01-01', model, tier, 'RUB',
                                   0, 0, 0, 0, 0, 0, 0 from partner where id = :partner""")
                    .param("period", LocalDate.parse(period + "-01")).param("partner", w.partner()).update();
        }
        jdbc.sql("insert into accounting_period (period, status) values (:period, 'CLOSED') on conflict (period) do nothing")
                .param("period", LocalDate.parse(period + "-01")).update();
    }

    /** The invoice number prefix of each program (application.properties, partnerhub.billing.providers). */
    private static final Map<String, String> PREFIXES = Map.of("yandex-cloud", "YC", "vk-cloud", "VK", "oblakoteka", "OB");

    /**
     * A statement of each partner in {@code period} with a payable (1 500.00 at list price less 280.00 of
     * discount: 1 220.00, of which VAT at 22 % is 220.00), the period closed, and the monthly invoice its
     * close issues, numbered from the program's counter as the close numbers it: so each partner has an
     * act ({@code {billed}}) and an invoice ({@code {invoice}}). Also a payment no partner matched for
     * each: {@code {payment}} for the API's match, {@code {queuedPayment}} for the console's.
     */
    void billedIn(String period, World... worlds) {
        LocalDate month = LocalDate.parse(period + "-01");
        for (World w : worlds) {
            jdbc.sql("""
                            insert into statement (partner_id, period, program_id, program_version, model, tier, currency,
                                                   list_cost, eligible_cost, discount, reward, rebate, bonus, payable)
                            select id, :period, program_id, date '2020-01-01', model, tier, 'RUB',
                                   1500.00, 1500.00, 280.00, 0, 0, 0, 1220.00 from partner where id = :partner""")
                    .param("period", month).param("partner", w.partner()).update();
        }
        jdbc.sql("insert into accounting_period (period, status) values (:period, 'CLOSED') on conflict (period) do nothing")
                .param("period", month).update();
        for (World w : worlds) {
            String program = jdbc.sql("select program_id from partner where id = :id").param("id", w.partner())
                    .query(String.class).single();
            String number = jdbc.sql("""
                            with counter as (
                                insert into partner_invoice_counter (program_id, last_number) values (:program, 1)
                                on conflict (program_id) do update set last_number = partner_invoice_counter.last_number + 1
                                returning last_number)
                            insert into partner_invoice (program_id, seq, number, partner_id, kind, period, amount, currency,
                                                         vat_rate, vat, payment_terms, issued_on, due_on)
                            select :program, last_number, :prefix || '-' || lpad(last_number::text, 6, '0'), :partner,
                                   'MONTHLY', :period, 1220.00, 'RUB', 22, 220.00, 'POSTPAYMENT', :issued, :due from counter
                            returning number""")
                    .param("program", program).param("prefix", PREFIXES.get(program)).param("partner", w.partner())
                    .param("period", month).param("issued", month.plusMonths(1)).param("due", month.plusMonths(1).plusDays(10))
                    .query(String.class).single();
            w.placeholders().put("billed", period);
            w.placeholders().put("invoice", number);
            w.placeholders().put("payment", unmatchedPayment());
            w.placeholders().put("queuedPayment", unmatchedPayment());
        }
    }

    /** A payment whose payer is no partner: it waits in the queue. */
    private long unmatchedPayment() {
        return created(api.post("/api/v1/payments", OPERATOR, Map.of("amount", "10.00", "receivedOn", today,
                "payerTaxId", Api.unique(), "purpose", "Sweep", "reference", "sweep-" + Api.unique())));
    }

    private long anImport() {
        String file = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                + "sweep-" + Api.unique() + "," + today + ",Usage,Compute Cloud,1.00,RUB\n";
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                file.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        return imported.body().get("importId").asLong();
    }

    // ---- callers without a valid token, and portal sessions

    /** A cookie jar signed in to the portal as someone, or as nobody. */
    record Session(String name, HttpClient client, CookieManager cookies, AtomicReference<String> csrf) {
    }

    record Roles(Session operatorUser, Session adminA, Session salesB, Session anonymous,
                 String revokedToken, String expiredToken, String forgedToken, SweepWorld worlds) {

        Api.Response withCookie(Session session, String method, String path, String body, String contentType) {
            return worlds.send(session, method, path, body, contentType);
        }
    }

    Roles roles(World b, World a) {
        long revoked = fixture.partner("yandex-cloud", "RESELLER", "2026-01-15");
        String revokedToken = fixture.token(revoked);
        created(api.post("/api/v1/partners/" + revoked + "/revocation", OPERATOR, Map.of("reason", "sweep")));
        long expiring = fixture.partner("yandex-cloud", "RESELLER", "2026-01-15");
        Api.Response expired = api.post("/api/v1/partners/" + expiring + "/tokens", OPERATOR, "{}");
        jdbc.sql("update partner_token set expires_at = now() - interval '1 minute' where id = :id")
                .param("id", expired.id()).update();
        return new Roles(signedIn("OPERATOR", null), signedIn("ADMIN", a.partner()), signedIn("SALES", b.partner()),
                session("anonymous"), revokedToken, expired.text("token"), "ph_" + "forged".repeat(7), this);
    }

    private Session signedIn(String role, Long partner) {
        String email = "sweep-" + role.toLowerCase() + "-" + Api.unique() + "@example.ru";
        Map<String, Object> user = new java.util.LinkedHashMap<>(Map.of("email", email, "displayName", "Sweep " + role,
                "role", role, "password", PASSWORD));
        if (partner != null) {
            user.put("partnerId", partner);
        }
        created(api.post("/api/v1/portal-users", OPERATOR, user));
        Session session = session(role);
        Api.Response signIn = send(session, "POST", "/login", "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertThat(signIn.status()).as("sign-in of " + email + ": " + signIn.raw()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        readCsrf(session);
        return session;
    }

    private Session session(String name) {
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        Session session = new Session(name, client, cookies, new AtomicReference<>());
        readCsrf(session);
        return session;
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");

    /** The CSRF token as the sign-in form carries it (masked, as Spring Security expects it back). */
    private void readCsrf(Session session) {
        String page = send(session, "GET", "/login", null, null).raw();
        Matcher m = CSRF.matcher(page);
        assertThat(m.find()).as("a CSRF field on the sign-in form: " + page).isTrue();
        session.csrf().set(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** A request in the session: its cookies, and the CSRF token (from its cookie) on anything but a GET. */
    Api.Response send(Session session, String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (body != null && contentType.startsWith("application/x-www-form-urlencoded") && session.csrf().get() != null) {
            body = (body.isEmpty() ? "" : body + "&") + "_csrf=" + URLEncoder.encode(session.csrf().get(), StandardCharsets.UTF_8);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = session.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            var json = JsonMapper.builder().build();
            var node = raw == null || raw.isBlank() || !response.headers().firstValue("Content-Type").orElse("").contains("json")
                    ? json.nullNode() : json.readTree(raw);
            return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    node, raw, response.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
