package io.partnerhub.usage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumption per account, month and service of one import, summed while its rows stream into
 * the COPY, and added to {@code consumption_service} in the import's own transaction: the summary
 * never re-reads the rows it was made of. An import with more distinct sums than {@link #LIMIT}
 * gives up (the memory stays bounded) and is left to {@link ServiceSummary}'s catch-up, which sums
 * it from the stored rows as before.
 */
final class ServiceTally {

    /** Distinct (account, month, service, currency) sums kept in memory, at most. */
    static final int LIMIT = 1_000_000;
    private static final int BATCH = 20_000;

    private record Key(String account, YearMonth month, String service, String currency) {
    }

    private final Map<Key, BigDecimal> sums = new HashMap<>();
    private final Map<String, String> services = new HashMap<>();
    private boolean gaveUp;

    /** Adds a row that counts as consumption at list (usage, purchases, adjustments; no credits, no tax). */
    void add(UsageRow row) {
        if (gaveUp || !counts(row.category())) {
            return;
        }
        String service = services.computeIfAbsent(row.serviceName(), name -> name);
        sums.merge(new Key(row.accountId(), row.period(), service, row.currency()), new BigDecimal(row.listCost()),
                BigDecimal::add);
        if (sums.size() > LIMIT) {
            gaveUp = true;
            sums.clear();
        }
    }

    private static boolean counts(ChargeCategory category) {
        return category == ChargeCategory.USAGE || category == ChargeCategory.PURCHASE
                || category == ChargeCategory.ADJUSTMENT;
    }

    /**
     * Adds the sums to the summary and records the import as summarized; after giving up, adds
     * nothing (the catch-up will). Returns whether the import is summarized.
     */
    boolean store(Connection connection, long importId) throws SQLException {
        if (gaveUp) {
            return false;
        }
        List<Map.Entry<Key, BigDecimal>> entries = new ArrayList<>(sums.entrySet());
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into consumption_service (account_id, month, service_name, currency, list_cost)
                select * from unnest(?::text[], ?::date[], ?::text[], ?::char(3)[], ?::numeric[])
                on conflict (account_id, month, service_name, currency)
                   do update set list_cost = consumption_service.list_cost + excluded.list_cost""")) {
            for (int from = 0; from < entries.size(); from += BATCH) {
                List<Map.Entry<Key, BigDecimal>> batch = entries.subList(from, Math.min(entries.size(), from + BATCH));
                insert.setArray(1, connection.createArrayOf("text", batch.stream().map(e -> e.getKey().account()).toArray()));
                insert.setArray(2, connection.createArrayOf("date",
                        batch.stream().map(e -> Date.valueOf(e.getKey().month().atDay(1))).toArray()));
                insert.setArray(3, connection.createArrayOf("text", batch.stream().map(e -> e.getKey().service()).toArray()));
                insert.setArray(4, connection.createArrayOf("text", batch.stream().map(e -> e.getKey().currency()).toArray()));
                insert.setArray(5, connection.createArrayOf("numeric", batch.stream().map(Map.Entry::getValue).toArray()));
                insert.executeUpdate();
            }
        }
        try (PreparedStatement summarized = connection.prepareStatement(
                "insert into consumption_service_import (import_id) values (?)")) {
            summarized.setLong(1, importId);
            summarized.executeUpdate();
        }
        return true;
    }
}
