package io.partnerhub.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.postgresql.PGConnection;

/**
 * Where an import's checked rows go, in its transaction: a binary COPY into {@code usage_row}, and
 * beside it the daily and monthly rollups of the same rows and the days each account consumed.
 * When a rollup reaches its bound, the COPY of rows is ended, that rollup copied in, and a new
 * COPY of rows begun (a connection runs one COPY at a time).
 */
final class StoredRows {

    private final Connection connection;
    private final long importId;
    private final ZoneId zone;
    private final Rollup daily;
    private final Rollup monthly;
    private final DayTally consumedDays;
    private CopyRows rows;
    private long stored;
    private long rollupNanos;

    /**
     * @param dailyBound   the daily rollup's keys held in memory at most ({@link Rollup#DAILY_BOUND})
     * @param monthlyBound the monthly rollup's ({@link Rollup#MONTHLY_BOUND})
     */
    StoredRows(Connection connection, long importId, ZoneId zone, int dailyBound, int monthlyBound) throws SQLException {
        this.connection = connection;
        Map<String, String> texts = new HashMap<>();
        this.daily = Rollup.daily(dailyBound, texts);
        this.monthly = Rollup.monthly(monthlyBound, texts);
        this.importId = importId;
        this.zone = zone;
        this.consumedDays = new DayTally();
        this.rows = copyOfRows();
    }

    void write(UsageRow row) throws SQLException {
        rows.write(row);
        LocalDate day = LocalDate.ofInstant(row.chargeStart(), zone);
        BigDecimal listCost = new BigDecimal(row.listCost());
        daily.add(row, day, listCost);
        monthly.add(row, day, listCost);
        consumedDays.add(row, day);
        if (daily.full() || monthly.full()) {
            stored += rows.finish();
            storeRollup(daily.full() ? daily : monthly);
            rows = copyOfRows();
        }
    }

    /** Ends the COPY of rows and copies the rest of the rollup in. @return the rows stored */
    long finish() throws SQLException {
        stored += rows.finish();
        storeRollup(daily);
        storeRollup(monthly);
        return stored;
    }

    /** Merges the days consumed into {@code usage_consumption_day}; once the import is recorded. */
    void storeConsumedDays() throws SQLException {
        consumedDays.store(connection);
    }

    /** Milliseconds spent copying the rollup in. */
    long rollupMillis() {
        return rollupNanos / 1_000_000;
    }

    void cancel() throws SQLException {
        rows.cancel();
    }

    private void storeRollup(Rollup rollup) throws SQLException {
        long started = System.nanoTime();
        rollup.store(connection, importId);
        rollupNanos += System.nanoTime() - started;
    }

    private CopyRows copyOfRows() throws SQLException {
        return new CopyRows(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(CopyRows.COPY), importId);
    }
}
