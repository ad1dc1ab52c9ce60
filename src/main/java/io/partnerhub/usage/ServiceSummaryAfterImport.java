package io.partnerhub.usage;

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
 * Right after an import committed, on a thread of its own: refreshes the statistics of the months
 * it wrote to, then adds it to the consumption per service, so the first reader after a large
 * import does not wait for it (readers still catch up first).
 * {@code partnerhub.summarize-after-import=false} leaves it to them (the import benchmark).
 */
@Component
class ServiceSummaryAfterImport {

    private static final Logger log = LoggerFactory.getLogger(ServiceSummaryAfterImport.class);

    private final ServiceSummary summary;
    private final PartitionStatistics statistics;
    private final boolean enabled;
    private final Duration shutdownBound;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("service-summary").daemon().unstarted(task));

    ServiceSummaryAfterImport(ServiceSummary summary, PartitionStatistics statistics,
                              @Value("${partnerhub.summarize-after-import:true}") boolean enabled,
                              @Value(WorkerShutdown.BOUND) Duration shutdownBound) {
        this.summary = summary;
        this.statistics = statistics;
        this.enabled = enabled;
        this.shutdownBound = shutdownBound;
    }

    @EventListener
    void imported(UsageImported imported) {
        if (enabled) {
            worker.submit(() -> {
                try {
                    statistics.refresh(imported.importId());
                    summary.catchUp();
                } catch (RuntimeException e) {
                    log.warn("Summarizing import {} per service failed; the next reader catches up: {}",
                            imported.importId(), e.getMessage());
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        WorkerShutdown.finishThenStop(worker, shutdownBound);
    }
}
