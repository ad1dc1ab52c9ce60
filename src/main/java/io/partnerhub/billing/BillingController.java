package io.partnerhub.billing;

import io.partnerhub.shared.AlsoAnswers;
import io.partnerhub.shared.AlsoRefuses;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ContentTooLarge;
import io.partnerhub.shared.Idempotent;
import io.partnerhub.shared.PeriodInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

@RestController
@Validated
@Tag(name = "Partner billing", description = "The provider's invoices to its partners, acts, payments, accounts and"
        + " receivables")
class BillingController {

    private static final String AMOUNT = "must be an amount with at most 2 decimals";
    /** A bank statement's largest size: a year of a busy account's payments. */
    static final int STATEMENT_LIMIT = 16 * 1024 * 1024;

    private final BillingTerms terms;
    private final PartnerAccounts accounts;
    private final Acts acts;
    private final Payments payments;
    private final Receivables receivables;
    private final PeriodInput periods;

    BillingController(BillingTerms terms, PartnerAccounts accounts, Acts acts, Payments payments,
                      Receivables receivables, PeriodInput periods) {
        this.terms = terms;
        this.accounts = accounts;
        this.acts = acts;
        this.payments = payments;
        this.receivables = receivables;
        this.periods = periods;
    }

    record TermsRequest(@NotNull @Pattern(regexp = "PREPAYMENT|POSTPAYMENT", message = "must be PREPAYMENT or POSTPAYMENT")
                        String paymentTerms,
                        @DecimalMin(value = "0.01", message = "must be positive") @Digits(integer = 17, fraction = 2,
                                message = AMOUNT) BigDecimal billingThreshold,
                        @Min(0) @Max(365) Integer dueDays) {
    }

    @PutMapping("/api/v1/partners/{id}/billing")
    @Operation(summary = "Set how the provider bills the partner (operator): advance payment or postpayment, the billing"
            + " threshold of a postpaid partner, the days an invoice gives to pay")
    BillingTerms.Terms setTerms(Caller caller, @PathVariable long id, @Valid @RequestBody TermsRequest t) {
        return terms.set(caller, id, t.paymentTerms(), t.billingThreshold(), t.dueDays());
    }

    @GetMapping("/api/v1/partners/{id}/billing")
    @Operation(summary = "How the provider bills the partner")
    BillingTerms.Terms terms(Caller caller, @PathVariable long id) {
        return terms.of(caller, id);
    }

    @GetMapping("/api/v1/partners/{id}/invoices")
    @Operation(summary = "The provider's invoices to the partner, oldest first, each with what is paid of it and its status"
            + " today (OPEN, PAID, OVERDUE)")
    List<PartnerAccounts.InvoiceStatus> invoices(Caller caller, @PathVariable long id) {
        return accounts.invoices(caller, id);
    }

    @GetMapping(path = "/api/v1/partners/{id}/invoices/{number}", params = "!format")
    @Operation(operationId = "partnerInvoice", summary = "One invoice, with what paid it and what is left to pay")
    @AlsoAnswers(format = "pdf", mediaType = "application/pdf", inLanguage = true)
    PartnerAccounts.InvoiceStatus invoice(Caller caller, @PathVariable long id, @PathVariable String number) {
        return accounts.invoice(caller, id, number);
    }

    @GetMapping(path = "/api/v1/partners/{id}/acts/{period}", params = "!format")
    @Operation(operationId = "partnerAct",
            summary = "The month's service report (act) of a closed month with a payable")
    @AlsoAnswers(format = "pdf", mediaType = "application/pdf", inLanguage = true)
    Acts.Act act(Caller caller, @PathVariable long id, @PathVariable String period) {
        return acts.of(caller, id, periods.period("period", period));
    }

    @GetMapping("/api/v1/partners/{id}/account")
    @Operation(operationId = "partnerAccount",
            summary = "The partner's account: payments less invoices (balance), the open months' payable so far not yet"
            + " invoiced (reserved), and what is available")
    PartnerAccounts.Account account(Caller caller, @PathVariable long id) {
        return accounts.account(caller, id);
    }

    @GetMapping("/api/v1/partners/{id}/payments")
    @Operation(summary = "The partner's payments, latest first")
    List<Payments.Payment> partnerPayments(Caller caller, @PathVariable long id) {
        return payments.ofPartner(caller, id);
    }
    @Schema(name = "PartnerPaymentRequest")

