package io.partnerhub.portal;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.partnerhub.Api;
import io.partnerhub.shared.Formats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal speaks its reader's language: figures, dates and months written the Russian or the
 * English way on every money page, names instead of ids, no English word on a Russian money page,
 * every page within a 1280 px window, and CSV files a Russian spreadsheet opens as they are.
 * A database of its own (it closes a month).
 *
 * <pre>
 * lg-acc-1  Заказчик Один, linked from 2026-03-01   March: Cloud Servers 86 000.00, Object Storage 935.17
 *                                                     April: Cloud Servers 300.00, Object Storage 50.00
 * March statement (VK Cloud, PARTNER, Silver, 10 % of eligible): list 86 935.17, discount 8 693.52,
 * payable 78 241.65; April so far: list 350.00, discount 35.00, payable 315.00
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-portal-language",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalLanguageBrowserTest extends BrowserTest {

    private static final String NB = "\u00A0";
    private static final int WINDOW = 1280;

    /**
     * Latin words a Russian money page may show, and why: the product's and the provider's brand
     * names, the file formats on the download buttons, the language switch, and the service names
     * as the provider's usage export writes them. Account ids are taken out before the check (they
     * are the provider's identifiers).
     */
    private static final Set<String> LATIN_ALLOWED = Set.of(
            "Partnerhub",            // the product
            "VK", "Cloud",           // the program's name as its file gives it (brand)
            "CSV", "PDF",            // file formats on the download buttons
            "RU", "EN",              // the language switch
            "English",               // the sign-in page's language switch names each language in itself
            "Servers", "Object", "Storage"); // service names from the provider's export ("Cloud Servers")

    @Autowired
    private JdbcClient jdbc;

    private long partner;
    private long other;
    private long customer;

    @BeforeAll
    void makeData() {
        partner = partner("Партнёр Языков", "vk-cloud", "PARTNER", "2026-03-01");
        other = partner("Чужой Партнёр", "vk-cloud", "PARTNER", "2026-03-01");
        customer = api.post("/api/v1/customers", OPERATOR, Map.of("name", "Заказчик Один", "taxId", Api.unique(),
                "accountId", "lg-acc-1")).id();
        Api.Response linked = api.post("/api/v1/partners/" + partner + "/customers", OPERATOR,
                Map.of("customerId", customer, "from", "2026-03-01"));
        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
        String csv = """
                SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,x_FundingSource
                lg-acc-1,2026-03-05T00:00:00Z,Usage,Cloud Servers,86000.00,RUB,MONEY
                lg-acc-1,2026-03-06T00:00:00Z,Usage,Object Storage,935.17,RUB,MONEY
                lg-acc-1,2026-04-02T00:00:00Z,Usage,Cloud Servers,300.00,RUB,MONEY
                lg-acc-1,2026-04-03T00:00:00Z,Usage,Object Storage,50.00,RUB,MONEY
                """;
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        Api.Response closed = api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);

        user("operator@language.test", "Ольга Операторова", null, "OPERATOR");
        user("admin@language.test", "Анна Админова", partner, "ADMIN");
    }

    @Test
    @Order(1)
    void theMoneyPagesWriteFiguresTheRussianWayAndNameThings() {
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            Page page = signIn(context, "admin@language.test");
            page.waitForURL(url("/portal/partners/" + partner));

            // dashboard: the program, model and tier by name; the closed month by name, its figures
            assertThat(text(page, "[data-testid=program]")).isEqualTo("VK Cloud");
            assertThat(text(page, "[data-testid=tier]")).isEqualTo("Серебряный");
            String march = "[data-testid=months] tbody tr";
            assertThat(text(page, march + " td >> nth=0")).isEqualTo("март 2026");
            assertThat(text(page, march + " td >> nth=2")).isEqualTo("86" + NB + "935,17" + NB + "₽");
            assertThat(text(page, march + " td >> nth=3")).isEqualTo("8" + NB + "693,52" + NB + "₽");
            assertThat(text(page, march + " td >> nth=4")).isEqualTo("10" + NB + "%");
            assertThat(text(page, march + " td >> nth=7")).isEqualTo("78" + NB + "241,65" + NB + "₽");
            // the chart's months by name and its tooltips as the table writes them
            String chart = text(page, "#months-data");
            assertThat(chart).contains("\"март 2026\"", "\"ru-RU\"", "86" + NB + "935,17" + NB + "₽");
            // the month so far, loaded into the dashboard
            page.locator("[data-testid=so-far]").waitFor();
            assertThat(text(page, "[data-testid=so-far] tbody td >> nth=0")).isEqualTo("350,00" + NB + "₽");
            assertThat(text(page, "[data-testid=so-far] tbody td >> nth=1")).isEqualTo("35,00" + NB + "₽");
            assertThat(text(page, "[data-testid=so-far] tbody td >> nth=5")).isEqualTo("315,00" + NB + "₽");
            assertNoEnglish(page);
            screenshot(page, "dashboard-ru.png");

            page.navigate(url("/portal/partners/" + partner + "/month-so-far"));
            assertThat(page.title()).startsWith("Месяц апрель 2026");
            assertNoEnglish(page);

            // the menu reaches the statements
            page.navigate(url("/portal/partners/" + partner));
            page.locator("header nav a", new Page.LocatorOptions().setHasText("Отчёты")).click();
            page.waitForURL(url("/portal/partners/" + partner + "/statements"));
            assertThat(text(page, "[data-testid=statements] tr[data-period='2026-03'] td >> nth=0")).isEqualTo("март 2026");
            assertThat(text(page, "[data-testid=statements] tr[data-period='2026-03'] td >> nth=1")).isEqualTo("Серебряный");
            assertThat(text(page, "[data-testid=statements] tr[data-period='2026-03'] td >> nth=6"))
                    .isEqualTo("78" + NB + "241,65" + NB + "₽");
            assertNoEnglish(page);

            page.locator("[data-testid=statements] a", new Page.LocatorOptions().setHasText("март 2026")).click();
            page.waitForURL(url("/portal/partners/" + partner + "/statements/2026-03"));
            assertThat(text(page, "h1")).isEqualTo("Отчёт за март 2026");
            assertThat(text(page, "[data-testid=statement-program]")).isEqualTo("VK Cloud, условия от 01.01.2020");
            assertThat(text(page, "[data-testid=total-listCost]")).isEqualTo("86" + NB + "935,17" + NB + "₽");
            assertThat(text(page, "[data-testid=total-discount]")).isEqualTo("8" + NB + "693,52" + NB + "₽");
            assertThat(text(page, "[data-testid=total-payable]")).isEqualTo("78" + NB + "241,65" + NB + "₽");
            // customers by name with the account beside it, never a bare number
            assertThat(page.locator("[data-testid=line-customer]").allTextContents().stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).distinct().toList())
                    .allSatisfy(c -> assertThat(c).startsWith("Заказчик Один").endsWith("lg-acc-1"));
            assertNoEnglish(page);
            screenshot(page, "statement-ru.png");

            page.navigate(url("/portal/partners/" + partner + "/balance"));
            assertThat(text(page, "[data-testid=balance]")).isEqualTo("0,00" + NB + "₽");
            // the default the form names is the one a withdrawal takes: this month
            assertThat(page.locator("input[name=period]").getAttribute("placeholder")).matches("\\d{4}-\\d{2}");
            assertNoEnglish(page);

            page.navigate(url("/portal/partners/" + partner + "/customers/" + customer));
            assertThat(text(page, "[data-testid=links] tbody td >> nth=0")).isEqualTo("01.03.2026");
            assertThat(text(page, "[data-testid=consumption] th[data-month='2026-03'] span")).isEqualTo("март 2026");
            assertThat(text(page, "[data-testid=consumption] tr[data-service='Cloud Servers'] [data-month='2026-03']"))
                    .isEqualTo("86" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=consumption-total] [data-month='2026-04']")).isEqualTo("350,00" + NB + "₽");
            assertNoEnglish(page);

            page.navigate(url("/portal/partners/" + partner + "/customers"));
            assertNoEnglish(page);
        }
    }

    @Test
    @Order(2)
    void theSamePagesInEnglish() {
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            Page page = signIn(context, "admin@language.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "?lang=en"));

            assertThat(text(page, "[data-testid=tier]")).isEqualTo("Silver");
            String march = "[data-testid=months] tbody tr";
            assertThat(text(page, march + " td >> nth=0")).isEqualTo("March 2026");
            assertThat(text(page, march + " td >> nth=2")).isEqualTo("86,935.17" + NB + "RUB");
            assertThat(text(page, march + " td >> nth=4")).isEqualTo("10%");
            assertThat(text(page, "#months-data")).contains("\"March 2026\"", "\"en-US\"");
            page.locator("[data-testid=so-far]").waitFor();
            assertThat(text(page, "[data-testid=so-far] tbody td >> nth=5")).isEqualTo("315.00" + NB + "RUB");

            page.navigate(url("/portal/partners/" + partner + "/statements/2026-03"));
            assertThat(text(page, "h1")).isEqualTo("Statement for March 2026");
            assertThat(text(page, "[data-testid=statement-program]")).isEqualTo("VK Cloud, terms of Jan 1, 2020");
            assertThat(text(page, "[data-testid=total-payable]")).isEqualTo("78,241.65" + NB + "RUB");

            page.navigate(url("/portal/partners/" + partner + "/balance"));
            assertThat(text(page, "[data-testid=balance]")).isEqualTo("0.00" + NB + "RUB");

            page.navigate(url("/portal/partners/" + partner + "/customers/" + customer));
            assertThat(text(page, "[data-testid=links] tbody td >> nth=0")).isEqualTo("Mar 1, 2026");
            assertThat(text(page, "[data-testid=consumption] th[data-month='2026-03'] span")).isEqualTo("March 2026");
            assertThat(text(page, "[data-testid=consumption-total] [data-month='2026-04']")).isEqualTo("350.00" + NB + "RUB");

            page.navigate(url("/portal/partners/" + partner + "/month-so-far"));
            assertThat(page.title()).startsWith("April 2026, not closed yet");
        }
    }

    @Test
    @Order(3)
    void everyPageFitsA1280PixelWindow() {
        List<String> tooWide = new ArrayList<>();
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            Page page = signIn(context, "admin@language.test");
            page.waitForURL(url("/portal/partners/" + partner));
            String p = "/portal/partners/" + partner;
            for (String lang : List.of("ru", "en")) {
                for (String path : List.of(p, p + "/month-so-far", p + "/statements", p + "/statements/2026-03",
                        p + "/customers", p + "/customers/" + customer, p + "/balance", p + "/deals",
                        p + "/projects", p + "/users", "/portal/password", "/portal/no-such-page")) {
                    tooWide.addAll(wider(page, path + (path.contains("?") ? "&" : "?") + "lang=" + lang));
                }
            }
        }
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            Page page = signIn(context, "operator@language.test");
            page.waitForURL(url("/console"));
            for (String lang : List.of("ru", "en")) {
                for (String path : List.of("/console", "/console/periods/2026-03", "/console/deals", "/console/usage",
                        "/console/usage?month=2026-04", "/console/partners", "/console/partners/new",
                        "/console/partners/" + partner, "/console/programs", "/console/programs/vk-cloud",
                        "/console/programs/yandex-cloud", "/console/programs/oblakoteka", "/console/audit",
                        "/portal/partners/" + partner + "/statements/2026-03")) {
                    tooWide.addAll(wider(page, path + (path.contains("?") ? "&" : "?") + "lang=" + lang));
                }
            }
        }
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            tooWide.addAll(wider(context.newPage(), "/login?lang=ru"));
        }
        assertThat(tooWide).as("pages wider than a %d px window", WINDOW).isEmpty();
    }

    @Test
    @Order(4)
    void theAuditLogNamesPeopleAndPartners() {
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            Page page = signIn(context, "operator@language.test");
            page.waitForURL(url("/console"));
            page.navigate(url("/console/audit?lang=ru"));
            List<String> actors = page.locator("[data-testid=audit-actor]").allTextContents();
            assertThat(actors).contains("API-токен оператора", "Анна Админова (admin@language.test)");
            assertThat(actors).noneMatch(a -> a.startsWith("user:") || a.startsWith("partner:") || a.equals("operator"));
            assertThat(page.locator("[data-testid=audit-entries] a", new Page.LocatorOptions().setHasText("Партнёр Языков"))
                    .count()).isPositive();
            screenshot(page, "audit-names.png");
        }
    }

    @Test
    @Order(5)
    void aRussianCsvOpensInARussianSpreadsheetAndTheApiKeepsItsCsv() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            Page page = signIn(context, "admin@language.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/statements/2026-03?lang=ru"));
            String href = page.locator("[data-testid=statement-csv]").getAttribute("href");
            APIResponse russian = context.request().get(url(href));
            byte[] body = russian.body();
            assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
            String text = new String(body, StandardCharsets.UTF_8).substring(1);
            assertThat(text.lines().findFirst().orElseThrow()).isEqualTo(
                    "partnerId;period;lineNo;kind;customerId;base;rate;amount;currency;corrects;explanation");
            assertThat(text).containsPattern(";\\d+,\\d{2};RUB;").doesNotContainPattern("\\d\\.\\d{2};RUB;");

            page.navigate(url("/portal/partners/" + partner + "/statements/2026-03?lang=en"));
            String english = new String(context.request().get(url(href)).body(), StandardCharsets.UTF_8);
            assertThat(english).startsWith("partnerId,period,lineNo").containsPattern(",\\d+\\.\\d{2},RUB,");
        }
        HttpClient http = HttpClient.newHttpClient();
        String api = "http://localhost:" + port + "/api/v1/partners/" + partner + "/statements/2026-03.csv";
        String plain = http.send(HttpRequest.newBuilder(URI.create(api)).header("Authorization", "Bearer " + OPERATOR)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(plain).startsWith("partnerId,period,lineNo").containsPattern(",\\d+\\.\\d{2},RUB,");
        String ru = http.send(HttpRequest.newBuilder(URI.create(api)).header("Authorization", "Bearer " + OPERATOR)
                .header("Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(ru).startsWith("\uFEFFpartnerId;period;lineNo").containsPattern(";\\d+,\\d{2};RUB;");
    }

    @Test
    @Order(6)
    void aMissingPageAndAnotherPartnersPageReadTheSameAndTheFaviconIsThere() {
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            Page page = signIn(context, "admin@language.test");
            page.waitForURL(url("/portal/partners/" + partner));
            Response missing = page.navigate(url("/portal/no-such-page?lang=ru"));
            assertThat(missing.status()).isEqualTo(404);
            String missingTitle = text(page, "[data-testid=refused-title]");
            Response refused = page.navigate(url("/portal/partners/" + other));
            assertThat(refused.status()).isEqualTo(404);
            assertThat(text(page, "[data-testid=refused-title]")).isEqualTo(missingTitle).isEqualTo("Страница не найдена");
            assertThat(page.title()).isEqualTo("Страница не найдена · Partnerhub");

            String icon = page.locator("link[rel=icon]").getAttribute("href");
            APIResponse svg = context.request().get(url(icon));
            assertThat(svg.status()).isEqualTo(200);
            assertThat(svg.headers().get("content-type")).startsWith("image/svg+xml");
        }
    }

    /**
     * The pages that end a partner's access read right in both languages and fit the window: the
     * sign-in page after the access ended, and the refusal a partner's people get after its exit
     * when they try to change something (its dates as every page writes them).
     */
    @Test
    @Order(7)
    void theEndOfAccessAndTheExitPageReadRightInBothLanguages() {
        long left = partner("Партнёр Ушедший", "vk-cloud", "PARTNER", "2026-04-01");
        user("admin@left.test", "Лев Ушедший", left, "ADMIN");
        LocalDate exitDate = LocalDate.now(Formats.MOSCOW).minusDays(10);
        jdbc.sql("""
                        insert into exit_notice (partner_id, given_on, exit_date, recorded_by)
                        values (:partner, :given, :exit, 'portal-language-test')""")
                .param("partner", left).param("given", exitDate.minusDays(40)).param("exit", exitDate).update();
        List<String> tooWide = new ArrayList<>();
        try (BrowserContext context = browser.newContext(new Browser1280().options())) {
            Page page = context.newPage();
            page.navigate(url("/login?ended&lang=ru"));
            assertThat(text(page, "[data-testid=access-ended]")).isEqualTo("Доступ партнёра к порталу закончился: его статус"
                    + " отозван или истёк срок после выхода из программы.");
            assertNoEnglish(page);
            tooWide.addAll(wider(page, "/login?ended&lang=ru"));
            page.navigate(url("/login?ended&lang=en"));
            assertThat(text(page, "[data-testid=access-ended]")).isEqualTo("The partner's access to the portal has ended:"
                    + " its status was revoked, or the time after it left the program is over.");
            tooWide.addAll(wider(page, "/login?ended&lang=en"));
        }
        for (String lang : List.of("ru", "en")) {
            try (BrowserContext context = browser.newContext(new Browser1280().options())) {
                Page page = signIn(context, "admin@left.test");
                page.waitForURL(url("/portal/partners/" + left));
                page.navigate(url("/portal/partners/" + left + "/deals?lang=" + lang));
                page.fill("input[name=customerTaxId]", Api.unique());
                page.fill("input[name=customerName]", "После выхода");
                page.fill("input[name=title]", "После выхода");
                Response refused = page.waitForNavigation(() -> page.locator("form[action$='/deals'] button[type=submit]").click());

                assertThat(refused.status()).isEqualTo(403);
                String exit = Formats.of(Locale.forLanguageTag(lang)).date(exitDate);
                String notice = text(page, "[data-testid=partner-left]");
                if (lang.equals("ru")) {
                    assertThat(notice).startsWith("Партнёр вышел из программы " + exit + ": до ")
                            .matches(".*до \\d{2}\\.\\d{2}\\.\\d{4} включительно портал только показывает его данные,"
                                    + " изменить ничего нельзя\\.");
                    assertNoEnglish(page);
                } else {
                    assertThat(notice).startsWith("The partner left the program on " + exit + ": until ")
                            .matches(".*until [A-Z][a-z]{2} \\d{1,2}, \\d{4} inclusive the portal only shows its data and"
                                    + " changes nothing\\.");
                }
                Number width = (Number) page.evaluate("() => document.documentElement.scrollWidth");
                if (width.intValue() > WINDOW) {
                    tooWide.add("the exit page in " + lang + " is " + width + " px wide");
                }
            }
        }
        assertThat(tooWide).as("pages wider than a %d px window", WINDOW).isEmpty();
    }

    /** Fails on any Latin word outside the allow-list in the page's visible text. */
    private static void assertNoEnglish(Page page) {
        Object visible = page.evaluate("""
                () => {
                  const copy = document.body.cloneNode(true);
                  copy.querySelectorAll('script').forEach(e => e.remove());
                  document.body.appendChild(copy);
                  copy.style.position = 'absolute';
                  const text = copy.innerText;
                  copy.remove();
                  return text;
                }""");
        String text = String.valueOf(visible).replaceAll("lg-acc-\\d+", " ");
        Set<String> english = new TreeSet<>();
        Matcher words = Pattern.compile("[A-Za-z]+").matcher(text);
        while (words.find()) {
            if (!LATIN_ALLOWED.contains(words.group())) {
                english.add(words.group());
            }
        }
        assertThat(english).as("Latin words on the Russian page " + page.url()).isEmpty();
    }

    /** The page if it is wider than the window: its address and its scroll width. */
    private List<String> wider(Page page, String path) {
        page.navigate(url(path));
        page.waitForLoadState();
        Number width = (Number) page.evaluate("() => document.documentElement.scrollWidth");
        return width.intValue() > WINDOW ? List.of(path + " is " + width + " px wide") : List.of();
    }

    private static String text(Page page, String selector) {
        return page.locator(selector).first().textContent().strip();
    }

    /** A browser window 1280 px wide. */
    private static final class Browser1280 {
        com.microsoft.playwright.Browser.NewContextOptions options() {
            return new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(WINDOW, 900);
        }
    }
}
