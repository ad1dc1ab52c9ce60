package io.partnerhub.shared;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How a feature's own worker thread ends with the platform: the task it runs finishes (a summary
 * after an import, a background close), bounded by {@code spring.lifecycle.timeout-per-shutdown-phase};
 * past the bound it is interrupted, and what it had not committed rolls back when the pool closes.
 * Called from a bean's {@code @PreDestroy}, which Spring runs after the web server stopped and
 * before the connection pool and the database close, since the bean uses them.
 */
public final class WorkerShutdown {

    /** The property the bound comes from, with the default Spring Boot gives it. */
    public static final String BOUND = "${spring.lifecycle.timeout-per-shutdown-phase:30s}";

    private WorkerShutdown() {
    }

    /** Takes no new tasks, lets the running one finish within {@code bound}, then interrupts it. */
    public static void finishThenStop(ExecutorService worker, Duration bound) {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
                worker.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
