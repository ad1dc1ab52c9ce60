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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.Caller;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@Tag(name = "Deals and projects", description = "Deal registration, approval and project registration")
class DealController {

    private static final String PERCENT = "must be a percentage with at most 2 decimals";

    private final Deals deals;
    private final ProjectRegistrations projects;

    DealController(Deals deals, ProjectRegistrations projects) {
        this.deals = deals;
        this.projects = projects;
    }

    private static final String MONEY = "must be an amount with at most 17 digits and 2 decimals";

    record NewDeal(@NotNull Long partnerId,
                   @NotBlank @Size(max = 20) String customerTaxId,
                   @NotBlank @Size(max = 300) String customerName,
                   @NotBlank @Size(max = 300) String title,
                   @DecimalMin(value = "0.00", message = "must not be negative")
                   @Digits(integer = 17, fraction = 2, message = MONEY)
                   BigDecimal expectedMonthlyAmount,
                   LocalDate registeredOn,
                   @Size(max = 320) String customerEmail,
                   @Size(max = 300) String customerDomain,
                   @DecimalMin(value = "0.00", message = "must not be negative")
                   @Digits(integer = 17, fraction = 2, message = MONEY)
                   BigDecimal targetAmount,
                   ConsumptionType consumptionType,
                   LocalDate expectedCloseOn) {
    }

    @PostMapping("/api/v1/deals")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "registerDeal",
            summary = "Register a deal: PENDING (APPROVED at once where the program's auto-approval applies), or"
            + " REJECTED with the rule and a reason (never naming another partner) when a claim conflicts: another"
            + " partner's active deal by tax id, e-mail or domain, a link to another partner, a direct customer, or"
            + " consumption before the registration date where the program registers new customers only")
    Deal register(Caller caller, @Valid @RequestBody NewDeal d, HttpServletRequest request) {
        return inLanguageOf(request, deals.register(caller, new Deals.Registration(d.partnerId(), d.customerTaxId(), d.customerName(),
                d.title(), d.expectedMonthlyAmount(), d.registeredOn(), d.customerEmail(), d.customerDomain(),
                d.targetAmount(), d.consumptionType(), d.expectedCloseOn())));
    }

    /** The deal with its reason in the language the request asks for (English by default). */
    private static Deal inLanguageOf(HttpServletRequest request, Deal deal) {
        return deal.in(DealWords.ofRequest(request));
    }

    @GetMapping("/api/v1/deals/{id}")
    @Operation(operationId = "getDeal",
            summary = "One deal, its status, protection and the reason of a decision; a partner token sees only its own")
    Deal get(Caller caller, @PathVariable long id, HttpServletRequest request) {
        return inLanguageOf(request, deals.find(caller, id));
    }

    @GetMapping("/api/v1/deals")
    @Operation(operationId = "listDeals", summary = "Deals, newest first; a partner token lists only its own")
    List<Deal> list(Caller caller, @RequestParam(required = false) Long partnerId,
                    @RequestParam(required = false) DealStatus status,
                    @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                    @RequestParam(defaultValue = "0") @Min(0) int offset, HttpServletRequest request) {
        return deals.list(caller, partnerId, status, limit, offset).stream()
                .map(deal -> inLanguageOf(request, deal)).toList();
    }

    record Approval(@NotNull @Digits(integer = 3, fraction = 2, message = PERCENT) BigDecimal extraDiscountPercent) {
    }

    @PostMapping("/api/v1/deals/{id}/approve")
    @Operation(operationId = "approveDeal",
            summary = "Approve a pending deal with an extra discount within the program's cap (operator)")
    Deal approve(Caller caller, @PathVariable long id, @Valid @RequestBody Approval a, HttpServletRequest request) {
        return inLanguageOf(request, deals.approve(caller, id, a.extraDiscountPercent()));
    }

    record Rejection(@NotBlank @Size(max = 2000) String reason) {
    }

    @PostMapping("/api/v1/deals/{id}/reject")
    @Operation(summary = "Reject a pending deal with a reason (operator)")
    Deal reject(Caller caller, @PathVariable long id, @Valid @RequestBody Rejection r, HttpServletRequest request) {
        return inLanguageOf(request, deals.reject(caller, id, r.reason()));
    }

    record NewProject(@NotNull Long partnerId, @NotNull Long customerId,
                      @NotBlank @Size(max = 100) String projectId,
                      @NotNull LocalDate registeredOn,
                      @NotNull @Digits(integer = 3, fraction = 2, message = PERCENT) BigDecimal ratePercent) {
    }

    @PostMapping("/api/v1/projects")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a project (cloud or folder) at a direct customer")
    ProjectRegistration registerProject(Caller caller, @Valid @RequestBody NewProject p) {
        return projects.register(caller, new ProjectRegistrations.Request(p.partnerId(), p.customerId(),
                p.projectId(), p.registeredOn(), p.ratePercent()));
    }

    @GetMapping("/api/v1/projects")
    @Operation(operationId = "listProjects",
            summary = "Registered projects, newest first; a partner token lists only its own")
    List<ProjectRegistration> listProjects(Caller caller, @RequestParam(required = false) Long partnerId) {
        return projects.list(caller, partnerId);
    }

    @GetMapping("/api/v1/projects/{id}")
    @Operation(summary = "One registered project; a partner token sees only its own")
    ProjectRegistration getProject(Caller caller, @PathVariable long id) {
        return projects.find(caller, id);
    }
}
