package io.partnerhub.incentive;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;

@RestController
@Tag(name = "Co-marketing", description = "Joint marketing events the provider co-funds within a quarterly budget")
class CoMarketingController {

    private final CoMarketing coMarketing;

    CoMarketingController(CoMarketing coMarketing) {
        this.coMarketing = coMarketing;
    }

    record NewEvent(@NotBlank @Size(max = 300) String title,
                    @NotNull LocalDate date,
                    @NotNull @Positive @Digits(integer = 17, fraction = 2, message = "must be an amount with at most 2 decimals")
                    BigDecimal budget,
                    @NotNull @PositiveOrZero @Digits(integer = 17, fraction = 2, message = "must be an amount with at most 2 decimals")
                    BigDecimal partnerShare) {
    }

    @PostMapping("/api/v1/partners/{id}/co-marketing-events")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "requestCoMarketingEvent",
            summary = "Request a co-funded marketing event (the partner itself or an operator); 422 when the partner's"
            + " share is below the program's minimum share of the budget, or the program offers no co-marketing")
    CoMarketing.CoMarketingEvent request(Caller caller, @PathVariable long id, @Valid @RequestBody NewEvent e) {
        return coMarketing.request(caller, id, e.title(), e.date(), e.budget(), e.partnerShare());
    }

    @PostMapping("/api/v1/co-marketing-events/{id}/approve")
    @Operation(operationId = "approveCoMarketingEvent",
            summary = "Approve a pending event (operator); 422 when the provider's share exceeds what is left of the"
            + " quarter's budget")
    CoMarketing.CoMarketingEvent approve(Caller caller, @PathVariable long id) {
        return coMarketing.approve(caller, id);
    }
    @Schema(name = "CoMarketingDecline")

    record Decline(@NotBlank @Size(max = 2000) String reason) {
    }

    @PostMapping("/api/v1/co-marketing-events/{id}/decline")
    @Operation(operationId = "declineCoMarketingEvent", summary = "Decline a pending event with a reason (operator)")
    CoMarketing.CoMarketingEvent decline(Caller caller, @PathVariable long id, @Valid @RequestBody Decline d) {
        return coMarketing.decline(caller, id, d.reason());
    }

    @GetMapping("/api/v1/co-marketing-events")
    @Operation(operationId = "listCoMarketingEvents",
            summary = "Co-marketing events by date; a partner token lists its own")
    List<CoMarketing.CoMarketingEvent> list(Caller caller,
                                            @RequestParam(required = false) CoMarketing.Status status,
                                            @RequestParam(required = false) Long partnerId,
                                            @RequestParam(required = false)
                                            @Pattern(regexp = Quarter.FORMAT, message = "must be a quarter like 2026-Q2")
                                            String quarter,
                                            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return coMarketing.events(caller, new CoMarketing.Filter(status, partnerId, quarter, limit, offset));
    }

    @GetMapping("/api/v1/co-marketing-events/{id}")
    @Operation(operationId = "getCoMarketingEvent",
            summary = "One co-marketing event and its decision; a partner token sees only its own")
    CoMarketing.CoMarketingEvent find(Caller caller, @PathVariable long id) {
        return coMarketing.find(caller, id);
    }

    @GetMapping("/api/v1/co-marketing/budget")
    @Operation(summary = "A program's provider budget for co-marketing in a quarter: approved, pending and left (operator)")
    @AlsoRefuses(403) // operator only
    CoMarketing.Budget budget(Caller caller,
                              @RequestParam(defaultValue = "oblakoteka") String programId,
                              @RequestParam @Pattern(regexp = Quarter.FORMAT, message = "must be a quarter like 2026-Q2")
                              String quarter) {
        return coMarketing.budget(caller, programId, quarter);
    }
}
