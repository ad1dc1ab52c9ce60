package io.partnerhub.deal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.partnerhub.shared.RollupLag;

/**
 * The {@link RollupLag} of the deal desk's consumption days ({@code rollup="consumption_day"}): the
 * imports {@link ConsumptionSummary} has not added yet. Not the same lag as usage's
 * {@code consumption_service}: each summary records the imports it added in its own table, and
 * either may fall behind alone.
 */
@Component
class SummaryMetrics {

    SummaryMetrics(MeterRegistry registry, JdbcClient jdbc) {
        RollupLag.register(registry, "consumption_day", () -> lag(jdbc));
    }

    private static double lag(JdbcClient jdbc) {
        return jdbc.sql("""
                        select coalesce(extract(epoch from now() - min(i.imported_at)), 0) from usage_import i
                         where not exists (select 1 from consumption_summary_import s where s.import_id = i.id)""")
                .query(Double.class).single();
    }
}
