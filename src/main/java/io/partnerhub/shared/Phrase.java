package io.partnerhub.shared;

import org.springframework.context.MessageSource;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Words a person reads, kept as a message key and its arguments so that each reader gets them in
 * their own language: the API in English, the portal in the signed-in person's. An argument may be
 * a phrase itself, or a list of phrases (read joined by "; "). Amounts and dates are passed as
 * text already formatted, so that no language reformats them.
 */
public record Phrase(String key, List<Object> args) {

    public static Phrase of(String key, Object... args) {
        return new Phrase(key, List.of(args));
    }

    public String in(MessageSource messages, Locale locale) {
        Object[] rendered = args.stream().map(arg -> switch (arg) {
            case Phrase phrase -> phrase.in(messages, locale);
            case List<?> list -> list.stream().map(item -> ((Phrase) item).in(messages, locale))
                    .collect(Collectors.joining("; "));
            default -> String.valueOf(arg);
        }).toArray();
        return messages.getMessage(key, rendered, locale);
    }
}
