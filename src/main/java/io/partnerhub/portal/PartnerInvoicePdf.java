package io.partnerhub.portal;

import io.partnerhub.billing.BillingSettings;
import io.partnerhub.billing.PartnerAccounts;
import io.partnerhub.partner.Partner;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The provider's invoice to a partner as a PDF («Счёт на оплату»): the template
 * partner-invoice-pdf.html, in Russian or English, the provider's requisites (partnerhub.billing.providers)
 * as the seller and the partner as the buyer. The API's document and the portal's download are this
 * one rendering.
 */
@Component
class PartnerInvoicePdf {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final BillingSettings settings;
    private final PdfDocuments documents;

    PartnerInvoicePdf(BillingSettings settings, PdfDocuments documents) {
        this.settings = settings;
        this.documents = documents;
    }

    /** Any language but Russian reads English; a program without requisites names the program as the seller. */
    void write(Partner partner, PartnerAccounts.InvoiceStatus invoice, Locale locale, OutputStream out) throws IOException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("invoice", invoice);
        variables.put("buyer", partner);
        settings.provider(partner.programId()).ifPresent(provider -> variables.put("seller", provider));
        documents.write("partner-invoice-pdf", variables, russian(locale) ? RUSSIAN : Locale.ENGLISH, out);
    }

    static String fileName(PartnerAccounts.InvoiceStatus invoice) {
        return "invoice-" + invoice.number() + ".pdf";
    }

    static boolean russian(Locale locale) {
        return locale != null && "ru".equals(locale.getLanguage());
    }
}
