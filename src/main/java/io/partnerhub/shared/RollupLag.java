package io.partnerhub.shared;

import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code partnerhub_rollup_lag_seconds}, one meaning for every rollup that adds imports to a
 * summary: the age of the oldest import it has not added yet, 0 when none waits, labelled by the
 * rollup (docs/architecture.md, "Metrics"). Each rollup's feature gives its own lag; the name,
 * unit and description are written here once.
 */
public final class RollupLag {

    private RollupLag() {
    }

    public static void register(MeterRegistry registry, String rollup, Supplier<Number> lagSeconds) {
        Gauge.builder("partnerhub.rollup.lag", lagSeconds)
                .description("Age of the oldest import a rollup has not added yet, 0 when none waits")
                .baseUnit("seconds").tag("rollup", rollup).register(registry);
    }
}
