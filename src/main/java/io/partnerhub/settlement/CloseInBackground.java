package io.partnerhub.settlement;

import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.shared.WorkerShutdown;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs a close on a thread of its own so that the console can show how far it has got: a 10
 * million row month takes about a minute. One close at a time per instance; the progress lives
 * in this instance's memory (the close itself is guarded by the period lock in the database).
 */
@Service
public class CloseInBackground {

    private static final Logger log = LoggerFactory.getLogger(CloseInBackground.class);

    public enum Stage { SETTLING, STORING, CLOSED, REFUSED }

    /**
     * A close as far as it has got.
     *
     * @param period   the month asked for (earlier open months close first)
     * @param month    the month being closed now
     * @param partners the partners {@code month} settles; 0 until they are counted
     * @param settled  how many of them are settled
     */
    public record Run(YearMonth period, YearMonth month, Stage stage, int partners, int settled, Instant startedAt,
                      Instant finishedAt, List<YearMonth> closedNow, String refusal) {

        public boolean running() {
            return stage == Stage.SETTLING || stage == Stage.STORING;
        }

        /** Settled share of the month's partners, 0–100. */
        public int percent() {
            return partners == 0 ? 0 : (int) (100L * settled / partners);
        }

        Run settling(YearMonth now, int count) {
            return new Run(period, now, Stage.SETTLING, count, 0, startedAt, null, closedNow, null);
        }

        Run settled(int count) {
            return new Run(period, month, stage, partners, count, startedAt, null, closedNow, null);
        }

        Run storing() {
            return new Run(period, month, Stage.STORING, partners, settled, startedAt, null, closedNow, null);
        }

        Run ended(Stage end, Instant at, List<YearMonth> closed, String why) {
            return new Run(period, month, end, partners, settled, startedAt, at, closed, why);
        }
    }

    private final PeriodClose close;
    private final Clock clock;
    private final Duration shutdownBound;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            task -> Thread.ofPlatform().name("period-close").daemon().unstarted(task));
    private volatile Run latest;

    CloseInBackground(PeriodClose close, Clock clock, @Value(WorkerShutdown.BOUND) Duration shutdownBound) {
        this.close = close;
        this.clock = clock;
        this.shutdownBound = shutdownBound;
    }

    /** Starts closing {@code period} (and the open months before it) unless a close is running. */
    public synchronized Run start(String actor, YearMonth period) {
        close.requireEnded(period);
        if (latest != null && latest.running()) {
            throw new Conflict("the close of " + latest.period() + " is still running");
        }
        latest = new Run(period, period, Stage.SETTLING, 0, 0, clock.instant(), null, List.of(), null);
        thread.execute(() -> run(actor, period));
        return latest;
    }

    /** The running close, or the last one this instance ran. */
    public Optional<Run> latest() {
        return Optional.ofNullable(latest);
    }

    private void run(String actor, YearMonth period) {
        try {
            PeriodClose.Result result = close.close(actor, period, new CloseProgress() {
                @Override
                public void settling(YearMonth month, int partners) {
                    latest = latest.settling(month, partners);
                }

                @Override
                public void settled(YearMonth month, int settled) {
                    latest = latest.settled(settled);
                }

                @Override
                public void storing(YearMonth month) {
                    latest = latest.storing();
                }
            });
            latest = latest.ended(Stage.CLOSED, clock.instant(), result.closedNow(), null);
        } catch (ProblemException e) {
            latest = latest.ended(Stage.REFUSED, clock.instant(), List.of(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Closing {} failed", period, e);
            latest = latest.ended(Stage.REFUSED, clock.instant(), List.of(), "the close failed: " + e.getMessage());
        }
    }

    /** A close still running past the bound is interrupted: it rolls back whole, and closing again resumes. */
    @PreDestroy
    void stop() {
        WorkerShutdown.finishThenStop(thread, shutdownBound);
    }
}
