package io.partnerhub.portal;

import io.partnerhub.event.Event;
import io.partnerhub.event.Events;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Today;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a partner is told when its program's next version is scheduled (the event
 * {@code program.version-scheduled}): the day the new terms take effect and what they would have
 * changed for it over the months the provider simulated. Shown on the dashboard until that day.
 */
@Component
class TermsAhead {

    /** Events of the kind a partner reads at most; a program changes its terms once or twice a year. */
    private static final int READ = 1000;

    private final Events events;
    private final Today today;

    TermsAhead(Events events, Today today) {
        this.events = events;
        this.today = today;
    }

    /** {@code from}..{@code to}: the months simulated; amounts: what the draft would have changed, as the API writes them. */
    record Change(String programId, LocalDate effectiveFrom, String from, String to, String payable, String reward,
                  String rebate) {
    }

    /** The latest change scheduled for the partner's program that has not taken effect yet. */
    Optional<Change> of(Caller caller, long partnerId) {
        List<Event> told = events.since(caller, 0, partnerId, "program.version-scheduled", READ);
        return told.reversed().stream()
                .map(e -> new Change(e.data().get("programId"), LocalDate.parse(e.data().get("effectiveFrom")),
                        e.data().get("from"), e.data().get("to"), e.data().get("payable"), e.data().get("reward"),
                        e.data().get("rebate")))
                .filter(change -> change.effectiveFrom().isAfter(today.date()))
                .findFirst();
    }
}
