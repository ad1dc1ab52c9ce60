package io.partnerhub.deal;

import io.partnerhub.shared.UsageImported;
import io.partnerhub.shared.WorkerShutdown;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Summarizes an import's consumption days right after it committed, on a thread of its own, so
 * that neither a deal registration nor a month's close pays for a large import (a 10 M-row month
 * takes tens of seconds to summarize). Those still catch up first, and find nothing left to do.
 * {@code partnerhub.summarize-after-import=false} leaves it to them (the import benchmark).
 */
@Component
class SummaryAfterImport {

    private static final Logger log = LoggerFactory.getLogger(SummaryAfterImport.class);

    private final ConsumptionSummary summary;
    private final boolean enabled;
    private final Duration shutdownBound;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("consumption-summary").daemon().unstarted(task));

    SummaryAfterImport(ConsumptionSummary summary,
                       @Value("${partnerhub.summarize-after-import:true}") boolean enabled,
                       @Value(WorkerShutdown.BOUND) Duration shutdownBound) {
        this.summary = summary;
        this.enabled = enabled;
        this.shutdownBound = shutdownBound;
    }

    @EventListener
    void imported(UsageImported imported) {
        if (enabled) {
            worker.submit(() -> {
                try {
                    summary.catchUp();
                } catch (RuntimeException e) {
                    log.warn("Summarizing the consumption of import {} failed; the next registration or close"
                            + " catches up: {}", imported.importId(), e.getMessage());
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        WorkerShutdown.finishThenStop(worker, shutdownBound);
    }
}
