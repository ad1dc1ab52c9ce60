package io.partnerhub.billing;

import static io.partnerhub.billing.Problems.quoted;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The keys of one part of the file (the header, an account section, a document) with the lines they
 * are on; reads them as typed values, recording every bad one with its line and key. A required key
 * that is missing is a problem on the line where its part starts.
 */
final class SectionValues {

    static final String PURPOSE = "НазначениеПлатежа";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern NUMBER = Pattern.compile("[\\p{L}\\p{Nd}/-]{1,20}");
    private static final Pattern TAX_ID = Pattern.compile("\\d{10}|\\d{12}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{20}");
    private static final Pattern CONTINUATION = Pattern.compile(PURPOSE + "([1-9]\\d?)");
    private static final Pattern NOT_WORD = Pattern.compile("\\s+");
    private static final int MAX_INTEGER_DIGITS = 15;

    private record Entry(int line, String value) {
    }

    private final int line;
    private final String name;
    private final Problems problems;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** @param name what the part is, for messages: "the header", "the document", "the account section" */
    SectionValues(int line, String name, Problems problems) {
        this.line = line;
        this.name = name;
        this.problems = problems;
    }

    int line() {
        return line;
    }

    void put(int line, String key, String value) {
        Entry first = entries.get(key);
        if (first != null) {
            problems.add(line, key, "appears twice in " + name + " (first on line " + first.line() + ")");
            return;
        }
        entries.put(key, new Entry(line, value));
    }

    /** The value, stripped, or null when the key is absent or its value empty. */
    String text(String key) {
        Entry entry = entries.get(key);
        return entry == null || entry.value().isBlank() ? null : entry.value().strip();
    }

    /** The first of the keys that has a value. */
    String text(String key, String fallback) {
        String value = text(key);
        return value != null ? value : text(fallback);
    }

    String required(String key) {
        String value = text(key);
        if (value == null) {
            problems.add(lineOf(key), key, "is required in " + name);
        }
        return value;
    }

    /** A document number: up to 20 letters, digits, '-' or '/'. */
    String number(String key) {
        String value = required(key);
        if (value != null && !NUMBER.matcher(value).matches()) {
            fail(key, quoted(value) + " is not a document number (up to 20 letters, digits, '-' or '/')");
            return null;
        }
        return value;
    }

    LocalDate date(String key, boolean required) {
        String value = required ? required(key) : text(key);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            fail(key, quoted(value) + " is not a date (DD.MM.YYYY)");
            return null;
        }
    }

    /** A payment's amount: required, positive, with a dot and at most two digits after it. */
    BigDecimal amount(String key) {
        BigDecimal amount = decimal(key, required(key));
        if (amount != null && amount.signum() <= 0) {
            fail(key, quoted(text(key)) + " is not a payment amount: it must be more than zero");
            return null;
        }
        return amount;
    }

    /** A balance or a turnover of an account: optional, of any sign. */
    BigDecimal balance(String key) {
        return decimal(key, text(key));
    }

    /** A tax id (ИНН): 10 digits for an organisation, 12 for a person; "0" (none) reads as null. */
    String taxId(String key) {
        String value = text(key);
        if (value == null || value.equals("0")) {
            return null;
        }
        if (!TAX_ID.matcher(value).matches()) {
            fail(key, quoted(value) + " is not a tax id (10 or 12 digits)");
            return null;
        }
        return value;
    }

    /** A Russian bank account: 20 digits. */
    String account(String key) {
        String value = text(key);
        if (value != null && !ACCOUNT.matcher(value).matches()) {
            fail(key, quoted(value) + " is not an account number (20 digits)");
            return null;
        }
        return value;
    }

    /**
     * {@code НазначениеПлатежа} continued by {@code НазначениеПлатежа1}, {@code 2}… in the order of their
     * numbers, joined with a space. Many exporters also write the whole purpose into
     * {@code НазначениеПлатежа} and repeat it, split in lines, in the numbered keys: when the numbered
     * keys say the same as {@code НазначениеПлатежа} (blanks aside), they are that copy and not read twice.
     */
    String purpose() {
        Map<Integer, String> continuations = new TreeMap<>();
        entries.keySet().forEach(key -> {
            var matcher = CONTINUATION.matcher(key);
            if (matcher.matches() && text(key) != null) {
                continuations.put(Integer.valueOf(matcher.group(1)), text(key));
            }
        });
        String first = text(PURPOSE);
        String rest = continuations.isEmpty() ? null : String.join(" ", continuations.values());
        if (first == null || rest == null) {
            return first != null ? first : rest;
        }
        if (withoutBlanks(first).equals(withoutBlanks(rest))) {
            return first;
        }
        return first + " " + rest;
    }

    void fail(String key, String message) {
        problems.add(lineOf(key), key, message);
    }

    private BigDecimal decimal(String key, String value) {
        if (value == null) {
            return null;
        }
        if (!DECIMAL.matcher(value).matches()) {
            fail(key, quoted(value) + " is not an amount (digits with a dot before the kopecks, e.g. 12500.00)"
                    + (DECIMAL.matcher(value.replace(',', '.')).matches() ? ": the decimal separator is a dot" : ""));
            return null;
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.scale() > 2) {
            fail(key, quoted(value) + " has more than two digits after the point");
            return null;
        }
        if (amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
            fail(key, quoted(value) + " has more than " + MAX_INTEGER_DIGITS + " digits before the point");
            return null;
        }
        return amount;
    }

    private int lineOf(String key) {
        Entry entry = entries.get(key);
        return entry == null ? line : entry.line();
    }

    private static String withoutBlanks(String text) {
        return NOT_WORD.matcher(text).replaceAll("");
    }
}
