package io.partnerhub.shared;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every {@link DailyTask}: each night for the new day, or for a day an operator names. The
 * nightly run is a recurring task of the job scheduler, which coordinates through the database, so
 * with several instances it runs on one of them.
 */
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

    @Configuration(proxyBeanMethods = false)
    static class Nightly {

        /** Five past midnight in the programs' zone, for the day that just began. */
        @Bean
        RecurringTask<Void> dailyTasks(DailyJobs jobs, Today today) {
            return Tasks.recurring("daily-tasks", Schedules.cron("0 5 0 * * *", Today.ZONE))
                    .execute((instance, context) -> jobs.runFor(today.date()));
        }
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
