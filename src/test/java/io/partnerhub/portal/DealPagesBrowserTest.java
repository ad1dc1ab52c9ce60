package io.partnerhub.portal;

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

import io.partnerhub.shared.Formats;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deal pages in a real browser: a Yandex Cloud partner registers a project, works a deal's
 * pipeline and notes; the operator's deal desk explains a conflict without naming the other
 * partner; nobody opens another partner's deal by URL. In order: the desk reads the deals before
 * one of them is approved.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-portal-deals",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DealPagesBrowserTest extends BrowserTest {

    private static final java.util.Locale RUSSIAN = java.util.Locale.forLanguageTag("ru");

    private static final String RIVAL = "Secret Rival Cloud";

    private long partner;
    private long rival;
    /** A pending deal of {@code partner}, registered Monday 2026-05-04: answered by 2026-06-02 (05-11 is a holiday). */
    private long pipelineDeal;
    /** A pending deal of {@code partner} whose customer was linked to {@code rival} after the registration. */
    private long conflictDeal;
    private String conflictTaxId;
    /** Registered for a customer already linked to {@code rival}: rejected at once. */
    private long rejectedDeal;
    private String rejectedTaxId;
    private long directCustomer;

    @BeforeAll
    void makeData() {
        partner = partner("Builder Partner", "yandex-cloud", "RESELLER", "2026-01-15");
        rival = partner(RIVAL, "yandex-cloud", "RESELLER", "2026-01-15");
        pipelineDeal = deal(Api.unique(), "Data platform", "2026-05-04");

        conflictTaxId = Api.unique();
        conflictDeal = deal(conflictTaxId, "Analytics", "2026-05-04");
        linkToRival(conflictTaxId, "2026-05-10");

        rejectedTaxId = Api.unique();
        linkToRival(rejectedTaxId, "2026-04-01");
        rejectedDeal = deal(rejectedTaxId, "Late claim", "2026-05-04");

        directCustomer = api.post("/api/v1/customers", OPERATOR, Map.of("name", "Direct Customer",
                "taxId", Api.unique(), "accountId", "direct-" + Api.unique())).id();

        user("admin@deals.test", "Daria Admin", partner, "ADMIN");
        user("sales@deals.test", "Stas Sales", partner, "SALES");
        user("rival@deals.test", "Roman Rival", rival, "ADMIN");
        user("operator@deals.test", "Oleg Operator", null, "OPERATOR");
    }

    @Test
    @Order(1)
    void aPartnerRegistersAProjectAfterFixingTheRateTheFormRefused() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@deals.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/deals"));
            page.locator("[data-testid=projects-link]").click();
            page.waitForURL(url("/portal/partners/" + partner + "/projects"));

            page.fill("input[name=customerId]", String.valueOf(directCustomer));
            page.fill("input[name=projectId]", "b1g-browser-folder");
            // a partner registers as of today (Moscow), never earlier
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
            page.fill("input[name=registeredOn]", today.toString());
            page.fill("input[name=ratePercent]", "20");
            page.locator("[data-testid=project-form] button[type=submit]").click();

            // Yandex Cloud 2026: up to 15 % of the growth; the error sits next to the rate, the rest is kept
            assertThat(page.locator("[data-testid=ratePercent-error]"))
                    .hasText("больше 0 и не выше предела программы 15 %; указано 20");
            assertThat(page.locator("input[name=ratePercent]")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("input[name=projectId]")).hasValue("b1g-browser-folder");

            page.fill("input[name=ratePercent]", "12");
            page.locator("[data-testid=project-form] button[type=submit]").click();

            assertThat(page.locator("[data-testid=project-registered]")).hasText("Проект b1g-browser-folder зарегистрирован.");
            Locator row = page.locator("[data-testid=projects] tr[data-project='b1g-browser-folder'] td");
            // a customer the partner does not hold is named by its number
            assertThat(row.nth(2)).hasText("клиент №" + directCustomer);
            assertThat(row.nth(3)).hasText(Formats.of(RUSSIAN).date(today));
            assertThat(row.nth(4)).hasText(Formats.of(RUSSIAN).date(today.plusMonths(12))); // 12 months, the end exclusive
            assertThat(row.nth(5)).hasText("12 %");
            screenshot(page, "projects.png");

            page.reload(); // a reload shows the list, it registers nothing again
            assertThat(page.locator("[data-testid=projects] tbody tr")).hasCount(1);
        }
    }

    @Test
    @Order(2)
    void aPartnerMovesADealThroughThePipelineAndKeepsNotes() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@deals.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/deals"));
            page.fill("input[name=customerTaxId]", Api.unique());
            page.fill("input[name=customerName]", "Mailbox Customer");
            page.fill("input[name=title]", "Mailbox deal");
            page.fill("input[name=customerDomain]", "gmail.com");
            page.locator("form[action$='/deals'] button[type=submit]").click();
            // the deal desk's refusal in the page's language
            assertThat(page.locator("[data-testid=customerDomain-error]"))
                    .hasText("gmail.com — публичный почтовый сервис, а не собственный домен клиента");
            assertThat(page.locator("input[name=customerDomain]")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("input[name=title]")).hasValue("Mailbox deal");

            page.locator("tr[data-deal='" + pipelineDeal + "'] td").nth(0).locator("a").click();
            page.waitForURL(url("/portal/partners/" + partner + "/deals/" + pipelineDeal));

            assertThat(page.locator("[data-testid=status]")).hasText("на рассмотрении");
            assertThat(page.locator("[data-testid=registered-on]")).hasText("04.05.2026");
            assertThat(page.locator("[data-testid=deadline]")).hasText("02.06.2026");
            assertThat(page.locator("[data-testid=stage]")).hasText("в работе");

            page.selectOption("select[name=stage]", "LOST");
            page.locator("[data-testid=stage-form] button[type=submit]").click();

            assertThat(page.locator("[data-testid=lostReason-error]")).hasText("Укажите причину проигрыша.");
            assertThat(page.locator("select[name=lostReason]")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("select[name=lostReason]")).hasAttribute("aria-describedby", "lostReason-error");
            assertThat(page.locator("[data-testid=stage]")).hasText("в работе");

            page.selectOption("select[name=stage]", "LOST");
            page.selectOption("select[name=lostReason]", "COMPETITOR");
            page.fill("[data-testid=stage-form] input[name=note]", "Выбрали другое облако");
            page.locator("[data-testid=stage-form] button[type=submit]").click();
            assertThat(page.locator("[data-testid=moved]")).hasText("Этап изменён: проиграна.");
            assertThat(page.locator("[data-testid=stage]")).hasText("проиграна");
            assertThat(page.locator("[data-testid=lost-reason]")).hasText("(конкурент)");

            page.selectOption("select[name=stage]", "IN_PROGRESS"); // a lost deal reopens
            page.locator("[data-testid=stage-form] button[type=submit]").click();
            page.fill("[data-testid=note-form] textarea[name=note]", "Клиент вернулся к переговорам");
            page.locator("[data-testid=note-form] button[type=submit]").click();
            assertThat(page.locator("[data-testid=noted]")).hasText("Заметка сохранена.");

            page.reload(); // post/redirect/get: the reload repeats nothing
            assertThat(page.locator("[data-testid=stage]")).hasText("в работе");
            Locator log = page.locator("[data-testid=activities] tbody tr");
            assertThat(log).hasCount(3); // newest first
            assertThat(log.nth(0).locator("td").nth(3)).hasText("Клиент вернулся к переговорам");
            assertThat(log.nth(0).locator("td").nth(2)).hasText("заметка");
            assertThat(log.nth(1).locator("td").nth(3)).hasText("Этап: проиграна → в работе");
            assertThat(log.nth(2).locator("td").nth(3)).hasText("Этап: в работе → проиграна (конкурент): Выбрали другое облако");
            assertThat(log.nth(0).locator("td").nth(1)).hasText("Daria Admin (admin@deals.test)");
            screenshot(page, "deal.png");

            page.navigate(url("/portal/partners/" + partner + "/deals/" + pipelineDeal + "?lang=en"));
            assertThat(log.nth(1).locator("td").nth(3)).hasText("Stage LOST to IN_PROGRESS");
            assertThat(log.nth(2).locator("td").nth(3)).hasText("Stage IN_PROGRESS to LOST (COMPETITOR): Выбрали другое облако");
            assertThat(log.nth(0).locator("td").nth(3)).hasText("Клиент вернулся к переговорам"); // a note as written
        }
    }

    @Test
    @Order(3)
    void theDeskExplainsAConflictWithoutNamingTheOtherPartner() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "operator@deals.test");
            page.waitForURL(url("/console"));
            page.navigate(url("/console/deals"));

            Locator conflicted = page.locator("tr[data-deal='" + conflictDeal + "']");
            assertThat(conflicted.locator("[data-testid=waiting]")).hasText("Программа не одобряет сделки автоматически.");
            assertThat(conflicted.locator("li[data-rule=LINKED_TO_ANOTHER_PARTNER]")).containsText(
                    "Клиент привязан к другому партнёру: Клиент с ИНН " + conflictTaxId
                            + " привязан к другому партнёру с 10.05.2026.");
            // the approval is offered at the most Yandex Cloud's deal terms allow, not a fixed figure
            assertThat(conflicted.locator("input[name=extraDiscountPercent]")).hasValue("15");
            // answered by 2026-06-02, long past today: overdue
            assertThat(conflicted.locator("td").nth(0).locator("span")).hasText("02.06.2026");
            assertThat(conflicted.locator("[data-testid=overdue]")).hasText("срок прошёл");
            assertThat(page.locator("tr[data-deal='" + pipelineDeal + "'] [data-testid=no-conflicts]")).hasText("Конфликтов нет.");
            assertThat(page.locator("tr[data-deal='" + rejectedDeal + "']")).hasCount(0);
            assertThat(page.content()).doesNotContain(RIVAL);
            screenshot(page, "deal-queue-conflicts.png");

            conflicted.locator("[data-testid=deal-link]").click();
            page.waitForURL(url("/portal/partners/" + partner + "/deals/" + conflictDeal));
            assertThat(page.locator("[data-testid=status]")).hasText("на рассмотрении");
        }
    }

    @Test
    @Order(4)
    void aRejectedDealShowsItsReasonAndASalesPersonSeesNoExtraDiscount() {
        assertThat(api.post("/api/v1/deals/" + conflictDeal + "/approve", OPERATOR,
                Map.of("extraDiscountPercent", "10")).status()).isEqualTo(200);
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@deals.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/deals/" + rejectedDeal));
            assertThat(page.locator("[data-testid=status]")).hasText("отклонена");
            assertThat(page.locator("[data-testid=reason]")).hasText("Клиент с ИНН " + rejectedTaxId
                    + " привязан к другому партнёру с 01.04.2026.");
            assertThat(page.locator("[data-testid=activities] tbody tr td").nth(3)).hasText("Отклонена при регистрации"
                    + " (клиент привязан к другому партнёру): Клиент с ИНН " + rejectedTaxId
                    + " привязан к другому партнёру с 01.04.2026.");
            assertThat(page.locator("[data-testid=stage-form]")).hasCount(0);
            assertThat(page.content()).doesNotContain(RIVAL);

            page.navigate(url("/portal/partners/" + partner + "/deals/" + conflictDeal));
            assertThat(page.locator("[data-testid=extra]")).hasText("10 %");
            assertThat(page.locator("[data-testid=activities] tbody tr td").nth(3)).hasText("Одобрена с доп. скидкой +10 %.");
            // Yandex Cloud protects 60 days from the approval (today) for the customer to be linked and consume
            LocalDate convertBy = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(60);
            assertThat(page.locator("[data-testid=protection]")).hasText("Защищает с 04.05.2026. Клиент должен быть"
                    + " привязан к вам и потреблять до " + Formats.of(RUSSIAN).date(convertBy) + " (срок 60 дн. после одобрения), иначе с этого дня"
                    + " защита закончится; дальше защита действует, пока клиент привязан к вам.");
        }
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "sales@deals.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/deals/" + conflictDeal));
            assertThat(page.locator("[data-testid=status]")).hasText("одобрена");
            assertThat(page.locator("[data-testid=extra]")).hasCount(0);
            // the approval is in the log, its discount is not
            Locator log = page.locator("[data-testid=activities] tbody tr");
            assertThat(log).hasCount(1);
            assertThat(log.nth(0).locator("td").nth(3)).hasText("Одобрена (доп. скидку видят администраторы и финансы).");
            assertThat(page.content()).doesNotContain("+10").doesNotContain("10.00");
        }
    }

    @Test
    @Order(5)
    void aPartnerCannotOpenAnotherPartnersDealByUrl() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "rival@deals.test");
            page.waitForURL(url("/portal/partners/" + rival));
            for (String path : List.of("/portal/partners/" + partner + "/deals/" + pipelineDeal,
                    "/portal/partners/" + rival + "/deals/" + pipelineDeal,
                    "/portal/partners/" + partner + "/projects")) {
                Response response = page.navigate(url(path));
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(page.content()).as(path).doesNotContain("Data platform");
            }
        }
    }

    @Test
    @Order(6)
    void theDealFormRefusesASecondDealForATaxIdAndAnotherPartnersAddressWithoutAServerError() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@deals.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/deals"));
            String taxId = Api.unique();
            fillDeal(page, taxId, "First deal");
            page.locator("form[action$='/deals'] button[type=submit]").click();
            assertThat(page.locator("[data-testid=registered]")).isVisible();

            fillDeal(page, taxId, "Second deal");
            page.locator("form[action$='/deals'] button[type=submit]").click();

            assertThat(page.locator("[data-testid=customerTaxId-error]"))
                    .hasText("У вас уже есть действующая сделка по этому ИНН.");
            assertThat(page.locator("input[name=customerTaxId]")).hasAttribute("aria-invalid", "true");

            // the same form posted to another partner's address: that partner is not found, nothing stored
            String rivals = "/portal/partners/" + rival + "/deals";
            page.evaluate("a => document.querySelector(\"form[action$='/deals']\").setAttribute('action', a)", rivals);
            String rivalTaxId = Api.unique();
            fillDeal(page, rivalTaxId, "Someone else's deal");
            Response refused = page.waitForResponse(r -> r.url().endsWith(rivals),
                    () -> page.locator("form[action$='/deals'] button[type=submit]").click());
            assertThat(refused.status()).isEqualTo(404);
            assertThat(api.get("/api/v1/deals?partnerId=" + rival, OPERATOR).raw()).doesNotContain(rivalTaxId);
        }
    }

    private static void fillDeal(Page page, String taxId, String title) {
        page.fill("input[name=customerTaxId]", taxId);
        page.fill("input[name=customerName]", title + " Customer");
        page.fill("input[name=title]", title);
    }

    private long deal(String taxId, String title, String registeredOn) {
        Api.Response registered = api.post("/api/v1/deals", OPERATOR, Map.of("partnerId", partner,
                "customerTaxId", taxId, "customerName", title + " Customer", "title", title, "registeredOn", registeredOn));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        return registered.id();
    }

    /** A customer with the tax id, linked to the rival from {@code from} with its consent. */
    private void linkToRival(String taxId, String from) {
        long customer = api.post("/api/v1/customers", OPERATOR, Map.of("name", "Contested " + taxId,
                "taxId", taxId, "accountId", "contested-" + taxId)).id();
        Api.Response linked = api.post("/api/v1/partners/" + rival + "/customers", OPERATOR,
                Map.of("customerId", customer, "from", from, "consentObtainedOn", from));
        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
    }
}
