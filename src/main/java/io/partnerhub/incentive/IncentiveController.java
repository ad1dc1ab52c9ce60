package io.partnerhub.incentive;

import io.partnerhub.program.IncentiveRule.BonusKind;
import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

@RestController
@Tag(name = "Incentives", description = "Bonus codes, trials, free months, the sandbox and one-off bonuses, with the"
        + " program's quotas enforced")
class IncentiveController {

    private static final String AMOUNT = "must be an amount with at most 2 decimals";

    private final Incentives incentives;
    private final BonusCodes codes;
    private final Trials trials;
    private final FreeMonths freeMonths;
    private final Sandboxes sandboxes;
    private final Bonuses bonuses;
    private final IncentiveEvents events;

    IncentiveController(Incentives incentives, BonusCodes codes, Trials trials, FreeMonths freeMonths, Sandboxes sandboxes,
                        Bonuses bonuses, IncentiveEvents events) {
        this.incentives = incentives;
        this.codes = codes;
        this.trials = trials;
        this.freeMonths = freeMonths;
        this.sandboxes = sandboxes;
        this.bonuses = bonuses;
        this.events = events;
    }

    @GetMapping("/api/v1/partners/{id}/incentives")
    @Operation(summary = "What the partner's program offers it today, what it used and has left this quarter")
    Incentives.Overview overview(Caller caller, @PathVariable long id) {
        return incentives.of(caller, id);
    }

    record CodeRequest(@NotNull @Digits(integer = 17, fraction = 2, message = AMOUNT) BigDecimal amount) {
    }

    @PostMapping("/api/v1/partners/{id}/bonus-codes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "issueBonusCode",
            summary = "Issue a bonus top-up code; 422 naming what is left when the quarter's quota (codes and amount)"
            + " would be exceeded")
    BonusCodes.BonusCode issue(Caller caller, @PathVariable long id, @Valid @RequestBody CodeRequest c) {
        return incentives.requestCode(caller, id, c.amount());
    }

    @GetMapping("/api/v1/partners/{id}/bonus-codes")
    @Operation(summary = "The partner's bonus codes, newest first, redeemed or not")
    List<BonusCodes.BonusCode> codes(Caller caller, @PathVariable long id) {
        return codes.of(caller, id);
    }

    record Redemption(@NotNull Long customerId, LocalDate on) {
    }

    @PostMapping("/api/v1/bonus-codes/{code}/redemptions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a customer's redemption of a code (operator); 422 when the customer redeemed a code"
            + " before or the code is redeemed already")
    BonusCodes.BonusCode redeem(Caller caller, @PathVariable @Size(max = 40) String code, @Valid @RequestBody Redemption r) {
        return events.refusalsRecorded(caller, null, "bonus-code", "bonus-code/" + code,
                () -> codes.redeem(caller, code, r.customerId(), r.on()));
    }

    @GetMapping("/api/v1/bonus-codes/report")
    @Operation(summary = "Codes issued, redeemed and unused by partner and quarter (operator); `quarter` like 2026-Q2")
    @AlsoRefuses(403) // operator only
    List<BonusCodes.QuarterReport> report(Caller caller,
                                          @RequestParam(required = false)
                                          @Pattern(regexp = "\\d{4}-Q[1-4]", message = "must be a quarter like 2026-Q2")
                                          String quarter) {
        return codes.report(caller, quarter);
    }

    record TrialRequest(@NotNull Long partnerId, LocalDate from) {
    }

