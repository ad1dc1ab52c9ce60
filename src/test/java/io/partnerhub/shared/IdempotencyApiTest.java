package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/** A client that retries a POST with the same Idempotency-Key gets the first answer; nothing is done twice. */
@PlatformTest
class IdempotencyApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRetryWithTheSameKeyReplaysTheFirstAnswerAndStoresNothingNew() {
        Api api = new Api(port);
        String key = UUID.randomUUID().toString();
        Map<String, String> customer = Map.of("name", "Retry Ltd", "taxId", Api.unique(), "accountId", "acc-" + Api.unique());

        Api.Response first = api.post("/api/v1/customers", Api.OPERATOR_TOKEN, customer, "Idempotency-Key", key);
        Api.Response retry = api.post("/api/v1/customers", Api.OPERATOR_TOKEN, customer, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(jdbc.sql("select count(*) from customer where account_id = :a").param("a", customer.get("accountId"))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void withoutAKeyTheSecondPostIsAConflict() {
        Api api = new Api(port);
        Map<String, String> customer = Map.of("name", "Plain Ltd", "taxId", Api.unique(), "accountId", "acc-" + Api.unique());

        assertThat(api.post("/api/v1/customers", Api.OPERATOR_TOKEN, customer).status()).isEqualTo(201);
        Api.Response second = api.post("/api/v1/customers", Api.OPERATOR_TOKEN, customer);

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.text("detail")).contains(customer.get("accountId")).contains("already belongs to customer");
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        Api api = new Api(port);
        String key = UUID.randomUUID().toString();

        Api.Response first = api.post("/api/v1/customers", Api.OPERATOR_TOKEN,
                Map.of("name", "One", "taxId", Api.unique(), "accountId", "acc-" + Api.unique()), "Idempotency-Key", key);
        Api.Response other = api.post("/api/v1/customers", Api.OPERATOR_TOKEN,
                Map.of("name", "Two", "taxId", Api.unique(), "accountId", "acc-" + Api.unique()), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.text("detail")).contains("was used for a different request");
    }

    @Test
    void aRefusalIsReplayedToo() {
        Api api = new Api(port);
        String key = UUID.randomUUID().toString();
        Map<String, String> incomplete = Map.of("name", "No account");

        Api.Response first = api.post("/api/v1/customers", Api.OPERATOR_TOKEN, incomplete, "Idempotency-Key", key);
        Api.Response retry = api.post("/api/v1/customers", Api.OPERATOR_TOKEN, incomplete, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(422);
        assertThat(retry.status()).isEqualTo(422);
        assertThat(retry.raw()).isEqualTo(first.raw());
    }
}
