package io.partnerhub.event;

import io.partnerhub.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Events", description = "Lifecycle events since a cursor, for the portal and outside systems")
class EventController {

    private final Events events;

    EventController(Events events) {
        this.events = events;
    }

    /** A page of events and the cursor to ask with next ({@code after} itself when nothing is new). */
    record Page(List<Event> events, long next) {
    }

    @GetMapping("/api/v1/events")
    @Operation(operationId = "listEvents",
            summary = "Lifecycle events with id above `after`, oldest first; ask again with `next`."
            + " A partner token sees its own partner's events only")
    Page list(Caller caller,
              @RequestParam(defaultValue = "0") @Min(0) long after,
              @RequestParam(required = false) Long partnerId,
              @RequestParam(required = false) String type,
              @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        List<Event> page = events.since(caller, after, partnerId, type, limit);
        return new Page(page, page.isEmpty() ? after : page.getLast().id());
    }
}
