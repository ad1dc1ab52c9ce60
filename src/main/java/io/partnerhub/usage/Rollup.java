package io.partnerhub.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import org.postgresql.PGConnection;

/**
 * One import's rows summed while they stream (V35), at one of two grains:
 * <ul>
 *   <li>{@link #daily}: {@code usage_rollup}, per period, day of the charge, account, billing
 *       account, service, funding source, charge category and currency;</li>
 *   <li>{@link #monthly}: {@code usage_month_rollup}, the same without the day, except for a row
 *       charged outside its period's month, which keeps its day.</li>
 * </ul>
 * Each holds the number of rows and their exact list cost. The sums are copied in whenever they
 * reach a bound of keys, and at the end, so the memory taken is bounded however long the file is;
 * a key copied in twice is two rollup rows that readers sum.
 */
final class Rollup {

    /** Daily keys held before they are copied in (about 150 bytes each). */
    static final int DAILY_BOUND = 500_000;
    /**
     * Monthly keys held before they are copied in: a file's rows come in any order of accounts, so
     * the monthly sums only shrink the rows if they stay in memory for most of the file.
     */
    static final int MONTHLY_BOUND = 2_000_000;

    /** The monthly key of a row charged inside its period's month. */
    private static final int NO_DAY = Integer.MIN_VALUE;

    private record Key(int period, int day, String account, String billingAccount, String service,
                       FundingSource funding, ChargeCategory category, String currency) {
    }

    private static final class Sum {
        long rows;
        BigDecimal listCost = BigDecimal.ZERO;
    }

    private final boolean byDay;
    private final String copy;
    private final int bound;
    private final Map<Key, Sum> sums = new HashMap<>();
    /** One instance of each account, service and currency text, however many rows repeat it. */
    private final Map<String, String> texts;

    private Rollup(boolean byDay, String table, String dayColumn, int bound, Map<String, String> texts) {
        this.byDay = byDay;
        this.bound = bound;
        this.texts = texts;
        this.copy = "COPY " + table + " (import_id, period, " + dayColumn + ", account_id, billing_account_id, service_name,"
                + " funding_source, charge_category, currency, rows, list_cost) FROM STDIN (FORMAT binary)";
    }

    /** @param texts where the rollups of one import keep one instance of each text (it grows with the accounts) */
    static Rollup daily(int bound, Map<String, String> texts) {
        return new Rollup(true, "usage_rollup", "day", bound, texts);
    }

    static Rollup monthly(int bound, Map<String, String> texts) {
        return new Rollup(false, "usage_month_rollup", "outside_day", bound, texts);
    }

    /** Adds {@code row}, charged on {@code day}, of list cost {@code listCost} (the row's, parsed once). */
    void add(UsageRow row, LocalDate day, BigDecimal listCost) {
        YearMonth period = row.period();
        boolean inside = day.getYear() == period.getYear() && day.getMonthValue() == period.getMonthValue();
        Key key = new Key(period.getYear() * 12 + period.getMonthValue() - 1,
                byDay || !inside ? (int) day.toEpochDay() : NO_DAY,
                text(row.accountId()), text(row.billingAccountId()), text(row.serviceName()), row.funding(),
                row.category(), text(row.currency()));
        Sum sum = sums.computeIfAbsent(key, k -> new Sum());
        sum.rows++;
        sum.listCost = sum.listCost.add(listCost);
    }

    boolean full() {
        return sums.size() >= bound;
    }

    /** Copies the sums in as rows of import {@code importId}, and forgets them. */
    void store(Connection connection, long importId) throws SQLException {
        if (sums.isEmpty()) {
            return;
        }
        BinaryCopy copy = new BinaryCopy(connection.unwrap(PGConnection.class).getCopyAPI().copyIn(this.copy));
        try {
            for (Map.Entry<Key, Sum> entry : sums.entrySet()) {
                Key key = entry.getKey();
                copy.row(FIELDS);
                copy.bigint(importId);
                copy.date(CopyRows.epochDay(YearMonth.of(key.period() / 12, key.period() % 12 + 1)));
                if (key.day() == NO_DAY) {
                    copy.nullField();
                } else {
                    copy.date(key.day());
                }
                copy.text(key.account());
                copy.text(key.billingAccount());
                copy.text(key.service());
                copy.text(key.funding().name());
                copy.text(key.category().name());
                copy.text(key.currency());
                copy.bigint(entry.getValue().rows);
                copy.numeric(entry.getValue().listCost.toPlainString());
            }
            copy.finish();
        } finally {
            copy.cancel();
        }
        sums.clear();
    }

    private static final int FIELDS = 11;

    private String text(String value) {
        return value == null ? null : texts.computeIfAbsent(value, v -> v);
    }
}
