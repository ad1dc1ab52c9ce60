package io.partnerhub.usage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Makes a restated export's days replace what was stored for them (API.md, "Restated exports"),
 * in the import's own transaction, after its rows are stored:
 * <ul>
 *   <li>the days it restates are recorded as the file named them ({@code usage_restated_day});</li>
 *   <li>the earlier rows of those days that still count, found through their rollup, are recorded
 *       as superseded ({@code usage_superseded}), per import and period, and their accounts
 *       ({@code usage_superseded_account}: the close reads those accounts' month by day);
 *       {@code usage_counted_row_view} and {@code usage_counted_rollup_view} leave out those of open
 *       periods;</li>
 *   <li>a superseded row of a closed period keeps counting there, and its negation (a reversal row
 *       naming its import, and its sum in the rollup) lands in the next open period, where the close
 *       shows it, with the restated rows, as a correction of the day's month;</li>
 *   <li>the consumption per service, if it already added a superseded row, takes it out again.</li>
 * </ul>
 * Restatements, and the summary's catch-up, take turns on one lock, so a superseded row is never
 * added to the summary after it was taken out.
 */
final class Restatement {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Restatement.class);

    /** A day the file restates: of a billing account, or of a sub-account when the row names no billing account. */
    record Day(String billingAccountId, String accountId, LocalDate day) {

        static Day of(UsageRow row, ZoneId zone) {
            LocalDate day = LocalDate.ofInstant(row.chargeStart(), zone);
            return row.billingAccountId() != null ? new Day(row.billingAccountId(), null, day)
                    : new Day(null, row.accountId(), day);
        }
    }

    /** What a restatement did: rows it superseded, and the periods its reversal rows went to. */
    record Outcome(long rowsSuperseded, SortedSet<YearMonth> reversalPeriods) {
    }

    private static final String DAY_OF_ROW = "(u.charge_start at time zone 'Europe/Moscow')::date";

    /** A row's day restated by this import ({@code ?} = the import), through one kind of key. */
    private static final String RESTATED_HERE = """
            exists (select 1 from usage_restated_day d
                     where d.%1$s = u.%1$s and d.day = %2$s and d.import_id = ?)""";

    /** A row's day restated before, by a later import than the row's ({@code ?} = this import). */
    private static final String RESTATED_BEFORE = """
            not exists (select 1 from usage_restated_day d
                         where d.%1$s = u.%1$s and d.day = %2$s and d.import_id > u.import_id and d.import_id < ?)""";

    /**
     * The earlier rows that still counted, of the days this import restates through one kind of
     * key: read off the rollup, whose rows are superseded or count as a whole.
     */
    private static final String SCAN = """
            insert into restatement_scan
            select u.import_id, u.period, u.day, u.account_id, u.billing_account_id, u.service_name,
                   u.funding_source, u.charge_category, u.currency, u.rows, u.list_cost
              from usage_rollup u
             where u.period between ? and ? and u.import_id < ? and u.reverses_import_id is null
               and %s""";

    /**
     * The rollups of the reversal rows: the superseded sums of closed periods, negated, in the first
     * open period (their days lie before it: the monthly rollup keeps them).
     */
    private static final String REVERSE_ROLLUP = """
            insert into %s (import_id, period, %s, account_id, billing_account_id, service_name,
                            funding_source, charge_category, currency, reverses_import_id, rows, list_cost)
            select ?, ?, day, account_id, billing_account_id, service_name, funding_source, charge_category, currency,
                   import_id, sum(rows), -sum(list_cost)
              from restatement_scan
             where period < ?
             group by day, account_id, billing_account_id, service_name, funding_source, charge_category, currency,
                      import_id""";

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
             where u.period = ? and u.import_id < ? and u.reverses_import_id is null
               and %s and %s and %s and %s""";

    private static final String UNSUMMARIZE = """
            insert into consumption_service (account_id, month, service_name, currency, list_cost)
            select s.account_id, s.period, s.service_name, s.currency, -sum(s.list_cost)
              from restatement_scan s
             where s.period >= ? and s.charge_category in %s
               and exists (select 1 from consumption_service_import i where i.import_id = s.import_id)
             group by 1, 2, 3, 4
            on conflict (account_id, month, service_name, currency)
               do update set list_cost = consumption_service.list_cost + excluded.list_cost"""
            .formatted(ServiceSummary.CONSUMPTION);

    private Restatement() {
    }

    /**
     * Supersedes, for every day of {@code days}, the earlier rows of that day that still count.
     * Periods close in order, so the closed ones are those before the first open one.
     */
    static Outcome supersede(Connection connection, long importId, Collection<Day> days, ImportContext context)
            throws SQLException {
        if (days.isEmpty()) {
            return new Outcome(0, new TreeSet<>());
        }
        YearMonth openFrom = context.closedPeriods().stream().max(YearMonth::compareTo)
                .flatMap(context::openPeriodAfter).orElse(context.earliest());
        lock(connection);
        // the superseded sums are grouped per import and period, and per account and service: hashed in memory, not spilled
        execute(connection, "set local work_mem = '256MB'");
        record(connection, importId, days, openFrom);
        // the months' partitions were just written, their statistics not refreshed yet: a plan from
        // them joins each row with every restated day in a nested loop; hashing the days is right
        // whatever the counts, and so is grouping them in a hash (in memory: work_mem above) rather than sorting
        execute(connection, "set local enable_nestloop = off");
        execute(connection, "set local enable_sort = off");
        LocalDate first = days.stream().map(Day::day).min(LocalDate::compareTo).orElseThrow();
        execute(connection, """
                create temp table restatement_scan (import_id bigint, period date, day date, account_id text,
                                                    billing_account_id text, service_name text, funding_source text,
                                                    charge_category text, currency char(3), rows bigint, list_cost numeric)
                    on commit drop""");
        boolean billing = days.stream().anyMatch(day -> day.billingAccountId() != null);
        boolean account = days.stream().anyMatch(day -> day.accountId() != null);
        long started = System.nanoTime();
        boolean restatedBefore = restatedBefore(connection, importId);
        if (billing) {
            scan(connection, importId, first, context, BILLING, null, restatedBefore);
        }
        if (account) {
            scan(connection, importId, first, context, ACCOUNT, billing ? BILLING : null, restatedBefore);
        }
        try (PreparedStatement summary = connection.prepareStatement("""
                insert into usage_superseded (by_import_id, import_id, period, rows, list_cost, reversed)
                select ?, import_id, period, sum(rows), sum(list_cost), period < ?
                  from restatement_scan group by import_id, period""")) {
            summary.setLong(1, importId);
            summary.setDate(2, Date.valueOf(openFrom.atDay(1)));
            summary.executeUpdate();
        }
        try (PreparedStatement accounts = connection.prepareStatement("""
                insert into usage_superseded_account (by_import_id, import_id, period, account_id)
                select distinct ?, import_id, period, account_id from restatement_scan""")) {
            accounts.setLong(1, importId);
            accounts.executeUpdate();
        }
        long scanned = System.nanoTime();
        SortedSet<YearMonth> reversalPeriods = reverse(connection, importId, openFrom, billing, account);
        try (PreparedStatement unsummarize = connection.prepareStatement(UNSUMMARIZE)) {
            unsummarize.setDate(1, Date.valueOf(openFrom.atDay(1)));
            unsummarize.executeUpdate();
        }
        execute(connection, "drop table restatement_scan");
        long superseded = superseded(connection, importId);
        log.debug("Import {} restated {} day(s), superseding {} row(s): scan {} ms, reversals and summary {} ms",
                importId, days.size(), superseded, (scanned - started) / 1_000_000, (System.nanoTime() - scanned) / 1_000_000);
        return new Outcome(superseded, reversalPeriods);
    }

    private static final String BILLING = "billing_account_id";
    private static final String ACCOUNT = "account_id";

    /**
     * Adds to {@code restatement_scan} the rows restated through {@code key}; {@code notKey}, when
     * given, is a kind of key already scanned whose rows are left out (each row is counted once).
     */
    private static void scan(Connection connection, long importId, LocalDate first, ImportContext context,
                             String key, String notKey, boolean restatedBefore) throws SQLException {
        List<String> conditions = new ArrayList<>();
        conditions.add(RESTATED_HERE.formatted(key, "u.day"));
        if (notKey != null) {
            conditions.add("not " + RESTATED_HERE.formatted(notKey, "u.day"));
        }
        if (restatedBefore) {
            conditions.add(RESTATED_BEFORE.formatted(BILLING, "u.day"));
            conditions.add(RESTATED_BEFORE.formatted(ACCOUNT, "u.day"));
        }
        String sql = SCAN.formatted(String.join(" and ", conditions));
        if (log.isDebugEnabled()) {
            log.debug("Restatement scan plan:\n{}", plan(connection, sql, importId, first, context, conditions.size()));
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int i = 0;
            insert.setDate(++i, Date.valueOf(YearMonth.from(first).minusMonths(1).atDay(1)));
            insert.setDate(++i, Date.valueOf(context.latest().atDay(1)));
            insert.setLong(++i, importId);
            for (int c = 0; c < conditions.size(); c++) {
                insert.setLong(++i, importId);
            }
            insert.executeUpdate();
        }
    }

    private static String plan(Connection connection, String sql, long importId, LocalDate first, ImportContext context,
                               int conditions) throws SQLException {
        try (PreparedStatement explain = connection.prepareStatement("explain " + sql)) {
            int i = 0;
            explain.setDate(++i, Date.valueOf(YearMonth.from(first).minusMonths(1).atDay(1)));
            explain.setDate(++i, Date.valueOf(context.latest().atDay(1)));
            explain.setLong(++i, importId);
            for (int c = 0; c < conditions; c++) {
                explain.setLong(++i, importId);
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /** Whether an earlier import restated any of the days this one restates (its rows may be superseded already). */
    private static boolean restatedBefore(Connection connection, long importId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select exists (select 1 from usage_restated_day d
                                where d.import_id < ?
                                  and d.day in (select h.day from usage_restated_day h where h.import_id = ?))""")) {
            select.setLong(1, importId);
            select.setLong(2, importId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Waits for the summary's catch-up, and for any other restatement, to finish. */
    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, ServiceSummary.CATCH_UP_LOCK);
            lock.execute();
        }
    }

    private static void record(Connection connection, long importId, Collection<Day> days, YearMonth openFrom)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into usage_restated_day (import_id, billing_account_id, account_id, day, open_from)
                select ?, b, a, d, ? from unnest(?::text[], ?::text[], ?::date[]) as t(b, a, d)""")) {
            insert.setLong(1, importId);
            insert.setDate(2, Date.valueOf(openFrom.atDay(1)));
            List<Day> ordered = List.copyOf(days);
            insert.setArray(3, connection.createArrayOf("text", ordered.stream().map(Day::billingAccountId).toArray()));
            insert.setArray(4, connection.createArrayOf("text", ordered.stream().map(Day::accountId).toArray()));
            insert.setArray(5, connection.createArrayOf("date", ordered.stream().map(d -> Date.valueOf(d.day())).toArray()));
            insert.executeUpdate();
        }
    }

    /**
     * Books the negation of each superseded row of a closed period into the first open period,
     * naming the row's import. Returns the periods that took reversal rows (none or that one).
     */
    private static SortedSet<YearMonth> reverse(Connection connection, long importId, YearMonth openFrom,
                                                boolean billing, boolean account) throws SQLException {
        List<YearMonth> closed = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select distinct period from restatement_scan where period < ? order by period")) {
            select.setDate(1, Date.valueOf(openFrom.atDay(1)));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    closed.add(YearMonth.from(rs.getDate(1).toLocalDate()));
                }
            }
        }
        SortedSet<YearMonth> targets = new TreeSet<>();
        for (YearMonth period : closed) {
            String restatedHere = billing && account
                    ? "(" + RESTATED_HERE.formatted(BILLING, DAY_OF_ROW) + " or " + RESTATED_HERE.formatted(ACCOUNT, DAY_OF_ROW) + ")"
                    : RESTATED_HERE.formatted(billing ? BILLING : ACCOUNT, DAY_OF_ROW);
            String sql = REVERSE.formatted(restatedHere, "true",
                    RESTATED_BEFORE.formatted(BILLING, DAY_OF_ROW), RESTATED_BEFORE.formatted(ACCOUNT, DAY_OF_ROW));
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int i = 0;
                insert.setLong(++i, importId);
                insert.setDate(++i, Date.valueOf(openFrom.atDay(1)));
                insert.setDate(++i, Date.valueOf(period.atDay(1)));
                insert.setLong(++i, importId);
                insert.setLong(++i, importId);
                if (billing && account) {
                    insert.setLong(++i, importId);
                }
                insert.setLong(++i, importId);
                insert.setLong(++i, importId);
                insert.executeUpdate();
            }
            targets.add(openFrom);
        }
        if (!closed.isEmpty()) {
            for (String rollup : List.of(REVERSE_ROLLUP.formatted("usage_rollup", "day"),
                    REVERSE_ROLLUP.formatted("usage_month_rollup", "outside_day"))) {
                try (PreparedStatement insert = connection.prepareStatement(rollup)) {
                    insert.setLong(1, importId);
                    insert.setDate(2, Date.valueOf(openFrom.atDay(1)));
                    insert.setDate(3, Date.valueOf(openFrom.atDay(1)));
                    insert.executeUpdate();
                }
            }
        }
        return targets;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
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
