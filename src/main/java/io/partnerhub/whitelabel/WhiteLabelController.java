package io.partnerhub.whitelabel;

import io.partnerhub.shared.AlsoAnswers;
import io.partnerhub.shared.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

@RestController
@Tag(name = "Customer billing", description = "A partner's prices, its customers' payment models, payments, accounts and"
        + " the invoices in the partner's name")
class WhiteLabelController {

    private static final String PERCENT = "must be a percentage with at most 2 decimals";
    private static final String AMOUNT = "must be an amount with at most 2 decimals";

    private final PriceLists priceLists;
    private final CustomerInvoices invoices;
    private final CustomerBilling billing;
    private final CustomerAccounts accounts;
    private final Branding branding;
    private final Margins margins;
    private final PricePreview preview;

    WhiteLabelController(PriceLists priceLists, CustomerInvoices invoices, CustomerBilling billing,
                         CustomerAccounts accounts, Branding branding, Margins margins, PricePreview preview) {
        this.preview = preview;
        this.branding = branding;
        this.margins = margins;
        this.priceLists = priceLists;
        this.invoices = invoices;
        this.billing = billing;
        this.accounts = accounts;
    }

    /** The logo's data URI: 256 KB of image is at most 349 526 characters of base64, and its prefix. */
    record BrandRequest(@NotBlank @Size(max = 200) String displayName,
                        @NotNull @Pattern(regexp = "#[0-9a-fA-F]{6}", message = "must be a colour like #1a73e8")
                        String primaryColor,
                        @Size(max = 350_000) String logo,
                        @jakarta.validation.constraints.Email @Size(max = 200) String supportEmail,
                        @Pattern(regexp = "\\+?[0-9 ()\\-]{5,30}", message = "must be a phone number") String supportPhone,
                        @Size(max = 500) String docsUrl) {
    }

    @PutMapping("/api/v1/partners/{id}/branding")
    @Operation(summary = "A white-label partner's brand for its customer cabinet, invoices and e-mails; the logo a PNG or"
            + " SVG data URI of at most 256 KB")
    Branding.Brand setBranding(Caller caller, @PathVariable long id, @Valid @RequestBody BrandRequest b) {
        return branding.set(caller, id, new Branding.Brand(id, b.displayName(), b.primaryColor(), b.logo(),
                b.supportEmail(), b.supportPhone(), b.docsUrl()));
    }

    @GetMapping("/api/v1/partners/{id}/branding")
    @Operation(summary = "The partner's brand")
    Branding.Brand branding(Caller caller, @PathVariable long id) {
        return branding.of(caller, id);
    }

    @Schema(name = "ServiceMarkupRequest")
    record ServiceMarkup(@NotBlank @Size(max = 200) String service,
                         @NotNull @Digits(integer = 4, fraction = 2, message = PERCENT)
                         @DecimalMin("-100") @DecimalMax("1000") BigDecimal markupPercent) {
    }

    record PriceListRequest(@NotNull LocalDate effectiveFrom,
                            @NotNull @Digits(integer = 4, fraction = 2, message = PERCENT)
                            @DecimalMin("-100") @DecimalMax("1000") BigDecimal defaultMarkupPercent,
                            @Size(max = 200) List<@Valid ServiceMarkup> services) {
    }

    @PutMapping("/api/v1/partners/{id}/price-list")
    @Operation(summary = "Set the price list from a month's first day: markups over the list price, by default and per"
            + " service; 422 naming the service when a price would fall below the partner's own cost")
    PriceLists.PriceList setPriceList(Caller caller, @PathVariable long id, @Valid @RequestBody PriceListRequest p) {
        return priceLists.set(caller, id, p.effectiveFrom(), p.defaultMarkupPercent(), p.services() == null ? List.of()
                : p.services().stream().map(s -> new PriceLists.ServiceMarkup(s.service(), s.markupPercent())).toList());
    }

    record PreviewRequest(YearMonth period,
                          @NotNull @Digits(integer = 4, fraction = 2, message = PERCENT)
                          @DecimalMin("-100") @DecimalMax("1000") BigDecimal defaultMarkupPercent,
                          @Size(max = 200) List<@Valid ServiceMarkup> services) {
    }

    @PostMapping("/api/v1/partners/{id}/price-list/preview")
    @Operation(summary = "What each customer would have paid in `period` (default last month) under a draft price list,"
            + " beside the price list in force then; nothing is stored")
    PricePreview.Preview preview(Caller caller, @PathVariable long id, @Valid @RequestBody PreviewRequest p) {
        return preview.of(caller, id, p.period(), p.defaultMarkupPercent(), p.services() == null ? List.of()
                : p.services().stream().map(s -> new PriceLists.ServiceMarkup(s.service(), s.markupPercent())).toList());
    }

