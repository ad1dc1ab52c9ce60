package io.partnerhub.incentive;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;

import io.partnerhub.shared.DailyTask;

/**
 * Each day, offers of warm leads left unanswered past their answer day expire and their leads go
 * to the next holder of the specialization (seed 002 footnote 4: silence passes a lead on).
 */
@Component
class LeadSilence implements DailyTask {

    private final Leads leads;

    LeadSilence(Leads leads) {
        this.leads = leads;
    }

    @Override
    public String name() {
        return "lead-silence";
    }

    @Override
    public List<String> runFor(LocalDate day) {
        return leads.passOnUnanswered(day);
    }
}
