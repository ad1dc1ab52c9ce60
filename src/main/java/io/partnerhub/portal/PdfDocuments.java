package io.partnerhub.portal;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Map;

/**
 * A Thymeleaf template (well-formed XHTML, as the renderer parses it as XML) rendered by
 * openhtmltopdf into a PDF, straight into the given stream. Russian needs a font with Cyrillic
 * embedded: DejaVu Sans, from the jasperreports-fonts artifact on the class path. The renderer is
 * the fast one, the only one the library has kept.
 */
@Component
class PdfDocuments {

    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";
    /** The family the templates name. */
    private static final String FONT_FAMILY = "DejaVu Sans";

    private final ITemplateEngine templates;

    PdfDocuments(ITemplateEngine templates) {
        this.templates = templates;
        PdfRendererLog.install();
    }

    void write(String template, Map<String, Object> variables, Locale locale, OutputStream out) throws IOException {
        String html = templates.process(template, new Context(locale, variables));
        new PdfRendererBuilder()
                .useFont(() -> font("DejaVuSans.ttf"), FONT_FAMILY, 400, FontStyle.NORMAL, true)
                .useFont(() -> font("DejaVuSans-Bold.ttf"), FONT_FAMILY, 700, FontStyle.NORMAL, true)
                .withProducer("Partnerhub")
                .withHtmlContent(html, null)
                .toStream(out)
                .run();
    }

    private static InputStream font(String file) {
        InputStream in = PdfDocuments.class.getResourceAsStream(FONTS + file);
        if (in == null) {
            throw new IllegalStateException("font " + file + " is not on the class path (jasperreports-fonts)");
        }
        return in;
    }
}
