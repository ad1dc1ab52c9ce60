package io.partnerhub.portal;

import io.partnerhub.partner.Partner;
import io.partnerhub.settlement.Statements;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/** A statement as a PDF: the template statement-pdf.html. */
@Component
class StatementPdf {

    private final PdfDocuments documents;

    StatementPdf(PdfDocuments documents) {
        this.documents = documents;
    }

    void write(Partner partner, Statements.StatementView statement, Map<Long, ?> customerNames, Locale locale,
               OutputStream out) throws IOException {
        documents.write("statement-pdf", Map.of("partner", partner, "statement", statement, "customerNames", customerNames),
                locale, out);
    }
}
