package io.partnerhub.portal;

import io.partnerhub.billing.Acts;
import io.partnerhub.billing.PartnerAccounts;
import io.partnerhub.billing.PartnerInvoices;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.PeriodInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * The provider's documents to a partner as PDF (API.md, "Partner billing": {@code ?format=pdf}): an
 * invoice and a month's service report (act), Russian unless {@code lang=en}. A partner reaches only
 * its own: another partner's id or invoice number is not found.
 */
@RestController
@Tag(name = "Partner billing")
class PartnerBillingDocuments {

    private final PartnerInvoices invoices;
    private final PartnerAccounts accounts;
    private final Acts acts;
    private final PeriodInput periods;
    private final PartnerBillingPdf pdfs;

    PartnerBillingDocuments(PartnerInvoices invoices, PartnerAccounts accounts, Acts acts, PeriodInput periods,
                            PartnerBillingPdf pdfs) {
        this.invoices = invoices;
        this.accounts = accounts;
        this.acts = acts;
        this.periods = periods;
        this.pdfs = pdfs;
    }

    @GetMapping(path = "/api/v1/partners/{id}/invoices/{number}", params = "format=pdf")
    @Operation(hidden = true) // documented on the JSON operation: format=pdf
    ResponseEntity<byte[]> invoice(Caller caller, @PathVariable long id, @PathVariable String number,
                                   @RequestParam String format,
                                   @RequestParam(defaultValue = "ru") @Pattern(regexp = "ru|en", message = "must be ru or en")
                                   String lang) throws IOException {
        PartnerAccounts.InvoiceStatus invoice = accounts.invoice(caller, id, number);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdfs.invoice(invoices.parties(caller, id, number), invoice, locale(lang), out);
        return pdf(PartnerBillingPdf.fileName(invoice), out);
    }

    @GetMapping(path = "/api/v1/partners/{id}/acts/{period}", params = "format=pdf")
    @Operation(hidden = true) // documented on the JSON operation: format=pdf
    ResponseEntity<byte[]> act(Caller caller, @PathVariable long id, @PathVariable String period,
                               @RequestParam String format,
                               @RequestParam(defaultValue = "ru") @Pattern(regexp = "ru|en", message = "must be ru or en")
                               String lang) throws IOException {
        Acts.Act act = acts.of(caller, id, periods.period("period", period));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdfs.act(invoices.partiesOfMonth(caller, id, periods.period("period", period)), act, locale(lang), out);
        return pdf(PartnerBillingPdf.fileName(act), out);
    }

    private static Locale locale(String lang) {
        return lang.equals("en") ? Locale.ENGLISH : Locale.forLanguageTag("ru");
    }

    private static ResponseEntity<byte[]> pdf(String fileName, ByteArrayOutputStream out) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(fileName).build().toString())
                .body(out.toByteArray());
    }
}
