package io.partnerhub.portal;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.partnerhub.Api;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's partner pages and a partner's users in a real browser: an application refused at
 * the field its rule judges, then admitted; the partner's standing and an exit notice; an ADMIN
 * invites a FINANCE user who sets a password through the link, once; nobody else reaches these pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-portal-partners",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerConsoleBrowserTest extends BrowserTest {

    private static final String OPERATOR_EMAIL = "operator@partners.test";
    private static final String ADMIN_EMAIL = "admin@partners.test";
    private static final String FINANCE_EMAIL = "fedor@partners.test";

    private long partner;

    @BeforeAll
    void makeData() {
        partner = partner("Invite Reseller", "vk-cloud", "PARTNER", "2026-03-01");
        user(OPERATOR_EMAIL, "Olga Operator", null, "OPERATOR");
        user(ADMIN_EMAIL, "Anna Admin", partner, "ADMIN");
    }

    @Test
    @Order(1)
    void anOperatorFilesAnApplicationRefusedAtItsFieldThenAdmittedAndRecordsAnExitNotice() {
        String taxId = Api.unique();
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, OPERATOR_EMAIL);
            page.waitForURL(url("/console"));
            page.navigate(url("/console/partners"));
            page.locator("[data-testid=new-application]").click();

            page.selectOption("select[name=programId]", "vk-cloud");
            page.locator("[data-testid=choose-program]").click();
            page.selectOption("select[name=model]", "AGENT");
            page.fill("input[name=name]", "IP Ivanov");
            page.selectOption("select[name=legalForm]", "INDIVIDUAL_ENTREPRENEUR");
            page.fill("input[name=taxId]", taxId);
            page.fill("input[name=registeredOn]", "2026-01-15");
            page.fill("input[name=country]", "RU");
            page.fill("input[name=contractDate]", "2026-03-01");
            page.locator("form[data-testid=application] button[type=submit]").click();

            // VK Cloud (seed 000 "Агент"): an IE joins as AGENT only after more than a year registered
            assertThat(page.locator("[data-testid=registeredOn-error]")).hasText("INDIVIDUAL_ENTREPRENEUR joining as"
                    + " AGENT must have been registered for more than 1 year before applying (registered 2026-01-15,"
                    + " applied 2026-03-01)");
            assertThat(page.locator("input[name=registeredOn]")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("input[name=registeredOn]")).hasAttribute("aria-describedby", "registeredOn-error");
            assertThat(page.locator("input[name=name]")).hasValue("IP Ivanov");
            assertThat(page.locator("small.error")).hasCount(1);
            screenshot(page, "console-partner-new.png");

            page.fill("input[name=registeredOn]", "2024-01-15");
            page.locator("form[data-testid=application] button[type=submit]").click();

            assertThat(page.locator("[data-testid=admitted]")).containsText("принят в программу");
            String id = page.url().replaceAll(".*/console/partners/(\\d+).*", "$1");
            assertThat(page.locator("[data-testid=partner-name]")).hasText("IP Ivanov");
            assertThat(page.locator("[data-testid=profile-status]")).hasText("действует");
            assertThat(page.locator("[data-testid=profile-contract]")).hasText("01.03.2026");
            assertThat(page.locator("[data-testid=profile-end]")).hasText("—");
            assertThat(page.locator("[data-testid=standing] tbody tr")).hasCount(1);
            assertThat(page.locator("[data-testid=standing] tbody tr td")).hasText(
                    new String[]{"01.03.2026", "Агент", "—", "договор"});

            // VK Cloud's exit notice is 30 days: notice given today cannot end before today + 30
            LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
            page.fill("input[name=exitDate]", today.plusDays(29).toString());
            page.locator("form[action$='/exit-notice'] button[type=submit]").click();
            java.time.format.DateTimeFormatter russianDay = java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy");
            assertThat(page.locator("[data-testid=exitDate-error]")).hasText("Уведомление о выходе подаётся не менее чем"
                    + " за 30 дн.: при уведомлении от " + today.format(russianDay) + " самая ранняя дата выхода — "
                    + today.plusDays(30).format(russianDay) + ".");
            assertThat(page.locator("input[name=exitDate]")).hasAttribute("aria-invalid", "true");

            page.fill("input[name=exitDate]", "2030-06-30");
            page.fill("form[action$='/exit-notice'] input[name=reason]", "Moves to another provider");
            page.locator("form[action$='/exit-notice'] button[type=submit]").click();

            assertThat(page.locator("[data-testid=exit-noticed]"))
                    .hasText("Уведомление о выходе записано: дата выхода 30.06.2030.");
            assertThat(page.locator("[data-testid=profile-status]")).hasText("выходит");
            assertThat(page.locator("[data-testid=profile-end]")).hasText("30.06.2030");
            assertThat(page.locator("[data-testid=profile-exit-notice]"))
                    .hasText("дано " + today.format(java.time.format.DateTimeFormatter.ofPattern("dd.MM.yyyy"))
                            + ", выход 30.06.2030; причина: Moves to another provider");

            page.fill("form[action$='/revocation'] input[name=reason]", "Broke the price agreement");
            page.locator("form[action$='/revocation'] button[type=submit]").click();
            assertThat(page.locator("[data-testid=confirmed-error]")).hasText("Поставьте отметку, чтобы подтвердить отзыв.");
            assertThat(page.locator("[data-testid=profile-status]")).hasText("выходит");
            assertThat(page.locator("form[action$='/revocation'] input[name=reason]")).hasValue("Broke the price agreement");
            page.navigate(url("/console/partners/" + id));
            screenshot(page, "console-partner.png");

            page.navigate(url("/console/partners?q=" + taxId));
            assertThat(page.locator("[data-testid=partners] tbody tr")).hasCount(1);
            assertThat(page.locator("[data-testid=partners] tbody tr td").nth(1)).hasText("IP Ivanov");
            page.navigate(url("/console/partners?programId=vk-cloud&model=AGENT&status=EXITING"));
            assertThat(page.locator("tr[data-partner='" + id + "'] td").nth(6)).hasText("выходит");
            page.navigate(url("/console/partners?status=REVOKED&q=ivanov"));
            assertThat(page.locator("[data-testid=no-partners]")).isVisible();
            page.navigate(url("/console/partners"));
            assertThat(page.locator("tr[data-partner='" + partner + "'] td").nth(1)).hasText("Invite Reseller");
            screenshot(page, "console-partners.png");
        }
    }

    @Test
    @Order(2)
    void anAdminInvitesAFinanceUserWhoSetsAPasswordThroughTheLinkOnce() {
        String firstLink;
        String link;
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, ADMIN_EMAIL);
            page.waitForURL(url("/portal/partners/" + partner));
            page.locator("a[href$='/users']").click();
            page.waitForURL(url("/portal/partners/" + partner + "/users"));

            firstLink = invite(page);
            link = invite(page);

            assertThat(link).startsWith(url("/invitations/inv_")).isNotEqualTo(firstLink);
            assertThat(page.locator("[data-testid=invitation]")).containsText(FINANCE_EMAIL);
            assertThat(page.locator("[data-testid=users] tbody tr")).hasCount(2);
            assertThat(page.locator("tr[data-user='" + ADMIN_EMAIL + "'] td").nth(2)).hasText("Администратор");
            assertThat(page.locator("tr[data-invitation='" + FINANCE_EMAIL + "'] td").nth(2)).hasText("Финансы");
            screenshot(page, "users.png");
        }
        try (BrowserContext invitee = browser.newContext()) {
            Page page = invitee.newPage();
            Response replaced = page.navigate(firstLink);
            assertThat(replaced.status()).isEqualTo(410);
            assertThat(page.locator("[data-testid=invitation-gone]")).containsText("Эту ссылку заменило более новое приглашение.");

            page.navigate(link);
            assertThat(page.locator("[data-testid=invitation-for]"))
                    .hasText("Fedor Finance, вас пригласили в кабинет партнёра «Invite Reseller» с ролью «Финансы».");
            page.fill("#password", "too short");
            page.fill("#repeated", "too short");
            page.locator("form button[type=submit]").click();
            assertThat(page.locator("[data-testid=password-error]")).hasText("Пароль должен быть не короче 10 символов.");
            assertThat(page.locator("#password")).hasAttribute("aria-invalid", "true");

            page.fill("#password", PASSWORD);
            page.fill("#repeated", PASSWORD);
            page.locator("form button[type=submit]").click();
            page.waitForURL(url("/login?invited"));
            assertThat(page.locator("[data-testid=invited]")).hasText("Пароль задан. Войдите с вашей почтой и паролем.");

            Page signedIn = signIn(invitee, FINANCE_EMAIL);
            signedIn.waitForURL(url("/portal/partners/" + partner));
            assertThat(signedIn.locator("[data-testid=signed-in-as]")).hasText("Fedor Finance");

            Response used = signedIn.navigate(link);
            assertThat(used.status()).isEqualTo(410);
            assertThat(signedIn.locator("[data-testid=invitation-gone]"))
                    .containsText("По этой ссылке уже задан пароль; второй раз она не работает.");
            Response unknown = signedIn.navigate(url("/invitations/inv_no-such-link"));
            assertThat(unknown.status()).isEqualTo(404);
        }
    }

    @Test
    @Order(3)
    void onlyThePartnersAdminOpensItsUsersAndOnlyOperatorsTheConsolePartnerPages() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, FINANCE_EMAIL);
            page.waitForURL(url("/portal/partners/" + partner));
            Response users = page.navigate(url("/portal/partners/" + partner + "/users"));
            assertThat(users.status()).isEqualTo(404);
            assertThat(page.content()).doesNotContain(ADMIN_EMAIL);
        }
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, ADMIN_EMAIL);
            page.waitForURL(url("/portal/partners/" + partner));
            for (String path : List.of("/console/partners", "/console/partners/" + partner, "/console/partners/new")) {
                Response response = page.navigate(url(path));
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(page.content()).as(path).doesNotContain("IP Ivanov");
            }
            assertThat(page.locator("[data-testid=users]")).hasCount(0);
            page.navigate(url("/portal/partners/" + partner + "/users"));
            assertThat(page.locator("tr[data-user='" + FINANCE_EMAIL + "'] td").nth(2)).hasText("Финансы");
            assertThat(page.locator("[data-invitation]")).hasCount(0);
        }
    }

    @Test
    @Order(4)
    void anOperatorPagesThroughPartnersFiftyAtATimeAndInvitesFromThePartnersPage() {
        for (int i = 1; i <= 51; i++) {
            partner("Paged %02d".formatted(i), "oblakoteka", "REFERRAL", "2026-03-01");
        }
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, OPERATOR_EMAIL);
            page.waitForURL(url("/console"));
            page.navigate(url("/console/partners?q=paged&programId=oblakoteka"));
            assertThat(page.locator("[data-testid=partners] tbody tr")).hasCount(50);
            assertThat(page.locator("[data-testid=previous]")).hasCount(0);
            assertThat(page.locator("[data-testid=partners] tbody tr").first().locator("td").nth(1)).hasText("Paged 01");

            page.locator("[data-testid=next]").click();

            assertThat(page.locator("[data-testid=partners] tbody tr")).hasCount(1);
            assertThat(page.locator("[data-testid=partners] tbody tr td").nth(1)).hasText("Paged 51");
            assertThat(page.locator("[data-testid=next]")).hasCount(0);
            assertThat(page.locator("select[name=programId]")).hasValue("oblakoteka");
            assertThat(page.locator("input[name=q]")).hasValue("paged");

            page.navigate(url("/console/partners/" + partner));
            page.fill("form[action$='/invitations'] input[name=email]", ADMIN_EMAIL);
            page.fill("form[action$='/invitations'] input[name=displayName]", "Sergey Sales");
            page.selectOption("form[action$='/invitations'] select[name=role]", "SALES");
            page.locator("form[action$='/invitations'] button[type=submit]").click();
            assertThat(page.locator("[data-testid=invite-email-error]"))
                    .hasText("a portal user with e-mail " + ADMIN_EMAIL + " exists already");
            assertThat(page.locator("form[action$='/invitations'] input[name=email]")).hasAttribute("aria-invalid", "true");
            assertThat(page.locator("form[action$='/invitations'] input[name=displayName]")).hasValue("Sergey Sales");

            page.fill("form[action$='/invitations'] input[name=email]", "sergey@partners.test");
            page.locator("form[action$='/invitations'] button[type=submit]").click();
            assertThat(page.locator("[data-testid=invitation]")).containsText("sergey@partners.test (Продажи)");
            assertThat(page.locator("tr[data-invitation='sergey@partners.test'] td").nth(2)).hasText("Продажи");
        }
    }

    @Test
    @Order(5)
    void theApplicationFormOffersTheChosenProgramsModelsAndTheServersDefaultsWithoutJavaScript() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Moscow"));
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setJavaScriptEnabled(false))) {
            Page page = signIn(context, OPERATOR_EMAIL);
            page.waitForURL(url("/console"));
            page.navigate(url("/console/partners/new"));
            // the program first: no model is offered before one is chosen
            assertThat(page.locator("[data-testid=program-first]")).isVisible();
            assertThat(page.locator("select[name=model]")).hasCount(0);

            page.selectOption("select[name=programId]", "oblakoteka");
            page.locator("[data-testid=choose-program]").click();
            page.waitForURL(url("/console/partners/new?programId=oblakoteka"));
            assertThat(page.locator("select[name=model] option")).hasText(new String[] {
                    "— выберите —", "Реферал", "Реселлер", "Агент", "White Label"});
            assertThat(page.locator("select[name=programId]")).hasValue("oblakoteka");

            page.selectOption("select[name=programId]", "yandex-cloud");
            page.locator("[data-testid=choose-program]").click();
            assertThat(page.locator("select[name=model] option")).hasCount(2);
            assertThat(page.locator("select[name=model] option").nth(1)).hasAttribute("value", "RESELLER");

            // the defaults are the server's: today's contract date, prepayment; nothing else is chosen for the applicant
            assertThat(page.locator("input[name=contractDate]")).hasValue(today.toString());
            assertThat(page.locator("select[name=paymentTerms]")).hasValue("PREPAYMENT");
            assertThat(page.locator("select[name=model]")).hasValue("");
            assertThat(page.locator("select[name=legalForm]")).hasValue("");
            assertThat(page.locator("input[name=country]")).hasValue("");
            String taxId = Api.unique();
            Api.Response filed = api.post("/api/v1/partners", OPERATOR, java.util.Map.of("programId", "yandex-cloud",
                    "model", "RESELLER", "name", "Defaults " + taxId, "legalForm", "LEGAL_ENTITY", "taxId", taxId,
                    "registeredOn", "2020-01-15", "country", "RU"));
            assertThat(filed.status()).as(filed.raw()).isEqualTo(201);
            Api.Response stored = api.get("/api/v1/partners/" + filed.id(), OPERATOR);
            assertThat(stored.text("contractDate")).isEqualTo(page.locator("input[name=contractDate]").inputValue());
            assertThat(stored.text("paymentTerms")).isEqualTo(page.locator("select[name=paymentTerms]").inputValue());

            // filed from the form with JavaScript off
            String formTaxId = Api.unique();
            page.selectOption("select[name=model]", "RESELLER");
            page.fill("input[name=name]", "No Script Reseller");
            page.selectOption("select[name=legalForm]", "LEGAL_ENTITY");
            page.fill("input[name=taxId]", formTaxId);
            page.fill("input[name=registeredOn]", "2020-01-15");
            page.fill("input[name=country]", "RU");
            page.locator("form[data-testid=application] button[type=submit]").click();
            assertThat(page.locator("[data-testid=admitted]")).containsText("принят в программу");
            assertThat(page.locator("[data-testid=profile-contract]")).hasText(io.partnerhub.shared.Formats.of(java.util.Locale.forLanguageTag("ru")).date(today));
        }
    }

    /** Invites Fedor as FINANCE on the open users page; returns the link shown. */
    private String invite(Page page) {
        page.fill("form[action$='/invitations'] input[name=email]", FINANCE_EMAIL);
        page.fill("form[action$='/invitations'] input[name=displayName]", "Fedor Finance");
        page.selectOption("form[action$='/invitations'] select[name=role]", "FINANCE");
        page.locator("form[action$='/invitations'] button[type=submit]").click();
        assertThat(page.locator("[data-testid=invitation]")).isVisible();
        return page.locator("[data-testid=invitation-link]").inputValue();
    }
}
