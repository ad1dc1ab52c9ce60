package io.partnerhub.deal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;
import io.partnerhub.shared.RuleViolation;

@RestController
@Tag(name = "Deal desk", description = "The approval queue, the partner's pipeline of a deal and its activity log")
class DealDeskController {

    private final DealQueue queue;
    private final DealPipeline pipeline;

    DealDeskController(DealQueue queue, DealPipeline pipeline) {
        this.queue = queue;
        this.pipeline = pipeline;
    }

    @GetMapping("/api/v1/deals/queue")
    @Operation(summary = "Pending deals by approval deadline, earliest first, each with overdue and the conflicts"
            + " found now (operator)")
    @AlsoRefuses(403) // operator only
    List<DealQueue.Entry> queue(Caller caller, @RequestParam(required = false) Long partnerId,
                                @RequestParam(required = false) String programId,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
                                @RequestParam(defaultValue = "0") @Min(0) int offset,
                                HttpServletRequest request) {
        return queue.pending(caller, partnerId, programId, limit, offset).stream()
                .map(entry -> entry.in(DealWords.ofRequest(request))).toList();
    }

    record StageChange(@NotNull DealStage stage, LostReason lostReason, @Size(max = 2000) String note) {
    }

    @PostMapping("/api/v1/deals/{id}/stage")
    @Operation(summary = "Move a pending or approved deal through the pipeline: IN_PROGRESS to WON or LOST (with"
            + " lostReason; OTHER with a note), LOST back to IN_PROGRESS")
    Deal changeStage(Caller caller, @PathVariable long id, @Valid @RequestBody StageChange change,
                     HttpServletRequest request) {
        return pipeline.changeStage(caller, id, change.stage(), change.lostReason(), change.note())
                .in(DealWords.ofRequest(request));
    }

    record PlanChange(@DecimalMin(value = "0.00", message = "must not be negative")
                      @Digits(integer = 17, fraction = 2, message = "must be an amount with at most 17 digits and 2 decimals")
                      BigDecimal targetAmount,
                      ConsumptionType consumptionType,
                      LocalDate expectedCloseOn) {
    }

    @PatchMapping("/api/v1/deals/{id}")
    @Operation(summary = "Change a deal's plan: target amount, consumption type, expected close date (fields left out"
            + " stay as they are)")
    Deal changePlan(Caller caller, @PathVariable long id, @Valid @RequestBody PlanChange change,
                    HttpServletRequest request) {
        if (change.targetAmount() == null && change.consumptionType() == null && change.expectedCloseOn() == null) {
            throw new RuleViolation("Give at least one of targetAmount, consumptionType, expectedCloseOn.");
        }
        return pipeline.changePlan(caller, id, new DealPipeline.Plan(change.targetAmount(), change.consumptionType(),
                change.expectedCloseOn())).in(DealWords.ofRequest(request));
    }

    record NewNote(@NotBlank @Size(max = 4000) String note) {
    }

    @PostMapping("/api/v1/deals/{id}/activities")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a note to a deal's activity log")
    DealActivity addNote(Caller caller, @PathVariable long id, @Valid @RequestBody NewNote note) {
        return pipeline.addNote(caller, id, note.note());
    }

    @GetMapping("/api/v1/deals/{id}/activities")
    @Operation(summary = "A deal's activity log, oldest first: notes, stage and plan changes, decisions")
    List<DealActivity> activities(Caller caller, @PathVariable long id, HttpServletRequest request) {
        return pipeline.activities(caller, id).stream().map(a -> a.in(DealWords.ofRequest(request))).toList();
    }
}
