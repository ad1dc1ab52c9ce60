package io.partnerhub.portal;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.partnerhub.Api;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.settlement.Statements;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A statement as a PDF, a customer's consumption per service, and consumption no partner claims,
 * in a real browser. March 2026 is closed; April is open. A database of its own (it closes a month).
 *
 * <pre>
 * st-acc-1  Заказчик Один, linked from 2026-03-01   March: Cloud Servers 1 000.00, Object Storage 234.50
 *                                                     April: Cloud Servers 100.00 + 200.00, Object Storage 50.00
 * st-acc-2  Ended Customer, 2026-03-01 to 03-20       March: Cloud Servers 100.00
 * st-lost   no customer, no partner                   April: Cloud Servers 70.00, Object Storage 5.25
 * March statement (VK Cloud partner, 10 % of eligible): list 1 334.50, discount 133.45, payable 1 201.05
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-portal-statements",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatementPagesBrowserTest extends BrowserTest {

    @Autowired
    StatementPdf pdf;
    @Autowired
    Partners partners;

    private long partner;
    private long otherPartner;
    private long active;
    private long ended;
    private long othersCustomer;

    @BeforeAll
    void makeData() {
        partner = partner("Партнёр Отчётов", "vk-cloud", "PARTNER", "2026-03-01");
        otherPartner = partner("Other Statements Partner", "vk-cloud", "PARTNER", "2026-03-01");
        active = customer("Заказчик Один", "st-acc-1");
        ended = customer("Ended Customer", "st-acc-2");
        othersCustomer = customer("Someone Else's", "st-acc-3");
        link(partner, active, Map.of("customerId", active, "from", "2026-03-01"));
        link(partner, ended, Map.of("customerId", ended, "from", "2026-03-01", "to", "2026-03-20"));
        link(otherPartner, othersCustomer, Map.of("customerId", othersCustomer, "from", "2026-03-01"));
        String csv = """
                SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,x_FundingSource
                st-acc-1,2026-03-05T00:00:00Z,Usage,Cloud Servers,1000.00,RUB,MONEY
                st-acc-1,2026-03-06T00:00:00Z,Usage,Object Storage,234.50,RUB,MONEY
                st-acc-2,2026-03-05T00:00:00Z,Usage,Cloud Servers,100.00,RUB,MONEY
                st-acc-1,2026-04-02T00:00:00Z,Usage,Cloud Servers,100.00,RUB,MONEY
                st-acc-1,2026-04-03T00:00:00Z,Usage,Cloud Servers,200.00,RUB,MONEY
                st-acc-1,2026-04-03T00:00:00Z,Usage,Object Storage,50.00,RUB,MONEY
                st-lost,2026-04-04T00:00:00Z,Usage,Cloud Servers,70.00,RUB,MONEY
                st-lost,2026-04-05T00:00:00Z,Usage,Object Storage,5.25,RUB,MONEY
                """;
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        Api.Response closed = api.post("/api/v1/periods/2026-03/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);

        user("operator@statements.test", "Oleg Operator", null, "OPERATOR");
        user("admin@statements.test", "Alla Admin", partner, "ADMIN");
    }

    @Test
    @Order(1)
    void theStatementPdfHoldsTheTotalsAndEveryLineInRussian() throws IOException {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@statements.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/statements/2026-03"));
            String href = page.locator("[data-testid=statement-pdf]").getAttribute("href");
            assertThat(href).isEqualTo("/portal/partners/" + partner + "/statements/2026-03/pdf");

            APIResponse response = context.request().get(url(href));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().get("content-type")).isEqualTo("application/pdf");
            try (PDDocument document = Loader.loadPDF(response.body())) {
                String text = new PDFTextStripper().getText(document);
                String nb = "\u00A0";
                assertThat(text).contains("Партнёр Отчётов", "март 2026", "Серебряный", "VK Cloud")
                        .contains("1" + nb + "334,50" + nb + "₽", "133,45" + nb + "₽", "1" + nb + "201,05" + nb + "₽")
                        // a line: its kind in Russian, the customer by name with its account, amount and explanation in Russian
                        .contains("Потребление", "Заказчик Один", "st-acc-1", "1" + nb + "234,50" + nb + "₽",
                                "Клиент " + active + " (st-acc-1): потребление по прайсу")
                        .contains("от учитываемого потребления")
                        .doesNotContain("consumption at list", "Discount 10");
            }
            assertThat(context.request().get(url("/portal/partners/" + otherPartner + "/statements/2026-03/pdf"))
                    .status()).isEqualTo(404);
        }
    }

    @Test
    @Order(2)
    void aCustomersPageShowsTheOpenMonthPerServiceAndTheClosedOneBesideItsStatement() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@statements.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/customers"));
            page.locator("[data-testid=customers] a", new Page.LocatorOptions().setHasText("Заказчик Один")).click();

            page.waitForURL(url("/portal/partners/" + partner + "/customers/" + active));
            assertThat(page.locator("[data-testid=link-status]")).hasText("активен");
            assertThat(page.locator("[data-testid=links] tbody tr td").nth(0)).hasText("01.03.2026");
            assertThat(cell(page, "tr[data-service='Cloud Servers']", "2026-04")).hasText("300,00 ₽");
            assertThat(cell(page, "tr[data-service='Object Storage']", "2026-04")).hasText("50,00 ₽");
            assertThat(cell(page, "[data-testid=consumption-total]", "2026-04")).hasText("350,00 ₽");
            assertThat(cell(page, "[data-testid=consumption-statement]", "2026-04")).hasText("не закрыт");
            assertThat(cell(page, "tr[data-service='Cloud Servers']", "2026-03")).hasText("1 000,00 ₽");
            assertThat(cell(page, "tr[data-service='Object Storage']", "2026-03")).hasText("234,50 ₽");
            assertThat(cell(page, "[data-testid=consumption-total]", "2026-03")).hasText("1 234,50 ₽");
            assertThat(cell(page, "[data-testid=consumption-statement]", "2026-03")).hasText("1 234,50 ₽");
            screenshot(page, "customer.png");

            for (String path : List.of("/portal/partners/" + partner + "/customers/" + othersCustomer,
                    "/portal/partners/" + otherPartner + "/customers/" + othersCustomer)) {
                Response refused = page.navigate(url(path));
                assertThat(refused.status()).as(path).isEqualTo(404);
                assertThat(page.content()).as(path).doesNotContain("Someone Else");
            }
        }
    }

    @Test
    @Order(3)
    void theCustomersListFiltersByLinkStatus() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@statements.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/customers"));
            assertThat(page.locator("[data-testid=customers] tbody tr")).hasCount(2);

            page.selectOption("[data-testid=status-filter]", "ended");
            page.locator("form[role=search] button[type=submit]").click();

            assertThat(page.locator("[data-testid=customers] tbody tr")).hasCount(1);
            assertThat(page.locator("[data-testid=customers] tbody tr td").nth(0)).hasText("Ended Customer");
            assertThat(page.locator("[data-testid=customers] tbody tr td").nth(4)).hasText("отвязан");

            page.selectOption("[data-testid=status-filter]", "active");
            page.locator("form[role=search] button[type=submit]").click();

            assertThat(page.locator("[data-testid=customers] tbody tr")).hasCount(1);
            assertThat(page.locator("[data-testid=customers] tbody tr td").nth(0)).hasText("Заказчик Один");
            assertThat(page.locator("[data-testid=status-filter]")).hasValue("active");
        }
    }

    @Test
    @Order(4)
    void theUsageConsoleShowsTheMonthsConsumptionNoPartnerClaims() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "operator@statements.test");
            page.waitForURL(url("/console"));
            page.navigate(url("/console/usage"));

            page.fill("#month", "2026-04");
            page.locator("[data-testid=unattributed] button[type=submit]").click();

            assertThat(page.locator("[data-testid=unattributed-table] tbody")).hasCount(1);
            assertThat(page.locator("tbody[data-account='st-lost'] tr")).hasCount(3);
            assertThat(page.locator("tbody[data-account='st-lost'] tr").nth(0)).containsText("Cloud Servers");
            assertThat(page.locator("tbody[data-account='st-lost'] tr").nth(0)).containsText("70,00 ₽");
            assertThat(page.locator("tbody[data-account='st-lost'] tr").nth(1)).containsText("5,25 ₽");
            assertThat(page.locator("tbody[data-account='st-lost'] [data-testid=account-total] th").nth(2))
                    .hasText("75,25 ₽");
            assertThat(page.locator("[data-testid=unattributed-total] th").nth(2)).hasText("75,25 ₽");
            screenshot(page, "unattributed.png");

            page.navigate(url("/console/usage?month=2026-03"));
            assertThat(page.locator("[data-testid=unattributed]")).containsText("За март 2026 потребления без партнёра нет.");
            page.navigate(url("/console/usage?month=April"));
            assertThat(page.locator("[data-testid=month-error]"))
                    .hasText("«April» — не месяц: укажите месяц в виде 2026-04.");
            assertThat(page.locator("#month")).hasAttribute("aria-invalid", "true");
        }
    }

    /** Not through the browser: how long 2 000 lines take to render, and that every one is there. */
    @Test
    @Order(5)
    void aStatementOfTwoThousandLinesRenders() throws IOException {
        List<Statements.LineView> lines = new ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            lines.add(new Statements.LineView(i, "LIST_COST", (long) i, null, null, "10.00", null,
                    "Customer " + i + " (acc-" + i + "): consumption at list"));
        }
        Statements.StatementView statement = new Statements.StatementView(1, "2026-03", "vk-cloud",
                LocalDate.of(2020, 1, 1), "PARTNER", "SILVER", "RUB",
                new Statements.TotalsView("20000.00", "20000.00", "0.00", "0.00", "0.00", "0.00", "20000.00", "0.00"),
                lines);
        Partner holder = partners.find(new Caller.Operator("test"), partner);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long started = System.nanoTime();

        pdf.write(holder, statement, Map.of(), Locale.forLanguageTag("ru"), out);

        System.out.printf("2 000-line statement PDF: %d ms, %d bytes%n", (System.nanoTime() - started) / 1_000_000,
                out.size());
        try (PDDocument document = Loader.loadPDF(out.toByteArray())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Партнёр Отчётов", "Customer 1 (acc-1)", "Customer 2000 (acc-2000)");
            assertThat(document.getNumberOfPages()).isGreaterThan(20);
        }
    }

    /**
     * The statement page speaks the page's language: its explanations are Russian on the Russian page,
     * with no English sentence left, and the same lines are English on the English page.
     * st-acc-2's link ends 2026-03-20, so its discount covers the month up to 2026-03-19 only.
     */
    @Test
    @Order(6)
    void theStatementPageExplainsEachLineInThePagesLanguage() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@statements.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/statements/2026-03"));

            List<String> russian = page.locator("[data-testid=lines] tbody tr td:nth-child(7)").allTextContents();

            assertThat(russian).contains(
                    "Клиент " + active + " (st-acc-1): потребление по прайсу",
                    "Скидка 10\u00A0% от учитываемого потребления: базовая 10\u00A0% (по условиям программы VK Cloud"
                            + " от 01.01.2020)",
                    "Клиент " + ended + " (st-acc-2): потребление по прайсу",
                    "Скидка 10\u00A0% от учитываемого потребления по 19.03.2026: базовая 10\u00A0% (по условиям"
                            + " программы VK Cloud от 01.01.2020)");
            assertThat(russian).hasSize(4).noneMatch(text -> text.matches(".*(consumption|Discount|terms of).*"));

            page.navigate(url("/portal/partners/" + partner + "/statements/2026-03?lang=en"));

            assertThat(page.locator("[data-testid=lines] tbody tr td:nth-child(7)").allTextContents()).containsExactly(
                    "Customer " + active + " (st-acc-1): consumption at list",
                    "Discount 10 % of eligible consumption: base 10 % (VK Cloud terms of 2020-01-01)",
                    "Customer " + ended + " (st-acc-2): consumption at list",
                    "Discount 10 % of eligible consumption until 2026-03-19: base 10 % (VK Cloud terms of 2020-01-01)");
        }
    }

    private static com.microsoft.playwright.Locator cell(Page page, String row, String month) {
        return page.locator("[data-testid=consumption] " + row + " [data-month='" + month + "']");
    }

    private long customer(String name, String account) {
        return api.post("/api/v1/customers", OPERATOR, Map.of("name", name, "taxId", Api.unique(),
                "accountId", account)).id();
    }

    private void link(long partnerId, long customerId, Map<String, Object> link) {
        Api.Response linked = api.post("/api/v1/partners/" + partnerId + "/customers", OPERATOR, link);
        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
    }
}