    @GetMapping("/api/v1/partners/{id}/price-list")
    @Operation(summary = "The price list in force today")
    PriceLists.PriceList priceList(Caller caller, @PathVariable long id) {
        return priceLists.current(caller, id);
    }

    @GetMapping("/api/v1/partners/{id}/price-lists")
    @Operation(summary = "Every version of the partner's price list, latest first")
    List<PriceLists.PriceList> priceLists(Caller caller, @PathVariable long id) {
        return priceLists.versions(caller, id);
    }

    record InvoicingRequest(boolean simplifiedTaxSystem,
                            @Digits(integer = 3, fraction = 2, message = PERCENT) @DecimalMin("0") @DecimalMax("100")
                            BigDecimal vatRate,
                            @Min(0) @Max(365) Integer dueDays) {
    }

    @PutMapping("/api/v1/partners/{id}/customer-invoicing")
    @Operation(summary = "How the partner invoices its customers: VAT rate (none on a simplified tax system) and the"
            + " days a postpaid customer has to pay")
    CustomerBilling.Invoicing setInvoicing(Caller caller, @PathVariable long id, @Valid @RequestBody InvoicingRequest i) {
        return billing.setInvoicing(caller, id, i.simplifiedTaxSystem(), i.vatRate(), i.dueDays());
    }

    record PaymentModelRequest(@NotNull @Pattern(regexp = "PREPAID|POSTPAID", message = "must be PREPAID or POSTPAID")
                               String model, @Min(0) @Max(365) Integer dueDays) {
    }

    @PutMapping("/api/v1/partners/{id}/customers/{customerId}/payment-model")
    @Operation(summary = "A customer's payment model with the partner: PREPAID (invoices paid from its balance) or"
            + " POSTPAID with due days")
    CustomerBilling.PaymentModel setPaymentModel(Caller caller, @PathVariable long id, @PathVariable long customerId,
                                                 @Valid @RequestBody PaymentModelRequest m) {
        return billing.setPaymentModel(caller, id, customerId, m.model(), m.dueDays());
    }
    @Schema(name = "CustomerPaymentRequest")

    record PaymentRequest(@NotNull @Digits(integer = 17, fraction = 2, message = AMOUNT) BigDecimal amount,
                          LocalDate receivedOn, @NotBlank @Size(max = 200) String reference) {
    }

    @PostMapping("/api/v1/partners/{id}/customers/{customerId}/payments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "A payment the customer made to the partner; the same reference again changes nothing")
    CustomerAccounts.Payment pay(Caller caller, @PathVariable long id, @PathVariable long customerId,
                                 @Valid @RequestBody PaymentRequest p) {
        return accounts.record(caller, id, customerId, p.amount(), p.receivedOn(), p.reference());
    }

    @GetMapping("/api/v1/partners/{id}/customers/{customerId}/account")
    @Operation(operationId = "customerAccount",
            summary = "The customer's account: payments less invoice totals (VAT included), each invoice PAID, OPEN"
            + " or OVERDUE")
    CustomerAccounts.Account account(Caller caller, @PathVariable long id, @PathVariable long customerId) {
        return accounts.of(caller, id, customerId);
    }

    @GetMapping("/api/v1/partners/{id}/customers/{customerId}/invoices/{period}")
    @Operation(operationId = "customerInvoice",
            summary = "The customer's invoice in the partner's name for a closed month, at the partner's prices")
    @AlsoAnswers(format = "pdf", mediaType = "application/pdf", inLanguage = true)
    CustomerInvoices.Invoice invoice(Caller caller, @PathVariable long id, @PathVariable long customerId,
                                     @PathVariable YearMonth period) {
        return invoices.of(caller, id, customerId, period);
    }

    @GetMapping("/api/v1/partners/{id}/margins/{period}")
    @Operation(summary = "Per customer of a closed month: revenue at the partner's prices (VAT left out) against its cost"
            + " from the partner's statement, and the margin")
    List<Margins.Margin> margins(Caller caller, @PathVariable long id, @PathVariable YearMonth period) {
        return margins.of(caller, id, period);
    }

    @GetMapping("/api/v1/partners/{id}/customer-invoices/{period}")
    @Operation(summary = "The partner's invoices to its customers for a closed month, by number")
    List<CustomerInvoices.Invoice> invoicesOf(Caller caller, @PathVariable long id, @PathVariable YearMonth period) {
        return invoices.ofPeriod(caller, id, period);
    }
}
