package io.partnerhub.deal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The rollup lag of the deal desk's consumption days ({@code partnerhub_rollup_lag_seconds} with
 * {@code rollup="consumption_day"}): the age of the oldest import {@link ConsumptionSummary} has not
 * added yet, 0 when none waits.
 */
@Component
class SummaryMetrics {

    SummaryMetrics(MeterRegistry registry, JdbcClient jdbc) {
        Gauge.builder("partnerhub.rollup.lag", jdbc, SummaryMetrics::lag)
                .description("Age of the oldest import a rollup has not added yet, 0 when none waits")
                .baseUnit("seconds").tag("rollup", "consumption_day").register(registry);
    }

    private static double lag(JdbcClient jdbc) {
        return jdbc.sql("""
                        select coalesce(extract(epoch from now() - min(i.imported_at)), 0) from usage_import i
                         where not exists (select 1 from consumption_summary_import s where s.import_id = i.id)""")
                .query(Double.class).single();
    }
}
