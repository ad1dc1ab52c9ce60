package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;

/**
 * A sealed period's usage never changes, whatever SQL is sent: the database refuses new, changed
 * and deleted rows in that month, and the period never reopens. Other months are untouched.
 */
@PlatformTest
class SealedPeriodTest {

    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aSealedMonthTakesNoChangeAndStaysClosed() {
        Api api = new Api(port);
        String account = "sealed-" + Api.unique();
        assertThat(upload(api, account, "2017-03-10", "100.00").status()).isEqualTo(201);

        jdbc.sql("select seal_period(date '2017-03-01')").query(String.class).optional();
        jdbc.sql("select seal_period(date '2017-03-01')").query(String.class).optional();

        Api.Response late = upload(api, account, "2017-03-11", "5.00");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.body().get("errors").get(0).get("message").asString()).contains("period 2017-03 is closed");
        assertThatThrownBy(() -> jdbc.sql("""
                insert into usage_row (import_id, period, account_id, charge_start, charge_category, service_name,
                                       funding_source, list_cost, currency)
                values (0, date '2017-03-01', :a, now(), 'USAGE', 'Compute Cloud', 'MONEY', 1, 'RUB')""")
                .param("a", account).update()).hasMessageContaining("ck_usage_row_2017_03_sealed");
        assertThatThrownBy(() -> jdbc.sql("update usage_row set list_cost = 0 where account_id = :a").param("a", account)
                .update()).hasMessageContaining("ck_usage_row_2017_03_sealed");
        assertThatThrownBy(() -> jdbc.sql("delete from usage_row where account_id = :a").param("a", account).update())
                .hasMessageContaining("never changed");
        assertThatThrownBy(() -> jdbc.sql("truncate usage_row_2017_03").update()).hasMessageContaining("never changed");
        assertThatThrownBy(() -> jdbc.sql("update usage_rollup set list_cost = 0 where account_id = :a").param("a", account)
                .update()).hasMessageContaining("ck_usage_rollup_2017_03_sealed");
        assertThatThrownBy(() -> jdbc.sql("delete from usage_rollup where account_id = :a").param("a", account).update())
                .hasMessageContaining("never changed");
        assertThat(jdbc.sql("select sum(list_cost) || '/' || sum(rows) from usage_rollup where account_id = :a")
                .param("a", account).query(String.class).single()).isEqualTo("100.00/1");
        assertThatThrownBy(() -> jdbc.sql("update accounting_period set status = 'OPEN' where period = date '2017-03-01'")
                .update()).hasMessageContaining("period 2017-03 is closed and stays closed");
        assertThatThrownBy(() -> jdbc.sql("delete from accounting_period where period = date '2017-03-01'").update())
                .hasMessageContaining("stays closed");
        assertThat(jdbc.sql("select sum(list_cost) from usage_row where account_id = :a").param("a", account)
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("100.00");

        assertThat(upload(api, account, "2017-04-01", "7.00").status()).isEqualTo(201);
    }

    private static Api.Response upload(Api api, String account, String day, String amount) {
        String file = HEADER + account + "," + day + ",Usage,Compute Cloud," + amount + ",RUB\n";
        return api.upload("/api/v1/usage/imports?format=focus", Api.OPERATOR_TOKEN,
                file.getBytes(StandardCharsets.UTF_8), "text/csv");
    }
}
