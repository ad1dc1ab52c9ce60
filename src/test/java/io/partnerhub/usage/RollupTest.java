package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.partnerhub.Api;
import io.partnerhub.PlatformTest;
import io.partnerhub.shared.Today;

/**
 * The rollups an import writes while its rows stream: per period, Moscow day (or month), account,
 * billing account, service, funding source, charge category and currency, the rows and their exact
 * list cost; and, when the sums outgrow their bound, in pieces that still add up to the rows.
 */
@PlatformTest
class RollupTest {

    private static final String HEADER = "SubAccountId,BillingAccountId,ChargePeriodStart,ChargeCategory,ServiceName,"
            + "x_FundingSource,ListCost,BillingCurrency\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void anImportSumsItsRowsPerDayAsTheyStream() {
        String account = "rollup-" + Api.unique();
        String file = HEADER
                + account + ",ba-1,2026-05-10T08:00:00Z,Usage,Compute Cloud,Money,10.125,RUB\n"
                + account + ",ba-1,2026-05-10T20:59:59Z,Usage,Compute Cloud,Money,0.875,RUB\n"
                // 21:00 UTC is midnight in Moscow: the next day
                + account + ",ba-1,2026-05-10T21:00:00Z,Usage,Compute Cloud,Money,5,RUB\n"
                + account + ",ba-1,2026-05-10T09:00:00Z,Usage,Compute Cloud,Bonus,2.50,RUB\n"
                + account + ",ba-1,2026-05-10T09:00:00Z,Credit,Compute Cloud,Money,-1.00,RUB\n"
                + account + ",,2026-05-10T09:00:00Z,Usage,Object Storage,Money,3.333333,RUB\n";
        Api.Response response = new Api(port).upload("/api/v1/usage/imports?format=focus", Api.OPERATOR_TOKEN,
                file.getBytes(StandardCharsets.UTF_8), "text/csv");
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);

        List<String> rollup = jdbc.sql("""
                        select concat_ws('|', period, day, coalesce(billing_account_id, '-'), service_name, funding_source,
                                         charge_category, currency, rows, list_cost)
                          from usage_rollup where account_id = :a
                         order by day, service_name, funding_source, charge_category""")
                .param("a", account).query(String.class).list();
        assertThat(rollup).containsExactly(
                "2026-05-01|2026-05-10|ba-1|Compute Cloud|BONUS|USAGE|RUB|1|2.50",
                "2026-05-01|2026-05-10|ba-1|Compute Cloud|MONEY|CREDIT|RUB|1|-1.00",
                "2026-05-01|2026-05-10|ba-1|Compute Cloud|MONEY|USAGE|RUB|2|11.000",
                "2026-05-01|2026-05-10|-|Object Storage|MONEY|USAGE|RUB|1|3.333333",
                "2026-05-01|2026-05-11|ba-1|Compute Cloud|MONEY|USAGE|RUB|1|5");

        List<String> monthly = jdbc.sql("""
                        select concat_ws('|', period, coalesce(outside_day::text, '-'), coalesce(billing_account_id, '-'),
                                         service_name, funding_source, charge_category, rows, list_cost)
                          from usage_month_rollup where account_id = :a
                         order by service_name, funding_source, charge_category""")
                .param("a", account).query(String.class).list();
        assertThat(monthly).containsExactly(
                "2026-05-01|-|ba-1|Compute Cloud|BONUS|USAGE|1|2.50",
                "2026-05-01|-|ba-1|Compute Cloud|MONEY|CREDIT|1|-1.00",
                "2026-05-01|-|ba-1|Compute Cloud|MONEY|USAGE|3|16.000",
                "2026-05-01|-|-|Object Storage|MONEY|USAGE|1|3.333333");
    }

    @Test
    void sumsCopiedInPiecesAddUpToTheRows() throws Exception {
        String account = "pieces-" + Api.unique();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long importId = nextImportId(connection);
                StoredRows out = new StoredRows(connection, importId, Today.ZONE, 2, 1_000);
                String[][] rows = {
                        {"2026-05-01T10:00:00Z", "Compute Cloud", "1.10"},
                        {"2026-05-01T11:00:00Z", "Compute Cloud", "2.20"},
                        {"2026-05-02T10:00:00Z", "Compute Cloud", "3.30"},
                        {"2026-05-02T10:00:00Z", "Object Storage", "4.40"},
                        {"2026-05-01T12:00:00Z", "Compute Cloud", "5.50"},
                        {"2026-05-03T10:00:00Z", "Compute Cloud", "6.60"},
                        {"2026-05-01T13:00:00Z", "Compute Cloud", "7.70"},
                };
                for (String[] row : rows) {
                    out.write(row(account, row[0], row[1], row[2]));
                }
                assertThat(out.finish()).isEqualTo(7);

                // four keys, bound two: the first day's Compute Cloud is copied in three pieces (1.10 + 2.20, 5.50, 7.70)
                assertThat(select(connection, """
                        select count(*) from usage_rollup where import_id = ?""", importId)).containsExactly("6");
                List<String> summed = select(connection, """
                        select day || '|' || service_name || '|' || sum(rows) || '|' || sum(list_cost)
                          from usage_rollup where import_id = ? group by day, service_name order by 1""", importId);
                assertThat(summed).containsExactly(
                        "2026-05-01|Compute Cloud|4|16.50",
                        "2026-05-02|Compute Cloud|1|3.30",
                        "2026-05-02|Object Storage|1|4.40",
                        "2026-05-03|Compute Cloud|1|6.60");
                assertThat(select(connection, """
                        select (charge_start at time zone 'Europe/Moscow')::date || '|' || service_name || '|' || count(*)
                               || '|' || sum(list_cost)
                          from usage_row where import_id = ?
                         group by (charge_start at time zone 'Europe/Moscow')::date, service_name order by 1""", importId)).isEqualTo(summed);
            } finally {
                connection.rollback();
            }
        }
    }

    private static UsageRow row(String account, String start, String service, String listCost) {
        return new UsageRow(YearMonth.of(2026, 5), account, Instant.parse(start), null, ChargeCategory.USAGE, service,
                null, null, null, FundingSource.MONEY, listCost, null, null, "RUB", null, null, null, null, null, null);
    }

    private static long nextImportId(Connection connection) throws Exception {
        try (PreparedStatement next = connection.prepareStatement(
                "select nextval(pg_get_serial_sequence('usage_import', 'id'))"); ResultSet rs = next.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> select(Connection connection, String sql, long importId) throws Exception {
        List<String> values = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, importId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
