package io.partnerhub.usage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.InputLimits;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Shown;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.UsageImported;

/**
 * Imports a billing export in one transaction: rows stream from the reader straight into
 * {@code COPY}; a file with any bad row is rolled back whole and answered with its bad lines; the
 * content's SHA-256 (unique in {@code usage_import}) makes a second import of the same file, even
 * a concurrent one, a duplicate that adds nothing.
 */
@Service
public class UsageImports {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UsageImports.class);

    private final ApplicationEventPublisher events;

    /** The earliest billing period the platform keeps usage for. */
    static final YearMonth EARLIEST = YearMonth.of(2015, 1);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ProgramCatalog programs;
    private final Today today;
    private final InputLimits limits;
    private final ImportMetrics metrics;

    UsageImports(DataSource dataSource, JdbcClient jdbc, ProgramCatalog programs, Today today,
                 ApplicationEventPublisher events, InputLimits limits, ImportMetrics metrics) {
        this.metrics = metrics;
        this.limits = limits;
        this.events = events;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.programs = programs;
        this.today = today;
    }

    public ImportResult importFile(String actor, UsageFormat format, InputStream content, String fileName) {
        return importFile(actor, format, ImportMode.ADD, content, fileName);
    }

    /**
     * Imports a billing export; in {@link ImportMode#RESTATE} its rows replace, day by day and per
     * billing account, the rows stored before for those days (see {@link Restatement}).
     */
    public ImportResult importFile(String actor, UsageFormat format, ImportMode mode, InputStream content,
                                   String fileName) {
        requireStorableName(fileName);
        YearMonth latest = YearMonth.from(today.date()).plusMonths(1);
        ensurePartitions(latest);
        long started = System.nanoTime();
        String outcome = "failed";
        long stored = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                ImportResult result = importIn(connection, actor, format, mode, content, fileName, latest);
                if (result instanceof ImportResult.Accepted accepted) {
                    connection.commit();
                    stored = accepted.rowsAccepted();
                    events.publishEvent(new UsageImported(accepted.importId()));
                } else {
                    connection.rollback();
                }
                outcome = switch (result) {
                    case ImportResult.Accepted a -> "accepted";
                    case ImportResult.Duplicate d -> "duplicate";
                    case ImportResult.Rejected r -> "rejected";
                };
                return result;
            } catch (SQLException | IOException | RuntimeException | Error e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the import failed in the database", e);
        } catch (IOException e) {
            throw new UncheckedIOException("the import could not be read", e);
        } finally {
            metrics.record(format, outcome, stored, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private ImportResult importIn(Connection connection, String actor, UsageFormat format, ImportMode mode,
                                  InputStream content, String fileName, YearMonth latest)
            throws SQLException, IOException {
        execute(connection, PeriodLocks.SHARED);
        boolean restate = mode == ImportMode.RESTATE;
        ImportContext context = new ImportContext(Today.ZONE, closedPeriods(connection),
                currencies(), EARLIEST, latest, restate);
        Set<String> knownAccounts = knownAccounts(connection);
        long importId = nextImportId(connection);
        StoredRows out = new StoredRows(connection, importId, context.zone(), Rollup.DAILY_BOUND, Rollup.MONTHLY_BOUND);
        ImportProblems problems = new ImportProblems();
        Tally tally = new Tally(knownAccounts, restate ? context.zone() : null);
        long read = 0;
        String checksum = null;
        try {
            ImportInput input = ImportInput.open(content, limits);
            read = format.reader().read(input.reader(), context, row -> {
                if (!problems.any()) {
                    write(out, row);
                    tally.add(row);
                }
            }, problems);
            checksum = input.checksum();
        } catch (IOException | UncheckedIOException unreadable) {
            problems.add(0, "(file)", unreadableBecause(unreadable));
        } catch (RuntimeException | Error unexpected) {
            try {
                out.cancel();
            } catch (SQLException cancelFailed) {
                unexpected.addSuppressed(cancelFailed);
            }
            throw unexpected;
        }
        if (problems.any()) {
            out.cancel();
            return new ImportResult.Rejected(read, problems.badRows(), problems.listed(), problems.count());
        }
        long stored = out.finish();
        if (!recordImport(connection, importId, format, checksum, fileName, stored, tally, actor)) {
            return new ImportResult.Duplicate(importIdOf(connection, checksum), checksum);
        }
        long storing = System.nanoTime();
        out.storeConsumedDays();
        log.debug("Import {}: {} rows copied; their rollup copied in {} ms, the days each account consumed stored in {} ms",
                importId, stored, out.rollupMillis(), (System.nanoTime() - storing) / 1_000_000);
        long superseded = 0;
        if (restate) {
            Restatement.Outcome outcome = Restatement.supersede(connection, importId, tally.restatedDays, context);
            superseded = outcome.rowsSuperseded();
            tally.periods.addAll(outcome.reversalPeriods());
            recordRestatement(connection, importId, superseded, tally.periods);
        }
        return new ImportResult.Accepted(importId, stored, tally.periods, tally.unattributedRows,
                tally.unattributedAccounts.size(), checksum, mode, superseded);
    }

    /** A file name is kept and shown in the history: printable text of at most 255 characters, or none. */
    private static void requireStorableName(String fileName) {
        if (fileName != null && (fileName.length() > 255 || fileName.codePoints().anyMatch(Character::isISOControl))) {
            throw RuleViolation.of("fileName", Shown.quoted(fileName)
                    + " is not a file name: at most 255 characters, no NUL or other control characters");
        }
    }

    /** Why a file could not be read to its end, said for the person who sent it. */
    private static String unreadableBecause(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return "the file is not UTF-8 text";
        }
        if (cause instanceof java.util.zip.ZipException || cause instanceof java.io.EOFException) {
            return "the file ends unexpectedly or is damaged: " + cause.getMessage();
        }
        return "the file cannot be read: " + cause.getMessage();
    }

    /**
     * What an import counts as it goes: periods, rows of accounts no customer or partner owns, and
     * (restating, in the zone of its days) the days it restates.
     */
    private static final class Tally {
        final Set<String> known;
        final ZoneId restating;
        final SortedSet<YearMonth> periods = new TreeSet<>();
        final Set<String> unattributedAccounts = new HashSet<>();
        final Set<Restatement.Day> restatedDays = new HashSet<>();
        long unattributedRows;

        Tally(Set<String> known, ZoneId restating) {
            this.known = known;
            this.restating = restating;
        }

        void add(UsageRow row) {
            periods.add(row.period());
            if (restating != null) {
                restatedDays.add(Restatement.Day.of(row, restating));
            }
            if (!known.contains(row.accountId())) {
                unattributedRows++;
                unattributedAccounts.add(row.accountId());
            }
        }
    }

    private static void write(StoredRows out, UsageRow row) {
        try {
            out.write(row);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY refused a row", e);
        }
    }

    private boolean recordImport(Connection connection, long importId, UsageFormat format, String checksum,
                                 String fileName, long rows, Tally tally, String actor) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into usage_import (id, format, checksum, file_name, rows_accepted, imported_by,
                                          unattributed_rows, unattributed_accounts, periods)
                overriding system value
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict on constraint uq_usage_import_content do nothing""")) {
            insert.setLong(1, importId);
            insert.setString(2, format.id());
            insert.setString(3, checksum);
            insert.setString(4, fileName);
            insert.setLong(5, rows);
            insert.setString(6, actor);
            insert.setLong(7, tally.unattributedRows);
            insert.setInt(8, tally.unattributedAccounts.size());
            insert.setString(9, tally.periods.stream().map(YearMonth::toString).collect(Collectors.joining(",")));
            return insert.executeUpdate() == 1;
        }
    }

    private static void recordRestatement(Connection connection, long importId, long superseded,
                                          SortedSet<YearMonth> periods) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update usage_import set mode = 'RESTATE', rows_superseded = ?, periods = ? where id = ?")) {
            update.setLong(1, superseded);
            update.setString(2, periods.stream().map(YearMonth::toString).collect(Collectors.joining(",")));
            update.setLong(3, importId);
            update.executeUpdate();
        }
    }

    private long importIdOf(Connection connection, String checksum) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select id from usage_import where checksum = ?")) {
            select.setString(1, checksum);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long nextImportId(Connection connection) throws SQLException {
        try (PreparedStatement next = connection.prepareStatement(
                "select nextval(pg_get_serial_sequence('usage_import', 'id'))");
             ResultSet rs = next.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<YearMonth> closedPeriods(Connection connection) throws SQLException {
        Set<YearMonth> closed = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select period from shared_closed_month_view");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                closed.add(YearMonth.from(rs.getDate(1).toLocalDate()));
            }
        }
        return closed;
    }

    private static Set<String> knownAccounts(Connection connection) throws SQLException {
        Set<String> accounts = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement("""
                select account_id from customer_account_view
                union all
                select account_id from partner_account_view where account_id is not null""");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                accounts.add(rs.getString(1));
            }
        }
        return accounts;
    }

    private Set<String> currencies() {
        return programs.all().stream().map(Program::currency).collect(Collectors.toSet());
    }

    private void ensurePartitions(YearMonth latest) {
        jdbc.sql("select ensure_usage_partitions(:first, :last)")
                .param("first", EARLIEST.atDay(1)).param("last", latest.plusMonths(1).atDay(1))
                .query(Integer.class).single();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }
}
