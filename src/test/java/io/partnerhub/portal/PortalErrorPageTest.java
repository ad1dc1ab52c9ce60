package io.partnerhub.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * A portal page that fails unexpectedly answers the portal's error page, 500, in the person's
 * language, saying nothing of what failed; the API keeps answering a problem document. The failing
 * page and route exist in this test's platform only (a database of its own), so no other test and
 * no route sweep sees them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "partnerhub.data-dir=target/test-data-error-pages",
        "partnerhub.db-clean=true",
        "partnerhub.admin-token=" + Api.OPERATOR_TOKEN,
        "partnerhub.demo=false"})
@Import({PortalErrorPageTest.FailingPage.class, PortalErrorPageTest.FailingRoute.class})
@DirtiesContext // its own database and routes: closed after the class
class PortalErrorPageTest {

    private static final String PASSWORD = "correct horse battery";
    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String WHAT_FAILED = "a secret the page must not show";

    @LocalServerPort
    int port;

    @Autowired
    MessageSource messages;

    @Test
    void anUnexpectedFailureOnAPortalPageIsTheErrorPageInThePersonsLanguage() throws Exception {
        PortalClient browser = signedIn();

        HttpResponse<String> russian = get("/portal/failing", browser.session());
        HttpResponse<String> english = get("/portal/failing?lang=en", browser.session());

        assertErrorPage(russian, PortalWeb.RUSSIAN);
        assertErrorPage(english, Locale.ENGLISH);
        assertThat(messages.getMessage("refused.error", null, PortalWeb.RUSSIAN))
                .isNotEqualTo(messages.getMessage("refused.error", null, Locale.ENGLISH));
    }

    /** The page in {@code language}, worded by the bundles (HtmlUtils: the page escapes what it shows). */
    private void assertErrorPage(HttpResponse<String> page, Locale language) {
        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<html lang=\"" + language.getLanguage() + "\"")
                .contains(HtmlUtils.htmlEscape(messages.getMessage("refused.error", null, language), "UTF-8"))
                .contains(HtmlUtils.htmlEscape(messages.getMessage("refused.errorText", null, language), "UTF-8"))
                .doesNotContain(WHAT_FAILED);
    }

    @Test
    void theApiStillAnswersAProblemDocument() {
        Api.Response failed = new Api(port).get("/api/v1/failing", Api.OPERATOR_TOKEN, "Accept", BROWSER_ACCEPT);

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.contentType()).startsWith("application/problem+json");
        assertThat(failed.text("detail")).isEqualTo("An unexpected error occurred; it has been logged.");
        assertThat(failed.raw()).doesNotContain(WHAT_FAILED);
    }

    private PortalClient signedIn() {
        Api api = new Api(port);
        long partner = new ApiFixture(api).partner("vk-cloud", "PARTNER", "2026-01-15");
        String email = "error-page-" + Api.unique() + "@example.com";
        Api.Response user = api.post("/api/v1/portal-users", Api.OPERATOR_TOKEN, Map.of("email", email,
                "displayName", "Someone", "partnerId", partner, "role", "ADMIN", "password", PASSWORD));
        assertThat(user.status()).as(user.raw()).isEqualTo(201);
        PortalClient browser = new PortalClient(port);
        assertThat(PortalClient.location(browser.signIn(email, PASSWORD))).isEqualTo("/");
        return browser;
    }

    private HttpResponse<String> get(String path, String session) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", BROWSER_ACCEPT)
                .header("Cookie", PortalClient.COOKIE + "=" + session)
                .GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A portal page that fails as no page should. */
    @Controller
    @PortalPage
    static class FailingPage {

        @GetMapping("/portal/failing")
        String failing() {
            throw new IllegalStateException(WHAT_FAILED);
        }
    }

    /** An API route that fails the same way. */
    @RestController
    static class FailingRoute {

        @GetMapping("/api/v1/failing")
        String failing() {
            throw new IllegalStateException(WHAT_FAILED);
        }
    }
}
