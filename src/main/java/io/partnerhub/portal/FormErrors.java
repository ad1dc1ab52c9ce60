package io.partnerhub.portal;

import io.partnerhub.shared.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A refused form's errors, by field, for the page to show next to each field; {@code error} holds
 * what concerns no field of the form. Messages are the platform's own, as the API gives them.
 */
final class FormErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();
    private String general;

    /** Files each of the refusal's fields under that field when the form has it, else as general. */
    static FormErrors of(ProblemException e, String... formFields) {
        FormErrors errors = new FormErrors();
        List<String> fields = List.of(formFields);
        e.errors().forEach(problem -> {
            if (fields.contains(problem.field())) {
                errors.byField.merge(problem.field(), problem.message(), (a, b) -> a + "; " + b);
            } else {
                errors.general = errors.general == null ? e.getMessage() : errors.general;
            }
        });
        if (e.errors().isEmpty()) {
            errors.general = e.getMessage();
        }
        return errors;
    }

    /**
     * Like {@link #of(ProblemException, String...)}, in the reader's words where the refusal has
     * them ({@link ProblemException#words()}): under its field when the form has it, else general.
     */
    static FormErrors of(ProblemException e, MessageSource messages, Locale locale, String... formFields) {
        if (e.words().isEmpty()) {
            return of(e, formFields);
        }
        FormErrors errors = new FormErrors();
        String words = e.words().get().in(messages, locale);
        List<String> fields = List.of(formFields);
        e.errors().stream().map(ProblemException.FieldProblem::field).filter(fields::contains).findFirst()
                .ifPresentOrElse(field -> errors.byField.put(field, words), () -> errors.general = words);
        return errors;
    }

    FormErrors field(String field, String message) {
        byField.merge(field, message, (a, b) -> a + "; " + b);
        return this;
    }

    /** Adds the message unless the field already has one (an unreadable value is not also "required"). */
    FormErrors fieldOnce(String field, String message) {
        byField.putIfAbsent(field, message);
        return this;
    }

    boolean isEmpty() {
        return byField.isEmpty() && general == null;
    }

    /**
     * Puts the errors of form {@code form} in the model: {@code formErrors} (a map by field) and
     * {@code formError} (the general one), so a page with several forms shows each refusal at its own.
     */
    void into(Model model, String form) {
        model.addAttribute(form + "Errors", byField);
        model.addAttribute(form + "Error", general);
    }
}
