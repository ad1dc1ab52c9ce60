package io.partnerhub.customer;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;

/**
 * How a partner's request reaches the customer's consent without the partner: a transfer asked for
 * by the customer's own facts, the operators' queue and confirmation, and the outbox a mail sender
 * reads.
 */
@RestController
@Tag(name = "Consents", description = "A customer accepting a partner's link or transfer through its confirmation link")
class LinkRequestController {

    private final TransferRequests transferRequests;
    private final LinkRequests requests;
    private final Outbox outbox;

    LinkRequestController(TransferRequests transferRequests, LinkRequests requests, Outbox outbox) {
        this.transferRequests = transferRequests;
        this.requests = requests;
        this.outbox = outbox;
    }

    record NewTransferRequest(@NotBlank @Size(max = 20) String taxId, @NotBlank @Size(max = 100) String accountId,
                              @NotNull LocalDate on,
                              @Pattern(regexp = "MONTHLY|FIRST_MONTH", message = "must be MONTHLY or FIRST_MONTH")
                              String referralReward) {
    }

    @PostMapping("/api/v1/partners/{partnerId}/transfer-requests")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Ask for a customer by the tax id and account id it gave the partner: 202 whether or not such a"
            + " customer exists or can move; the customer confirms through its contact on record, or an operator does")
    TransferRequests.Received requestTransfer(Caller caller, @PathVariable long partnerId,
                                              @Valid @RequestBody NewTransferRequest body) {
        return transferRequests.request(caller, partnerId, body.taxId(), body.accountId(), body.on(),
                body.referralReward());
    }

    @GetMapping("/api/v1/link-requests")
    @Operation(summary = "Requests awaiting a customer's or an operator's confirmation, oldest first (operator)")
    @AlsoRefuses(403) // operator only
    List<LinkRequests.RequestView> pending(Caller caller) {
        return requests.pending(caller);
    }

    record OperatorConfirmation(@NotNull LocalDate consentObtainedOn, @NotBlank @Size(max = 2000) String note) {
    }

    @PostMapping("/api/v1/link-requests/{id}/confirm")
    @Operation(operationId = "confirmLinkRequest",
            summary = "Confirm a pending request after checking the customer's signed consent (operator)")
    LinkRequests.Confirmation confirm(Caller caller, @PathVariable long id, @Valid @RequestBody OperatorConfirmation body) {
        return requests.confirmByOperator(caller, id, body.consentObtainedOn(), body.note().strip());
    }

    @GetMapping("/api/v1/outbound-messages")
    @Operation(summary = "Messages to customers to deliver, oldest first, unsent only unless all=true, optionally to one recipient (operator)")
    @AlsoRefuses(403) // operator only
    List<Outbox.Message> messages(Caller caller, @RequestParam(defaultValue = "0") long after,
                                  @RequestParam(defaultValue = "false") boolean all,
                                  @RequestParam(defaultValue = "100") int limit,
                                  @RequestParam(required = false) String recipient) {
        caller.requireOperator("read messages to customers");
        return outbox.list(after, all, recipient, Math.clamp(limit, 1, 1000));
    }

    @PostMapping("/api/v1/outbound-messages/{id}/sent")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark a message delivered (operator)")
    void sent(Caller caller, @PathVariable long id) {
        caller.requireOperator("mark messages to customers delivered");
        outbox.markSent(id);
    }
}
