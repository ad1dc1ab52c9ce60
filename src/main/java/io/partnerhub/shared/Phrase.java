package io.partnerhub.shared;

import org.springframework.context.MessageSource;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Words a person reads, kept as a message key and its arguments so that each reader gets them in
 * their own language: the API in English, the portal in the signed-in person's. An argument may be
 * a phrase itself, or a list of phrases (read joined by "; "). A day is passed as a
 * {@link LocalDate}: Russian reads it as every page writes dates ({@link Formats}, "01.03.2026"),
 * English as ISO ("2026-03-01"), the words API clients have always read; a {@link YearMonth} likewise
 * ("март 2026" / "2026-03"). An amount is passed as {@link Money} with its places: Russian reads it
 * as the pages write money ("28 100,00 ₽"), English as the API always wrote it ("28100.00"); or as
 * text already formatted.
 */
public record Phrase(String key, List<Object> args) {

    public static Phrase of(String key, Object... args) {
        return new Phrase(key, List.of(args));
    }

    public String in(MessageSource messages, Locale locale) {
        Formats formats = Formats.of(locale);
        Object[] rendered = args.stream().map(arg -> switch (arg) {
            case Phrase phrase -> phrase.in(messages, locale);
            case LocalDate day -> formats.russian() ? formats.date(day) : day.toString();
            case YearMonth month -> formats.russian() ? formats.month(month) : month.toString();
            case Money money -> formats.russian() ? formats.money(money.amount(), money.currency())
                    : money.amount().toPlainString();
            case List<?> list -> list.stream().map(item -> ((Phrase) item).in(messages, locale))
                    .collect(Collectors.joining("; "));
            default -> String.valueOf(arg);
        }).toArray();
        return messages.getMessage(key, rendered, locale);
    }
}
