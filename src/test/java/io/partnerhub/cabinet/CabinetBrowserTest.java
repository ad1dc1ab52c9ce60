package io.partnerhub.cabinet;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.partnerhub.Api;
import io.partnerhub.SetClock;
import io.partnerhub.ApiFixture;
import io.partnerhub.shared.Formats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The branded cabinet in a real browser (Debian's Chromium through Playwright), on a database of
 * its own with a clock the test sets. A VK Cloud White Label partner, "Облачный Сервис", brand
 * colour #0b6e4f, bills its customer at +20 % on Cloud Servers and +15 % otherwise, VAT 22 %,
 * postpaid in 10 days:
 *
 * <pre>
 * March  Cloud Servers 10 000.00 x 1.20 = 12 000.00; Object Storage 1 000.00 x 1.15 = 1 150.00
 *        subtotal 13 150.00, VAT 2 893.00, total 16 043.00 (invoice 1 of 2026-04-02, due 2026-04-12)
 * paid 5 000.00 on 2026-04-03: balance -11 043.00, the invoice OPEN
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-cabinet-browser",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import(CabinetBrowserTest.ScenarioClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CabinetBrowserTest {

    private static final AtomicReference<Instant> NOW = new AtomicReference<>(at("2026-02-10"));
    private static final String PASSWORD = "customer password 1";
    private static final String COLOUR = "#0b6e4f";
    private static final String COLOUR_RGB = "rgb(11, 110, 79)";
    private static final String NAME = "Облачный Сервис";
    private static final String LOGO = "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString("""
            <svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">
            <rect width="120" height="40" rx="8" fill="#ffd23f"/>
            <circle cx="20" cy="20" r="10" fill="#0b6e4f"/>
            <text x="38" y="27" font-family="sans-serif" font-size="18" font-weight="bold" fill="#0b6e4f">OS</text>
            </svg>""".getBytes(StandardCharsets.UTF_8));
    /** Like every page's screenshot, under target/; docs/screenshots/cabinet.png is a copy of one. */
    private static final Path SCREENSHOT = Paths.get("target/screenshots/cabinet.png");
    private static final Formats RU = Formats.of(Locale.forLanguageTag("ru"));
    private static final Formats EN = Formats.of(Locale.ENGLISH);


    @TestConfiguration
    static class ScenarioClock {
        @Bean
        @Primary
        Clock scenarioClock() {
            return new SetClock(NOW);
        }
    }

    @LocalServerPort
    int port;

    private Api api;
    private Playwright playwright;
    private Browser browser;
    private BrowserContext context;
    private long partner;
    private String email;

    @BeforeAll
    void aBrandedPartnerWithAnInvoicedCustomer() {
        NOW.set(at("2026-02-10"));
        api = new Api(port);
        ApiFixture fixture = new ApiFixture(api);
        partner = fixture.partner("vk-cloud", "WHITE_LABEL", "2026-01-01");
        String token = fixture.token(partner);
        long customer = fixture.customer();
        String account = api.get("/api/v1/customers/" + customer, OPERATOR).text("accountId");
        fixture.linked(partner, customer, "2026-02-01");
        ok(api.send("PUT", "/api/v1/partners/" + partner + "/branding", token, json(Map.of("displayName", NAME,
                "primaryColor", COLOUR, "logo", LOGO, "supportEmail", "help@oblako-servis.ru",
                "supportPhone", "+7 495 123-45-67", "docsUrl", "https://docs.oblako-servis.ru"))));
        ok(api.send("PUT", "/api/v1/partners/" + partner + "/price-list", token, json(Map.of("effectiveFrom", "2026-03-01",
                "defaultMarkupPercent", "15", "services", List.of(Map.of("service", "Cloud Servers", "markupPercent", "20"))))));
        ok(api.send("PUT", "/api/v1/partners/" + partner + "/customer-invoicing", token,
                "{\"simplifiedTaxSystem\": false, \"vatRate\": \"22\", \"dueDays\": 10}"));
        String csv = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                + account + ",2026-03-05T09:00:00Z,Usage,Cloud Servers,10000.00,RUB\n"
                + account + ",2026-03-06T09:00:00Z,Usage,Object Storage,1000.00,RUB\n";
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        NOW.set(at("2026-04-02"));
        ok(api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}"));
        NOW.set(at("2026-04-03"));
        Api.Response paid = api.post("/api/v1/partners/" + partner + "/customers/" + customer + "/payments", token,
                Map.of("amount", "5000.00", "receivedOn", "2026-04-03", "reference", "PP 1"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);

        email = "buh-" + Api.unique() + "@customer.test";
        Api.Response invited = api.post("/api/v1/partners/" + partner + "/customers/" + customer + "/cabinet-users", token,
                Map.of("email", email));
        assertThat(invited.status()).as(invited.raw()).isEqualTo(201);

        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    @AfterAll
    void stopBrowser() {
        context.close();
        browser.close();
        playwright.close();
    }

    @Test
    @Order(1)
    void theInviteeSetsAPasswordAndSignsInUnderThePartnersBrand() {
        Page page = context.newPage();
        page.navigate(url(invitationPath() + "?lang=ru"));
        assertThat(page.textContent("[data-testid=invitation-for]")).contains(NAME).contains(email);
        assertBranded(page);
        page.fill("#password", PASSWORD);
        page.fill("#repeated", PASSWORD);
        page.click("main button[type=submit]");
        assertThat(page.url()).endsWith("/cabinet/" + partner + "/login?invited");
        assertThat(page.isVisible("[data-testid=invited]")).isTrue();

        page.fill("#email", email);
        page.fill("#password", PASSWORD);
        page.click("main button[type=submit]");

        assertThat(page.url()).isEqualTo(url("/cabinet/" + partner + "/"));
        assertBranded(page);
        assertThat(page.textContent("[data-testid=cabinet-signed-in-as]")).isEqualTo(email);
        assertThat(page.textContent("[data-testid=balance]")).isEqualTo(RU.money("-11043.00", "RUB"));
        assertThat(page.textContent("[data-testid=paid]")).isEqualTo(RU.money("5000.00", "RUB"));
        assertThat(page.textContent("[data-testid=payment-model]")).isEqualTo("Постоплата");
        assertThat(page.textContent("[data-testid=invoice-total]")).isEqualTo(RU.money("16043.00", "RUB"));
        assertThat(page.textContent("[data-testid=invoice-status]")).isEqualTo("Ожидает оплаты");
        assertThat(page.textContent("[data-testid=cabinet-support]")).contains("help@oblako-servis.ru", "+7 495 123-45-67",
                "Документация");
        assertAccessible(page);
    }

    @Test
    @Order(2)
    void theInvoiceReadsInRussianAsFormatsWritesIt() throws Exception {
        Page page = context.newPage();
        page.navigate(url("/cabinet/" + partner + "/invoices/2026-03?lang=ru"));

        assertBranded(page);
        assertThat(page.textContent("[data-testid=invoice-title]")).isEqualTo("Счёт № 1 за " + RU.month("2026-03"));
        assertThat(page.locator("[data-testid=line-amount]").allTextContents())
                .containsExactly(RU.money("12000.00", "RUB"), RU.money("1150.00", "RUB"));
        assertThat(page.textContent("[data-testid=subtotal]")).isEqualTo(RU.money("13150.00", "RUB"));
        assertThat(page.textContent("[data-testid=vat]")).isEqualTo(RU.money("2893.00", "RUB"));
        assertThat(page.textContent("[data-testid=total]")).isEqualTo(RU.money("16043.00", "RUB"));
        assertThat(page.textContent("main")).contains("НДС " + RU.percent("22"));
        assertThat(page.textContent("[data-testid=invoice-due]")).isEqualTo("оплатить до " + RU.date(LocalDate.parse("2026-04-12")));
        assertThat(page.textContent("[data-testid=invoice-status]")).isEqualTo("Ожидает оплаты");
        assertThat(page.textContent("[data-testid=invoice-paid]")).contains(RU.money("5000.00", "RUB"));
        assertThat(page.content()).as("never a list price, a discount or the partner's terms")
                .doesNotContain(RU.money("10000.00", "RUB"), RU.money("1000.00", "RUB"), "скидк", "наценк");
        assertAccessible(page);
        Files.createDirectories(SCREENSHOT.getParent());
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOT).setFullPage(true));
    }

    @Test
    @Order(3)
    void inEnglishTheSameFiguresAreWrittenTheEnglishWay() {
        Page page = context.newPage();
        page.navigate(url("/cabinet/" + partner + "/invoices/2026-03?lang=en"));

        assertBranded(page);
        assertThat(page.textContent("[data-testid=invoice-title]")).isEqualTo("Invoice 1 for " + EN.month("2026-03"));
        assertThat(page.locator("[data-testid=line-amount]").allTextContents())
                .containsExactly(EN.money("12000.00", "RUB"), EN.money("1150.00", "RUB"));
        assertThat(page.textContent("[data-testid=subtotal]")).isEqualTo(EN.money("13150.00", "RUB"));
        assertThat(page.textContent("[data-testid=vat]")).isEqualTo(EN.money("2893.00", "RUB"));
        assertThat(page.textContent("[data-testid=total]")).isEqualTo(EN.money("16043.00", "RUB"));
        assertThat(page.textContent("[data-testid=invoice-due]")).isEqualTo("due by " + EN.date(LocalDate.parse("2026-04-12")));
        assertThat(page.textContent("[data-testid=invoice-status]")).isEqualTo("Open");

        page.navigate(url("/cabinet/" + partner + "/consumption"));
        assertThat(page.locator("[data-testid=consumption-amount]").allTextContents())
                .as("the language stays chosen").containsExactly(EN.money("12000.00", "RUB"), EN.money("1150.00", "RUB"));
        assertThat(page.textContent("h2")).isEqualTo(EN.month("2026-03"));
        page.navigate(url("/cabinet/" + partner + "/"));
        assertThat(page.textContent("[data-testid=balance]")).isEqualTo(EN.money("-11043.00", "RUB"));
        assertThat(page.textContent("[data-testid=payment-model]")).isEqualTo("Postpaid");
        assertAccessible(page);
    }

    @Test
    @Order(4)
    void signingOutEndsTheCabinet() {
        Page page = context.newPage();
        page.navigate(url("/cabinet/" + partner + "/?lang=ru"));
        page.click("header button[type=submit]");
        assertThat(page.url()).endsWith("/cabinet/" + partner + "/login?signedOut");
        page.navigate(url("/cabinet/" + partner + "/invoices"));
        assertThat(page.url()).endsWith("/cabinet/" + partner + "/login");
    }

    /** The header wears the partner's colour, name and logo (an image the browser could draw). */
    private void assertBranded(Page page) {
        assertThat(page.evalOnSelector("[data-testid=cabinet-header]", "e => getComputedStyle(e).backgroundColor"))
                .isEqualTo(COLOUR_RGB);
        assertThat(page.textContent("[data-testid=cabinet-name]")).isEqualTo(NAME);
        assertThat(page.isVisible("[data-testid=cabinet-logo]")).isTrue();
        assertThat(page.evalOnSelector("[data-testid=cabinet-logo]", "e => e.complete && e.naturalWidth")).isEqualTo(120);
    }

    private void assertAccessible(Page page) {
        AxeResults results = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze();
        List<String> violations = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getHelp() + "): " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList())
                .toList();
        assertThat(violations).as("accessibility of " + page.url()).isEmpty();
    }

    private String invitationPath() {
        Api.Response messages = api.get("/api/v1/outbound-messages?recipient=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                OPERATOR);
        assertThat(messages.status()).as(messages.raw()).isEqualTo(200);
        assertThat(messages.body().get(0).get("body").asString()).contains(NAME);
        return messages.body().get(0).get("path").asString();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
    }

    private static String json(Object value) {
        return new tools.jackson.databind.json.JsonMapper().writeValueAsString(value);
    }

    private static Instant at(String day) {
        return LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }
}
