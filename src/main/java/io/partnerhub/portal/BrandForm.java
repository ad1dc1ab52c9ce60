package io.partnerhub.portal;

import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ProblemException;
import io.partnerhub.whitelabel.Branding;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A white-label partner's brand form: what it typed checked as the API checks it, and the uploaded
 * logo read from the multipart request and turned into the data URI {@link Branding} stores (a PNG
 * or an SVG; Branding refuses anything else, and any SVG that could run script). A form without a
 * new logo keeps the one stored.
 */
@Component
class BrandForm {

    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()\\-]{5,30}");
    /** Read no further than this: Branding refuses more than 256 KB anyway. */
    private static final long LOGO_BYTES = 256 * 1024;

    private final Branding branding;
    private final MessageSource messages;

    BrandForm(Branding branding, MessageSource messages) {
        this.branding = branding;
        this.messages = messages;
    }

    /** The form's text fields as typed. */
    record Typed(String displayName, String primaryColor, String supportEmail, String supportPhone, String docsUrl) {
    }

    /** The brand stored (or the form as typed after a refusal), for the form and its preview swatch. */
    void into(Model model, long partnerId) {
        Optional<Branding.Brand> brand = branding.of(partnerId);
        model.addAttribute("brand", brand.orElse(null));
        if (!model.containsAttribute("brandTyped")) {
            model.addAttribute("brandTyped", brand.map(b -> new Typed(b.displayName(), b.primaryColor(), b.supportEmail(),
                    b.supportPhone(), b.docsUrl())).orElse(new Typed("", "#1a73e8", "", "", "")));
        }
    }

    /** Sets the brand; the errors by field when refused (empty when set). */
    FormErrors set(Caller caller, long partnerId, Typed typed, MultipartFile logo) throws IOException {
        FormErrors errors = new FormErrors();
        if (typed.displayName() == null || typed.displayName().isBlank() || typed.displayName().length() > 200) {
            errors.field("displayName", word("billing.error.displayName"));
        }
        if (typed.primaryColor() == null || !COLOUR.matcher(typed.primaryColor().strip()).matches()) {
            errors.field("primaryColor", word("billing.error.colour"));
        }
        String email = blankAsNull(typed.supportEmail());
        if (email != null && (email.length() > 200 || !EMAIL.matcher(email).matches())) {
            errors.field("supportEmail", word("billing.error.email"));
        }
        String phone = blankAsNull(typed.supportPhone());
        if (phone != null && !PHONE.matcher(phone).matches()) {
            errors.field("supportPhone", word("billing.error.phone"));
        }
        String docs = blankAsNull(typed.docsUrl());
        if (docs != null && docs.length() > 500) {
            errors.field("docsUrl", word("billing.error.docsUrl"));
        }
        String dataUri = branding.of(partnerId).map(Branding.Brand::logo).orElse(null);
        if (logo != null && !logo.isEmpty()) {
            if (logo.getSize() > LOGO_BYTES) {
                errors.field("logo", messages.getMessage("branding.logoTooLarge",
                        new Object[]{String.valueOf(logo.getSize()), String.valueOf(LOGO_BYTES)}, locale()));
            } else {
                dataUri = "data:" + imageType(logo) + ";base64," + Base64.getEncoder().encodeToString(logo.getBytes());
            }
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        try {
            branding.set(caller, partnerId, new Branding.Brand(partnerId, typed.displayName().strip(),
                    typed.primaryColor().strip(), dataUri, email, phone, docs));
        } catch (ProblemException e) {
            return FormErrors.of(e, messages, locale(), "displayName", "primaryColor", "logo", "supportEmail",
                    "supportPhone", "docsUrl");
        }
        return errors;
    }

    /** The file's type as the browser gave it, else by its name: an SVG, or taken for a PNG (Branding checks). */
    private static String imageType(MultipartFile logo) {
        String declared = logo.getContentType() == null ? "" : logo.getContentType().toLowerCase(Locale.ROOT);
        if (declared.equals("image/png") || declared.equals("image/svg+xml")) {
            return declared;
        }
        String name = logo.getOriginalFilename() == null ? "" : logo.getOriginalFilename().toLowerCase(Locale.ROOT);
        return name.endsWith(".svg") ? "image/svg+xml" : "image/png";
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private String word(String key) {
        return messages.getMessage(key, null, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