    record PaymentRequest(@NotNull @DecimalMin(value = "0.01", message = "must be positive")
                          @Digits(integer = 17, fraction = 2, message = AMOUNT) BigDecimal amount,
                          @NotNull LocalDate receivedOn,
                          @Pattern(regexp = "\\d{10}|\\d{12}", message = "must be a tax id of 10 or 12 digits") String payerTaxId,
                          @Size(max = 1000) String purpose,
                          @NotBlank(message = "must not be blank") @Size(max = 200) String reference) {
    }

    @PostMapping("/api/v1/payments")
    @Operation(summary = "Enter a payment received (operator), matched to the partner by the payer's tax id and to the"
            + " invoice its purpose names; 201 stored, 200 when the reference was entered before with the same values")
    @Idempotent("The reference was entered before with the same values: the payment stored, nothing changes")
    ResponseEntity<Payments.Payment> enter(Caller caller, @Valid @RequestBody PaymentRequest p) {
        Payments.Entered entered = payments.enter(caller, new Payments.NewPayment(p.amount(), p.receivedOn(),
                p.payerTaxId(), p.purpose(), p.reference()));
        return entered.created()
                ? ResponseEntity.created(URI.create("/api/v1/payments/" + entered.payment().id())).body(entered.payment())
                : ResponseEntity.ok(entered.payment());
    }

    @PostMapping(value = "/api/v1/payments/imports", consumes = MediaType.ALL_VALUE)
    @Operation(summary = "Import the bank's statement in the 1C exchange format (1CClientBankExchange, windows-1251 or"
            + " UTF-8) (operator): its incoming payments matched to partners and invoices; 201 stored, 200 with"
            + " duplicate: true when the same file was imported before; 422 with every bad line",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    description = "The statement file as the bank wrote it",
                    content = @Content(mediaType = "text/plain", schema = @Schema(type = "string", format = "binary"))))
    @Idempotent("The same file was imported before: `duplicate: true`, nothing stored again")
    ResponseEntity<Payments.Imported> importStatement(Caller caller, @RequestParam(required = false) String fileName,
                                                      HttpServletRequest request) throws IOException {
        caller.requireOperator("import bank statements");
        byte[] content;
        try (InputStream body = request.getInputStream()) {
            content = body.readNBytes(STATEMENT_LIMIT + 1);
        }
        if (content.length > STATEMENT_LIMIT) {
            throw new ContentTooLarge("A bank statement is at most " + STATEMENT_LIMIT / (1024 * 1024) + " MB.");
        }
        Payments.Imported imported = payments.importStatement(caller, fileName == null || fileName.isBlank()
                ? "statement.txt" : fileName.strip(), content);
        return imported.duplicate() ? ResponseEntity.ok(imported)
                : ResponseEntity.created(URI.create("/api/v1/payments/imports/" + imported.importId())).body(imported);
    }

    @GetMapping("/api/v1/payments")
    @Operation(operationId = "listPayments",
            summary = "Payments received (operator), latest first; matched=false: the queue of payments no partner"
            + " matched")
    @AlsoRefuses(403) // operator only
    List<Payments.Payment> list(Caller caller, @RequestParam(required = false) Boolean matched,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return payments.list(caller, matched, limit, offset);
    }

    record MatchRequest(@NotNull Long partnerId, @Size(max = 40) String invoiceNumber) {
    }

    @PostMapping("/api/v1/payments/{id}/match")
    @Operation(summary = "Assign a payment from the queue to a partner and, optionally, one of its invoices (operator);"
            + " 409 for a payment matched already")
    Payments.Payment match(Caller caller, @PathVariable long id, @Valid @RequestBody MatchRequest m) {
        return payments.assign(caller, id, m.partnerId(), m.invoiceNumber());
    }

    @GetMapping("/api/v1/receivables")
    @Operation(summary = "What partners owe (operator): per partner the open amount, the overdue amount and its ageing"
            + " (0-30, 31-60, 61-90, 90+ days past due)")
    @AlsoRefuses(403) // operator only
    Receivables.Report receivables(Caller caller) {
        return receivables.report(caller);
    }
}
