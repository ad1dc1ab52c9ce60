package io.partnerhub.portal;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;
import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.billing.BankStatements;
import io.partnerhub.SetClock;
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
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partner billing in the portal, in a browser, on a database of its own with a clock the test sets.
 * VK Cloud Partners (Silver, 10 % base discount); VAT 22 % included in every amount (x 22 / 122). The
 * operator enters an advance in the console (a bad tax id refused next to its field), imports the
 * bank's statement (and again: a duplicate; a broken one: its lines), reads the receivables with
 * their ageing and assigns the queued payment; the postpaid partner's admin reads its invoices, acts
 * and payments in Russian and in English and downloads both PDFs; the prepaid partner sees its
 * advance used up. SALES people and another partner get 404.
 *
 * <pre>
 * P «ООО Облачный Интегратор», POSTPAYMENT, threshold 5 000.00, 10 days to pay
 *   03-10 Cloud Servers 10 000.00  so far  9 000.00 >= 5 000  VK-000001 THRESHOLD 9 000.00 (VAT 1 622.95), due 03-20
 *   03-20 Cloud Servers  1 000.00  so far  9 900.00 - 9 000 =   900.00 < 5 000: no invoice
 *   04-02 close March: payable 9 900.00 - 9 000.00          VK-000002 MONTHLY 900.00, due 04-12
 *         act VK-A-2026-03 of 31.03.2026: 11 000.00 - 1 100.00 = 9 900.00 (VAT 1 785.25), VK-000001, VK-000002
 *   04-05 statement: 9 000.00 "по счёту VK-000001" (paid); 900.00 from a payer that is no partner (queue)
 *   04-20 Cloud Servers 6 000.00   April so far 5 400.00      VK-000004 THRESHOLD 5 400.00, due 04-30
 *         VK-000002 8 days past due; the operator assigns the queued 900.00 to P and VK-000002: paid
 * R «ООО Авансовый Клиент», PREPAYMENT
 *   03-10 pays 5 000.00 (entered in the console); Cloud Servers 10 000.00 -> 9 000.00
 *   04-02 close March: VK-000003 MONTHLY 9 000.00, due 04-12 -> balance -4 000.00: out
 *   04-20 VK-000003: 5 000.00 paid, 4 000.00 open, 8 days past due
 * receivables on 04-20, before the assignment: R 4 000.00 overdue; P 6 300.00 open, 900.00 overdue
 *   open 10 300.00, not due 5 400.00, 1-30 days 4 900.00; after it: open 9 400.00, overdue 4 000.00
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-partner-billing-pages",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import(PartnerBillingPagesBrowserTest.ScenarioClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerBillingPagesBrowserTest extends BrowserTest {

    private static final String NB = "\u00A0";
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2026-03-10"));
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,"
            + "BillingCurrency\n";
    /** The VK Cloud provider's account (application.properties): the statement's payments reach it. */
    private static final String VK_ACCOUNT = "40702810900000000001";
    /** A payer that is no partner: an individual entrepreneur paying for P. */
    private static final String STRANGER = "500100732259";

    @TestConfiguration
    static class ScenarioClock {
        @Bean
        @Primary
        Clock scenarioClock() {
            return new SetClock(NOW);
        }
    }

    private long postpaid;
    private String postpaidTaxId;
    private String postpaidToken;
    private String postpaidAccount;
    private long prepaid;
    private String prepaidTaxId;
    private String prepaidAccount;
    private long other;
    private String otherToken;

    @BeforeAll
    void makeData() {
        NOW.set(noon("2026-03-10"));
        ApiFixture fixture = new ApiFixture(api);
        postpaid = partner("ООО Облачный Интегратор", "vk-cloud", "PARTNER", "2026-01-01");
        postpaidTaxId = api.get("/api/v1/partners/" + postpaid, OPERATOR).text("taxId");
        postpaidToken = fixture.token(postpaid);
        prepaid = partner("ООО Авансовый Клиент", "vk-cloud", "PARTNER", "2026-01-01");
        prepaidTaxId = api.get("/api/v1/partners/" + prepaid, OPERATOR).text("taxId");
        other = partner("ООО Другой Партнёр", "vk-cloud", "PARTNER", "2026-01-01");
        otherToken = fixture.token(other);
        Api.Response terms = api.send("PUT", "/api/v1/partners/" + postpaid + "/billing", OPERATOR,
                "{\"paymentTerms\": \"POSTPAYMENT\", \"billingThreshold\": \"5000.00\", \"dueDays\": 10}");
        assertThat(terms.status()).as(terms.raw()).isEqualTo(200);
        long a = fixture.customer();
        postpaidAccount = api.get("/api/v1/customers/" + a, OPERATOR).text("accountId");
        fixture.linked(postpaid, a, "2026-02-01");
        long b = fixture.customer();
        prepaidAccount = api.get("/api/v1/customers/" + b, OPERATOR).text("accountId");
        fixture.linked(prepaid, b, "2026-02-01");
        usage(postpaidAccount + ",2026-03-05,10000.00", prepaidAccount + ",2026-03-05,10000.00");

        user("operator@billing-pages.test", "Ольга Операторова", null, "OPERATOR");
        user("admin@billing-pages.test", "Анна Админова", postpaid, "ADMIN");
        user("sales@billing-pages.test", "Семён Продажин", postpaid, "SALES");
        user("advance@billing-pages.test", "Аркадий Авансов", prepaid, "ADMIN");
        user("other@billing-pages.test", "Олег Другов", other, "ADMIN");
    }

    @Test
    @Order(1)
    void theOperatorEntersAnAdvanceAndABadTaxIdIsRefusedNextToItsField() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "operator@billing-pages.test");
            page.waitForURL(url("/console"));
            submit(page, "nav a[href='/console/receivables']");
            String row = "[data-testid=receivables] tr[data-partner='" + postpaid + "'] ";
            assertThat(text(page, row + "[data-testid=receivable-partner]")).isEqualTo("ООО Облачный Интегратор");
            assertThat(text(page, row + "[data-testid=receivable-open]")).isEqualTo("9" + NB + "000,00" + NB + "₽");
            assertThat(text(page, row + "[data-testid=receivable-notDue]")).isEqualTo("9" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=queue-empty]")).isEqualTo("Все платежи отнесены партнёрам.");

            page.fill("[data-testid=payment-amount]", "5 000,00");
            page.fill("[data-testid=payment-tax-id]", "12345");
            page.fill("[data-testid=payment-purpose]", "Аванс за услуги облачной платформы");
            page.fill("[data-testid=payment-reference]", "ПП 41");
            Response refused = submit(page, "[data-testid=enter-payment]");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(text(page, "[data-testid=payment-tax-id-error]")).isEqualTo("ИНН — 10 или 12 цифр");
            assertThat(page.inputValue("[data-testid=payment-amount]")).isEqualTo("5 000,00");
            assertThat(page.inputValue("[data-testid=payment-day]")).isEqualTo("2026-03-10");

            page.fill("[data-testid=payment-tax-id]", prepaidTaxId);
            submit(page, "[data-testid=enter-payment]");
            assertThat(text(page, "[data-testid=entered]"))
                    .isEqualTo("Платёж ПП 41 записан и отнесён партнёру «ООО Авансовый Клиент».");
        }
        Api.Response account = api.get("/api/v1/partners/" + prepaid + "/account", OPERATOR);
        assertThat(account.text("balance")).isEqualTo("5000.00");
        assertThat(account.text("reserved")).isEqualTo("9000.00");
    }

    @Test
    @Order(2)
    void theBankStatementPaysTheInvoiceItNamesQueuesAStrangerAndIsReadOnce() {
        at("2026-03-20");
        usage(postpaidAccount + ",2026-03-18,1000.00");
        at("2026-04-02");
        close("2026-03");
        at("2026-04-05");
        byte[] statement = BankStatements.statement(VK_ACCOUNT, LocalDate.parse("2026-04-05"),
                BankStatements.document("214", "05.04.2026", "9000.00", "40702810400000000123", postpaidTaxId, VK_ACCOUNT,
                        "Оплата по счёту VK-000001 от 10.03.2026, в т.ч. НДС 22 % - 1622.95 руб."),
                BankStatements.document("215", "05.04.2026", "900.00", "40802810138000012345", STRANGER, VK_ACCOUNT,
                        "Оплата за ООО Облачный Интегратор по счёту от 02.04.2026"));
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "operator@billing-pages.test");
            page.waitForURL(url("/console"));
            page.navigate(url("/console/receivables"));
            page.setInputFiles("[data-testid=statement-file]", new FilePayload("vk-2026-04-05.txt", "text/plain", statement));
            Response imported = submit(page, "[data-testid=import-statement]");
            assertThat(imported.status()).isEqualTo(200);
            assertThat(text(page, "[data-testid=statement-result]")).startsWith("Выписка «vk-2026-04-05.txt» загружена");
            assertThat(text(page, "[data-testid=statement-counts]"))
                    .isEqualTo("Документов: 2; отнесено партнёрам: 1; ждут в очереди: 1; пропущено: 0.");
            assertThat(page.locator("[data-testid=imported-partner]").allTextContents())
                    .containsExactly("ООО Облачный Интегратор", "в очереди");
            String queued = "[data-testid=queue] tbody tr ";
            assertThat(page.locator(queued).count()).isEqualTo(1);
            assertThat(text(page, queued + "[data-testid=queued-amount]")).isEqualTo("900,00" + NB + "₽");
            screenshot(page, "receivables-statement.png");
            assertAccessible(page);

            page.setInputFiles("[data-testid=statement-file]", new FilePayload("vk-again.txt", "text/plain", statement));
            submit(page, "[data-testid=import-statement]");
            assertThat(text(page, "[data-testid=statement-result]"))
                    .matches("Выписка «vk-again\\.txt» уже загружалась \\(загрузка № \\d+\\): ничего не изменилось\\.");
            assertThat(page.locator("[data-testid=queue] tbody tr").count()).as("nothing stored twice").isEqualTo(1);

            byte[] broken = BankStatements.cp1251(String.join("\r\n", "1CClientBankExchange", "ВерсияФормата=1.03",
                    "СекцияДокумент=Платежное поручение", "Номер=10", "Дата=05.04.2026", "Сумма=12,5", "КонецДокумента",
                    "КонецФайла", ""));
            page.setInputFiles("[data-testid=statement-file]", new FilePayload("broken.txt", "text/plain", broken));
            Response refused = submit(page, "[data-testid=import-statement]");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(text(page, "[data-testid=statement-refused] header"))
                    .isEqualTo("Выписка «broken.txt» не принята: ничего не сохранено.");
            assertThat(text(page, "[data-testid=statement-problems] tbody tr td >> nth=0")).isEqualTo("6");
            assertThat(text(page, "[data-testid=statement-problems] tbody tr td >> nth=1")).isEqualTo("Сумма");

            page.navigate(url("/console/receivables?lang=en"));
            page.setInputFiles("[data-testid=statement-file]", new FilePayload("broken.txt", "text/plain", broken));
            submit(page, "[data-testid=import-statement]");
            assertThat(text(page, "[data-testid=statement-refused] header"))
                    .isEqualTo("Statement \"broken.txt\" is refused: nothing is stored.");
            page.navigate(url("/console/receivables?lang=ru"));
        }
        assertThat(api.get("/api/v1/payments", OPERATOR).body().size()).as("the advance and the statement's two")
                .isEqualTo(3);
    }

    @Test
    @Order(3)
    void thePostpaidPartnerReadsItsInvoicesActsAndPaymentsAndDownloadsBothDocuments() throws IOException {
        at("2026-04-20");
        usage(postpaidAccount + ",2026-04-15,6000.00");
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@billing-pages.test");
            page.waitForURL(url("/portal/partners/" + postpaid));
            submit(page, "nav a[href='/portal/partners/" + postpaid + "/billing']");
            assertThat(page.locator("h1").textContent()).isEqualTo("Счета, акты и оплата");
            assertThat(text(page, "[data-testid=payment-terms]"))
                    .isEqualTo("Постоплата: счёт за месяц выставляется при его закрытии.");
            assertThat(text(page, "[data-testid=billing-threshold]")).isEqualTo("Счёт по порогу: как только потребление"
                    + " месяца, ещё не выставленное в счёт, достигает 5" + NB + "000,00" + NB + "₽, счёт выставляется сразу.");
            assertThat(text(page, "[data-testid=due-days]")).isEqualTo("Срок оплаты счёта, дней: 10.");
            assertThat(page.locator("[data-testid=invoices] tbody tr").evaluateAll("rows => rows.map(r => r.dataset.invoice)"))
                    .isEqualTo(List.of("VK-000004", "VK-000002", "VK-000001"));
            String april = invoice("VK-000004");
            assertThat(text(page, april + "[data-testid=invoice-kind]")).isEqualTo("по порогу");
            assertThat(text(page, april + "[data-testid=invoice-period]")).isEqualTo("апрель 2026");
            assertThat(text(page, april + "[data-testid=invoice-amount]")).isEqualTo("5" + NB + "400,00" + NB + "₽");
            assertThat(text(page, april + "[data-testid=invoice-status] span")).isEqualTo("ожидает оплаты");
            assertThat(text(page, april + "[data-testid=invoice-due]")).isEqualTo("30.04.2026");
            String monthly = invoice("VK-000002");
            assertThat(text(page, monthly + "[data-testid=invoice-kind]")).isEqualTo("за месяц");
            assertThat(text(page, monthly + "[data-testid=invoice-amount]")).isEqualTo("900,00" + NB + "₽");
            assertThat(text(page, monthly + "[data-testid=invoice-paid]")).isEqualTo("0,00" + NB + "₽");
            assertThat(text(page, monthly + "[data-testid=invoice-status] span")).isEqualTo("просрочен");
            assertThat(text(page, monthly + "[data-testid=days-past-due]")).isEqualTo("дней просрочки: 8");
            assertThat(text(page, invoice("VK-000001") + "[data-testid=invoice-status] span")).isEqualTo("оплачен");
            assertThat(text(page, "[data-testid=account-paid]")).isEqualTo("9" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=account-invoiced]")).isEqualTo("15" + NB + "300,00" + NB + "₽");
            assertThat(text(page, "[data-testid=account-balance]")).isEqualTo("-6" + NB + "300,00" + NB + "₽");
            assertThat(page.locator("[data-testid=account-warning]").count()).as("postpayment: no advance").isZero();
            assertThat(page.locator("[data-testid=acts] li").evaluateAll("items => items.map(i => i.dataset.period)"))
                    .isEqualTo(List.of("2026-03"));
            assertThat(text(page, "[data-testid=act-pdf]")).isEqualTo("Акт за март 2026 (PDF)");
            assertThat(text(page, "[data-testid=payments] tbody tr [data-testid=payment-amount]"))
                    .isEqualTo("9" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=payments] tbody tr [data-testid=payment-invoice]")).isEqualTo("VK-000001");
            screenshot(page, "partner-billing.png");
            assertAccessible(page);
            assertFitsTheWindow(page);

            String invoiceHref = page.getAttribute(invoice("VK-000001") + "[data-testid=invoice-pdf]", "href");
            assertThat(invoiceHref).isEqualTo("/portal/partners/" + postpaid + "/billing/invoices/VK-000001/pdf");
            assertThat(pdfText(context.request().get(url(invoiceHref)), "partner-invoice-pdf.png")).contains(
                    "Счёт на оплату № VK-000001 от 10.03.2026",
                    "ООО «ВК Облачные решения» (demo)", "7700000001 / 770001001", "40702810900000000001",
                    "АО «Демо Банк»", "044525000", "30101810400000000225",
                    "ООО Облачный Интегратор", "ИНН " + postpaidTaxId,
                    "Услуги облачной платформы по порогу, март 2026", "9" + NB + "000,00" + NB + "₽",
                    "в т.ч. НДС 22" + NB + "%", "1" + NB + "622,95" + NB + "₽", "Оплатить до 20.03.2026",
                    "В назначении платежа укажите номер счёта: VK-000001");

            String actHref = page.getAttribute("[data-testid=act-pdf]", "href");
            assertThat(pdfText(context.request().get(url(actHref)), "partner-act-pdf.png")).contains(
                    "Акт оказанных услуг № VK-A-2026-03 от 31.03.2026", "Исполнитель", "ООО «ВК Облачные решения» (demo)",
                    "Заказчик", "ООО Облачный Интегратор", "Услуги по прайс-листу", "11" + NB + "000,00" + NB + "₽",
                    "За вычетом скидки партнёра", "1" + NB + "100,00" + NB + "₽",
                    "Стоимость оказанных услуг", "9" + NB + "900,00" + NB + "₽", "1" + NB + "785,25" + NB + "₽",
                    "Выставленные счета: VK-000001, VK-000002.");

            page.navigate(url("/portal/partners/" + postpaid + "/billing?lang=en"));
            assertThat(text(page, invoice("VK-000004") + "[data-testid=invoice-amount]")).isEqualTo("5,400.00" + NB + "RUB");
            assertThat(text(page, invoice("VK-000002") + "[data-testid=invoice-status] span")).isEqualTo("overdue");
            assertThat(text(page, invoice("VK-000002") + "[data-testid=days-past-due]")).isEqualTo("8 days past due");
            assertFitsTheWindow(page);
            assertThat(text(page, "[data-testid=act-pdf]")).isEqualTo("Act for March 2026 (PDF)");
            assertThat(pdfText(context.request().get(url(actHref)), "partner-act-pdf-en.png")).as("the page's language")
                    .contains("Service report (act) No. VK-A-2026-03 of Mar 31, 2026", "9,900.00" + NB + "RUB");
            page.navigate(url("/portal/partners/" + postpaid + "/billing?lang=ru"));
        }
        Api.Response english = api.get("/api/v1/partners/" + postpaid + "/invoices/VK-000001?format=pdf&lang=en",
                postpaidToken);
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.contentType()).startsWith("application/pdf");
        assertThat(english.headers().firstValue("Content-Disposition").orElse("")).contains("invoice-VK-000001.pdf");
    }

    @Test
    @Order(4)
    void theApiGivesTheSameDocumentsRussianByDefaultAndEnglishOnRequest() throws IOException {
        byte[] russian = pdfBytes("/api/v1/partners/" + postpaid + "/invoices/VK-000002?format=pdf", postpaidToken);
        byte[] english = pdfBytes("/api/v1/partners/" + postpaid + "/invoices/VK-000002?format=pdf&lang=en", postpaidToken);
        assertThat(text(russian)).contains("Счёт на оплату № VK-000002 от 02.04.2026",
                "Услуги облачной платформы за март 2026", "900,00" + NB + "₽", "162,30" + NB + "₽",
                "Оплатить до 12.04.2026");
        assertThat(text(english)).contains("Invoice No. VK-000002 of Apr 2, 2026", "Cloud platform services for March 2026",
                "900.00" + NB + "RUB", "VAT 22% included", "162.30" + NB + "RUB", "Due by Apr 12, 2026", "Payee's bank");
        byte[] act = pdfBytes("/api/v1/partners/" + postpaid + "/acts/2026-03?format=pdf&lang=en", postpaidToken);
        assertThat(text(act)).contains("Service report (act) No. VK-A-2026-03 of Mar 31, 2026",
                "Services at list price", "11,000.00" + NB + "RUB", "Less the partner discount", "1,100.00" + NB + "RUB",
                "Invoices issued: VK-000001, VK-000002.");
        ApiFixture.assertProblem(api.get("/api/v1/partners/" + postpaid + "/acts/2026-04?format=pdf", postpaidToken), 404);
    }

    @Test
    @Order(5)
    void theOperatorReadsTheAgeingAndAssignsTheQueuedPaymentToTheInvoiceItPays() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "operator@billing-pages.test");
            page.waitForURL(url("/console"));
            page.navigate(url("/console/receivables"));
            assertThat(text(page, "#owed h2")).isEqualTo("Задолженность партнёров на 20.04.2026");
            assertThat(text(page, "[data-testid=total-open]")).isEqualTo("10" + NB + "300,00" + NB + "₽");
            assertThat(text(page, "[data-testid=total-overdue]")).isEqualTo("4" + NB + "900,00" + NB + "₽");
            assertThat(text(page, "[data-testid=total-notDue]")).isEqualTo("5" + NB + "400,00" + NB + "₽");
            assertThat(text(page, "[data-testid=total-days0to30]")).isEqualTo("4" + NB + "900,00" + NB + "₽");
            assertThat(text(page, "[data-testid=total-over90]")).isEqualTo("0,00" + NB + "₽");
            assertThat(page.locator("[data-testid=receivable-partner]").allTextContents())
                    .as("most overdue first").containsExactly("ООО Авансовый Клиент", "ООО Облачный Интегратор");
            String p = "[data-testid=receivables] tr[data-partner='" + postpaid + "'] ";
            assertThat(text(page, p + "[data-testid=receivable-invoices]")).isEqualTo("2");
            assertThat(text(page, p + "[data-testid=receivable-open]")).isEqualTo("6" + NB + "300,00" + NB + "₽");
            assertThat(text(page, p + "[data-testid=receivable-days0to30]")).isEqualTo("900,00" + NB + "₽");
            assertThat(text(page, p + "[data-testid=receivable-overdue]")).isEqualTo("900,00" + NB + "₽");
            page.waitForFunction("() => typeof Chart !== 'undefined' && Chart.getChart('ageing-chart') !== undefined");
            assertThat(page.evaluate("() => Chart.getChart('ageing-chart').data.labels")).isEqualTo(List.of(
                    "Срок не наступил", "1–30 дней", "31–60 дней", "61–90 дней", "Больше 90 дней"));
            assertThat(page.evaluate("() => Chart.getChart('ageing-chart').data.datasets[0].data.map(String)"))
                    .isEqualTo(List.of("5400", "4900", "0", "0", "0"));
            screenshot(page, "receivables.png");
            assertAccessible(page);
            assertFitsTheWindow(page);

            String queued = "[data-testid=queue] tbody tr ";
            page.fill(queued + "[data-testid=assign-partner]", "ООО");
            submit(page, queued + "[data-testid=assign]");
            assertThat(text(page, "[data-testid=queue-refused]")).startsWith("«ООО» подходит нескольким партнёрам (");

            page.fill(queued + "[data-testid=assign-partner]", "Облачный Интегратор");
            page.fill(queued + "[data-testid=assign-invoice]", "VK-000002");
            submit(page, queued + "[data-testid=assign]");
            assertThat(text(page, "[data-testid=assigned]")).matches("Платёж bank:2026-04-05:215:\\d+:900\\.00 отнесён"
                    + " партнёру «ООО Облачный Интегратор»\\.");
            assertThat(text(page, "[data-testid=queue-empty]")).isEqualTo("Все платежи отнесены партнёрам.");
            assertThat(text(page, "[data-testid=total-open]")).isEqualTo("9" + NB + "400,00" + NB + "₽");
            assertThat(text(page, "[data-testid=total-overdue]")).isEqualTo("4" + NB + "000,00" + NB + "₽");
            assertThat(text(page, p + "[data-testid=receivable-overdue]")).isEqualTo("0,00" + NB + "₽");

            page.navigate(url("/console/receivables?lang=en"));
            assertThat(text(page, "h1")).isEqualTo("Receivables");
            assertThat(text(page, "[data-testid=total-open]")).isEqualTo("9,400.00" + NB + "RUB");
            page.navigate(url("/console/receivables?lang=ru"));
        }
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@billing-pages.test");
            page.waitForURL(url("/portal/partners/" + postpaid));
            page.navigate(url("/portal/partners/" + postpaid + "/billing"));
            assertThat(text(page, invoice("VK-000002") + "[data-testid=invoice-status] span")).isEqualTo("оплачен");
            assertThat(page.locator("[data-testid=payments] [data-testid=payment-invoice]").allTextContents())
                    .containsExactlyInAnyOrder("VK-000001", "VK-000002");
        }
    }

    @Test
    @Order(6)
    void theAdvancePayingPartnerSeesItsAdvanceUsedUp() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "advance@billing-pages.test");
            page.waitForURL(url("/portal/partners/" + prepaid));
            page.navigate(url("/portal/partners/" + prepaid + "/billing"));
            assertThat(text(page, "[data-testid=payment-terms]"))
                    .isEqualTo("Предоплата (аванс): счёт оплачивается с вашего баланса в день выставления.");
            assertThat(text(page, "[data-testid=account-warning]"))
                    .isEqualTo("Аванс исчерпан: доступно -4" + NB + "000,00" + NB + "₽. Пополните баланс.");
            assertThat(text(page, "[data-testid=account-balance]")).isEqualTo("-4" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=account-reserved]")).isEqualTo("0,00" + NB + "₽");
            assertThat(text(page, "[data-testid=account-available]")).isEqualTo("-4" + NB + "000,00" + NB + "₽");
            String march = invoice("VK-000003");
            assertThat(text(page, march + "[data-testid=invoice-paid]")).isEqualTo("5" + NB + "000,00" + NB + "₽");
            assertThat(text(page, march + "[data-testid=invoice-status] span")).isEqualTo("просрочен");
            assertThat(text(page, "[data-testid=payments] tbody tr [data-testid=payment-invoice]")).isEqualTo("на баланс");
            assertAccessible(page);

            page.navigate(url("/portal/partners/" + prepaid + "/billing?lang=en"));
            assertThat(text(page, "[data-testid=account-warning]"))
                    .isEqualTo("The advance is used up: -4,000.00" + NB + "RUB available. Top up the balance.");
            page.navigate(url("/portal/partners/" + prepaid + "/billing?lang=ru"));
        }
    }

    @Test
    @Order(7)
    void salesPeopleAndAnotherPartnerGetNotFound() {
        String invoicePdf = "/billing/invoices/VK-000001/pdf";
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "sales@billing-pages.test");
            page.waitForURL(url("/portal/partners/" + postpaid));
            assertThat(page.locator("nav a[href='/portal/partners/" + postpaid + "/billing']").count()).isZero();
            String mine = "/portal/partners/" + postpaid;
            assertThat(page.navigate(url(mine + "/billing")).status()).isEqualTo(404);
            assertThat(page.navigate(url(mine + invoicePdf)).status()).isEqualTo(404);
            assertThat(page.navigate(url(mine + "/billing/acts/2026-03/pdf")).status()).isEqualTo(404);
            assertThat(page.navigate(url("/console/receivables")).status()).isEqualTo(404);
        }
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "other@billing-pages.test");
            page.waitForURL(url("/portal/partners/" + other));
            assertThat(text(page, "nav a[href='/portal/partners/" + other + "/billing']")).isEqualTo("Счета и акты");
            assertThat(page.navigate(url("/portal/partners/" + other + invoicePdf)).status())
                    .as("another partner's invoice under its own id").isEqualTo(404);
            assertThat(page.navigate(url("/portal/partners/" + postpaid + "/billing")).status()).isEqualTo(404);
            assertThat(page.navigate(url("/portal/partners/" + postpaid + invoicePdf)).status()).isEqualTo(404);
            assertThat(page.navigate(url("/portal/partners/" + other + "/billing")).status()).isEqualTo(200);
            assertThat(text(page, "[data-testid=no-invoices]")).isEqualTo("Счетов пока нет.");
        }
        ApiFixture.assertProblem(api.get("/api/v1/partners/" + other + "/invoices/VK-000001?format=pdf", otherToken), 404);
        ApiFixture.assertProblem(api.get("/api/v1/partners/" + postpaid + "/invoices/VK-000001?format=pdf", otherToken), 404);
        ApiFixture.assertProblem(api.get("/api/v1/partners/" + postpaid + "/acts/2026-03?format=pdf", otherToken), 404);
    }

    /**
     * The partner's admin sets its KPP and legal address on the billing page: a bad KPP is refused
     * next to its field in the page's language, nothing stored; the saved ones are what the next
     * invoices print, while VK-000001, issued before, keeps the buyer it printed.
     */
    @Test
    @Order(8)
    void thePartnersAdminSetsItsRequisitesAndIssuedInvoicesKeepTheirs() throws IOException {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@billing-pages.test");
            page.waitForURL(url("/portal/partners/" + postpaid));
            page.navigate(url("/portal/partners/" + postpaid + "/billing"));
            assertThat(text(page, "[data-testid=requisites-tax-id]")).isEqualTo(postpaidTaxId);

            page.fill("[data-testid=requisites-kpp]", "7701-0100");
            page.fill("[data-testid=requisites-address]", "Москва, ул. Тверская, 1");
            Response refused = submit(page, "[data-testid=save-requisites]");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(text(page, "[data-testid=requisites-kpp-error]"))
                    .isEqualTo("КПП состоит из 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры.");
            assertThat(page.inputValue("[data-testid=requisites-address]")).as("what was typed stays")
                    .isEqualTo("Москва, ул. Тверская, 1");
            assertThat(api.get("/api/v1/partners/" + postpaid + "/requisites", postpaidToken).body().get("kpp").isNull())
                    .as("nothing stored").isTrue();
            assertAccessible(page);

            page.fill("[data-testid=requisites-kpp]", "770101001");
            Response saved = submit(page, "[data-testid=save-requisites]");
            assertThat(saved.status()).isEqualTo(200);
            assertThat(text(page, "[data-testid=requisites-saved]")).isEqualTo("Реквизиты сохранены: их напечатают следующие счета.");
            assertThat(page.inputValue("[data-testid=requisites-kpp]")).isEqualTo("770101001");
            assertFitsTheWindow(page);
            screenshot(page, "partner-billing-requisites.png");

            page.navigate(url("/portal/partners/" + postpaid + "/billing?lang=en"));
            page.fill("[data-testid=requisites-kpp]", "77");
            submit(page, "[data-testid=save-requisites]");
            assertThat(text(page, "[data-testid=requisites-kpp-error]"))
                    .isEqualTo("A KPP has 9 characters: 4 digits, 2 digits or capital letters, 3 digits.");
            assertFitsTheWindow(page);
            screenshot(page, "partner-billing-requisites-en.png");
            page.navigate(url("/portal/partners/" + postpaid + "/billing?lang=ru"));

            String issuedBefore = pdfText(context.request().get(url("/portal/partners/" + postpaid
                    + "/billing/invoices/VK-000001/pdf")), "partner-invoice-pdf-issued-before.png");
            assertThat(issuedBefore).contains("ООО Облачный Интегратор").doesNotContain("770101001", "Тверская");
        }
        Api.Response requisites = api.get("/api/v1/partners/" + postpaid + "/requisites", postpaidToken);
        assertThat(requisites.text("kpp")).isEqualTo("770101001");
        assertThat(requisites.text("legalAddress")).isEqualTo("Москва, ул. Тверская, 1");
    }

    // ---- helpers

    /** Wide tables scroll in their own box: the page itself is never wider than the 1280 px window. */
    private static void assertFitsTheWindow(Page page) {
        Number width = (Number) page.evaluate("() => document.documentElement.scrollWidth");
        assertThat(width.intValue()).as(page.url() + " is wider than the window").isLessThanOrEqualTo(1280);
    }

    private static String invoice(String number) {
        return "[data-testid=invoices] tr[data-invoice='" + number + "'] ";
    }

    /** The document's text; its first page goes to the screenshots as {@code name}. */
    private static String pdfText(APIResponse pdf, String name) throws IOException {
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).startsWith("application/pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            javax.imageio.ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 96),
                    "png", SCREENSHOTS.resolve(name).toFile());
        }
        return text(pdf.body());
    }

    private byte[] pdfBytes(String path, String token) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(url(path))).header("Authorization", "Bearer " + token).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF");
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
        }
    }

    /** Cloud Servers usage: {@code account,day,listCost} per row. */
    private void usage(String... rows) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (String row : rows) {
            String[] c = row.split(",");
            csv.append(String.join(",", c[0], c[1] + "T09:00:00Z", "Usage", "Cloud Servers", c[2], "RUB")).append('\n');
        }
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
    }

    private void close(String period) {
        Api.Response closed = api.post("/api/v1/periods/" + period + "/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
    }

    private static void at(String day) {
        NOW.set(noon(day));
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
