package io.partnerhub.portal;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import io.partnerhub.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a portal test in a real browser needs: Debian's Chromium, headless, driven by Playwright
 * (no browser download), the application on a random port, and helpers that make partners and
 * portal users through the API and sign in on the form. A subclass declares its
 * {@code @SpringBootTest} with a database of its own when it closes months.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTest {

    protected static final String OPERATOR = Api.OPERATOR_TOKEN;
    protected static final String PASSWORD = "correct horse battery";
    protected static final Path SCREENSHOTS = Paths.get("target/screenshots");

    @LocalServerPort
    protected int port;

    protected Api api;
    protected Playwright playwright;
    protected Browser browser;

    @BeforeAll
    void startBrowser() throws IOException {
        api = new Api(port);
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stopBrowser() {
        browser.close();
        playwright.close();
    }

    /** Signs in on the form; the returned page is wherever the sign-in lands. */
    protected Page signIn(BrowserContext context, String email) {
        Page page = context.newPage();
        page.navigate(url("/login"));
        page.fill("#email", email);
        page.fill("#password", PASSWORD);
        page.click("button[type=submit]");
        return page;
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
    }

    /**
     * Runs axe-core's WCAG 2.1 A and AA rules in the page and fails on every serious or critical
     * violation, naming the rule and the elements.
     */
    protected void assertAccessible(Page page) {
        AxeResults results = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze();
        List<String> violations = results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getHelp() + "): " + rule.getNodes().stream()
                        .map(node -> String.valueOf(node.getTarget())).toList())
                .toList();
        assertThat(violations).as("accessibility of " + page.url()).isEmpty();
    }

    /** A partner of the program in the given model, contracted from {@code contractDate}. */
    protected long partner(String name, String programId, String model, String contractDate) {
        Map<String, Object> application = new LinkedHashMap<>();
        application.put("programId", programId);
        application.put("model", model);
        application.put("name", name);
        application.put("legalForm", "LEGAL_ENTITY");
        application.put("taxId", Api.unique());
        application.put("registeredOn", "2020-01-15");
        application.put("country", "RU");
        application.put("contractDate", contractDate);
        Api.Response created = api.post("/api/v1/partners", OPERATOR, application);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.id();
    }

    /** A portal user with {@link #PASSWORD}; {@code partnerId} is null for an operator. */
    protected void user(String email, String name, Long partnerId, String role) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("email", email);
        user.put("displayName", name);
        user.put("partnerId", partnerId);
        user.put("role", role);
        user.put("password", PASSWORD);
        Api.Response created = api.post("/api/v1/portal-users", OPERATOR, user);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
    }
}
