package io.partnerhub.usage;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Makes a restated export's days replace what was stored for them (API.md, "Restated exports"),
 * in the import's own transaction, after its rows are stored:
 * <ul>
 *   <li>the days it restates are recorded as the file named them ({@code usage_restated_day});</li>
 *   <li>the earlier rows of those days that still count are recorded as superseded
 *       ({@code usage_superseded}), per import, period, account, day, service, category and currency;
 *       {@code usage_counted_row_view} leaves out those of open periods;</li>
 *   <li>a superseded row of a closed period keeps counting there, and its negation (a reversal row
 *       naming its import) lands in the next open period, where the close shows it, with the
 *       restated rows, as a correction of the day's month;</li>
 *   <li>the consumption per service, if it already added a superseded row, takes it out again.</li>
 * </ul>
 * Restatements, and the summary's catch-up, take turns on one lock, so a superseded row is never
 * added to the summary after it was taken out.
 */
final class Restatement {

    /** A day the file restates: of a billing account, or of a sub-account when the row names no billing account. */
    record Day(String billingAccountId, String accountId, LocalDate day) {

        static Day of(UsageRow row, java.time.ZoneId zone) {
            LocalDate day = LocalDate.ofInstant(row.chargeStart(), zone);
            return row.billingAccountId() != null ? new Day(row.billingAccountId(), null, day)
                    : new Day(null, row.accountId(), day);
        }
    }

    /** What a restatement did: rows it superseded, and the periods its reversal rows went to. */
    record Outcome(long rowsSuperseded, SortedSet<YearMonth> reversalPeriods) {
    }

    private static final String DAY_OF_ROW = "(u.charge_start at time zone 'Europe/Moscow')::date";

    private static final String SUPERSEDE = """
            insert into usage_superseded (by_import_id, import_id, period, account_id, billing_account_id, day,
                                          service_name, charge_category, currency, rows, list_cost, reversed)
            select ?, u.import_id, u.period, u.account_id, coalesce(u.billing_account_id, ''), d.day,
                   u.service_name, u.charge_category, u.currency, count(*), sum(u.list_cost), u.period = any(?)
              from usage_row u
              join usage_restated_day d on d.import_id = ? and %s and d.day = %s
             where u.period between ? and ? and u.import_id < ? and u.reverses_import_id is null
               and not exists (select 1 from usage_superseded x
                                where x.import_id = u.import_id and x.period = u.period and x.account_id = u.account_id
                                  and x.billing_account_id = coalesce(u.billing_account_id, '') and x.day = d.day)
             group by u.import_id, u.period, u.account_id, coalesce(u.billing_account_id, ''), d.day,
                      u.service_name, u.charge_category, u.currency""";

    private static final String REVERSE = """
            insert into usage_row (import_id, period, account_id, charge_start, charge_end, charge_category,
                                   service_name, service_category, project_id, parent_project_id, funding_source,
                                   list_cost, billed_cost, effective_cost, currency, sku_id, resource_id,
                                   pricing_quantity, pricing_unit, provider_name, billing_account_id,
                                   reverses_import_id)
            select ?, ?, u.account_id, u.charge_start, u.charge_end, u.charge_category,
                   u.service_name, u.service_category, u.project_id, u.parent_project_id, u.funding_source,
                   -u.list_cost, -u.billed_cost, -u.effective_cost, u.currency, u.sku_id, u.resource_id,
                   -u.pricing_quantity, u.pricing_unit, u.provider_name, u.billing_account_id,
                   u.import_id
              from usage_row u
             where u.period = ? and u.reverses_import_id is null
               and exists (select 1 from usage_superseded x
                            where x.by_import_id = ? and x.reversed and x.import_id = u.import_id
                              and x.period = u.period and x.account_id = u.account_id
                              and x.billing_account_id = coalesce(u.billing_account_id, '')
                              and x.day = %s)""".formatted(DAY_OF_ROW);

