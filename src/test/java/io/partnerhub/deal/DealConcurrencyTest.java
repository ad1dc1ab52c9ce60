package io.partnerhub.deal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/** Two partners registering one customer at the same instant: the database lets exactly one claim it. */
@PlatformTest
class DealConcurrencyTest {

    private static final int PARTNERS = 20;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void ofTwentyConcurrentRegistrationsForOneCustomerExactlyOneIsNotRejected() throws Exception {
        Api api = new Api(port);
        String customerTaxId = Api.unique();
        List<Long> partners = new ArrayList<>();
        for (int i = 0; i < PARTNERS; i++) {
            Api.Response created = api.post("/api/v1/partners", Api.OPERATOR_TOKEN, Map.of(
                    "programId", "vk-cloud", "model", "PARTNER", "name", "Racer " + i, "legalForm", "LEGAL_ENTITY",
                    "taxId", Api.unique(), "registeredOn", "2020-01-01", "country", "RU", "contractDate", "2026-01-01"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            partners.add(created.id());
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARTNERS)) {
            for (long partnerId : partners) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/deals", Api.OPERATOR_TOKEN, Map.of("partnerId", partnerId,
                            "customerTaxId", customerTaxId, "customerName", "Contested", "title", "Race"));
                }));
            }
            start.countDown();
        }

        List<String> statuses = new ArrayList<>();
        for (Future<Api.Response> result : results) {
            Api.Response response = result.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            statuses.add(response.text("status"));
        }
        assertThat(statuses).filteredOn("PENDING"::equals).hasSize(1);
        assertThat(statuses).filteredOn("REJECTED"::equals).hasSize(PARTNERS - 1);
        assertThat(jdbc.sql("select count(*) from deal where customer_tax_id = :t and status in ('PENDING', 'APPROVED')")
                .param("t", customerTaxId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from deal where customer_tax_id = :t").param("t", customerTaxId)
                .query(Long.class).single()).isEqualTo(PARTNERS);
    }

    /** No index holds a domain: the registrations' locks make them judge one after the other. */
    @Test
    void ofConcurrentRegistrationsOfOneCompanyUnderDifferentTaxIdsAndSubdomainsExactlyOneIsNotRejected()
            throws Exception {
        Api api = new Api(port);
        String domain = "race" + Api.unique() + ".ru";
        List<Long> partners = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Api.Response created = api.post("/api/v1/partners", Api.OPERATOR_TOKEN, Map.of(
                    "programId", "yandex-cloud", "model", "RESELLER", "name", "Domain racer " + i,
                    "legalForm", "LEGAL_ENTITY", "taxId", Api.unique(), "registeredOn", "2020-01-01", "country", "RU",
                    "contractDate", "2026-01-01"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            partners.add(created.id());
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(partners.size())) {
            for (int i = 0; i < partners.size(); i++) {
                long partnerId = partners.get(i);
                String contact = i % 2 == 0 ? "customerDomain" : "customerEmail";
                // pairwise related: the domain, x.domain, y.x.domain, ... and addresses at the domain
                String value = i % 2 == 0 ? "z.y.x.w.v.".substring(10 - i) + domain : "cfo" + i + "@" + domain;
                results.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/deals", Api.OPERATOR_TOKEN, Map.of("partnerId", partnerId,
                            "customerTaxId", Api.unique(), "customerName", "Contested", "title", "Race", contact, value));
                }));
            }
            start.countDown();
        }

        List<String> statuses = new ArrayList<>();
        for (Future<Api.Response> result : results) {
            Api.Response response = result.get();
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            statuses.add(response.text("status"));
        }
        assertThat(statuses).filteredOn("PENDING"::equals).hasSize(1);
        assertThat(statuses).filteredOn("REJECTED"::equals).hasSize(partners.size() - 1);
    }
}
