package io.partnerhub.customer;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;

@RestController
@Tag(name = "Customers", description = "Customers (sub-accounts) and their links to partners")
class CustomerController {

    private final Customers customers;
    private final LinkRequests requests;
    private final Transfers transfers;
    private final ConsentRevocations revocations;

    CustomerController(Customers customers, LinkRequests requests, Transfers transfers, ConsentRevocations revocations) {
        this.customers = customers;
        this.requests = requests;
        this.transfers = transfers;
        this.revocations = revocations;
    }

    /** An address as the database keeps it (ck_customer_contact_email_is_an_address), with a dot in its domain. */
    private static final String ADDRESS = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    private static final String ADDRESS_MESSAGE = "must be an e-mail address (name@domain)";

    record NewCustomer(@NotBlank @Size(max = 300) String name,
                       @NotBlank @Size(max = 20) String taxId,
                       @NotBlank @Size(max = 100) String accountId,
                       @Pattern(regexp = ADDRESS, message = ADDRESS_MESSAGE) @Size(max = 254)
                       String contactEmail) {
    }

    @PostMapping("/api/v1/customers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(operationId = "createCustomer",
            summary = "Record a customer; accountId is the sub-account id in usage data (409 if already recorded,"
            + " naming the customer to operators only); contactEmail is where the customer confirms partners' requests")
    Customer create(Caller caller, @Valid @RequestBody NewCustomer c) {
        return customers.create(caller, c.name(), c.taxId(), c.accountId(), c.contactEmail());
    }

    record Contact(@Pattern(regexp = ADDRESS, message = ADDRESS_MESSAGE) @Size(max = 254) String email) {
    }

    @PostMapping("/api/v1/customers/{id}/contact")
    @Operation(summary = "Set (or, with email null, remove) the customer's contact on record: an operator, or the"
            + " partner holding the customer (or that recorded it while nobody holds it)")
    Customer setContact(Caller caller, @PathVariable long id, @Valid @RequestBody Contact body) {
        return customers.setContact(caller, id, body.email());
    }

    @GetMapping("/api/v1/customers/{id}")
    @Operation(operationId = "getCustomer", summary = "One customer with the links the caller may see")
    Customer get(Caller caller, @PathVariable long id) {
        return customers.find(caller, id);
    }

    record NewLink(@NotNull Long customerId, @NotNull LocalDate from, LocalDate to,
                   @Pattern(regexp = "MONTHLY|FIRST_MONTH", message = "must be MONTHLY or FIRST_MONTH") String referralReward,
                   LocalDate consentObtainedOn) {
    }

    /**
     * The answer of {@link #link} as the API documents it: the fields of a {@link Link} and of a
     * {@link PendingLink} in one schema, as the two share no field a client could tell them apart by
     * ({@code status} is there only when the link waits). Never built: the answer is one of the two.
     */
    @Schema(name = "LinkOutcome")
    record LinkAnswer(Long id, String status, Long requestId, String kind, long partnerId, long customerId,
                      LocalDate from, LocalDate to, String referralReward, LocalDate consentObtainedOn,
                      String confirmation, java.time.Instant expiresAt) {
    }

    @PostMapping("/api/v1/partners/{partnerId}/customers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Link a customer to the partner from a date (to: exclusive); 409 names the current holder to"
            + " operators. A partner links only customers it recorded or held, from today on. Where the program"
            + " requires the customer's consent, an operator states consentObtainedOn, and a partner gets status"
            + " ACCEPTANCE_REQUIRED: the customer confirms through its contact on record, or an operator confirms",
            responses = @ApiResponse(responseCode = "201", description = "The link (`id`), or with `status:"
                    + " ACCEPTANCE_REQUIRED` the request waiting for the customer's confirmation (`requestId`)",
                    content = @Content(mediaType = "application/json", schema = @Schema(implementation = LinkAnswer.class))))
    LinkOutcome link(Caller caller, @PathVariable long partnerId, @Valid @RequestBody NewLink l) {
        return customers.link(caller, partnerId, l.customerId(), l.from(), l.to(), l.referralReward(),
                l.consentObtainedOn());
    }

    @GetMapping("/api/v1/partners/{partnerId}/link-requests")
    @Operation(summary = "The partner's requests awaiting (or past) the customer's confirmation, newest first")
    List<LinkRequests.RequestView> linkRequests(Caller caller, @PathVariable long partnerId) {
        return requests.ofPartner(caller, partnerId);
    }

    record NewTransfer(Long toPartnerId, @NotNull LocalDate on, LocalDate consentObtainedOn,
                       @Pattern(regexp = "MONTHLY|FIRST_MONTH", message = "must be MONTHLY or FIRST_MONTH") String referralReward) {
    }

    @PostMapping("/api/v1/customers/{id}/transfers")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Move a customer to another partner (toPartnerId) or to direct service (toPartnerId null)"
            + " on a day: the current link ends that day, the new one starts that day. An operator states"
            + " consentObtainedOn; the receiving partner (one that recorded or held the customer) gets status"
            + " ACCEPTANCE_REQUIRED; the customer or an operator confirms")
    Object transfer(Caller caller, @PathVariable long id, @Valid @RequestBody NewTransfer t) {
        return customers.transfer(caller, id, t.toPartnerId(), t.on(), t.consentObtainedOn(), t.referralReward());
    }

    @GetMapping("/api/v1/customers/{id}/transfers")
    @Operation(summary = "The customer's transfers, oldest first, with the links each ended and started (operator)")
    @AlsoRefuses(403) // operator only
    List<Transfers.Transfer> transfers(Caller caller, @PathVariable long id) {
        caller.requireOperator("read a customer's transfers");
        customers.find(caller, id);
        return transfers.ofCustomer(id);
    }

    record NewConsentRevocation(@NotNull LocalDate on, @NotBlank @Size(max = 2000) String reason) {
    }

    @PostMapping("/api/v1/customers/{id}/consent-revocations")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record that the customer revoked its consent (operator): its link ends on that day")
    ConsentRevocations.Revocation revokeConsent(Caller caller, @PathVariable long id,
                                                @Valid @RequestBody NewConsentRevocation body) {
        return revocations.revoke(caller, id, body.on(), body.reason());
    }

    @GetMapping("/api/v1/partners/{partnerId}/customers")
    @Operation(summary = "The partner's customer links, newest first")
    List<Link> links(Caller caller, @PathVariable long partnerId) {
        return customers.linksOfPartner(caller, partnerId);
    }

    record LinkEnd(@NotNull LocalDate to) {
    }

    @PostMapping("/api/v1/partners/{partnerId}/customers/links/{linkId}/end")
    @Operation(operationId = "endLink",
            summary = "End a link: to is the first day the customer no longer belongs to the partner")
    Link end(Caller caller, @PathVariable long partnerId, @PathVariable long linkId, @Valid @RequestBody LinkEnd body) {
        return customers.endLink(caller, partnerId, linkId, body.to());
    }
}
