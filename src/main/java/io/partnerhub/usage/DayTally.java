package io.partnerhub.usage;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

import org.postgresql.PGConnection;

import io.partnerhub.shared.CopyText;

/**
 * The days each account consumed in one import (usage or purchase rows with a positive list cost,
 * Moscow days), gathered while its rows stream and merged into {@code usage_consumption_day} in
 * the import's own transaction: per account and month of the charge, bit d-1 set for day d. The
 * memory it takes grows with the accounts and months of the file, never with its rows.
 */
final class DayTally {

    private record Key(String account, YearMonth month) {
    }

    private final Map<Key, Integer> days = new HashMap<>();

    /** Adds {@code row}, charged on {@code day} (of the programs' zone). */
    void add(UsageRow row, LocalDate day) {
        if ((row.category() != ChargeCategory.USAGE && row.category() != ChargeCategory.PURCHASE)
                || !positive(row.listCost())) {
            return;
        }
        days.merge(new Key(row.accountId(), YearMonth.from(day)), 1 << (day.getDayOfMonth() - 1), (a, b) -> a | b);
    }

    /** A checked decimal's sign, read off its text: no zero digit before or after the point, no minus. */
    private static boolean positive(String decimal) {
        if (decimal.startsWith("-")) {
            return false;
        }
        for (int i = 0; i < decimal.length(); i++) {
            char c = decimal.charAt(i);
            if (c >= '1' && c <= '9') {
                return true;
            }
            if (c == 'e' || c == 'E') {
                return false;
            }
        }
        return false;
    }

    /**
     * Merges the days into the rollup: COPY into a temporary table, then one insert that merges
     * (a COPY sends the sums as plain text, far cheaper than arrays of parameters).
     */
    void store(Connection connection) throws SQLException {
        if (days.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("create temp table import_consumption_day (account_id text, month date, days int) on commit drop");
        }
        StringBuilder text = new StringBuilder(days.size() * 32);
        days.forEach((key, bits) -> {
            CopyText.escape(text, key.account());
            text.append('\t').append(key.month().atDay(1)).append('\t').append(bits).append('\n');
        });
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY import_consumption_day FROM STDIN",
                    new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("the days consumed could not be copied", e);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into usage_consumption_day (account_id, month, days)
                    select account_id, month, days from import_consumption_day
                    on conflict (account_id, month) do update set days = usage_consumption_day.days | excluded.days""");
            statement.execute("drop table import_consumption_day");
        }
    }
}
