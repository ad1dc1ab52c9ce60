package io.partnerhub.settlement;

import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The close as Prometheus sees it (docs/architecture.md, "Metrics"): how long each month's close
 * took ({@code partnerhub_close_month_seconds}), the partners settled
 * ({@code partnerhub_close_partners_settled_total}), and while a month closes, its partners and how
 * many are settled ({@code partnerhub_close_partners}, {@code partnerhub_close_partners_done}).
 */
@Component
class CloseMetrics {

    private final MeterRegistry registry;
    private final Counter settledTotal;
    private final AtomicInteger partners = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong monthsClosed = new AtomicLong();

    CloseMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.settledTotal = Counter.builder("partnerhub.close.partners.settled")
                .description("Partners settled by closes, every month counted").register(registry);
        Gauge.builder("partnerhub.close.partners", partners, AtomicInteger::get)
                .description("Partners of the month being closed now (0 when no close runs)").register(registry);
        Gauge.builder("partnerhub.close.partners.done", done, AtomicInteger::get)
                .description("Partners of the month being closed now that are settled").register(registry);
    }

    /** Runs one month's close, timing it by its outcome and following its progress. */
    <T> T month(YearMonth month, Supplier<T> close) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            T result = close.get();
            outcome = "closed";
            monthsClosed.incrementAndGet();
            return result;
        } finally {
            sample.stop(Timer.builder("partnerhub.close.month")
                    .description("How long a month's close took, from its lock to its commit")
                    .tag("outcome", outcome).register(registry));
            partners.set(0);
            done.set(0);
        }
    }

    /** The progress a close reports, also kept for the gauges. */
    CloseProgress watching(CloseProgress inner) {
        return new CloseProgress() {
            private int settledBefore;

            @Override
            public void settling(YearMonth month, int count) {
                partners.set(count);
                done.set(0);
                settledBefore = 0;
                inner.settling(month, count);
            }

            @Override
            public void settled(YearMonth month, int settled) {
                done.set(settled);
                settledTotal.increment(Math.max(0, settled - settledBefore));
                settledBefore = settled;
                inner.settled(month, settled);
            }

            @Override
            public void storing(YearMonth month) {
                inner.storing(month);
            }
        };
    }
}
