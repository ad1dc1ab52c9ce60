package io.partnerhub.portal;

import io.partnerhub.shared.Caller;
import io.partnerhub.whitelabel.CustomerInvoices;
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
import java.time.YearMonth;
import java.util.Locale;

/**
 * A customer's invoice in the partner's name as a PDF document (API.md: {@code ?format=pdf}):
 * Russian unless {@code lang=en}, under the partner's brand where it set one, its requisites (name,
 * tax id) as the seller. Never a list price, discount or the partner's terms.
 */
@RestController
@Tag(name = "Customer billing")
class CustomerInvoiceDocuments {

    private final CustomerInvoices invoices;
    private final CustomerInvoicePdf pdf;

    CustomerInvoiceDocuments(CustomerInvoices invoices, CustomerInvoicePdf pdf) {
        this.invoices = invoices;
        this.pdf = pdf;
    }

    @GetMapping(path = "/api/v1/partners/{id}/customers/{customerId}/invoices/{period}", params = "format=pdf")
    @Operation(hidden = true) // documented on the JSON operation: format=pdf
    ResponseEntity<byte[]> pdf(Caller caller, @PathVariable long id, @PathVariable long customerId,
                               @PathVariable YearMonth period, @RequestParam String format,
                               @RequestParam(defaultValue = "ru") @Pattern(regexp = "ru|en", message = "must be ru or en")
                               String lang) throws IOException {
        CustomerInvoices.Invoice invoice = invoices.of(caller, id, customerId, period);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        pdf.write(caller, invoice, lang.equals("en") ? Locale.ENGLISH : Locale.forLanguageTag("ru"), out);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(CustomerInvoicePdf.fileName(invoice)).build().toString())
                .body(out.toByteArray());
    }
}
