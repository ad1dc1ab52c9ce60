package io.partnerhub.portal;

import io.partnerhub.billing.Acts;
import io.partnerhub.billing.BillingSettings;
import io.partnerhub.partner.Partner;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A month's service report (act, «Акт оказанных услуг») as a PDF: the template partner-act-pdf.html,
 * in Russian or English: the services at list price, what the statement took off them, the amount
 * with the VAT it includes, and the invoices that billed it. The API's document and the portal's
 * download are this one rendering.
 */
@Component
class PartnerActPdf {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final BillingSettings settings;
    private final PdfDocuments documents;

    PartnerActPdf(BillingSettings settings, PdfDocuments documents) {
        this.settings = settings;
        this.documents = documents;
    }

    /** Any language but Russian reads English; a program without requisites names the program as the provider. */
    void write(Partner partner, Acts.Act act, Locale locale, OutputStream out) throws IOException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("act", act);
        variables.put("partner", partner);
        settings.provider(partner.programId()).ifPresent(provider -> variables.put("provider", provider));
        documents.write("partner-act-pdf", variables, PartnerInvoicePdf.russian(locale) ? RUSSIAN : Locale.ENGLISH, out);
    }

    static String fileName(Acts.Act act) {
        return "act-" + act.number() + ".pdf";
    }
}
