package io.partnerhub.usage;

import java.time.Duration;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.partnerhub.shared.RollupLag;

/**
 * Imports as Prometheus sees them (docs/architecture.md, "Metrics"): rows stored
 * ({@code partnerhub_import_rows_total}) and how long each import took by its outcome
 * ({@code partnerhub_import_seconds}), both by format; and the consumption-per-service summary's
 * {@link RollupLag} ({@code rollup="consumption_service"}).
 */
@Component
class ImportMetrics {

    private final MeterRegistry registry;

    ImportMetrics(MeterRegistry registry, JdbcClient jdbc) {
        this.registry = registry;
        RollupLag.register(registry, "consumption_service", () -> serviceSummaryLag(jdbc));
    }

    /** Records an import that ended with {@code outcome}, having stored {@code rows}. */
    void record(UsageFormat format, String outcome, long rows, Duration took) {
        Timer.builder("partnerhub.import")
                .description("How long an import took, from the first byte read to its commit or refusal")
                .tag("format", format.id()).tag("outcome", outcome)
                .register(registry).record(took);
        if (rows > 0) {
            Counter.builder("partnerhub.import.rows").description("Usage rows stored by accepted imports")
                    .baseUnit("rows").tag("format", format.id()).register(registry).increment(rows);
        }
    }

    private static double serviceSummaryLag(JdbcClient jdbc) {
        return jdbc.sql("""
                        select coalesce(extract(epoch from now() - min(i.imported_at)), 0) from usage_import i
                         where not exists (select 1 from consumption_service_import s where s.import_id = i.id)""")
                .query(Double.class).single();
    }
}
