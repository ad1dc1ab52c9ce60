package io.partnerhub.portal;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.whitelabel.Branding;
import io.partnerhub.whitelabel.CustomerInvoices;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A customer's invoice as a PDF: the template customer-invoice-pdf.html, in Russian or English,
 * under the partner's brand where it set one, its requisites as the seller. The API's document
 * and the portal's download are this one rendering.
 */
@Component
class CustomerInvoicePdf {

    private static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private final Partners partners;
    private final Customers customers;
    private final Branding branding;
    private final PdfDocuments documents;

    CustomerInvoicePdf(Partners partners, Customers customers, Branding branding, PdfDocuments documents) {
        this.partners = partners;
        this.customers = customers;
        this.branding = branding;
        this.documents = documents;
    }

    /** Any language but Russian reads English. */
    void write(Caller caller, CustomerInvoices.Invoice invoice, Locale locale, OutputStream out) throws IOException {
        Map<String, Object> variables = new HashMap<>();
        variables.put("invoice", invoice);
        variables.put("seller", partners.find(caller, invoice.partnerId()));
        variables.put("customer", customers.find(caller, invoice.customerId()));
        branding.of(invoice.partnerId()).ifPresent(brand -> variables.put("brand", brand));
        boolean russian = locale != null && "ru".equals(locale.getLanguage());
        documents.write("customer-invoice-pdf", variables, russian ? RUSSIAN : Locale.ENGLISH, out);
    }

    static String fileName(CustomerInvoices.Invoice invoice) {
        return "invoice-" + invoice.number() + "-" + invoice.period() + ".pdf";
    }
}
