package io.partnerhub.usage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.util.Arrays;

/**
 * Fresh planner statistics for the monthly partitions an import wrote to. Autovacuum gets to them
 * only after a while; until then a month's partition that was empty looks empty to the planner,
 * which then picks nested loops over tens of thousands of rows (a dashboard's month so far took
 * 300–500 ms instead of a few tens).
 */
@Component
class PartitionStatistics {

    private final JdbcClient jdbc;

    PartitionStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void refresh(long importId) {
        String periods = jdbc.sql("select periods from usage_import where id = :id").param("id", importId)
                .query(String.class).optional().orElse("");
        Arrays.stream(periods.split(",")).filter(p -> !p.isBlank())
                .map(p -> YearMonth.parse(p.strip()))
                .forEach(month -> {
                    jdbc.sql("analyze " + partition("usage_row", month)).update();
                    jdbc.sql("analyze " + partition("usage_rollup", month)).update();
                });
    }

    /** The month's partition of {@code table} (usage_row or usage_rollup), as {@code ensure_usage_partitions} names it. */
    private static String partition(String table, YearMonth month) {
        return table + "_" + month.getYear() + "_" + String.format("%02d", month.getMonthValue());
    }
}