    private static final String UNSUMMARIZE = """
            insert into consumption_service (account_id, month, service_name, currency, list_cost)
            select x.account_id, x.period, x.service_name, x.currency, -sum(x.list_cost)
              from usage_superseded x
             where x.by_import_id = ? and not x.reversed and x.charge_category in %s
               and exists (select 1 from consumption_service_import s where s.import_id = x.import_id)
             group by 1, 2, 3, 4
            on conflict (account_id, month, service_name, currency)
               do update set list_cost = consumption_service.list_cost + excluded.list_cost"""
            .formatted(ServiceSummary.CONSUMPTION);

    private Restatement() {
    }

    static Outcome supersede(Connection connection, long importId, Collection<Day> days, ImportContext context)
            throws SQLException {
        if (days.isEmpty()) {
            return new Outcome(0, new TreeSet<>());
        }
        lock(connection);
        record(connection, importId, days);
        LocalDate first = days.stream().map(Day::day).min(LocalDate::compareTo).orElseThrow();
        Date from = Date.valueOf(YearMonth.from(first).minusMonths(1).atDay(1));
        Date to = Date.valueOf(context.latest().atDay(1));
        Array closed = connection.createArrayOf("date",
                context.closedPeriods().stream().map(month -> Date.valueOf(month.atDay(1))).toArray());
        for (String key : new String[] {"d.billing_account_id = u.billing_account_id", "d.account_id = u.account_id"}) {
            try (PreparedStatement insert = connection.prepareStatement(SUPERSEDE.formatted(key, DAY_OF_ROW))) {
                insert.setLong(1, importId);
                insert.setArray(2, closed);
                insert.setLong(3, importId);
                insert.setDate(4, from);
                insert.setDate(5, to);
                insert.setLong(6, importId);
                insert.executeUpdate();
            }
        }
        SortedSet<YearMonth> reversalPeriods = reverse(connection, importId, context);
        try (PreparedStatement unsummarize = connection.prepareStatement(UNSUMMARIZE)) {
            unsummarize.setLong(1, importId);
            unsummarize.executeUpdate();
        }
        long superseded = superseded(connection, importId);
        return new Outcome(superseded, reversalPeriods);
    }

    /** Waits for the summary's catch-up, and for any other restatement, to finish. */
    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, ServiceSummary.CATCH_UP_LOCK);
            lock.execute();
        }
    }

    private static void record(Connection connection, long importId, Collection<Day> days) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into usage_restated_day (import_id, billing_account_id, account_id, day)
                select ?, b, a, d from unnest(?::text[], ?::text[], ?::date[]) as t(b, a, d)""")) {
            insert.setLong(1, importId);
            insert.setArray(2, connection.createArrayOf("text", days.stream().map(Day::billingAccountId).toArray()));
            insert.setArray(3, connection.createArrayOf("text", days.stream().map(Day::accountId).toArray()));
            insert.setArray(4, connection.createArrayOf("date", days.stream().map(d -> Date.valueOf(d.day())).toArray()));
            insert.executeUpdate();
        }
    }

    /** Books the negation of each superseded row of a closed period into the next open period. */
    private static SortedSet<YearMonth> reverse(Connection connection, long importId, ImportContext context)
            throws SQLException {
        SortedSet<YearMonth> closedPeriods = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select distinct period from usage_superseded where by_import_id = ? and reversed")) {
            select.setLong(1, importId);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    closedPeriods.add(YearMonth.from(rs.getDate(1).toLocalDate()));
                }
            }
        }
        SortedSet<YearMonth> targets = new TreeSet<>();
        for (YearMonth closed : closedPeriods) {
            YearMonth target = context.openPeriodAfter(closed).orElseThrow(() -> new IllegalStateException(
                    "no open period after " + closed + " takes the reversal of its restated rows"));
            try (PreparedStatement insert = connection.prepareStatement(REVERSE)) {
                insert.setLong(1, importId);
                insert.setDate(2, Date.valueOf(target.atDay(1)));
                insert.setDate(3, Date.valueOf(closed.atDay(1)));
                insert.setLong(4, importId);
                insert.executeUpdate();
            }
            targets.add(target);
        }
        return targets;
    }

    private static long superseded(Connection connection, long importId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select coalesce(sum(rows), 0) from usage_superseded where by_import_id = ?")) {
            select.setLong(1, importId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
