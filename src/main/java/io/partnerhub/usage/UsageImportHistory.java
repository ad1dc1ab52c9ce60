package io.partnerhub.usage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.partnerhub.shared.Money;
import io.partnerhub.shared.NotFound;

/** What has been imported, and the consumption no customer or partner claims. */
@Service
public class UsageImportHistory {

    private final JdbcClient jdbc;

    UsageImportHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ImportRecord(long id, String format, String fileName, String checksum, long rowsAccepted,
                               List<String> periods, long unattributedRows, int unattributedAccounts,
                               String importedBy, Instant importedAt) {
    }

    public List<ImportRecord> list(int limit, int offset) {
        return jdbc.sql("select * from usage_import order by id desc limit :limit offset :offset")
                .param("limit", limit).param("offset", offset).query(UsageImportHistory::record).list();
    }

    public ImportRecord find(long id) {
        return jdbc.sql("select * from usage_import where id = :id").param("id", id)
                .query(UsageImportHistory::record).optional().orElseThrow(() -> new NotFound("import", id));
    }

    /**
     * A period's consumption by accounts that belong to no customer and are no partner's own
     * account, per account and currency: what no partner claims.
     */
    public record Unattributed(String accountId, String currency, String listCost, long rows) {
    }

    public List<Unattributed> unattributed(YearMonth period) {
        return jdbc.sql("""
                        select u.account_id, u.currency, sum(u.list_cost) as list_cost, count(*) as rows
                          from usage_row u
                         where u.period = :period
                           and not exists (select 1 from customer_account_view c where c.account_id = u.account_id)
                           and not exists (select 1 from partner_account_view p where p.account_id = u.account_id)
                         group by u.account_id, u.currency
                         order by sum(u.list_cost) desc, u.account_id""")
                .param("period", period.atDay(1))
                .query((rs, row) -> new Unattributed(rs.getString(1), rs.getString(2),
                        new Money(rs.getBigDecimal(3), rs.getString(2)).rounded().toDecimalString(), rs.getLong(4)))
                .list();
    }

    private static ImportRecord record(ResultSet rs, int row) throws SQLException {
        String periods = rs.getString("periods");
        return new ImportRecord(rs.getLong("id"), rs.getString("format"), rs.getString("file_name"),
                rs.getString("checksum"), rs.getLong("rows_accepted"),
                periods == null || periods.isEmpty() ? List.of() : Arrays.asList(periods.split(",")),
                rs.getLong("unattributed_rows"), rs.getInt("unattributed_accounts"),
                rs.getString("imported_by"), rs.getTimestamp("imported_at").toInstant());
    }
}
