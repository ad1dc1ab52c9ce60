package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.Reason;
import io.partnerhub.shared.LocalizedValues;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A reason in words, from the bundles {@code i18n/reasons.properties} (Russian) and
 * {@code reasons_en.properties} (English, the API's default), and {@code i18n/forecast*.properties}
 * for the qualification forecast. Pure: the engine itself uses it for the
 * English text it stores with each line. Amounts, rates, days, months and quarters are written by
 * {@link LocalizedValues}, one way per language.
 */
public final class ReasonText {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    /** Where the words are: statement lines and tier changes, then the qualification forecast ({@code forecast.*}). */
    private static final List<String> BUNDLES = List.of("i18n/reasons", "i18n/forecast");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

    private ReasonText() {
    }

    /** The words the API shows without Accept-Language and the statement line stores. */
    public static String english(Reason reason) {
        return in(reason, Locale.ENGLISH);
    }

    /** The reason in Russian for a Russian locale, else in English. */
    public static String in(Reason reason, Locale locale) {
        Locale language = supported(locale);
        String[] args = new String[reason.args().size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = text(reason.args().get(i), language);
        }
        return TEMPLATES.computeIfAbsent(language.getLanguage() + ":" + reason.code(),
                key -> Template.of(pattern(reason.code(), language))).fill(args);
    }

    /** Russian for any Russian locale, English for everything else. */
    public static Locale supported(Locale locale) {
        return locale != null && RUSSIAN.getLanguage().equals(locale.getLanguage()) ? RUSSIAN : Locale.ENGLISH;
    }

    /**
     * The language an API request asked for with its Accept-Language header: Russian or English,
     * whichever ranks first; English when the header is absent, malformed or names neither.
     */
    public static Locale ofAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            Locale chosen = Locale.lookup(Locale.LanguageRange.parse(header), List.of(Locale.ENGLISH, RUSSIAN));
            return chosen == null ? Locale.ENGLISH : chosen;
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
    }

    private static String text(Reason.Arg arg, Locale locale) {
        return switch (arg) {
            case Reason.Amount a -> LocalizedValues.amount(a.value(), locale);
            case Reason.Rate r -> LocalizedValues.percent(r.value(), locale);
            case Reason.Day d -> LocalizedValues.date(d.value(), locale);
            case Reason.Month m -> LocalizedValues.month(m.value(), locale);
            case Reason.Quarter q -> LocalizedValues.quarter(q.last(), locale);
            case Reason.Text t -> t.value();
            case Reason.Number n -> Long.toString(n.value());
            case Reason.Clause c -> in(c.reason(), locale);
            case Reason.Items i -> i.items().stream().map(item -> text(item, locale))
                    .collect(Collectors.joining(pattern("join." + i.join(), locale)));
        };
    }

    /**
     * A bundle's pattern read once, as MessageFormat reads it ({@code {0}} an argument, {@code ''} a
     * quote, text in single quotes literal): the close writes every line's English, so a line costs
     * a few appends, not a MessageFormat.
     *
     * @param parts literal text (a String) or an argument's index (an Integer), in order
     */
    private record Template(List<Object> parts) {

        static Template of(String pattern) {
            List<Object> parts = new java.util.ArrayList<>();
            StringBuilder literal = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c == '\'') {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
                        literal.append('\'');
                        i++;
                    } else {
                        quoted = !quoted;
                    }
                } else if (c == '{' && !quoted) {
                    int end = pattern.indexOf('}', i);
                    if (end < 0 || !pattern.substring(i + 1, end).matches("\\d+")) {
                        throw new IllegalArgumentException("only {n} arguments are supported: " + pattern);
                    }
                    parts.add(literal.toString());
                    literal.setLength(0);
                    parts.add(Integer.valueOf(pattern.substring(i + 1, end)));
                    i = end;
                } else {
                    literal.append(c);
                }
            }
            parts.add(literal.toString());
            return new Template(List.copyOf(parts));
        }

        String fill(String[] args) {
            StringBuilder out = new StringBuilder(64);
            for (Object part : parts) {
                if (part instanceof Integer index) {
                    out.append(index < args.length ? args[index] : "{" + index + "}");
                } else {
                    out.append((String) part);
                }
            }
            return out.toString();
        }
    }

    private static String pattern(String code, Locale locale) {
        for (String name : BUNDLES) {
            ResourceBundle bundle = ResourceBundle.getBundle(name, locale.equals(RUSSIAN) ? Locale.ROOT : locale,
                    NO_FALLBACK);
            if (bundle.containsKey(code)) {
                return bundle.getString(code);
            }
        }
        throw new IllegalStateException("reason " + code + " has no words in " + BUNDLES + " for " + locale);
    }
}
