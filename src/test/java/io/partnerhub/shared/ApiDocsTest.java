package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/** The whole API is published as OpenAPI, with a browsable UI, without a token. */
@PlatformTest
class ApiDocsTest {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentListsTheContractsPathsAndTheBearerScheme() {
        Api.Response docs = new Api(port).get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").propertyNames()).contains("/api/v1/programs", "/api/v1/partners",
                "/api/v1/partners/{id}", "/api/v1/partners/{id}/tokens", "/api/v1/partners/{id}/exam-passes",
                "/api/v1/partners/{id}/exit-notices", "/api/v1/customers", "/api/v1/partners/{partnerId}/customers",
                "/api/v1/deals", "/api/v1/deals/{id}/approve", "/api/v1/projects", "/api/v1/usage/imports",
                "/api/v1/partners/{id}/balance", "/api/v1/partners/{id}/withdrawals", "/api/v1/audit");
        assertThat(docs.body().at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(docs.raw()).doesNotContain("\"caller\"");
    }

    @Test
    void theBrowsableUiIsServed() {
        Api.Response ui = new Api(port).get("/swagger-ui/index.html", null);

        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw()).contains("swagger-ui");
    }
}
