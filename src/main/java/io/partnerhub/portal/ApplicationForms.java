package io.partnerhub.portal;

import io.partnerhub.partner.NewPartner;
import io.partnerhub.program.LegalForm;
import io.partnerhub.program.ModelTerms;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Today;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the operator's application form into the {@link NewPartner} the API receives, and checks it
 * with the same constraints; a value that is no date, amount or choice is refused at its field.
 */
@Component
class ApplicationForms {

    static final String[] FIELDS = {"programId", "model", "name", "legalForm", "taxId", "registeredOn", "country",
            "contractDate", "accountId", "paymentTerms", "billingThreshold"};

    /**
     * What {@code Partners.register} takes when a field is left out, shown as the form's defaults: the
     * contract date is today, payment is in advance. Nothing else has a default (a country, a model, a
     * legal form are the applicant's to give), so the form pre-fills nothing else.
     */
    static final String DEFAULT_PAYMENT_TERMS = "PREPAYMENT";

    /** The form as typed, so a refused one shows again as it was. */
    record Form(String programId, String model, String name, String legalForm, String taxId, String registeredOn,
                String country, String contractDate, String accountId, String paymentTerms, String billingThreshold) {
    }

    private final Validator validator;
    private final Today today;

    ApplicationForms(Validator validator, Today today) {
        this.validator = validator;
        this.today = today;
    }

    /** A new application to {@code programId} (null: the program is chosen first) with the server's defaults. */
    Form blank(String programId) {
        return new Form(programId, null, null, null, null, null, null, today.date().toString(), null,
                DEFAULT_PAYMENT_TERMS, null);
    }

    /**
     * The models the program offers in the version the application would be judged by: the one in force
     * on the form's contract date, or today where the form has none (or none readable); the program's
     * first version if it had none in force then.
     */
    List<PartnerModel> modelsOf(Program program, Form form) {
        LocalDate on;
        try {
            on = form.contractDate() == null || form.contractDate().isBlank() ? today.date()
                    : LocalDate.parse(form.contractDate().strip());
        } catch (DateTimeParseException e) {
            on = today.date();
        }
        ProgramVersion version = program.versionOn(on).orElseGet(() -> program.versions().getFirst());
        return version.models().stream().map(ModelTerms::id).toList();
    }

    /** The application, or null with {@code errors} naming each field that is wrong and why. */
    NewPartner read(Form f, FormErrors errors) {
        NewPartner application = new NewPartner(blankToNull(f.programId()),
                value(f.model(), "model", errors, s -> PartnerModel.valueOf(s)),
                f.name(),
                value(f.legalForm(), "legalForm", errors, s -> LegalForm.valueOf(s)),
                f.taxId(),
                value(f.registeredOn(), "registeredOn", errors, LocalDate::parse),
                blankToNull(f.country() == null ? null : f.country().toUpperCase(Locale.ROOT)),
                value(f.contractDate(), "contractDate", errors, LocalDate::parse),
                blankToNull(f.accountId()),
                blankToNull(f.paymentTerms()),
                value(f.billingThreshold(), "billingThreshold", errors,
                        s -> new BigDecimal(s.replace(" ", "").replace(',', '.'))));
        validator.validate(application).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach((ConstraintViolation<NewPartner> v) -> errors.fieldOnce(v.getPropertyPath().toString(), v.getMessage()));
        return errors.isEmpty() ? application : null;
    }

    /** The typed value read by {@code parse}; blank is no value, an unreadable one an error at its field. */
    private static <T> T value(String text, String field, FormErrors errors, Function<String, T> parse) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parse.apply(text.strip());
        } catch (DateTimeParseException e) {
            errors.field(field, "must be a date like 2026-03-01");
        } catch (NumberFormatException e) {
            errors.field(field, "must be an amount like 50000.00");
        } catch (IllegalArgumentException e) {
            errors.field(field, "must be one of " + Arrays.toString(field.equals("model") ? PartnerModel.values()
                    : LegalForm.values()));
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
