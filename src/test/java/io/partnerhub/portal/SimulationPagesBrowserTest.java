package io.partnerhub.portal;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.SetClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The program simulator in the console, in a browser, on a database of its own: a Yandex Cloud
 * reseller's November and December 2025 (seed 003's 20 %) replayed at the 2026 rate of 10 %.
 *
 * <pre>
 * November Compute Cloud 100 000.00: payable 80 000.00 issued, 90 000.00 under the draft (+10 000.00)
 * December Compute Cloud  50 000.00: payable 40 000.00 issued, 45 000.00 under the draft  (+5 000.00)
 * the partner loses 15 000.00; the provider's payable +15 000.00
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-simulation-pages",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import(SimulationPagesBrowserTest.ScenarioClock.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulationPagesBrowserTest extends BrowserTest {

    private static final String NB = "\u00A0";
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(noon("2025-11-01"));
    private static final String RATE_20 = "{ kind: PERCENT_OF_CONSUMPTION, models: [RESELLER], percent: 20, scope: ELIGIBLE }";
    private static final String RATE_10 = "{ kind: PERCENT_OF_CONSUMPTION, models: [RESELLER], percent: 10, scope: ELIGIBLE }";

    @TestConfiguration
    static class ScenarioClock {
        @Bean
        @Primary
        Clock scenarioClock() {
            return new SetClock(NOW);
        }
    }

    private long reseller;

    @BeforeAll
    void aClosedYandexCloudYear() {
        NOW.set(noon("2025-11-01"));
        ApiFixture fixture = new ApiFixture(api);
        reseller = partner("ООО Яндекс-партнёр Север", "yandex-cloud", "RESELLER", "2025-11-01");
        long customer = fixture.customer();
        String account = api.get("/api/v1/customers/" + customer, OPERATOR).text("accountId");
        fixture.linked(reseller, customer, "2025-11-01");
        NOW.set(noon("2026-01-10"));
        String csv = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                + account + ",2025-11-05T09:00:00Z,Usage,Compute Cloud,100000.00,RUB\n"
                + account + ",2025-12-05T09:00:00Z,Usage,Compute Cloud,50000.00,RUB\n";
        Api.Response imported = api.upload("/api/v1/usage/imports?format=focus", OPERATOR,
                csv.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        Api.Response closed = api.post("/api/v1/periods/2025-12/close", OPERATOR, "{}");
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        user("operator@simulation-pages.test", "Ольга Операторова", null, "OPERATOR");
        user("admin@simulation-pages.test", "Анна Админова", reseller, "ADMIN");
    }

    @Test
    @Order(1)
    void theOperatorRunsADraftAndReadsWhatItWouldHaveCostInBothLanguages() {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = signIn(context, "operator@simulation-pages.test");
            page.waitForURL(url("/console"));
            page.navigate(url("/console/simulations?program=yandex-cloud&lang=ru"));
            String file = page.inputValue("#draft");
            assertThat(file).startsWith("# Yandex Cloud partner program").contains(RATE_20);
            assertAccessible(page);

            page.setInputFiles("#draftFile", new FilePayload("draft.yaml", "text/yaml",
                    "id: yandex-cloud\nversions: []\n".getBytes(StandardCharsets.UTF_8))); // the upload wins over the text
            page.fill("input[name=from]", "2025-11");
            page.fill("input[name=to]", "2025-12");
            page.click("[data-testid=simulation-form] button[type=submit]");
            assertThat(page.locator("[data-testid=simulation-refused]").textContent())
                    .contains("Черновик — не файл программы Yandex Cloud");

            assertThat(page.inputValue("#draft")).as("the uploaded draft, back to edit").isEqualTo("id: yandex-cloud\nversions: []\n");
            page.fill("#draft", file.replace(RATE_20, RATE_10));
            page.click("[data-testid=simulation-form] button[type=submit]");
            page.waitForURL(url -> url.matches(".*/console/simulations/\\d+"));
            for (int i = 0; i < 100 && page.locator("[data-testid=simulation-refresh]").count() > 0; i++) {
                page.waitForTimeout(200);
                page.click("[data-testid=simulation-refresh]");
            }

            assertThat(text(page, "[data-testid=simulation-status] strong")).isEqualTo("Готово");
            assertThat(text(page, "[data-testid=total-payable] td:nth-of-type(1)")).isEqualTo("120" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=total-payable] td:nth-of-type(2)")).isEqualTo("135" + NB + "000,00" + NB + "₽");
            assertThat(text(page, "[data-testid=total-payable] td:nth-of-type(3)")).isEqualTo("15" + NB + "000,00" + NB + "₽");
            String losing = text(page, "[data-testid=losing-" + reseller + "]");
            assertThat(losing).contains("ООО Яндекс-партнёр Север").contains("-15" + NB + "000,00" + NB + "₽")
                    .contains("20 % → 10 %: -10" + NB + "000,00" + NB + "₽ за ноябрь 2025");
            assertThat(text(page, "[data-testid=simulation-partners] tr[data-period='2025-12'] td:nth-of-type(8)"))
                    .isEqualTo("5" + NB + "000,00" + NB + "₽");
            assertThat(page.locator("#simulation-chart").count()).isEqualTo(1);
            assertAccessible(page);
            page.click("[data-testid=schedule-form] button[type=submit]");
            assertThat(text(page, "[data-testid=schedule-refused]")).startsWith("Подтвердите: условия Yandex Cloud изменятся");
            page.check("[data-testid=schedule-form] input[name=confirm]");
            page.click("[data-testid=schedule-form] button[type=submit]");
            assertThat(text(page, "[data-testid=schedule-refused]")).as("the draft adds no version from next month")
                    .isEqualTo("в черновике нет версии с 01.02.2026");
            String address = page.url().replaceAll("[?#].*", "");
            String run = address.substring(address.lastIndexOf('/') + 1);
            assertThat(page.request().get(url("/console/simulations/" + run + "/csv")).text().lines().count()).isEqualTo(3);

            page.navigate(url("/console/simulations/" + run + "?lang=en"));
            assertThat(text(page, "[data-testid=simulation-status] strong")).isEqualTo("Done");
            assertThat(text(page, "[data-testid=total-payable] td:nth-of-type(3)")).isEqualTo("15,000.00" + NB + "RUB");
        }
    }

    /** A next version from 2026-02-01 scheduled: the partner's dashboard says so until that day. */
    @Test
    @Order(2)
    void aScheduledVersionIsOnThePartnersDashboard() throws InterruptedException {
        String file = api.get("/api/v1/programs/yandex-cloud/file", OPERATOR).raw();
        String next = file + file.substring(file.indexOf("  - effectiveFrom: 2026-01-01"))
                .replace("effectiveFrom: 2026-01-01", "effectiveFrom: 2026-02-01");
        Api.Response started = api.post("/api/v1/simulations", OPERATOR, java.util.Map.of("programId", "yandex-cloud",
                "draft", next, "from", "2025-11", "to", "2025-12"));
        long id = started.body().get("id").asLong();
        for (int i = 0; i < 300 && api.get("/api/v1/simulations/" + id + "?limit=0", OPERATOR).text("status")
                .equals("RUNNING"); i++) {
            Thread.sleep(100);
        }
        Api.Response scheduled = api.post("/api/v1/simulations/" + id + "/schedule", OPERATOR,
                java.util.Map.of("effectiveFrom", "2026-02-01", "confirm", true));
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(200);

        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@simulation-pages.test");
            page.navigate(url("/portal/partners/" + reseller + "?lang=ru"));
            assertThat(text(page, "[data-testid=terms-ahead] strong")).isEqualTo("Условия программы Yandex Cloud меняются с 01.02.2026.");
            assertThat(text(page, "[data-testid=terms-ahead] p")).isEqualTo("На месяцах ноябрь 2025 – декабрь 2025 новые условия"
                    + " изменили бы ваш платёж к оплате на 0,00" + NB + "₽, вознаграждение на 0,00" + NB + "₽, ребейт на 0,00" + NB + "₽.");
            assertAccessible(page);
        }
    }

    @Test
    @Order(3)
    void aPartnerFindsNoSimulator() {
        try (BrowserContext context = browser.newContext()) {
            Page page = signIn(context, "admin@simulation-pages.test");
            page.waitForLoadState();
            assertThat(page.navigate(url("/console/simulations")).status()).isEqualTo(404);
        }
    }

    private static String text(Page page, String selector) {
        return page.locator(selector).first().textContent().strip().replaceAll("[ \\t\\n]+", " ");
    }

    private static Instant noon(String day) {
        return LocalDate.parse(day).atTime(9, 0).toInstant(ZoneOffset.UTC);
    }
}