    @PostMapping("/api/v1/customers/{id}/trials")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Start the customer's trial under its partner: the program's days under a Basic partner,"
            + " until the operator ends it under a Professional one; one per customer (409)")
    Trials.Trial startTrial(Caller caller, @PathVariable long id, @Valid @RequestBody TrialRequest t) {
        return events.refusalsRecorded(caller, t.partnerId(), "trial", "customer/" + id,
                () -> trials.start(caller, id, t.partnerId(), t.from()));
    }

    @GetMapping("/api/v1/customers/{id}/trials")
    @Operation(summary = "The customer's trial, if it had one")
    List<Trials.Trial> trialsOf(Caller caller, @PathVariable long id) {
        return trials.of(caller, id).stream().toList();
    }

    record TrialEnd(LocalDate on) {
    }

    @PostMapping("/api/v1/customers/{id}/trials/{trialId}/end")
    @Operation(summary = "End a running trial (operator): `on` is its last day, default today")
    Trials.Trial endTrial(Caller caller, @PathVariable long id, @PathVariable long trialId,
                          @Valid @RequestBody(required = false) TrialEnd e) {
        return events.refusalsRecorded(caller, null, "trial", "trial/" + trialId,
                () -> trials.end(caller, id, trialId, e == null ? null : e.on()));
    }

    record FreeMonthRequest(@NotNull Long partnerId, @NotNull YearMonth month,
                            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 200) String> resourceIds) {
    }

    @PostMapping("/api/v1/customers/{id}/free-months")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Grant a free month of chosen resources (usage ResourceId); 422 for a third free month, a month"
            + " next to another, or the month right after the trial's")
    FreeMonths.FreeMonth grantFreeMonth(Caller caller, @PathVariable long id, @Valid @RequestBody FreeMonthRequest f) {
        return events.refusalsRecorded(caller, f.partnerId(), "free-month", "customer/" + id,
                () -> freeMonths.grant(caller, id, f.partnerId(), f.month(), f.resourceIds()));
    }

    @GetMapping("/api/v1/customers/{id}/free-months")
    @Operation(summary = "The customer's free months")
    List<FreeMonths.FreeMonth> freeMonthsOf(Caller caller, @PathVariable long id) {
        return freeMonths.of(caller, id);
    }

    record SandboxRequest(@NotNull @Pattern(regexp = "KVM|HYPER_V", message = "must be KVM or HYPER_V") String platform,
                          @NotBlank @Size(max = 200) String resourceId) {
    }

    @PostMapping("/api/v1/partners/{id}/sandbox")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Request the partner's sandbox machine, billed to its own account; one per partner (409)")
    Sandboxes.Sandbox requestSandbox(Caller caller, @PathVariable long id, @Valid @RequestBody SandboxRequest s) {
        return events.refusalsRecorded(caller, id, "sandbox", "partner/" + id,
                () -> sandboxes.request(caller, id, s.platform(), s.resourceId()));
    }

    @GetMapping("/api/v1/partners/{id}/sandbox")
    @Operation(summary = "The partner's sandbox and its timer: FREE, ENDING (free until paidFrom) or PAID")
    Sandboxes.Sandbox sandbox(Caller caller, @PathVariable long id) {
        return sandboxes.of(caller, id).orElseThrow(() -> Sandboxes.none(id));
    }

    record BonusRequest(@NotNull BonusKind kind, LocalDate publishedOn,
                        @Digits(integer = 17, fraction = 2, message = AMOUNT) BigDecimal amount, Long customerId,
                        YearMonth month, @NotBlank @Size(max = 500) String reference) {
    }

    @PostMapping("/api/v1/partners/{id}/bonuses")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Grant a one-off bonus (operator): CASE_STUDY, TELEGRAM_COMMENT (an amount in the program's"
            + " range) or SALES_MANAGER (a customer's month after discount, once per customer)")
    Bonuses.Bonus grantBonus(Caller caller, @PathVariable long id, @Valid @RequestBody BonusRequest b) {
        return events.refusalsRecorded(caller, id, "bonus", "partner/" + id, () -> bonuses.grant(caller, id,
                new Bonuses.Grant(b.kind(), b.publishedOn(), b.amount(), b.customerId(), b.month(), b.reference())));
    }

    @GetMapping("/api/v1/partners/{id}/bonuses")
    @Operation(summary = "The partner's one-off bonuses, latest period first")
    List<Bonuses.Bonus> bonusesOf(Caller caller, @PathVariable long id) {
        return bonuses.of(caller, id);
    }
}
