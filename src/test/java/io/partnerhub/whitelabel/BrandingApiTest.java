package io.partnerhub.whitelabel;

import io.partnerhub.Api;
import io.partnerhub.ApiFixture;
import io.partnerhub.PlatformTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.partnerhub.ApiFixture.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/** A white-label partner's brand: only white-label models, a safe logo of at most 256 KB, an https link. */
@PlatformTest
class BrandingApiTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\">"
            + "<rect width=\"40\" height=\"40\" fill=\"#0b6e4f\"/></svg>";

    @LocalServerPort
    int port;

    private Api api;
    private ApiFixture fixture;

    @BeforeEach
    void connect() {
        api = new Api(port);
        fixture = new ApiFixture(api);
    }

    private Api.Response brand(long partner, String token, String logo, String docsUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", "Зелёное облако");
        body.put("primaryColor", "#0B6E4F");
        if (logo != null) {
            body.put("logo", logo);
        }
        body.put("supportEmail", "help@green.example");
        body.put("supportPhone", "+7 495 000-00-00");
        body.put("docsUrl", docsUrl);
        return api.send("PUT", "/api/v1/partners/" + partner + "/branding", token, JSON.writeValueAsString(body));
    }

    private static String svg(String text) {
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWhiteLabelPartnerBrandsItsCabinet() {
        long partner = fixture.partner("vk-cloud", "WHITE_LABEL", "2024-01-01");
        String token = fixture.token(partner);

        Api.Response set = brand(partner, token, svg(SVG), "https://docs.green.example");
        Api.Response read = api.get("/api/v1/partners/" + partner + "/branding", token);

        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        assertThat(read.text("primaryColor")).isEqualTo("#0b6e4f");
        assertThat(read.text("displayName")).isEqualTo("Зелёное облако");
        assertThat(read.text("logo")).isEqualTo(svg(SVG));
        assertThat(api.get("/api/v1/partners/" + partner + "/branding", fixture.token(
                fixture.partner("vk-cloud", "WHITE_LABEL", "2024-01-01"))).status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a script in the SVG      | <svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>          | the SVG logo must be a plain image: no script, event handlers, external links or embedded content
            an event handler         | <svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'><rect/></svg>          | the SVG logo must be a plain image: no script, event handlers, external links or embedded content
            an external link         | <svg xmlns='http://www.w3.org/2000/svg'><image href='https://x.example/a.png'/></svg> | the SVG logo must be a plain image: no script, event handlers, external links or embedded content
            no SVG at all            | hello                                                                            | the SVG logo must be a plain image: no script, event handlers, external links or embedded content
            """)
    void anSvgThatCouldRunScriptIsRefused(String name, String content, String detail) {
        long partner = fixture.partner("oblakoteka", "WHITE_LABEL", "2024-01-01");

        Api.Response refused = brand(partner, OPERATOR, svg(content), null);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.text("detail")).isEqualTo(detail);
        assertThat(ApiFixture.fields(refused)).containsExactly("logo");
    }

    @Test
    void otherRefusals() {
        long whiteLabel = fixture.partner("oblakoteka", "WHITE_LABEL", "2024-01-01");
        long reseller = fixture.partner("oblakoteka", "RESELLER", "2024-01-01");
        String notPng = "data:image/png;base64," + Base64.getEncoder().encodeToString("GIF89a".getBytes(StandardCharsets.UTF_8));
        byte[] big = new byte[256 * 1024 + 1];
        System.arraycopy(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, big, 0, 8);
        String tooLarge = "data:image/png;base64," + Base64.getEncoder().encodeToString(big);

        assertThat(brand(reseller, OPERATOR, null, null).text("detail"))
                .isEqualTo("branding is for white-label partners; the partner is RESELLER");
        assertThat(brand(whiteLabel, OPERATOR, notPng, null).text("detail"))
                .isEqualTo("the logo says PNG but is no PNG image");
        assertThat(brand(whiteLabel, OPERATOR, tooLarge, null).text("detail")).isEqualTo("the logo is 262145 bytes: at most 262144 (256 KB)");
        assertThat(brand(whiteLabel, OPERATOR, null, "javascript:alert(1)").text("detail"))
                .isEqualTo("the documentation link must be an https:// address");
    }
}
