package io.partnerhub.portal;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The customer-billing pages in a browser, on a database of its own with a clock the test sets: a
 * VK Cloud White Label partner (Silver, 10 % base discount) sets its price list, reads the
 * guardrail's refusal in Russian and in English, previews a draft on February, sets its brand;
 * after April's close it reads the month's invoices, downloads one as a PDF, records a payment that
 * pays it, and sees its margins on the dashboard. SALES people get 404.
 *
 * <pre>
 * February and April, the same usage: Alpha Cloud Servers 10 000.00, Object Storage 1 000.00;
 *                                      Beta Kubernetes 99.99
 * draft (and April's price list): default +15 %, Cloud Servers +20 %
 *   Alpha 10 000.00 x 1.20 = 12 000.00 + 1 000.00 x 1.15 = 1 150.00 -> 13 150.00
 *   Beta  99.99 x 1.15 = 114.9885 -> 114.99;               together 13 264.99 (no prices in force in February)
 * April's invoices, VAT 22 %, 10 days: No. 1 Alpha 13 150.00 + 2 893.00 = 16 043.00
 *                                      No. 2 Beta 114.99 + 25.2978 -> 25.30 = 140.29, due 12.05.2026
 * margins of April: Alpha 13 150.00 against 11 000.00 less 10 % = 9 900.00 -> 3 250.00
 *                   Beta 114.99 against 99.99 less 10.00 = 89.99 -> 25.00
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-customer-billing-pages",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import(CustomerBillingPagesBrowserTest.SetClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CustomerBillingPagesBrowserTest extends BrowserTest {

    private static final String NB = "\u00A0";
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2026-03-10"));
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,"
            + "BillingCurrency\n";
    /** A one-pixel PNG: the logo. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @TestConfiguration
    static class SetClock {
        @Bean
        @Primary
        Clock settableClock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return Clock.fixed(NOW.get(), zone);
                }

                @Override
                public Instant instant() {
                    return NOW.get();
                }
            };
        }
    }

    private long partner;
    private long alpha;
    private long beta;
    private String alphaAccount;
    private String betaAccount;

    @BeforeAll
    void makeData() {
        NOW.set(noon("2026-03-10"));
        partner = partner("Облако Плюс", "vk-cloud", "WHITE_LABEL", "2026-01-01");
        alphaAccount = "alpha-" + Api.unique();
        betaAccount = "beta-" + Api.unique();
        alpha = customer("ООО Альфа", alphaAccount);
        beta = customer("ООО Бета", betaAccount);
        ApiFixture fixture = new ApiFixture(api);
        fixture.linked(partner, alpha, "2026-02-01");
        fixture.linked(partner, beta, "2026-02-01");
        usage("2026-02");
        close("2026-02");
        user("admin@billing.test", "Анна Админова", partner, "ADMIN");
        user("sales@billing.test", "Семён Продажин", partner, "SALES");
    }

    @Test
    @Order(1)
    void aPriceBelowThePartnersCostIsRefusedInTheReadersLanguageAndADraftIsPreviewedOnFebruary() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@billing.test");
            page.waitForURL(url("/portal/partners/" + partner));
            submit(page, "nav a[href='/portal/partners/" + partner + "/customer-billing']");
            assertThat(text(page, "[data-testid=no-price-list]")).startsWith("Прайс-листа пока нет");

            page.fill("[data-testid=effective-month]", "2026-04");
            page.fill("[data-testid=default-markup]", "-11");
            Response refused = submit(page, "[data-testid=save-prices]");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(text(page, "[data-testid=default-markup-error]")).isEqualTo("Cloud Servers: наценка -11 % даёт цену"
                    + " ниже себестоимости партнёра (прайс за вычетом его скидки 10 %): не меньше -10 %");
            assertThat(page.inputValue("[data-testid=default-markup]")).isEqualTo("-11");

            page.fill("[data-testid=default-markup]", "15");
            page.fill("input[data-service='Marketplace']", "-1");
            submit(page, "[data-testid=save-prices]");
            assertThat(text(page, "[data-testid=services-error]")).isEqualTo("Marketplace: наценка -1 % даёт цену ниже"
                    + " себестоимости партнёра (прайс за вычетом его скидки 0 %): не меньше 0 %");

            page.navigate(url("/portal/partners/" + partner + "/customer-billing?lang=en"));
            page.fill("[data-testid=effective-month]", "2026-04");
            page.fill("[data-testid=default-markup]", "-11");
            submit(page, "[data-testid=save-prices]");
            assertThat(text(page, "[data-testid=default-markup-error]")).isEqualTo("Cloud Servers: a markup of -11 % prices"
                    + " it below the partner's own cost (list less its 10 % discount): at least -10 %");

            page.navigate(url("/portal/partners/" + partner + "/customer-billing?lang=ru"));
            page.fill("[data-testid=default-markup]", "15");
            page.fill("input[data-service='Cloud Servers']", "20");
            Response previewed = submit(page, "[data-testid=preview]");
            assertThat(previewed.status()).isEqualTo(200);
            String alphaRow = "[data-testid=preview-table] tr[data-customer='" + alpha + "'] ";
            String betaRow = "[data-testid=preview-table] tr[data-customer='" + beta + "'] ";
            assertThat(text(page, alphaRow + "td >> nth=0")).isEqualTo("ООО Альфа");
            assertThat(text(page, alphaRow + "[data-testid=preview-draft]")).isEqualTo("13" + NB + "150,00" + NB + "₽");
            assertThat(text(page, alphaRow + "[data-testid=preview-current]")).isEqualTo("—");
            assertThat(text(page, betaRow + "[data-testid=preview-draft]")).isEqualTo("114,99" + NB + "₽");
            assertThat(text(page, "[data-testid=preview-total-draft]")).isEqualTo("13" + NB + "264,99" + NB + "₽");
            assertThat(page.inputValue("input[data-service='Cloud Servers']")).isEqualTo("20");
            assertThat(text(page, "[data-testid=no-price-list]")).as("a preview stores nothing").isNotEmpty();
            screenshot(page, "customer-billing-preview.png");
            assertAccessible(page);

            page.fill("[data-testid=effective-month]", "2026-04");
            submit(page, "[data-testid=save-prices]");
            assertThat(text(page, "[data-testid=prices-saved]")).isEqualTo("Прайс-лист с месяца апрель 2026 сохранён.");
            assertThat(text(page, "[data-testid=versions] tbody tr td >> nth=0")).isEqualTo("апрель 2026");
            assertThat(text(page, "[data-testid=versions] tbody tr td >> nth=1")).isEqualTo("15" + NB + "%");
            assertThat(text(page, "[data-testid=versions] tbody tr td >> nth=2")).isEqualTo("Cloud Servers 20" + NB + "%");
        }
    }

    @Test
    @Order(2)
    void theWhiteLabelPartnerSetsItsBrandWithALogoUploaded() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@billing.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/customer-billing"));
            page.fill("[data-testid=brand-display-name]", "Облако Плюс для бизнеса");
            page.fill("[data-testid=brand-colour]", "#0a7d3c");
            page.setInputFiles("[data-testid=brand-logo-file]", new FilePayload("logo.png", "image/png", PNG));
            page.fill("[data-testid=brand-email]", "support@oblako-plus.ru");
            page.fill("[data-testid=brand-docs]", "http://docs.oblako-plus.ru");
            Response refused = submit(page, "[data-testid=save-brand]");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(text(page, "[data-testid=docs-error]")).isEqualTo("Ссылка на документацию должна начинаться с https://");
            assertThat(page.inputValue("[data-testid=brand-display-name]")).isEqualTo("Облако Плюс для бизнеса");

            page.setInputFiles("[data-testid=brand-logo-file]", new FilePayload("logo.png", "image/png", PNG));
            page.fill("[data-testid=brand-docs]", "https://docs.oblako-plus.ru");
            submit(page, "[data-testid=save-brand]");
            assertThat(text(page, "[data-testid=brand-saved]")).isEqualTo("Бренд сохранён.");
            assertThat(text(page, "[data-testid=brand-name]")).isEqualTo("Облако Плюс для бизнеса");
            assertThat(page.getAttribute("[data-testid=brand-logo]", "src")).startsWith("data:image/png;base64,iVBORw0KGgo");
            assertThat(page.getAttribute("[data-testid=brand-swatch]", "src")).contains("0a7d3c");
            assertThat(page.inputValue("[data-testid=brand-colour]")).isEqualTo("#0a7d3c");
            page.fill("[data-testid=brand-colour]", "#c62828");
            assertThat(page.getAttribute("[data-testid=brand-swatch]", "src")).as("the swatch follows the picker")
                    .contains("c62828");
        }
        Api.Response brand = api.get("/api/v1/partners/" + partner + "/branding", OPERATOR);
        assertThat(brand.text("primaryColor")).isEqualTo("#0a7d3c");
        assertThat(brand.text("docsUrl")).isEqualTo("https://docs.oblako-plus.ru");
    }

    @Test
    @Order(3)
    void aftersAprilsCloseThePartnerReadsItsInvoicesDownloadsOneAndRecordsAPayment() throws IOException {
        NOW.set(noon("2026-05-02"));
        usage("2026-04");
        close("2026-03");
        close("2026-04");
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@billing.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/customer-billing"));
            submit(page, "[data-testid=invoices-link]");
            String first = "[data-testid=invoices] tr[data-customer='" + alpha + "'] ";
            String second = "[data-testid=invoices] tr[data-customer='" + beta + "'] ";
            assertThat(page.locator("h1").textContent()).isEqualTo("Счета клиентам за апрель 2026");
            assertThat(text(page, first + "[data-testid=invoice-number]")).isEqualTo("1");
            assertThat(text(page, first + "[data-testid=invoice-customer]")).isEqualTo("ООО Альфа");
            assertThat(text(page, first + "[data-testid=invoice-subtotal]")).isEqualTo("13" + NB + "150,00" + NB + "₽");
            assertThat(text(page, first + "[data-testid=invoice-vat]")).isEqualTo("2" + NB + "893,00" + NB + "₽ (22" + NB + "%)");
            assertThat(text(page, first + "[data-testid=invoice-total]")).isEqualTo("16" + NB + "043,00" + NB + "₽");
            assertThat(text(page, first + "[data-testid=invoice-status]")).isEqualTo("ожидает оплаты");
            assertThat(text(page, second + "[data-testid=invoice-number]")).isEqualTo("2");
            assertThat(text(page, second + "[data-testid=invoice-total]")).isEqualTo("140,29" + NB + "₽");
            assertThat(text(page, second + "td >> nth=6")).isEqualTo("12.05.2026");

            String href = page.getAttribute(first + "[data-testid=invoice-pdf]", "href");
            assertThat(href).isEqualTo("/portal/partners/" + partner + "/customers/" + alpha + "/invoices/2026-04/pdf");
            APIResponse pdf = context.request().get(url(href));
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.headers().get("content-type")).startsWith("application/pdf");
            assertThat(new String(pdf.body(), 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
            try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
                assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                        .contains("Счёт № 1 от 02.05.2026", "16" + NB + "043,00" + NB + "₽", "Облако Плюс для бизнеса");
            }

            String account = "[data-testid=customer-accounts] tr[data-customer='" + alpha + "'] ";
            assertThat(text(page, account + "[data-testid=customer-balance] span")).isEqualTo("-16" + NB + "043,00" + NB + "₽");
            page.fill(account + "[data-testid=payment-amount]", "16 043,00");
            page.fill(account + "[data-testid=payment-reference]", "ПП 17");
            submit(page, account + "[data-testid=record-payment]");
            assertThat(text(page, account + "[data-testid=payment-recorded]")).isEqualTo("Платёж записан.");
            assertThat(text(page, first + "[data-testid=invoice-status]")).isEqualTo("оплачен");
            assertThat(text(page, second + "[data-testid=invoice-status]")).isEqualTo("ожидает оплаты");
            assertThat(text(page, account + "[data-testid=customer-balance] span")).isEqualTo("0,00" + NB + "₽");
            screenshot(page, "customer-invoices.png");
            assertAccessible(page);
        }
        Api.Response paid = api.get("/api/v1/partners/" + partner + "/customers/" + alpha + "/account", OPERATOR);
        assertThat(paid.body().get("invoices").get(0).get("status").asString()).isEqualTo("PAID");
    }

    @Test
    @Order(4)
    void theDashboardShowsAprilsMarginsPerCustomer() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@billing.test");
            page.waitForURL(url("/portal/partners/" + partner));
            assertThat(page.locator("#margins h2").textContent()).isEqualTo("Маржа по клиентам за апрель 2026");
            String first = "[data-testid=margins] tbody tr >> nth=0";
            assertThat(page.locator(first).getAttribute("data-customer")).isEqualTo(String.valueOf(alpha));
            String alphaRow = "[data-testid=margins] tr[data-customer='" + alpha + "'] ";
            String betaRow = "[data-testid=margins] tr[data-customer='" + beta + "'] ";
            assertThat(text(page, alphaRow + "[data-testid=margin-revenue]")).isEqualTo("13" + NB + "150,00" + NB + "₽");
            assertThat(text(page, alphaRow + "[data-testid=margin-cost]")).isEqualTo("9" + NB + "900,00" + NB + "₽");
            assertThat(text(page, alphaRow + "[data-testid=margin-margin]")).isEqualTo("3" + NB + "250,00" + NB + "₽");
            assertThat(text(page, betaRow + "[data-testid=margin-revenue]")).isEqualTo("114,99" + NB + "₽");
            assertThat(text(page, betaRow + "[data-testid=margin-cost]")).isEqualTo("89,99" + NB + "₽");
            assertThat(text(page, betaRow + "[data-testid=margin-margin]")).isEqualTo("25,00" + NB + "₽");
            page.waitForFunction("() => typeof Chart !== 'undefined' && Chart.getChart('margins-chart') !== undefined");
            Object labels = page.evaluate("() => Chart.getChart('margins-chart').data.labels");
            assertThat(labels).isEqualTo(java.util.List.of("ООО Альфа", "ООО Бета"));
            Object revenue = page.evaluate("() => Chart.getChart('margins-chart').data.datasets[0].data.map(String)");
            assertThat(revenue).isEqualTo(java.util.List.of("13150", "114.99"));
            screenshot(page, "dashboard-margins.png");
            assertAccessible(page);
        }
    }

    @Test
    @Order(5)
    void salesPeopleSeeNoCustomerBilling() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "sales@billing.test");
            page.waitForURL(url("/portal/partners/" + partner));
            assertThat(page.locator("nav a[href='/portal/partners/" + partner + "/customer-billing']").count()).isZero();
            assertThat(page.locator("#margins").count()).isZero();
            assertThat(page.navigate(url("/portal/partners/" + partner + "/customer-billing")).status()).isEqualTo(404);
            assertThat(page.navigate(url("/portal/partners/" + partner + "/customer-invoices?period=2026-04")).status())
                    .isEqualTo(404);
            assertThat(page.navigate(url("/portal/partners/" + partner + "/customers/" + alpha + "/invoices/2026-04/pdf"))
                    .status()).isEqualTo(404);
        }
    }

    private long customer(String name, String account) {
        Api.Response created = api.post("/api/v1/customers", OPERATOR, Map.of("name", name, "taxId", Api.unique(),
                "accountId", account, "contactEmail", account + "@customers.test"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }

    /** The month's usage of both customers (the same each month: the table at the top). */
    private void usage(String month) {
        String csv = HEADER
                + row(alphaAccount, month + "-05", "Cloud Servers", "10000.00")
                + row(alphaAccount, month + "-06", "Object Storage", "1000.00")
                + row(betaAccount, month + "-09", "Kubernetes", "99.99");
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
    }

    private static String row(String account, String day, String service, String listCost) {
        return String.join(",", account, day + "T09:00:00Z", "Usage", service, listCost, "RUB") + "\n";
    }

    private void close(String period) {
        Api.Response closed = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    private static Response submit(Page page, String selector) {
        return page.waitForNavigation(() -> page.click(selector));
    }

    private static Browser.NewContextOptions wide() {
        return new Browser.NewContextOptions().setViewportSize(1280, 900);
    }

    private static String text(Page page, String selector) {
        return page.locator(selector).first().textContent().strip();
    }
}
