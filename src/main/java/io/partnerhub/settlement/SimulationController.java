package io.partnerhub.settlement;

import io.partnerhub.shared.AlsoAnswers;
import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@Validated
@Tag(name = "Program simulator", description = "A draft of a program's terms replayed over closed months, partner by"
        + " partner, writing nothing")
class SimulationController {

    private final Simulations simulations;

    SimulationController(Simulations simulations) {
        this.simulations = simulations;
    }

    /** {@code draft}: a whole program file as YAML text; {@code from}/{@code to}: closed months, YYYY-MM. */
    record SimulationRequest(@NotBlank(message = "must name a program") String programId,
                             @NotBlank(message = "must be a program file (YAML)") @Size(max = 500_000) String draft,
                             @NotBlank(message = "must be a month, YYYY-MM") String from,
                             @NotBlank(message = "must be a month, YYYY-MM") String to) {
    }

    @PostMapping("/api/v1/simulations")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Replay a draft of a program's file over closed months (operator): 202 with the run's id; read"
            + " its progress and result at GET /api/v1/simulations/{id}")
    ResponseEntity<Simulations.Started> start(Caller caller, @Valid @RequestBody SimulationRequest r) {
        Simulations.Started started = simulations.start(caller, r.programId(), r.draft(), r.from(), r.to());
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/simulations/" + started.id()))
                .body(started);
    }

    record ScheduleRequest(@jakarta.validation.constraints.NotNull(message = "must be a date, YYYY-MM-DD")
                           java.time.LocalDate effectiveFrom, boolean confirm) {
    }

    @PostMapping("/api/v1/simulations/{id}/schedule")
    @Operation(summary = "Schedule a finished simulation's draft as the program's next version from effectiveFrom, a future"
            + " month's first day (operator); confirm must be true. The draft may change nothing in force before that day;"
            + " each partner the simulation covered is told what it would have changed (program.version-scheduled)")
    Simulations.Scheduled schedule(Caller caller, @PathVariable long id, @Valid @RequestBody ScheduleRequest r) {
        return simulations.schedule(caller, id, r.effectiveFrom(), r.confirm());
    }

    @GetMapping("/api/v1/simulations")
    @Operation(operationId = "listSimulations",
            summary = "The simulations, latest first, without their partners (operator)")
    @AlsoRefuses(403) // operator only
    List<Simulations.Simulation> list(Caller caller) {
        return simulations.list(caller);
    }

    @GetMapping(path = "/api/v1/simulations/{id}", params = "!format")
    @Operation(summary = "A simulation's status, progress and, once DONE, its result: per partner and month the issued"
            + " totals, the draft's and the difference; the provider's totals by model, tier and month; the partners"
            + " gaining and losing most (operator). limit/offset page the partners")
    @AlsoRefuses(403) // operator only
    @AlsoAnswers(format = "csv", mediaType = "text/csv")
    Simulations.Simulation find(Caller caller, @PathVariable long id,
                                @RequestParam(required = false) @Min(0) @Max(100_000) Integer limit,
                                @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return simulations.find(caller, id, limit, offset);
    }

    @GetMapping(path = "/api/v1/simulations/{id}", params = "format=csv")
    @Operation(hidden = true) // documented on find: format=csv
    ResponseEntity<String> csv(Caller caller, @PathVariable long id) {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"simulation-" + id + ".csv\"")
                .body(simulations.csv(caller, id));
    }
}
