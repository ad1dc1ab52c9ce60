package io.partnerhub.portal;

import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import org.springframework.context.MessageSource;

import java.util.Locale;

/**
 * {@code #names} in every template: what a person reads for a program, a tier or a model instead of
 * its id. A program by the name its file gives; a tier or a model by the bundles' word
 * ({@code tier.SILVER}, {@code model.RESELLER}), the id itself only for one the bundles do not know.
 */
final class Names {

    private final ProgramCatalog programs;
    private final MessageSource messages;
    private final Locale locale;

    Names(ProgramCatalog programs, MessageSource messages, Locale locale) {
        this.programs = programs;
        this.messages = messages;
        this.locale = locale;
    }

    public String program(Object id) {
        if (id == null) {
            return "—";
        }
        return programs.find(id.toString()).map(Program::name).orElse(id.toString());
    }

    public String tier(Object id) {
        return word("tier.", id);
    }

    public String model(Object id) {
        return word("model.", id);
    }

    private String word(String prefix, Object id) {
        if (id == null || id.toString().isBlank()) {
            return "—";
        }
        return messages.getMessage(prefix + id, null, id.toString(), locale);
    }
}
