package io.partnerhub.portal;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.partnerhub.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's programs pages and audit log in a real browser: the VK Cloud terms read in words
 * with the numbers of vk-cloud.yaml, Yandex Cloud's two versions one click apart, a partner's
 * people kept out, and portal actions found again in the audit log by actor, partner and path.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-portal-programs",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
class ProgramPagesBrowserTest extends BrowserTest {

    private static final String OPERATOR_EMAIL = "olga@programs.test";
    private static final String ADMIN_EMAIL = "anna@programs.test";
    /** Signs in only in the audit test, so its entries there are exactly what that test did. */
    private static final String AUDITED_OPERATOR = "oleg@programs.test";
    private static final String AUDITED_ADMIN = "alla@programs.test";

    private long partner;

    @BeforeAll
    void makeData() {
        partner = partner("Programs Partner", "vk-cloud", "PARTNER", "2026-01-15");
        user(OPERATOR_EMAIL, "Olga Operator", null, "OPERATOR");
        user(ADMIN_EMAIL, "Anna Admin", partner, "ADMIN");
        user(AUDITED_OPERATOR, "Oleg Operator", null, "OPERATOR");
        user(AUDITED_ADMIN, "Alla Admin", partner, "ADMIN");
    }

    @Test
    void theProgramsListShowsEveryProgramWithItsVersionsAndTheOneInForce() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, OPERATOR_EMAIL);
            page.waitForURL(url("/console"));
            page.navigate(url("/console/programs"));

            assertThat(page.locator("[data-testid=programs] tbody tr")).hasCount(3);
            Locator yandex = page.locator("tr[data-program=yandex-cloud]");
            assertThat(yandex.locator("td").nth(0)).hasText("Yandex Cloud");
            assertThat(yandex.locator("td").nth(1)).hasText("RUB");
            assertThat(yandex.locator("li[data-version='2020-01-01'] a")).hasText("с 01.01.2020 по 31.12.2025");
            assertThat(yandex.locator("li[data-version='2020-01-01'] [data-testid=in-force]")).hasCount(0);
            // the 2026 terms start on 2026-01-01 and no later version follows
            assertThat(yandex.locator("li[data-version='2026-01-01'] a")).hasText("с 01.01.2026");
            assertThat(yandex.locator("li[data-version='2026-01-01'] [data-testid=in-force]")).hasText("действует сегодня");
            assertThat(page.locator("tr[data-program=vk-cloud] li small")).hasText("Модели: Партнёр, White Label, Агент");
            screenshot(page, "programs.png");
        }
    }

    @Test
    void theVkCloudTermsReadInWordsWithTheNumbersOfItsFile() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, OPERATOR_EMAIL);
            page.waitForURL(url("/console"));
            page.navigate(url("/console/programs"));
            page.locator("tr[data-program=vk-cloud] td a").first().click();
            page.waitForURL(url("/console/programs/vk-cloud"));

            assertThat(page.locator("[data-testid=shown-in-force]")).hasText("действует сегодня");
            Locator rates = page.locator("[data-testid=section-rates] tbody tr");
            assertThat(rates).hasCount(3);
            assertThat(rates.nth(0).locator("td").nth(0)).hasText("Партнёр, White Label");
            assertThat(rates.nth(0).locator("td").nth(1)).hasText(
                    "Каждый месяц: процент от потребления клиентов без исключений (база для скидки)");
            assertThat(rates.nth(0).locator("td").nth(2)).hasText("10 %");
            assertThat(rates.nth(2).locator("td").nth(2)).hasText("15 000,00 ₽");
            assertThat(page.locator("[data-testid=section-services] tr[data-service=Marketplace] td").nth(3))
                    .hasText("исключён");
            assertThat(page.locator("[data-testid=section-services] li").nth(1)).hasText(
                    "Потребление, оплаченное бонусными рублями, грантами, исключено из базы скидок и вознаграждений.");
            Locator gold = page.locator("[data-testid=section-tiers] tr[data-tier=GOLD] td");
            assertThat(gold.nth(2)).hasText("+2 %");
            assertThat(gold.nth(3)).containsText("База для скидки за квартал не менее 3 000 000,00 ₽ "
                    + "и не менее 2 сертифицированных сотрудников");
            assertThat(page.locator("[data-testid=section-tiers] tr[data-tier=PLATINUM] td").nth(3))
                    .containsText("не менее 10 000 000,00 ₽ и не менее 4 сертифицированных сотрудников");
            Locator deals = page.locator("[data-testid=section-deals] tbody tr td");
            assertThat(deals.nth(0)).hasText("до 20 %");
            assertThat(deals.nth(1)).hasText("не более 30 %");
            assertThat(deals.nth(3)).hasText("без срока");
            assertThat(deals.nth(4)).hasText("20 рабочих дней");
            // seeds 000/001: the operator approves each deal; a deal protects from other partners only
            assertThat(deals.nth(5)).hasText("нет: каждую сделку решает оператор");
            assertThat(deals.nth(7)).hasText("ждёт решения оператора, факт показан");
            assertThat(page.locator("[data-testid=section-eligibility] li").nth(2)).hasText(
                    "Агент: индивидуальный предприниматель — зарегистрирован более 1 г. до даты заявки.");
            assertThat(page.locator("[data-testid=section-calendar] tbody tr").nth(1).locator("td"))
                    .hasText("суббота, воскресенье");
            assertThat(page.locator("[data-testid=section-projects]")).hasCount(0);
            org.assertj.core.api.Assertions.assertThat(page.locator("main").innerText())
                    .doesNotContain("PERCENT_OF_CONSUMPTION").doesNotContain("{").doesNotContain("kind:");
            screenshot(page, "program.png");

            page.navigate(url("/console/programs/vk-cloud?lang=en"));
            assertThat(page.locator("[data-testid=section-deals] tbody tr td").nth(5)).hasText(
                    "none: an operator decides every deal");
            assertThat(page.locator("[data-testid=section-deals] tbody tr td").nth(7)).hasText(
                    "waits for the operator, the fact shown");
            page.navigate(url("/console/programs/vk-cloud?lang=ru"));
        }
    }

    @Test
    void everyYandexCloudVersionIsOneClickAway() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, OPERATOR_EMAIL);
            page.waitForURL(url("/console"));
            page.navigate(url("/console/programs/yandex-cloud"));

            // today's terms (seed 004): 10 % base, project registration
            assertThat(page.locator("[data-testid=section-rates] tbody tr td").nth(2)).hasText("10 %");
            assertThat(page.locator("[data-testid=section-projects] tbody tr td").nth(0))
                    .hasText("до 15 % прироста потребления в зарегистрированном облаке или каталоге");

            page.locator("[data-testid=versions] li[data-version='2020-01-01'] a").click();
            page.waitForURL(url("/console/programs/yandex-cloud?version=2020-01-01"));

            // the older terms (seed 003): 20 % base, no project registration, not in force today
            assertThat(page.locator("[data-testid=shown-version] header strong")).hasText("Условия с 01.01.2020");
            assertThat(page.locator("[data-testid=shown-not-in-force]")).hasText("сегодня не действует");
            assertThat(page.locator("[data-testid=section-rates] tbody tr td").nth(2)).hasText("20 %");
            assertThat(page.locator("[data-testid=section-projects]")).hasCount(0);
            assertThat(page.locator("[data-testid=section-other] tbody tr td").nth(0))
                    .hasText("нужно: клиент подтверждает привязку");

            Response unknown = page.navigate(url("/console/programs/yandex-cloud?version=2019-01-01"));
            org.assertj.core.api.Assertions.assertThat(unknown.status()).isEqualTo(404);
        }
    }

    @Test
    void aPartnersPeopleGetNotFoundOnTheOperatorsPages() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, ADMIN_EMAIL);
            page.waitForURL(url("/portal/partners/" + partner));

            for (String path : List.of("/console/programs", "/console/programs/vk-cloud", "/console/audit",
                    "/console/audit?actor=" + OPERATOR_EMAIL)) {
                Response response = page.navigate(url(path));
                org.assertj.core.api.Assertions.assertThat(response.status()).as(path).isEqualTo(404);
                org.assertj.core.api.Assertions.assertThat(page.content()).as(path)
                        .doesNotContain("15 000.00").doesNotContain(OPERATOR_EMAIL);
            }
        }
    }

    @Test
    void portalActionsAreFoundInTheAuditLogByActorPartnerAndPathAPageAtATime() {
        long deal;
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, AUDITED_ADMIN);
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/deals"));
            page.fill("input[name=customerTaxId]", Api.unique());
            page.fill("input[name=customerName]", "Audited Customer");
            page.fill("input[name=title]", "Audited deal");
            page.locator("main form[method=post] button[type=submit]").first().click();
            page.waitForURL("**/deals?registered=*");
            deal = Long.parseLong(page.url().replaceAll(".*registered=(\\d+).*", "$1"));
            page.locator("nav button[type=submit]").click();
            page.waitForURL("**/login?signedOut");
        }
        try (BrowserContext context = browser.newContext()) {
            Page wrong = context.newPage();
            wrong.navigate(url("/login"));
            wrong.fill("#email", AUDITED_OPERATOR);
            wrong.fill("#password", "not the password");
            wrong.click("button[type=submit]");
            wrong.waitForURL("**/login?error");
        }
        // 105 refused API writes by the operator token, more than one page of the log
        for (int i = 0; i < 105; i++) {
            assertThat(api.post("/api/v1/partners/" + partner + "/exam-passes", OPERATOR, "{}").status()).isEqualTo(422);
        }
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, AUDITED_OPERATOR);
            page.waitForURL(url("/console"));
            page.navigate(url("/console/deals"));
            page.locator("tr[data-deal='" + deal + "'] form button").first().click();
            assertThat(page.locator("[data-testid=decided]")).isVisible();

            page.navigate(url("/console/audit"));
            page.fill("#actor", AUDITED_OPERATOR);
            page.locator("[data-testid=audit-search] button[type=submit]").click();
            assertThat(page.locator("[data-testid=audit-entries] tbody tr td:nth-child(4)")).hasText(new String[] {
                    "POST /console/deals/" + deal + "/approve", "POST /login"});
            assertThat(page.locator("[data-testid=audit-entries] tbody tr").first().locator("td").nth(4)).hasText("302");
            assertThat(page.locator("[data-testid=audit-entries] tbody tr").first().locator("td").nth(5)).hasText("выполнено");

            page.fill("#actor", "");
            page.fill("#path", "/deals/" + deal + "/approve");
            page.locator("[data-testid=audit-search] button[type=submit]").click();
            assertThat(page.locator("[data-testid=audit-entries] tbody tr td:nth-child(2)"))
                    .hasText(new String[] {"Oleg Operator (" + AUDITED_OPERATOR + ")"});

            page.navigate(url("/console/audit?actor=" + AUDITED_ADMIN));
            Locator admin = page.locator("[data-testid=audit-entries] tbody tr");
            assertThat(admin.locator("td:nth-child(4)")).hasText(new String[] {
                    "POST /logout", "POST /portal/partners/" + partner + "/deals", "POST /login"});
            assertThat(admin.nth(1).locator("td").nth(2)).hasText("Programs Partner");
            String alla = "Alla Admin (" + AUDITED_ADMIN + ")";
            assertThat(admin.locator("td:nth-child(2)")).hasText(new String[] {alla, alla, alla});
            screenshot(page, "audit.png");

            // days are Moscow days, both ends included
            String today = LocalDate.now(ZoneId.of("Europe/Moscow")).toString();
            String tomorrow = LocalDate.now(ZoneId.of("Europe/Moscow")).plusDays(1).toString();
            page.navigate(url("/console/audit?actor=" + AUDITED_ADMIN + "&from=" + today + "&to=" + today));
            assertThat(page.locator("[data-testid=audit-entries] tbody tr")).hasCount(3);
            page.navigate(url("/console/audit?actor=" + AUDITED_ADMIN + "&from=" + tomorrow));
            assertThat(page.locator("[data-testid=audit-empty]")).isVisible();
            page.navigate(url("/console/audit?partnerId=" + partner + "&path=/deals"));
            assertThat(page.locator("[data-testid=audit-entries] tbody tr td:nth-child(4)")).hasText(new String[] {
                    "POST /portal/partners/" + partner + "/deals"});

            page.navigate(url("/console/audit?actor=anonymous&path=/login"));
            assertThat(page.locator("[data-testid=audit-entries] tbody tr td:nth-child(4)")).hasText(new String[] {"POST /login"});

            page.navigate(url("/console/audit"));
            page.fill("#actor", "operator");
            page.fill("#path", "/exam-passes");
            page.locator("[data-testid=audit-search] button[type=submit]").click();
            assertThat(page.locator("[data-testid=audit-entries] tbody tr")).hasCount(100);
            page.locator("[data-testid=audit-next]").click();
            assertThat(page.locator("[data-testid=audit-entries] tbody tr")).hasCount(5);
            assertThat(page.locator("[data-testid=audit-entries] tbody tr td:nth-child(4)")).hasText(
                    Collections.nCopies(5, "POST /api/v1/partners/" + partner + "/exam-passes").toArray(String[]::new));
            assertThat(page.locator("#actor")).hasValue("operator");
            assertThat(page.locator("#path")).hasValue("/exam-passes");
            assertThat(page.locator("[data-testid=audit-next]")).hasCount(0);

            page.navigate(url("/console/audit?partnerId=abc"));
            assertThat(page.locator("#partnerId")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("[data-testid=partnerId-error]")).hasText("Номер партнёра — целое число, например 42.");
        }
    }
}
