package io.partnerhub.shared;

import java.time.LocalDate;
import java.util.List;

/**
 * Work a feature does once a day (deals expiring, exits taking effect). {@link DailyJobs} runs
 * every task after midnight in the programs' zone, and an operator can run them for a day. A task
 * does everything due on or before the day, so a missed night is caught up, and running it twice
 * for a day changes nothing the second time.
 */
public interface DailyTask {

    /** A short name for logs and responses, e.g. {@code deal-expiry}. */
    String name();

    /** Does what is due on or before {@code day}; returns one sentence per change made. */
    List<String> runFor(LocalDate day);
}
