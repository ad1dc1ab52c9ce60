package io.partnerhub.portal;

import io.partnerhub.billing.Acts;
import io.partnerhub.billing.PartnerAccounts;
import io.partnerhub.billing.PartnerInvoices;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The provider's documents to a partner as PDFs, in Russian or English: the invoice («Счёт на
 * оплату», template partner-invoice-pdf.html) with the provider's requisites
 * (partnerhub.billing.providers) as the seller and the partner's as the buyer, as issued, and the month's service
 * report (act, «Акт оказанных услуг», partner-act-pdf.html): the services at list price, what the
 * statement took off them, the amount with the VAT it includes, and the invoices that billed it.
 * The API's documents and the portal's downloads are this one rendering.
 */
@Component
class PartnerBillingPdf {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final PdfDocuments documents;

    PartnerBillingPdf(PdfDocuments documents) {
        this.documents = documents;
    }

    void invoice(PartnerInvoices.Parties parties, PartnerAccounts.InvoiceStatus invoice, Locale locale, OutputStream out)
            throws IOException {
        write("partner-invoice-pdf", parties, Map.of("invoice", invoice, "buyer", parties.buyer()), "seller", locale, out);
    }

    void act(PartnerInvoices.Parties parties, Acts.Act act, Locale locale, OutputStream out) throws IOException {
        write("partner-act-pdf", parties, Map.of("act", act, "partner", parties.buyer()), "provider", locale, out);
    }

    static String fileName(PartnerAccounts.InvoiceStatus invoice) {
        return "invoice-" + invoice.number() + ".pdf";
    }

    static String fileName(Acts.Act act) {
        return "act-" + act.number() + ".pdf";
    }

    /**
     * Any language but Russian reads English; a program without requisites names the program as the
     * provider ({@code providerAs} absent from the template's variables).
     */
    private void write(String template, PartnerInvoices.Parties parties, Map<String, Object> document, String providerAs,
                       Locale locale, OutputStream out) throws IOException {
        Map<String, Object> variables = new HashMap<>(document);
        variables.put("programId", parties.programId());
        parties.seller().ifPresent(provider -> variables.put(providerAs, provider));
        boolean russian = locale != null && "ru".equals(locale.getLanguage());
        documents.write(template, variables, russian ? RUSSIAN : Locale.ENGLISH, out);
    }
}
