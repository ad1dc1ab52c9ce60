package io.partnerhub.program;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;
import tools.jackson.databind.JsonNode;

@PlatformTest
class ProgramApiTest {

    @LocalServerPort
    int port;

    @Test
    void listsTheThreeShippedProgramsWithTheirVersions() {
        Api.Response response = new Api(port).get("/api/v1/programs", Api.OPERATOR_TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().findValuesAsString("id")).contains("vk-cloud", "oblakoteka", "yandex-cloud");
        JsonNode yandex = null;
        for (JsonNode program : response.body()) {
            if (program.get("id").asString().equals("yandex-cloud")) {
                yandex = program;
            }
        }
        assertThat(yandex.get("currency").asString()).isEqualTo("RUB");
        assertThat(yandex.get("versions").findValuesAsString("effectiveFrom")).containsExactly("2020-01-01", "2026-01-01");
        assertThat(yandex.get("versions").get(0).get("rates").get(0).get("percent").asInt()).isEqualTo(20);
        assertThat(yandex.get("versions").get(1).get("rates").get(0).get("percent").asInt()).isEqualTo(10);
    }

    @Test
    void refusesWithoutAToken() {
        Api.Response response = new Api(port).get("/api/v1/programs", null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }
}
