package io.partnerhub.settlement;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * The job-scheduler tasks of a shared close: a part ({@code run:part}) and a run's finish
 * ({@code run}). Any instance's scheduler may take them; one whose instance dies mid-way is
 * revived on another once its heartbeats stop ({@code db-scheduler.heartbeat-interval}, six
 * missed). A failed one is tried again shortly: the instance that asked for the close meanwhile
 * settles what is left itself.
 */
@Configuration(proxyBeanMethods = false)
class CloseTasks {

    private static final Duration RETRY = Duration.ofSeconds(10);

    @Bean
    OneTimeTask<Void> closePartTask(SharedClose close) {
        return Tasks.oneTime(SharedClose.PART_TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY))
                .execute((instance, context) -> close.settleScheduledPart(instance.getId()));
    }

    @Bean
    OneTimeTask<Void> closeFinishTask(SharedClose close) {
        return Tasks.oneTime(SharedClose.FINISH_TASK)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(RETRY))
                .execute((instance, context) -> close.finishScheduled(instance.getId()));
    }
}
