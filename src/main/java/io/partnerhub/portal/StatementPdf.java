package io.partnerhub.portal;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.partnerhub.partner.Partner;
import io.partnerhub.settlement.Statements;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * A statement as a PDF: the template statement-pdf.html (well-formed XHTML, as the renderer parses
 * it as XML) rendered by openhtmltopdf straight into the given stream. Russian needs a font with
 * Cyrillic embedded: DejaVu Sans, from the jasperreports-fonts artifact on the class path. The
 * renderer is the fast one, the only one the library has kept (its {@code useFastMode()} does
 * nothing and is deprecated).
 */
@Component
class StatementPdf {

    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";
    /** The family the template names. */
    private static final String FONT_FAMILY = "DejaVu Sans";

    private final ITemplateEngine templates;

    StatementPdf(ITemplateEngine templates) {
        this.templates = templates;
        PdfRendererLog.install();
    }

    void write(Partner partner, Statements.StatementView statement, Map<Long, ?> customerNames, Locale locale,
               OutputStream out) throws IOException {
        String html = templates.process("statement-pdf", new Context(locale,
                Map.of("partner", partner, "statement", statement, "customerNames", customerNames)));
        new PdfRendererBuilder()
                .useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true)
                .useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true)
                .withProducer("Partnerhub")
                .withHtmlContent(html, null)
                .toStream(out)
                .run();
    }

    private static InputStream font(String file) {
        InputStream in = StatementPdf.class.getResourceAsStream(FONTS + file);
        if (in == null) {
            throw new IllegalStateException("font " + file + " is not on the class path (jasperreports-fonts)");
        }
        return in;
    }
}
