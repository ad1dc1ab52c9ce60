package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/** FOCUS files as real exports write them import whole, with exact sums; bad files store nothing. */
@PlatformTest
class FocusImportApiTest {

    private static final String IMPORTS = "/api/v1/usage/imports?format=focus";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private String account;

    @BeforeEach
    void connect() {
        api = new Api(port);
        account = "focus-" + Api.unique();
    }

    @Test
    void aMessyButValidFileImportsWholeWithExactSums() {
        String file = "\uFEFF" + String.join("\r\n",
                "ListCost,SubAccountId,ChargeCategory,ServiceName,ChargePeriodStart,BillingCurrency,Unknown,x_FundingSource",
                "1000.10," + account + ",Usage,Compute Cloud,2026-05-03T00:00:00Z,RUB,whatever,",
                "\"2000.20\",\"" + account + "\",usage,\"Compute Cloud\",2026-05-04 10:00:00,rub,\"a, b\",NULL",
                "-100.05," + account + ",ADJUSTMENT,Compute Cloud,2026-05-05T00:00:00+03:00,RUB,x,money",
                "500," + account + ",Usage,Marketplace,2026-05-06 00:00,RUB,,GRANT",
                "") ;

        Api.Response imported = api.upload(IMPORTS, Api.OPERATOR_TOKEN, file.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(imported.status()).as(imported.raw()).isEqualTo(201);
        assertThat(imported.body().get("rowsAccepted").asInt()).isEqualTo(4);
        assertThat(imported.body().get("duplicate").asBoolean()).isFalse();
        assertThat(sum("1 = 1")).isEqualByComparingTo("3400.25");
        assertThat(sum("funding_source = 'GRANT'")).isEqualByComparingTo("500");
        assertThat(sum("charge_category = 'ADJUSTMENT'")).isEqualByComparingTo("-100.05");
    }

    @Test
    void theSameContentAgainIsADuplicateAndGzipIsTheSameContent() throws IOException {
        String file = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                + account + ",2026-05-01,Usage,Compute Cloud,10.00,RUB\n";
        byte[] plain = file.getBytes(StandardCharsets.UTF_8);

        Api.Response first = api.upload(IMPORTS, Api.OPERATOR_TOKEN, plain, "text/csv");
        Api.Response again = api.upload(IMPORTS, Api.OPERATOR_TOKEN, gzip(plain), "application/gzip");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("duplicate").asBoolean()).isTrue();
        assertThat(again.body().get("importId").asLong()).isEqualTo(first.body().get("importId").asLong());
        assertThat(sum("1 = 1")).isEqualByComparingTo("10.00");
    }

    @Test
    void aBadLastRowStoresNothingAndNamesTheLineAndColumn() {
        String file = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                + account + ",2026-05-01,Usage,Compute Cloud,10.00,RUB\n"
                + account + ",2026-05-02,Usage,Compute Cloud,ten,RUB\n";

        Api.Response refused = api.upload(IMPORTS, Api.OPERATOR_TOKEN, file.getBytes(StandardCharsets.UTF_8), "text/csv");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("rowsRejected").asInt()).isEqualTo(1);
        assertThat(refused.body().get("errors").get(0).get("line").asInt()).isEqualTo(3);
        assertThat(refused.body().get("errors").get(0).get("column").asString()).isEqualTo("ListCost");
        assertThat(refused.body().get("errors").get(0).get("message").asString()).contains("'ten' is not a decimal");
        assertThat(rows()).isZero();
    }

    private long rows() {
        return jdbc.sql("select count(*) from usage_row where account_id = :a").param("a", account)
                .query(Long.class).single();
    }

    private BigDecimal sum(String condition) {
        return jdbc.sql("select sum(list_cost) from usage_row where account_id = :a and " + condition)
                .param("a", account).query(BigDecimal.class).single();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        }
        return out.toByteArray();
    }
}
