package io.partnerhub.shared;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A reason in words, from the bundles {@code i18n/reasons.properties} (Russian) and
 * {@code reasons_en.properties} (English, the API's default), and {@code i18n/forecast*.properties}
 * for the qualification forecast. Pure: the engine itself uses it for the
 * English text it stores with each line.
 *
 * <p>Russian writes amounts, rates, days and months as every page does ({@link Formats}: "0,00 ₽",
 * "27 %", "01.03.2026", "июнь 2026"), an amount with the sign of the currency the reader names, and
 * a tier or a model by its name where the pattern marks the argument ({@code {0,tier}},
 * {@code {1,model}}: the words {@code tier.*} and {@code model.*} of {@code messages.properties}).
 * English keeps the words API clients have always parsed ("50 000.00", "27 %", "2026-03-01",
 * "2026-03", "2026-Q1", tier and model ids), so its patterns mark nothing.
 */
public final class ReasonText {

    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");
    /** Where the words are: statement lines and tier changes, then the qualification forecast ({@code forecast.*}). */
    private static final List<String> BUNDLES = List.of("i18n/reasons", "i18n/forecast");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);
    /** Where the names of tiers and models are: the portal's words. */
    private static final String NAMES = "messages";
    private static final char NO_BREAK_SPACE = '\u00A0';
    private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();

    private ReasonText() {
    }

    /** The words the API shows without Accept-Language and the statement line stores. */
    public static String english(Reason reason) {
        return in(reason, Locale.ENGLISH, null);
    }

    /**
     * The reason in Russian for a Russian locale, else in English; {@code currency} is the one its
     * amounts are in (a statement's, a program's), written after each amount in Russian ("0,00 ₽");
     * null leaves the amounts bare.
     */
    public static String in(Reason reason, Locale locale, String currency) {
        return in(reason, new Writer(supported(locale), currency));
    }

    private static String in(Reason reason, Writer writer) {
        Template template = TEMPLATES.computeIfAbsent(writer.language().getLanguage() + ":" + reason.code(),
                key -> Template.of(pattern(reason.code(), writer.language())));
        List<Reason.Arg> args = reason.args();
        String[] texts = new String[args.size()];
        for (int i = 0; i < texts.length; i++) {
            texts[i] = writer.text(args.get(i), template.nameOf(i));
        }
        return template.fill(texts);
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

    /**
     * How a language writes the arguments of a reason: Russian through {@link Formats}, English as
     * the API has always shown it.
     */
    private record Writer(Locale language, String currency) {

        String text(Reason.Arg arg, String name) {
            boolean russian = language.equals(RUSSIAN);
            Formats formats = russian ? Formats.of(language) : null;
            return switch (arg) {
                case Reason.Amount a -> russian ? formats.money(a.value(), currency) : Amounts.grouped(a.value());
                case Reason.Rate r -> russian ? formats.percent(r.value()) : Amounts.percent(r.value());
                case Reason.Day d -> russian ? formats.date(d.value()) : d.value().toString();
                case Reason.Month m -> russian ? formats.month(m.value()) : m.value().toString();
                case Reason.Quarter q -> russian ? quarterInRussian(q.last())
                        : q.last().getYear() + "-Q" + quarterOf(q.last());
                case Reason.Text t -> name == null ? t.value()
                        : word(name + "." + t.value(), language).orElse(t.value());
                case Reason.Number n -> Long.toString(n.value());
                case Reason.Clause c -> in(c.reason(), this);
                case Reason.Items i -> i.items().stream().map(item -> text(item, name))
                        .collect(Collectors.joining(pattern("join." + i.join(), language)));
            };
        }

        /** "1 кв. 2026", with no-break spaces. */
        private static String quarterInRussian(YearMonth last) {
            return quarterOf(last) + "" + NO_BREAK_SPACE + "кв." + NO_BREAK_SPACE + last.getYear();
        }

        private static int quarterOf(YearMonth month) {
            return (month.getMonthValue() + 2) / 3;
        }
    }

    /** A name of the portal's bundle ({@code tier.SILVER}), if it has one. */
    private static Optional<String> word(String key, Locale language) {
        ResourceBundle names = ResourceBundle.getBundle(NAMES, language.equals(RUSSIAN) ? Locale.ROOT : language,
                NO_FALLBACK);
        return names.containsKey(key) ? Optional.of(names.getString(key)) : Optional.empty();
    }

    /**
     * A bundle's pattern read once, as MessageFormat reads it ({@code {0}} an argument, {@code ''} a
     * quote, text in single quotes literal): the close writes every line's English, so a line costs
     * a few appends, not a MessageFormat.
     *
     * <p>A Russian pattern may name what an argument is ({@code {0,tier}}): the argument then reads as
     * that name's word.
     *
     * @param parts literal text (a String) or an argument's index (an Integer), in order
     * @param names what the pattern names an argument (its index to "tier" or "model")
     */
    private record Template(List<Object> parts, Map<Integer, String> names) {

        private static final java.util.Set<String> NAMED = java.util.Set.of("tier", "model");

        static Template of(String pattern) {
            List<Object> parts = new java.util.ArrayList<>();
            Map<Integer, String> names = new java.util.HashMap<>();
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
                    String[] argument = end < 0 ? new String[0] : pattern.substring(i + 1, end).split(",", -1);
                    if (argument.length == 0 || !argument[0].matches("\\d+")
                            || argument.length > 1 && !(argument.length == 2 && NAMED.contains(argument[1]))) {
                        throw new IllegalArgumentException("only {n}, {n,tier} and {n,model} arguments are supported: "
                                + pattern);
                    }
                    parts.add(literal.toString());
                    literal.setLength(0);
                    Integer index = Integer.valueOf(argument[0]);
                    parts.add(index);
                    if (argument.length == 2) {
                        names.put(index, argument[1]);
                    }
                    i = end;
                } else {
                    literal.append(c);
                }
            }
            parts.add(literal.toString());
            return new Template(List.copyOf(parts), Map.copyOf(names));
        }

        /** What the pattern names argument {@code index}, or null. */
        String nameOf(int index) {
            return names.get(index);
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
