package io.partnerhub.incentive;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.Caller;

@RestController
@Tag(name = "Warm leads", description = "Prospects the provider passes to partners by declared specialization")
class LeadController {

    private final Leads leads;

    LeadController(Leads leads) {
        this.leads = leads;
    }

    record NewLead(@Size(max = 100) String programId,
                   @NotBlank @Size(max = 300) String company,
                   @Size(max = 40) String taxId,
                   @NotBlank @Size(max = 100) String specialization,
                   @NotBlank @Size(max = 1000) String contact,
                   LocalDate receivedOn) {
    }

    @PostMapping("/api/v1/leads")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Pass a warm lead (operator; program default oblakoteka, received default today): it is offered"
            + " at once to the holder of the declared specialization offered the fewest leads, or left UNASSIGNED")
    Leads.Lead pass(Caller caller, @Valid @RequestBody NewLead l) {
        return leads.pass(caller, l.programId() == null || l.programId().isBlank() ? "oblakoteka" : l.programId().strip(),
                l.company(), l.taxId(), l.specialization(), l.contact(), l.receivedOn());
    }

    @PostMapping("/api/v1/leads/{id}/accept")
    @Operation(summary = "Accept the lead offered to the calling partner (that partner only)")
    Leads.Lead accept(Caller caller, @PathVariable long id) {
        return leads.accept(caller, id);
    }
    @Schema(name = "LeadDecline")

    record Decline(@Size(max = 2000) String reason) {
    }

    @PostMapping("/api/v1/leads/{id}/decline")
    @Operation(operationId = "declineLead",
            summary = "Decline the lead offered to the calling partner (that partner only); it is offered to the next"
            + " holder at once")
    Leads.Lead decline(Caller caller, @PathVariable long id, @Valid @RequestBody(required = false) Decline d) {
        return leads.decline(caller, id, d == null ? null : d.reason());
    }

    @GetMapping("/api/v1/leads")
    @Operation(operationId = "listLeads",
            summary = "Warm leads, newest first; an operator sees every lead and its offers, a partner token the leads"
            + " offered to it and its own offer of each")
    List<Leads.Lead> list(Caller caller,
                          @RequestParam(required = false) Leads.Status status,
                          @RequestParam(required = false) Long partnerId,
                          @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                          @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return leads.leads(caller, new Leads.Filter(status, partnerId, limit, offset));
    }

    @GetMapping("/api/v1/leads/{id}")
    @Operation(operationId = "getLead", summary = "One warm lead; a partner sees only a lead offered to it")
    Leads.Lead find(Caller caller, @PathVariable long id) {
        return leads.find(caller, id);
    }
}
