package io.partnerhub.portal;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.partnerhub.Api;
import io.partnerhub.incentive.Quarter;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.shared.Formats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The incentive pages in a browser: an Oblakoteka White Label partner's ADMIN asks for bonus codes
 * until the quarter's ten are used and reads the refusal in Russian and in English, sees its
 * sandbox's countdown, asks for a co-marketing event below and then at the program's 50 % share,
 * and accepts a warm lead; the operator approves the event on the incentive desk and sees the
 * quarter's budget spent, and ends another Professional partner's trial there. SALES people get
 * 404; a program without incentives says so. A database of its own (the co-marketing budget is the
 * program's).
 *
 * <pre>
 * codes       1 000.00 in the portal, 9 × 100.00 by the API: 10 of 10 used, 28 100.00 of 30 000.00 left
 * sandbox     requested as Professional; downgraded to Reseller Basic 6 months less 10 days ago:
 *             paid from today + 10 days (6 months after the downgrade), ENDING, 10 days left
 * event       budget 100 000.00: 40 000.00 refused (at least 50 000.00), 50 000.00 pending, approved
 *             → the quarter's 500 000.00 budget: 50 000.00 approved, 450 000.00 left
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-incentive-pages",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncentivePagesBrowserTest extends BrowserTest {

    private static final String NB = "\u00A0";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Moscow"));
    private static final String QUARTER = Quarter.of(TODAY).toString();

    @Autowired
    private Partners partners;

    private long partner;
    private long reseller;

    @BeforeAll
    void makeData() {
        partner = whiteLabelWithAccount("Облакотека Плюс");
        reseller = partner("Яндекс Реселлер", "yandex-cloud", "RESELLER", "2026-01-15");
        Api.Response sandbox = api.post("/api/v1/partners/" + partner + "/sandbox", OPERATOR,
                Map.of("platform", "KVM", "resourceId", "cloudovka-1"));
        assertThat(sandbox.status()).as(sandbox.raw()).isEqualTo(201);
        partners.changeStanding(partner, TODAY.minusMonths(6).plusDays(10), PartnerModel.RESELLER, "BASIC",
                "below the Professional requirement");

        user("operator@incentives.test", "Ольга Операторова", null, "OPERATOR");
        user("admin@incentives.test", "Анна Админова", partner, "ADMIN");
        user("sales@incentives.test", "Семён Продажин", partner, "SALES");
    }

    @Test
    @Order(1)
    void aCodeRequestedInThePortalLowersWhatIsLeftAndTheEleventhIsRefusedInTheReadersLanguage() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@incentives.test");
            page.waitForURL(url("/portal/partners/" + partner));
            submit(page, "nav a[href='/portal/partners/" + partner + "/incentives']");
            assertThat(page.url()).isEqualTo(url("/portal/partners/" + partner + "/incentives"));
            assertThat(text(page, "[data-testid=codes-left]")).isEqualTo("10");
            assertThat(text(page, "[data-testid=amount-left]")).isEqualTo("30" + NB + "000,00" + NB + "₽");

            page.fill("[data-testid=code-amount]", "1 000,00");
            submit(page, "[data-testid=request-code]");
            assertThat(text(page, "[data-testid=code-issued]")).startsWith("Выдан код BC-");
            assertThat(text(page, "[data-testid=codes-issued]")).isEqualTo("1");
            assertThat(text(page, "[data-testid=codes-left]")).isEqualTo("9");
            assertThat(text(page, "[data-testid=amount-left]")).isEqualTo("29" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=codes] tbody tr td >> nth=3")).isEqualTo("Выдан, не активирован");

            for (int i = 0; i < 9; i++) {
                Api.Response issued = api.post("/api/v1/partners/" + partner + "/bonus-codes", OPERATOR,
                        Map.of("amount", "100.00"));
                assertThat(issued.status()).as(issued.raw()).isEqualTo(201);
            }
            page.reload();
            assertThat(text(page, "[data-testid=codes-left]")).isEqualTo("0");
            assertThat(text(page, "[data-testid=amount-left]")).isEqualTo("28" + NB + "100,00" + NB + "₽");

            page.fill("[data-testid=code-amount]", "100");
            Response refused = submit(page, "[data-testid=request-code]");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(text(page, "[data-testid=code-error]")).isEqualTo("Квартальная квота в 10 кодов исчерпана: за "
                    + QUARTER + " выдано кодов: 10; осталось 0 кодов, 28" + NB + "100,00" + NB + "₽");
            assertThat(page.inputValue("[data-testid=code-amount]")).isEqualTo("100");
            screenshot(page, "incentives-code-refused-ru.png");
            assertAccessible(page);

            page.navigate(url("/portal/partners/" + partner + "/incentives?lang=en"));
            assertThat(text(page, "[data-testid=amount-left]")).isEqualTo("28,100.00" + NB + "RUB");
            page.fill("[data-testid=code-amount]", "100");
            submit(page, "[data-testid=request-code]");
            assertThat(text(page, "[data-testid=code-error]")).isEqualTo("the quarter's quota of 10 codes is used: 10"
                    + " codes issued in " + QUARTER + "; left: 0 codes, 28100.00");
            assertThat(text(page, "[data-testid=codes-left]")).isEqualTo("0");
            long refusals = api.get("/api/v1/events?type=bonus-code.refused&partnerId=" + partner, OPERATOR).body()
                    .get("events").size();
            assertThat(refusals).as("both refusals in the portal are events, as the API's are").isEqualTo(2);
        }
    }

    @Test
    @Order(2)
    void theSandboxCountsDownToTheDayItBecomesPaid() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@incentives.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/incentives"));
            LocalDate paidFrom = TODAY.minusMonths(6).plusDays(10).plusMonths(6);
            long daysLeft = ChronoUnit.DAYS.between(TODAY, paidFrom);
            assertThat(text(page, "[data-testid=sandbox-status]")).isEqualTo("бесплатно до перехода на оплату");
            assertThat(text(page, "[data-testid=sandbox-warning]")).isEqualTo("С "
                    + Formats.of(PortalWeb.RUSSIAN).date(paidFrom)
                    + " песочница оплачивается с вашего аккаунта: осталось дней: " + daysLeft + ".");
            assertThat(text(page, "[data-testid=sandbox-machine]")).startsWith("4 vCPU, 8 ГБ RAM, 500 ГБ SSD на KVM");

            page.navigate(url("/portal/partners/" + partner + "/incentives?lang=en"));
            assertThat(text(page, "[data-testid=sandbox-warning]")).isEqualTo("From "
                    + Formats.of(Locale.ENGLISH).date(paidFrom)
                    + " your account pays for the sandbox: " + daysLeft + " days left.");
        }
    }

    @Test
    @Order(3)
    void anEventBelowTheProgramsShareIsRefusedAndTheOperatorApprovesOneAtHalf() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@incentives.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/incentives"));
            requestEvent(page, "40000");
            assertThat(text(page, "[data-testid=event-error]"))
                    .isEqualTo("Партнёр оплачивает не меньше 50 % бюджета: не меньше 50" + NB + "000,00" + NB + "₽, а не 40"
                            + NB + "000,00" + NB + "₽");
            assertThat(page.inputValue("[data-testid=event-title]")).isEqualTo("Вебинар о резервном копировании");

            requestEvent(page, "50 000");
            assertThat(text(page, "[data-testid=event-requested]"))
                    .isEqualTo("Заявка «Вебинар о резервном копировании» отправлена.");
            assertThat(text(page, "[data-testid=events] tbody tr td >> nth=3")).isEqualTo("50" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=event-status]")).isEqualTo("на рассмотрении");
        }
        try (BrowserContext context = browser.newContext(wide())) {
            Page desk = signIn(context, "operator@incentives.test");
            desk.waitForURL(url("/console"));
            submit(desk, "nav a[href='/console/incentives']");
            String oblakoteka = "[data-testid=budgets] tr[data-program=oblakoteka] ";
            assertThat(text(desk, oblakoteka + "[data-testid=budget-total]")).isEqualTo("500" + NB + "000,00" + NB + "₽");
            assertThat(text(desk, oblakoteka + "[data-testid=budget-approved]")).isEqualTo("0,00" + NB + "₽");
            assertThat(text(desk, oblakoteka + "[data-testid=budget-pending]")).isEqualTo("50" + NB + "000,00" + NB + "₽");
            assertThat(text(desk, "[data-testid=pending-events] tbody tr td >> nth=0")).isEqualTo("Облакотека Плюс");
            desk.waitForFunction("() => typeof Chart !== 'undefined' && Chart.getChart('budget-chart') !== undefined");

            submit(desk, "[data-testid=pending-events] [data-testid=approve-event]");
            assertThat(text(desk, "[data-testid=decided]")).isEqualTo("Мероприятие «Вебинар о резервном копировании» одобрено.");
            assertThat(text(desk, oblakoteka + "[data-testid=budget-approved]")).isEqualTo("50" + NB + "000,00" + NB + "₽");
            assertThat(text(desk, oblakoteka + "[data-testid=budget-pending]")).isEqualTo("0,00" + NB + "₽");
            assertThat(text(desk, oblakoteka + "[data-testid=budget-left]")).isEqualTo("450" + NB + "000,00" + NB + "₽");
            assertThat(desk.locator("[data-testid=pending-events]").count()).isZero();
            screenshot(desk, "incentive-desk.png");
            assertAccessible(desk);
        }
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@incentives.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/incentives"));
            assertThat(text(page, "[data-testid=event-status]")).isEqualTo("одобрено");
        }
    }

    @Test
    @Order(4)
    void aWarmLeadOfferedToThePartnerIsAcceptedInThePortal() {
        Api.Response declared = api.post("/api/v1/partners/" + partner + "/specializations", OPERATOR,
                Map.of("specialization", "vdi", "from", TODAY.toString()));
        assertThat(declared.status()).as(declared.raw()).isEqualTo(201);
        Api.Response lead = api.post("/api/v1/leads", OPERATOR, Map.of("company", "ООО Северный ветер",
                "specialization", "vdi", "contact", "it@nordwind.example"));
        assertThat(lead.status()).as(lead.raw()).isEqualTo(201);
        assertThat(lead.body().get("offeredTo").asLong()).isEqualTo(partner);

        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "admin@incentives.test");
            page.waitForURL(url("/portal/partners/" + partner));
            page.navigate(url("/portal/partners/" + partner + "/incentives"));
            String row = "[data-testid=leads] tr[data-lead='" + lead.id() + "'] ";
            assertThat(text(page, row + "td >> nth=0")).isEqualTo("ООО Северный ветер");
            assertThat(text(page, row + "[data-testid=lead-status] span")).isEqualTo("предложен");
            submit(page, row + "[data-testid=accept-lead]");
            assertThat(text(page, "[data-testid=lead-answered]")).isEqualTo("Лид принят.");
            assertThat(text(page, row + "[data-testid=lead-status] span")).isEqualTo("принят");
            assertThat(page.locator(row + "[data-testid=accept-lead]").count()).isZero();
        }
        Api.Response accepted = api.get("/api/v1/leads/" + lead.id(), OPERATOR);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
    }

    @Test
    @Order(5)
    void salesPeopleDoNotSeeTheIncentivesAndAProgramWithoutThemSaysSo() {
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "sales@incentives.test");
            page.waitForURL(url("/portal/partners/" + partner));
            assertThat(page.locator("nav a[href='/portal/partners/" + partner + "/incentives']").count()).isZero();
            Response hidden = page.navigate(url("/portal/partners/" + partner + "/incentives"));
            assertThat(hidden.status()).isEqualTo(404);
        }
        try (BrowserContext context = browser.newContext(wide())) {
            Page page = signIn(context, "operator@incentives.test");
            page.waitForURL(url("/console"));
            Response shown = page.navigate(url("/portal/partners/" + reseller + "/incentives"));
            assertThat(shown.status()).isEqualTo(200);
            assertThat(text(page, "[data-testid=not-offered]")).isEqualTo("Ваша программа (Yandex Cloud) не предлагает стимулов.");
            assertThat(page.locator("#bonus-codes").count()).isZero();
        }
    }

    @Test
    @Order(6)
    void theOperatorEndsAProfessionalPartnersTrialOnTheDesk() {
        long professional = whiteLabelWithAccount("Облачный Профи");
        long customer = api.post("/api/v1/customers", OPERATOR, Map.of("name", "Заказчик Пробный",
                "taxId", Api.unique(), "accountId", "trial-" + Api.unique())).id();
        Api.Response linked = api.post("/api/v1/partners/" + professional + "/customers", OPERATOR,
                Map.of("customerId", customer, "from", TODAY.toString()));
        assertThat(linked.status()).as(linked.raw()).isEqualTo(201);
        Api.Response trial = api.post("/api/v1/customers/" + customer + "/trials", OPERATOR,
                Map.of("partnerId", professional, "from", TODAY.toString()));
        assertThat(trial.status()).as(trial.raw()).isEqualTo(201);

        try (BrowserContext context = browser.newContext(wide())) {
            Page desk = signIn(context, "operator@incentives.test");
            desk.waitForURL(url("/console"));
            desk.navigate(url("/console/incentives"));
            String row = "[data-testid=running-trials] tr[data-trial='" + trial.id() + "'] ";
            assertThat(text(desk, row + "td >> nth=0")).isEqualTo("Облачный Профи");
            assertThat(text(desk, row + "td >> nth=1")).isEqualTo("Заказчик Пробный");
            submit(desk, row + "[data-testid=end-trial]");
            assertThat(text(desk, "[data-testid=decided]")).isEqualTo("Пробный период заканчивается "
                    + Formats.of(PortalWeb.RUSSIAN).date(TODAY) + ".");
            assertThat(desk.locator(row).count()).isZero();

            desk.navigate(url("/portal/partners/" + professional + "/incentives"));
            assertThat(text(desk, "[data-testid=trials] tbody tr td >> nth=0")).isEqualTo("Заказчик Пробный");
            assertThat(text(desk, "[data-testid=trials] tbody tr td >> nth=2"))
                    .isEqualTo(Formats.of(PortalWeb.RUSSIAN).date(TODAY));
        }
    }

    private void requestEvent(Page page, String share) {
        page.fill("[data-testid=event-title]", "Вебинар о резервном копировании");
        page.fill("[data-testid=event-date]", TODAY.toString());
        page.fill("[data-testid=event-budget]", "100000");
        page.fill("[data-testid=event-share]", share);
        submit(page, "[data-testid=request-event]");
    }

    /** Clicks what submits a form or follows a link, and waits for the page it leads to. */
    private static Response submit(Page page, String selector) {
        return page.waitForNavigation(() -> page.click(selector));
    }

    /** An Oblakoteka White Label partner (Professional) with its own account, which a sandbox is billed to. */
    private long whiteLabelWithAccount(String name) {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", "oblakoteka");
        application.put("model", "WHITE_LABEL");
        application.put("name", name);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", Api.unique());
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", "2024-01-01");
        application.put("accountId", "own-" + Api.unique());
        Api.Response created = api.post("/api/v1/partners", OPERATOR, application);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }

    private static Browser.NewContextOptions wide() {
        return new Browser.NewContextOptions().setViewportSize(1280, 900);
    }

    private static String text(Page page, String selector) {
        return page.locator(selector).first().textContent().strip();
    }
}
