package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * Amounts and timestamps travel to PostgreSQL in its binary form; whatever decimal a file holds
 * is stored exactly, digit for digit and with its scale. Seeded random amounts of every shape.
 */
@PlatformTest
class StoredAmountsApiTest {

    private static final long SEED = 42_2026L;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyDecimalIsStoredExactlyWithItsScale() {
        SplittableRandom random = new SplittableRandom(SEED);
        List<String> amounts = new ArrayList<>(List.of("0", "0.00", "-0.00", "0.5", ".5", "5.", "-0.0001", "10000",
                "100000000", "123456789.123456789", "99999999999999999999.9999999999", "1.5E-3", "-2E+4", "007.10",
                "0.00000001", "-12345678901234567890"));
        for (int i = 0; i < 500; i++) {
            amounts.add(randomDecimal(random));
        }
        String account = "amounts-" + Api.unique();
        StringBuilder csv = new StringBuilder("SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency,PricingQuantity\n");
        for (int i = 0; i < amounts.size(); i++) {
            csv.append(account).append(",2026-05-01T00:00:").append(String.format("%02d", i % 60)).append(".123456Z,Usage,S")
                    .append(i).append(',').append(amounts.get(i)).append(",RUB,").append(amounts.get(i)).append('\n');
        }

        Api.Response imported = new Api(port).upload("/api/v1/usage/imports?format=focus", Api.OPERATOR_TOKEN,
                csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        List<BigDecimal> stored = jdbc.sql("""
                        select list_cost from usage_row where account_id = :a
                         order by cast(substring(service_name from 2) as int)""")
                .param("a", account).query(BigDecimal.class).list();
        for (int i = 0; i < amounts.size(); i++) {
            BigDecimal expected = new BigDecimal(amounts.get(i));
            assertThat(stored.get(i)).as(amounts.get(i)).isEqualByComparingTo(expected);
            assertThat(stored.get(i).scale()).as("scale of " + amounts.get(i)).isEqualTo(Math.max(0, expected.scale()));
        }
        assertThat(jdbc.sql("select count(*) from usage_row where account_id = :a and list_cost = pricing_quantity"
                        + " and charge_start = timestamptz '2026-05-01 00:00:00.123456+00' + (cast(substring(service_name from 2) as int) % 60) * interval '1 second'")
                .param("a", account).query(Long.class).single()).isEqualTo(amounts.size());
    }

    private static String randomDecimal(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        if (random.nextBoolean()) {
            s.append('-');
        }
        int integerDigits = random.nextInt(16);
        for (int i = 0; i < integerDigits; i++) {
            s.append(random.nextInt(10));
        }
        if (integerDigits == 0) {
            s.append('0');
        }
        int scale = random.nextInt(12);
        if (scale > 0) {
            s.append('.');
            for (int i = 0; i < scale; i++) {
                s.append(random.nextInt(10));
            }
        }
        return s.toString();
    }
}
