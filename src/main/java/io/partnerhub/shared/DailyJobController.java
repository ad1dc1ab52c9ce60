package io.partnerhub.shared;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

@RestController
@Tag(name = "Daily jobs", description = "Deal expiry, exits and other work due each day")
class DailyJobController {

    private final DailyJobs jobs;
    private final Today today;

    DailyJobController(DailyJobs jobs, Today today) {
        this.jobs = jobs;
        this.today = today;
    }

    record Run(LocalDate date, List<DailyJobs.Outcome> tasks) {
    }

    @PostMapping("/api/v1/jobs/daily")
    @Operation(summary = "Run the daily tasks for a day (default today) now; they also run each night (operator)")
    Run run(Caller caller, @RequestParam(required = false) LocalDate date) {
        caller.requireOperator("run the daily jobs");
        LocalDate day = date == null ? today.date() : date;
        if (day.isAfter(today.date())) {
            throw RuleViolation.of("date", "is after today (" + today.date() + "): a day's work is done on or after it");
        }
        return new Run(day, jobs.runFor(day));
    }
}
