package io.partnerhub.deal;

import io.partnerhub.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

@RestController
@Tag(name = "Presales", description = "Presale requests to the provider's experts")
class PresaleController {

    private final Presales presales;

    PresaleController(Presales presales) {
        this.presales = presales;
    }

    record NewPresale(@NotNull Long partnerId, @NotBlank @Size(max = 300) String title, Boolean technical,
                      LocalDate requestedOn) {
    }

    @PostMapping("/api/v1/presales")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "requestPresale",
            summary = "Request a presale (technical by default); `answerBy` is the request day plus the program's"
            + " presale SLA in business days")
    Presales.Presale request(Caller caller, @Valid @RequestBody NewPresale p) {
        return presales.request(caller, p.partnerId(), p.title(), p.technical() == null || p.technical(), p.requestedOn());
    }

    @GetMapping("/api/v1/presales")
    @Operation(operationId = "listPresales",
            summary = "Presales by answer deadline, earliest first; `status=OPEN` is the operator's queue of requests"
            + " awaiting an answer. A partner token lists its own")
    List<Presales.Presale> list(Caller caller,
                                @RequestParam(required = false)
                                @Pattern(regexp = "OPEN|REQUESTED|ANSWERED|COMPLETED|DECLINED",
                                        message = "must be OPEN, REQUESTED, ANSWERED, COMPLETED or DECLINED")
                                        @Parameter(example = "OPEN") String status,
                                @RequestParam(required = false) Long partnerId,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return presales.list(caller, new Presales.Filter(status, partnerId, limit, offset));
    }

    record Answer(@NotBlank @Size(max = 10_000) String answer, LocalDate answeredOn) {
    }

    @PostMapping("/api/v1/presales/{id}/answer")
    @Operation(summary = "The provider's answer to a requested presale (operator), on `answeredOn` (default today)")
    Presales.Presale answer(Caller caller, @PathVariable long id, @Valid @RequestBody Answer a) {
        return presales.answer(caller, id, a.answer(), a.answeredOn());
    }
    @Schema(name = "PresaleDecline")

    record Decline(@NotBlank @Size(max = 2000) String reason, LocalDate declinedOn) {
    }

    @PostMapping("/api/v1/presales/{id}/decline")
    @Operation(operationId = "declinePresale",
            summary = "Decline a requested or answered presale with a reason (operator)")
    Presales.Presale decline(Caller caller, @PathVariable long id, @Valid @RequestBody Decline d) {
        return presales.decline(caller, id, d.reason(), d.declinedOn());
    }

    record Completion(@NotNull LocalDate completedOn) {
    }

    @PostMapping("/api/v1/presales/{id}/complete")
    @Operation(summary = "Record an answered presale's completion (operator); a VK Cloud agent earns the presale reward"
            + " that month")
    Presales.Presale complete(Caller caller, @PathVariable long id, @Valid @RequestBody Completion c) {
        return presales.complete(caller, id, c.completedOn());
    }

    @GetMapping("/api/v1/presales/{id}")
    @Operation(operationId = "getPresale",
            summary = "One presale request and its answer; a partner token sees only its own")
    Presales.Presale find(Caller caller, @PathVariable long id) {
        return presales.find(caller, id);
    }
}
