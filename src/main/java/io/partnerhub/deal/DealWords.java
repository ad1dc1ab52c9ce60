package io.partnerhub.deal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import tools.jackson.databind.json.JsonMapper;

import io.partnerhub.shared.Phrase;

/**
 * The deal desk's words: a reason or an activity entry is a {@link Phrase}, a key of the deal bundles
 * ({@code i18n/deals.properties}, Russian; {@code deals_en.properties}, English) with its arguments,
 * stored as code and arguments so each reader gets it in their language. The English rendering is
 * also stored as the text, as it always was, for outside clients and for rows stored before codes.
 * Arguments are a day ({@link LocalDate}: shown and stored ISO, read in Russian as pages write
 * dates), text already formatted (amounts plain), a phrase, or a list of phrases. A stored argument
 * that reads as an ISO day is read back as a day.
 */
final class DealWords {

    static final Locale ENGLISH = Locale.ENGLISH;
    static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private static final MessageSource BUNDLES = bundles();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ISO_DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private DealWords() {
    }

    static Phrase of(String key, Object... args) {
        return Phrase.of(key, args);
    }

    static String in(Phrase words, Locale locale) {
        return words.in(BUNDLES, locale);
    }

    static String english(Phrase words) {
        return in(words, ENGLISH);
    }

    /**
     * The API's language: English unless the request's {@code Accept-Language} prefers Russian (the
     * portal's own default, Russian, is a portal setting; outside clients always read English).
     */
    static Locale ofRequest(HttpServletRequest request) {
        if (request.getHeader("Accept-Language") == null) {
            return ENGLISH;
        }
        Enumeration<Locale> wanted = request.getLocales();
        while (wanted.hasMoreElements()) {
            String language = wanted.nextElement().getLanguage();
            if (language.equals("ru")) {
                return RUSSIAN;
            }
            if (language.equals("en")) {
                return ENGLISH;
            }
        }
        return ENGLISH;
    }

    /** The arguments as the API shows them: text, or {@code {code, args}} for a phrase, or a list of those. */
    static List<Object> argsOf(Phrase words) {
        return words == null ? null : words.args().stream().map(DealWords::shown).toList();
    }

    private static Object shown(Object arg) {
        return switch (arg) {
            case Phrase phrase -> {
                Map<String, Object> nested = new LinkedHashMap<>();
                nested.put("code", phrase.key());
                nested.put("args", argsOf(phrase));
                yield nested;
            }
            case List<?> list -> list.stream().map(DealWords::shown).toList();
            default -> String.valueOf(arg);
        };
    }

    /** The arguments as stored (JSON); null for none. */
    static String argsJson(Phrase words) {
        return words == null ? null : JSON.writeValueAsString(argsOf(words));
    }

    /** The phrase stored as {@code code} and {@code argsJson}, or null where the row has none (stored before codes). */
    static Phrase read(String code, String argsJson) {
        if (code == null) {
            return null;
        }
        List<?> args = argsJson == null ? List.of() : JSON.readValue(argsJson, List.class);
        return new Phrase(code, args.stream().map(DealWords::parsed).toList());
    }

    private static Object parsed(Object arg) {
        return switch (arg) {
            case Map<?, ?> nested -> read((String) nested.get("code"),
                    JSON.writeValueAsString(nested.get("args") == null ? List.of() : nested.get("args")));
            case List<?> list -> {
                List<Object> items = new ArrayList<>();
                list.forEach(item -> items.add(parsed(item)));
                yield items;
            }
            case String text when ISO_DAY.matcher(text).matches() -> day(text);
            default -> String.valueOf(arg);
        };
    }

    /** An ISO day as a day; text that only looks like one stays text. */
    private static Object day(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException notADay) {
            return text;
        }
    }

    private static MessageSource bundles() {
        ResourceBundleMessageSource bundles = new ResourceBundleMessageSource();
        bundles.setBasenames("i18n/deals");
        bundles.setDefaultEncoding("UTF-8");
        bundles.setFallbackToSystemLocale(false);
        return bundles;
    }
}
