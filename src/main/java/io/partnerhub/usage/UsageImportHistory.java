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

    /**
     * An import as the history shows it. A restating import ({@code mode} restate) lists the imports
     * whose rows it superseded ({@code supersedes}); an import whose rows a later restatement
     * superseded lists those ({@code supersededBy}), with how many rows each time.
     */
    public record ImportRecord(long id, String format, String fileName, String checksum, long rowsAccepted,
                               List<String> periods, long unattributedRows, int unattributedAccounts,
                               String importedBy, Instant importedAt, String mode, long rowsSuperseded,
                               List<Supersession> supersedes, List<Supersession> supersededBy) {
    }

    /** Rows of one import that another superseded: {@code importId} is the other import. */
    public record Supersession(long importId, long rows) {
    }

    public List<ImportRecord> list(int limit, int offset) {
        return jdbc.sql(SELECT + " order by i.id desc limit :limit offset :offset")
                .param("limit", limit).param("offset", offset).query(UsageImportHistory::record).list();
    }

    public ImportRecord find(long id) {
        return jdbc.sql(SELECT + " where i.id = :id").param("id", id)
                .query(UsageImportHistory::record).optional().orElseThrow(() -> new NotFound("import", id));
    }

    private static final String SELECT = """
            select i.*,
                   (select string_agg(s.import_id || ':' || s.rows, ',' order by s.import_id)
                      from (select import_id, sum(rows) as rows from usage_superseded
                             where by_import_id = i.id group by import_id) s) as supersedes,
                   (select string_agg(s.by_import_id || ':' || s.rows, ',' order by s.by_import_id)
                      from (select by_import_id, sum(rows) as rows from usage_superseded
                             where import_id = i.id group by by_import_id) s) as superseded_by
              from usage_import i""";

    /**
     * A period's consumption by accounts that belong to no customer and are no partner's own
     * account, per account and currency: what no partner claims.
     */
    public record Unattributed(String accountId, String currency, String listCost, long rows) {
    }

    public List<Unattributed> unattributed(YearMonth period) {
        return jdbc.sql("""
                        select u.account_id, u.currency, sum(u.list_cost) as list_cost, sum(u.rows) as rows
                          from usage_counted_rollup_view u
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
                rs.getString("imported_by"), rs.getTimestamp("imported_at").toInstant(),
                ImportMode.valueOf(rs.getString("mode")).id(), rs.getLong("rows_superseded"),
                supersessions(rs.getString("supersedes")), supersessions(rs.getString("superseded_by")));
    }

    /** "import:rows,import:rows", as the history's query lists them (null: none). */
    private static List<Supersession> supersessions(String pairs) {
        if (pairs == null) {
            return List.of();
        }
        return Arrays.stream(pairs.split(",")).map(pair -> pair.split(":"))
                .map(pair -> new Supersession(Long.parseLong(pair[0]), Long.parseLong(pair[1]))).toList();
    }
}
