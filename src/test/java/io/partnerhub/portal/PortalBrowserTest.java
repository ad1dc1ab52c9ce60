package io.partnerhub.portal;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.partnerhub.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal in a real browser: Debian's Chromium, headless, driven by Playwright. An operator
 * closes a month from the console; the partner's admin reads the statement it issued; nobody opens
 * another partner's page by URL; a sales person never sees a discount. A database of its own,
 * because the test closes a month. Screenshots of the pages go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-portal",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest extends BrowserTest {

    private long partner;
    private long otherPartner;
    private long deal;
    private long customer;

    @BeforeAll
    void makeData() {
        partner = partner("Portal Reseller");
        otherPartner = partner("Other Reseller");
        customer = api.post("/api/v1/customers", OPERATOR, Map.of("name", "Portal Customer",
                "taxId", Api.unique(), "accountId", "portal-vk-a")).id();
        String taxId = api.get("/api/v1/customers/" + customer, OPERATOR).text("taxId");
        assertThat(api.post("/api/v1/partners/" + partner + "/customers", OPERATOR,
                Map.of("customerId", customer, "from", "2026-03-01")).status()).isEqualTo(201);
        deal = api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner, "customerTaxId", taxId,
                "customerName", "Portal Customer", "title", "Migration", "registeredOn", "2026-03-01")).id();
        assertThat(api.post("/api/v1/deals/" + deal + "/approve", OPERATOR,
                Map.of("extraDiscountPercent", "20")).status()).isEqualTo(200);
        String csv = """
                SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,x_FundingSource
                portal-vk-a,2026-03-05T00:00:00Z,Usage,Cloud Servers,50000.00,RUB,MONEY
                portal-vk-a,2026-03-06T00:00:00Z,Usage,Marketplace,1000.00,RUB,MONEY
                """;
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);

        user("operator@portal.test", "Olga Operator", null, "OPERATOR");
        user("admin@portal.test", "Anna Admin", partner, "ADMIN");
        user("sales@portal.test", "Sergey Sales", partner, "SALES");
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedOnTheForm() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.navigate(url("/login"));
            page.fill("#email", "admin@portal.test");
            page.fill("#password", "not the password");
            page.click("button[type=submit]");

            assertThat(page.locator("[role=alert]")).hasText("Неверная почта или пароль.");
        }
    }

    @Test
    @Order(2)
    void anOperatorClosesTheMonthFromTheConsole() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "operator@portal.test");
            page.waitForURL(url("/console"));
            assertThat(page.locator("tr[data-period='2026-03'] td").nth(1)).hasText("открыт");

            page.locator("tr[data-period='2026-03'] button").click();

            assertThat(page.locator("[data-testid=close-result]")).containsText("Месяц март 2026 закрыт");
            assertThat(page.locator("tr[data-period='2026-03'] td").nth(1)).hasText("закрыт");
            assertThat(page.locator("tr[data-period='2026-03'] td").nth(2)).hasText("2");

            page.locator("tr[data-period='2026-03'] a").click();
            Locator portal = page.locator("[data-testid=period-statements] tr[data-partner='" + partner + "'] td");
            assertThat(portal.nth(0)).hasText("Portal Reseller");
            assertThat(portal.nth(4)).hasText("51 000,00 ₽");
            assertThat(portal.nth(5)).hasText("15 000,00 ₽");
            assertThat(portal.nth(8)).hasText("36 000,00 ₽");
            assertThat(page.locator("[data-testid=period-statements] tbody tr")).hasCount(2);
            page.fill("input[name=q]", "other");
            page.locator("form[role=search] button").click();
            assertThat(page.locator("[data-testid=period-statements] tbody tr")).hasCount(1);
            assertThat(page.locator("[data-testid=period-statements] tbody tr td").nth(8)).hasText("0,00 ₽");
            assertAccessible(page);
            screenshot(page, "console.png");
        }
    }

    @Test
    @Order(3)
    void thePartnersAdminReadsTheStatementWithEveryAmountAndItsExplanation() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));
            // 51 000.00 list cost, 15 000.00 discount (30 % of the eligible 50 000.00): 29.4 % of the list cost
            assertThat(page.locator("[data-testid=months] tbody tr").first().locator("td").nth(2)).hasText("51 000,00 ₽");
            assertThat(page.locator("[data-testid=months] tbody tr").first().locator("td").nth(3)).hasText("15 000,00 ₽");
            assertThat(page.locator("[data-testid=months] tbody tr").first().locator("td").nth(4)).hasText("29,4 %");
            // the first open month is 2026-04, in the quarter VK Cloud decides at the end of 2026-06; nothing imported yet
            assertThat(page.locator("[data-testid=forecast]")).containsText("Квартал (последний месяц — июнь 2026): пока 0,00 ₽");
            screenshot(page, "dashboard.png");

            page.locator("[data-testid=months] a", new Page.LocatorOptions().setHasText("март 2026")).click();

            assertThat(page.locator("[data-testid=total-listCost]")).hasText("51 000,00 ₽");
            assertThat(page.locator("[data-testid=total-discount]")).hasText("15 000,00 ₽");
            assertThat(page.locator("[data-testid=total-payable]")).hasText("36 000,00 ₽");
            // the explanations in the page's language (Russian): amounts with a decimal comma
            assertThat(page.locator("[data-testid=lines]")).containsText("Скидка 30\u00A0% от учитываемого потребления");
            assertThat(page.locator("[data-testid=lines]")).containsText("Не учитывается: Marketplace 1\u00A0000,00");
            screenshot(page, "statement.png");

            page.navigate(url("/portal/partners/" + partner + "/customers?q=portal"));
            assertThat(page.locator("[data-testid=customers] tbody tr")).hasCount(1);
            assertThat(page.locator("[data-testid=customers] tbody tr td").nth(0)).hasText("Portal Customer");
            assertThat(page.locator("[data-testid=customers] tbody tr td").nth(4)).hasText("активен");
            assertThat(page.locator("[data-testid=customers] tbody tr td").nth(5)).hasText("51 000,00 ₽");
            page.navigate(url("/portal/partners/" + partner + "/customers?q=nobody"));
            assertThat(page.locator("[data-testid=customers]")).hasCount(0);

            page.navigate(url("/portal/partners/" + partner + "?lang=en"));
            assertThat(page.locator("[data-testid=months] th").nth(2)).hasText("List cost");
            assertThat(page.locator("[data-testid=forecast]")).containsText("Quarter ending 2026-06 so far 0.00 RUB eligible");
        }
    }

    @Test
    @Order(4)
    void aPartnerCannotOpenAnotherPartnersPagesOrTheConsoleByUrl() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));

            for (String path : List.of("/portal/partners/" + otherPartner,
                    "/portal/partners/" + otherPartner + "/statements/2026-03",
                    "/portal/partners/" + otherPartner + "/statements/2026-03/csv", "/console")) {
                Response response = page.navigate(url(path));
                org.assertj.core.api.Assertions.assertThat(response.status()).as(path).isEqualTo(404);
                org.assertj.core.api.Assertions.assertThat(page.content()).as(path).doesNotContain("Other Reseller");
            }
        }
    }

    @Test
    @Order(5)
    void aSalesPersonSeesConsumptionButNoDiscount() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "sales@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));

            assertThat(page.locator("[data-testid=months] tbody tr").first().locator("td").nth(2)).hasText("51 000,00 ₽");
            org.assertj.core.api.Assertions.assertThat(page.content()).doesNotContain("15\u00A0000,00").doesNotContain("15000")
                    .doesNotContain("Скидка");
            Response statement = page.navigate(url("/portal/partners/" + partner + "/statements/2026-03"));
            org.assertj.core.api.Assertions.assertThat(statement.status()).isEqualTo(404);
        }
    }

    @Test
    @Order(6)
    void anOperatorUploadsUsageAndSeesEveryBadLineWithNothingStored() throws Exception {
        Path bad = Files.createTempFile("usage-bad", ".csv");
        Files.writeString(bad, """
                SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency
                portal-vk-a,2026-04-02T00:00:00Z,Usage,Cloud Servers,100.00,RUB
                portal-vk-a,2026-04-03T00:00:00Z,Usage,Cloud Servers,abc,RUB
                portal-vk-a,2026-04-04T00:00:00Z,Usage,Cloud Servers,300.00,XYZ
                """);
        Path good = Files.createTempFile("usage-good", ".csv");
        Files.writeString(good, """
                SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency
                portal-vk-a,2026-04-02T00:00:00Z,Usage,Cloud Servers,100.00,RUB
                portal-vk-a,2026-04-03T00:00:00Z,Usage,Cloud Servers,200.00,RUB
                """);
        Path restated = Files.createTempFile("usage-restated", ".csv");
        Files.writeString(restated, """
                SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency
                portal-vk-a,2026-04-03T06:00:00Z,Usage,Cloud Servers,200.00,RUB
                """);
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "operator@portal.test");
            page.waitForURL(url("/console"));
            page.navigate(url("/console/usage"));

            page.setInputFiles("#file", bad);
            page.locator("form[enctype] button[type=submit]").click();

            assertThat(page.locator("[data-testid=import-rejected]")).containsText("2 из 3");
            assertThat(page.locator("[data-testid=import-rejected] tbody tr")).hasCount(2);
            assertThat(page.locator("[data-testid=import-rejected] tbody tr").nth(0)).containsText("3");
            assertThat(page.locator("[data-testid=import-rejected] tbody tr").nth(0)).containsText("ListCost");
            assertThat(page.locator("[data-testid=import-rejected] tbody tr").nth(1)).containsText("4");
            assertThat(page.locator("[data-testid=import-rejected] tbody tr").nth(1)).containsText("BillingCurrency");
            screenshot(page, "usage-import.png");

            page.setInputFiles("#file", good);
            page.locator("form[enctype] button[type=submit]").click();

            assertThat(page.locator("[data-testid=import-accepted]")).containsText("Строк: 2; месяцы: 2026-04.");

            // a re-export of 2026-04-03 (the same 200.00, sent again at another hour) replaces that day's row
            page.setInputFiles("#file", restated);
            page.check("#mode");
            page.locator("form[enctype] button[type=submit]").click();

            assertThat(page.locator("[data-testid=import-superseded]")).hasText("Заменено ранее загруженных строк: 1.");
            assertThat(page.locator("#mode")).isChecked();
        }
    }

    @Test
    @Order(7)
    void aWithdrawalAboveTheBalanceIsRefusedNextToTheAmount() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));
            // 2026-04 so far: the 300.00 of Cloud Servers imported above, at the 30 % March had
            Locator soFar = page.locator("[data-testid=so-far] tbody td");
            assertThat(soFar.nth(0)).hasText("300,00 ₽");
            assertThat(soFar.nth(1)).hasText("90,00 ₽");
            assertThat(soFar.nth(2)).hasText("30 %");
            assertThat(soFar.nth(5)).hasText("210,00 ₽");

            page.navigate(url("/portal/partners/" + partner + "/balance"));
            assertThat(page.locator("[data-testid=balance]")).hasText("0,00 ₽");

            page.fill("input[name=amount]", "100.00");
            page.locator("form[action$='/withdrawals'] button[type=submit]").click();

            assertThat(page.locator("[data-testid=amount-error]"))
                    .hasText("the withdrawal of 100.00 exceeds the rebate balance of 0.00");
            assertThat(page.locator("input[name=amount]")).hasValue("100.00");
            assertThat(page.locator("[data-testid=balance]")).hasText("0,00 ₽");
        }
    }

    @Test
    @Order(8)
    void signingOutEndsTheSignIn() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));
            assertThat(page.locator("[data-testid=so-far]")).isVisible();
            // a page opened later in another tab leaves this page's forms working
            context.newPage().navigate(url("/portal/partners/" + partner + "/balance"));

            page.locator("form[action='/logout'] button").click();
            page.waitForURL(url("/login?signedOut"));
            page.navigate(url("/portal/partners/" + partner));

            page.waitForURL(url("/login"));
        }
    }

    @Test
    @Order(9)
    void aPartnerRegistersADealAndAnOperatorApprovesItFromTheQueue() {
        String taxId = Api.unique();
        String dealId;
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/deals"));
            page.fill("input[name=customerTaxId]", taxId);
            page.fill("input[name=customerName]", "Browser Customer");
            page.fill("input[name=title]", "Kubernetes migration");
            // VK Cloud approves no deal by itself: an operator decides each one
            page.fill("input[name=expectedMonthlyAmount]", "150000.00");
            page.locator("form[action$='/deals'] button[type=submit]").click();

            assertThat(page.locator("[data-testid=registered]")).containsText("зарегистрирована");
            dealId = page.locator("[data-testid=deals] tbody tr").first().getAttribute("data-deal");
            assertThat(page.locator("tr[data-deal='" + dealId + "'] td").nth(4)).hasText("на рассмотрении");
        }
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "operator@portal.test");
            page.waitForURL(url("/console"));
            page.navigate(url("/console/deals"));
            assertThat(page.locator("tr[data-deal='" + dealId + "']")).containsText(taxId);
            screenshot(page, "deal-queue.png");

            page.locator("tr[data-deal='" + dealId + "'] input[name=extraDiscountPercent]").fill("25");
            page.locator("tr[data-deal='" + dealId + "'] form[action$='/approve'] button").click();
            assertThat(page.locator("[data-testid=queue-refused]")).containsText("от 0 до предела программы 20 %; указано 25");

            page.locator("tr[data-deal='" + dealId + "'] input[name=extraDiscountPercent]").fill("15");
            page.locator("tr[data-deal='" + dealId + "'] form[action$='/approve'] button").click();
            assertThat(page.locator("[data-testid=decided]")).hasText("Сделка №" + dealId + " одобрена.");
            assertThat(page.locator("tr[data-deal='" + dealId + "']")).hasCount(0);
        }
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/deals"));
            assertThat(page.locator("tr[data-deal='" + dealId + "'] td").nth(4)).hasText("одобрена");
            assertThat(page.locator("tr[data-deal='" + dealId + "'] td").nth(6)).containsText("15");
        }
    }

    @Test
    @Order(10)
    void everyPageMeetsTheWcagRulesAxeChecksAndBreaksNoContentSecurityPolicyRule() {
        // every script, style, font and image the pages use is allowed by the policy: the browser
        // reports a refused one in the console
        List<String> refused = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (BrowserContext context = browser.newContext()) {
            context.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    refused.add(message.text());
                }
            });
            Page page = context.newPage();
            page.navigate(url("/login"));
            assertAccessible(page);
            page = signIn(context, "admin@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));
            // the chart is drawn by chart.js and portal.js, loaded under the policy
            page.waitForFunction("() => typeof Chart !== 'undefined' && Chart.getChart('months-chart') !== undefined");
            for (String path : List.of("", "/month-so-far", "/customers", "/customers/" + customer, "/statements/2026-03", "/balance",
                    "/deals", "/deals/" + deal, "/projects", "/users")) {
                page.navigate(url("/portal/partners/" + partner + path));
                assertAccessible(page);
            }
            page.navigate(url("/portal/password"));
            assertAccessible(page);
        }
        try (BrowserContext context = browser.newContext()) {
            context.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    refused.add(message.text());
                }
            });
            Page page = signIn(context, "operator@portal.test");
            page.waitForURL(url("/console"));
            for (String path : List.of("/console", "/console/periods/2026-03", "/console/deals", "/console/usage",
                    "/console/partners", "/console/partners/new", "/console/partners/" + partner,
                    "/console/programs", "/console/programs/vk-cloud", "/console/programs/yandex-cloud",
                    "/console/audit", "/console/audit?actor=operator@portal.test")) {
                page.navigate(url(path));
                assertAccessible(page);
            }
        }
        assertThat(refused).isEmpty();
        // and the browser does report a refusal: an inline script, as an injected one would be
        try (BrowserContext context = browser.newContext()) {
            context.onConsoleMessage(message -> {
                if (message.text().contains("Content Security Policy")) {
                    refused.add(message.text());
                }
            });
            Page page = context.newPage();
            page.navigate(url("/login"));
            page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';"
                    + " document.head.appendChild(s); }");
            page.waitForCondition(() -> !refused.isEmpty());
            assertThat(refused.getFirst())
                    .contains("Executing inline script violates the following Content Security Policy directive 'script-src 'self''");
            assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);
        }
    }

    @Test
    @Order(11)
    void theAccessibilityCheckFailsOnAPageWithAnUnlabelledField() {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            page.setContent("<!DOCTYPE html><html lang='en'><head><title>t</title></head>"
                    + "<body><main><input type='text' name='amount'></main></body></html>");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertAccessible(page))
                    .hasMessageContaining("label");
        }
    }

    @Test
    @Order(12)
    void withoutJavaScriptTheDashboardLinksToTheMonthSoFar() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
            Page page = signIn(context, "admin@portal.test");
            page.waitForURL(url("/portal/partners/" + partner));
            assertThat(page.locator("[data-testid=months] tbody tr").first().locator("td").nth(2)).hasText("51 000,00 ₽");
            assertThat(page.locator("[data-testid=so-far]")).hasCount(0);

            page.locator("#month-so-far a").click();

            page.waitForURL(url("/portal/partners/" + partner + "/month-so-far"));
            assertThat(page.locator("[data-testid=so-far] tbody td").nth(0)).hasText("300,00 ₽");
            assertThat(page.locator("[data-testid=forecast]")).containsText("июнь 2026");
        }
    }

    private long partner(String name) {
        return partner(name, "vk-cloud", "PARTNER", "2026-03-01");
    }
}
