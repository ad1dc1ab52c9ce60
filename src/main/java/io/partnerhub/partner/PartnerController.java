package io.partnerhub.partner;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.program.PartnerModel;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ReasonText;

@RestController
@RequestMapping("/api/v1/partners")
@Tag(name = "Partners", description = "Joining a program, exams, exit and revocation")
class PartnerController {

    private final Partners partners;
    private final PartnerLifecycle lifecycle;

    PartnerController(Partners partners, PartnerLifecycle lifecycle) {
        this.partners = partners;
        this.lifecycle = lifecycle;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "registerPartner",
            summary = "Admit a partner to a program (operator); 422 names the eligibility rule it fails")
    Partner register(Caller caller, @Valid @RequestBody NewPartner p) {
        return partners.register(caller, p.application());
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getPartner", summary = "One partner; a partner token sees only its own partner")
    Partner get(Caller caller, @PathVariable long id) {
        return partners.find(caller, id);
    }

    @GetMapping
    @Operation(operationId = "listPartners", summary = "Partners, filtered; a partner token lists only its own partner")
    List<Partner> list(Caller caller,
                       @RequestParam(required = false) String programId,
                       @RequestParam(required = false) PartnerModel model,
                       @RequestParam(required = false) @Parameter(example = "PROFESSIONAL") String tier,
                       @RequestParam(required = false) PartnerStatus status,
                       @RequestParam(required = false) String q,
                       @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                       @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return partners.list(caller, new Partners.Filter(programId, model, tier, status, q, limit, offset));
    }

    @GetMapping("/{id}/exam-passes")
    @Operation(summary = "The partner's recorded exam passes, oldest first")
    List<PartnerLifecycle.ExamPass> examPasses(Caller caller, @PathVariable long id) {
        return lifecycle.examPasses(caller, id);
    }

    @GetMapping("/{id}/standing")
    @Operation(summary = "The partner's model and tier over time, from its contract on")
    List<PartnerLifecycle.Standing> standing(Caller caller, @PathVariable long id,
                                             @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                             String language) {
        return lifecycle.standing(caller, id, ReasonText.ofAcceptLanguage(language));
    }

    record NewExamPass(@NotNull LocalDate passedOn) {
    }

    @PostMapping("/{id}/exam-passes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record that the partner passed the program's exam (operator)")
    PartnerLifecycle.ExamPass examPass(Caller caller, @PathVariable long id, @Valid @RequestBody NewExamPass body) {
        return lifecycle.recordExamPass(caller, id, body.passedOn());
    }

    record NewExitNotice(@NotNull LocalDate exitDate, @Size(max = 2000) String reason) {
    }

    @PostMapping("/{id}/exit-notices")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Give notice to leave the program, with an optional reason; 422 if shorter than the program's notice period")
    PartnerLifecycle.ExitNotice exitNotice(Caller caller, @PathVariable long id, @Valid @RequestBody NewExitNotice body) {
        return lifecycle.giveExitNotice(caller, id, body.exitDate(), body.reason());
    }

    record NewRevocation(@NotBlank @Size(max = 2000) String reason, LocalDate revokedOn) {
    }

    @PostMapping("/{id}/revocation")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "revokePartner", summary = "Revoke partner status for a stated reason (operator)")
    Partner revoke(Caller caller, @PathVariable long id, @Valid @RequestBody NewRevocation body) {
        return lifecycle.revoke(caller, id, body.reason(), body.revokedOn());
    }

    /** Both replaced: a field left out or null clears it. */
    record RequisitesRequest(
            @Pattern(regexp = Partners.KPP,
                    message = "must be a KPP of 9 characters: 4 digits, 2 digits or capital letters, 3 digits") String kpp,
            @Size(max = Partners.ADDRESS_LIMIT) @Pattern(regexp = "[\\s\\S]*\\S[\\s\\S]*", message = "must not be blank") String legalAddress) {
    }

    @GetMapping("/{id}/requisites")
    @Operation(operationId = "partnerRequisites",
            summary = "The partner's requisites as the provider's invoices and acts print them")
    Partners.Requisites requisites(Caller caller, @PathVariable long id) {
        return partners.requisites(caller, id);
    }

    @PutMapping("/{id}/requisites")
    @Operation(operationId = "setPartnerRequisites", summary = "Set the partner's KPP and legal address (an operator or"
            + " the partner): what the provider's next invoices print; issued ones keep theirs")
    Partners.Requisites setRequisites(Caller caller, @PathVariable long id, @Valid @RequestBody RequisitesRequest body) {
        return partners.changeRequisites(caller, id, body.kpp(), body.legalAddress());
    }
}
