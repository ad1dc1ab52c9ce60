package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * Imports racing each other: the same content sent many times at once is stored once, every other
 * answer naming that one import; different contents at once are all stored.
 */
@PlatformTest
class ImportConcurrencyApiTest {

    private static final String IMPORTS = "/api/v1/usage/imports?format=focus";
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void theSameFileEightTimesAtOnceIsStoredOnceAndSevenAnswersAreDuplicatesOfIt() throws Exception {
        String account = "race-" + Api.unique();
        // row i costs i.01: 1.01 + 2.01 + ... + 2000.01 = 2000 * 2001 / 2 + 2000 * 0.01 = 2001020.00
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 1; i <= 2000; i++) {
            file.append(account).append(",2026-05-").append(String.format("%02d", i % 28 + 1))
                    .append(",Usage,Compute Cloud,").append(i).append(".01,RUB\n");
        }
        byte[] content = file.toString().getBytes(StandardCharsets.UTF_8);

        List<Api.Response> answers = all(8, () -> upload(content));

        List<Api.Response> created = answers.stream().filter(a -> a.status() == 201).toList();
        List<Api.Response> duplicates = answers.stream().filter(a -> a.status() == 200).toList();
        assertThat(created).as(answers.toString()).hasSize(1);
        assertThat(duplicates).as(answers.toString()).hasSize(7);
        long importId = created.get(0).body().get("importId").asLong();
        assertThat(created.get(0).body().get("rowsAccepted").asLong()).isEqualTo(2000);
        assertThat(created.get(0).body().get("duplicate").asBoolean()).isFalse();
        for (Api.Response duplicate : duplicates) {
            assertThat(duplicate.body().get("duplicate").asBoolean()).isTrue();
            assertThat(duplicate.body().get("importId").asLong()).isEqualTo(importId);
            assertThat(duplicate.body().get("rowsAccepted").asLong()).isZero();
        }
        assertThat(rows(account)).isEqualTo(2000);
        assertThat(listCost(account)).isEqualByComparingTo("2001020.00");
        assertThat(jdbc.sql("select count(*) from usage_row where account_id = :a and import_id <> :id")
                .param("a", account).param("id", importId).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from usage_import where checksum = :c")
                .param("c", created.get(0).text("checksum")).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void twoDifferentFilesAtOnceAreBothStored() throws Exception {
        String first = "race-a-" + Api.unique();
        String second = "race-b-" + Api.unique();
        // first: 2000 rows of 0.50 = 1000.00; second: 1500 rows of 2.25 = 3375.00
        byte[] firstFile = file(first, 2000, "0.50");
        byte[] secondFile = file(second, 1500, "2.25");

        List<Api.Response> answers = all(2, index -> upload(index == 0 ? firstFile : secondFile));

        assertThat(answers).as(answers.toString()).allSatisfy(a -> assertThat(a.status()).isEqualTo(201));
        assertThat(answers.get(0).body().get("importId").asLong())
                .isNotEqualTo(answers.get(1).body().get("importId").asLong());
        assertThat(answers.get(0).body().get("rowsAccepted").asLong()).isEqualTo(2000);
        assertThat(answers.get(1).body().get("rowsAccepted").asLong()).isEqualTo(1500);
        assertThat(rows(first)).isEqualTo(2000);
        assertThat(listCost(first)).isEqualByComparingTo("1000.00");
        assertThat(rows(second)).isEqualTo(1500);
        assertThat(listCost(second)).isEqualByComparingTo("3375.00");
    }

    private interface Upload {
        Api.Response send(int index) throws Exception;
    }

    private static List<Api.Response> all(int threads, Callable<Api.Response> upload) throws Exception {
        return all(threads, index -> upload.call());
    }

    /** Starts the uploads together: every thread waits at the latch until all are ready. */
    private static List<Api.Response> all(int threads, Upload upload) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return upload.send(index);
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Api.Response> answers = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                answers.add(future.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] file(String account, int rows, String listCost) {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            file.append(account).append(",2026-05-10T").append(String.format("%02d", i % 24))
                    .append(":00:00Z,Usage,Object Storage,").append(listCost).append(",RUB\n");
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Api.Response upload(byte[] content) {
        return api.upload(IMPORTS, Api.OPERATOR_TOKEN, content, "text/csv");
    }

    private long rows(String account) {
        return jdbc.sql("select count(*) from usage_row where account_id = :a").param("a", account)
                .query(Long.class).single();
    }

    private BigDecimal listCost(String account) {
        return jdbc.sql("select coalesce(sum(list_cost), 0) from usage_row where account_id = :a").param("a", account)
                .query(BigDecimal.class).single();
    }
}
