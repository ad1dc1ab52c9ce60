package io.partnerhub.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/** Runs every {@link DailyTask}: each night for the new day, or for a day an operator names. */
@Component
public class DailyJobs {

    private static final Logger log = LoggerFactory.getLogger(DailyJobs.class);

    private final List<DailyTask> tasks;
    private final Today today;

    DailyJobs(List<DailyTask> tasks, Today today) {
        this.tasks = tasks.stream().sorted(Comparator.comparing(DailyTask::name)).toList();
        this.today = today;
    }

    /** What one task did. */
    public record Outcome(String task, List<String> changes) {
    }

    @Scheduled(cron = "0 5 0 * * *", zone = "Europe/Moscow")
    void nightly() {
        runFor(today.date());
    }

    /** Runs every task for {@code day}, in name order; a task's failure is logged and stops the run. */
    public List<Outcome> runFor(LocalDate day) {
        return tasks.stream().map(task -> {
            List<String> changes = task.runFor(day);
            log.info("Daily task {} for {}: {} change(s)", task.name(), day, changes.size());
            changes.forEach(change -> log.info("  {}", change));
            return new Outcome(task.name(), changes);
        }).toList();
    }
}
