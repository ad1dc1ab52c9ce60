package io.partnerhub.usage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The days each account consumed in one import (usage or purchase rows with a positive list cost,
 * Moscow days), gathered while its rows stream and merged into {@code usage_consumption_day} in
 * the import's own transaction: per account and month of the charge, bit d-1 set for day d. The
 * memory it takes grows with the accounts and months of the file, never with its rows.
 */
final class DayTally {

    private static final int BATCH = 20_000;

    private record Key(String account, YearMonth month) {
    }

    private final ZoneId zone;
    private final Map<Key, Integer> days = new HashMap<>();

    DayTally(ZoneId zone) {
        this.zone = zone;
    }

    void add(UsageRow row) {
        if ((row.category() != ChargeCategory.USAGE && row.category() != ChargeCategory.PURCHASE)
                || !positive(row.listCost())) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(row.chargeStart(), zone);
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

    void store(Connection connection) throws SQLException {
        List<Map.Entry<Key, Integer>> entries = new ArrayList<>(days.entrySet());
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into usage_consumption_day (account_id, month, days)
                select * from unnest(?::text[], ?::date[], ?::int[])
                on conflict (account_id, month) do update set days = usage_consumption_day.days | excluded.days""")) {
            for (int from = 0; from < entries.size(); from += BATCH) {
                List<Map.Entry<Key, Integer>> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
                insert.setArray(1, connection.createArrayOf("text", batch.stream().map(e -> e.getKey().account()).toArray()));
                insert.setArray(2, connection.createArrayOf("date",
                        batch.stream().map(e -> Date.valueOf(e.getKey().month().atDay(1))).toArray()));
                insert.setArray(3, connection.createArrayOf("integer", batch.stream().map(Map.Entry::getValue).toArray()));
                insert.executeUpdate();
            }
        }
    }
}
