package io.partnerhub.usage;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Field values of billing exports, read fast and strictly: a value is what it claims to be or
 * the row is bad. The hot paths avoid regular expressions and formatters; one data row calls
 * these a dozen times.
 */
final class Values {

    private Values() {
    }

    /** Absent: no field, an empty field, or a {@code NULL} token in any case. */
    static boolean absent(String value) {
        if (value == null) {
            return true;
        }
        int length = value.length();
        if (length == 0) {
            return true;
        }
        return length == 4 && value.equalsIgnoreCase("NULL") || value.isBlank();
    }

    /**
     * A decimal as PostgreSQL reads it: the value itself when it is plain ({@code -12.5}), its plain
     * form when written with an exponent ({@code 1.5E-3}), or null when it is no number.
     */
    static String decimal(String value) {
        String s = value.strip();
        int i = 0;
        int length = s.length();
        if (length > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            i = 1;
        }
        boolean digits = false;
        boolean point = false;
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return withExponent(s);
            }
        }
        if (!digits) {
            return null;
        }
        return s.charAt(0) == '+' ? s.substring(1) : s;
    }

    private static String withExponent(String s) {
        if (s.indexOf('e') < 0 && s.indexOf('E') < 0) {
            return null;
        }
        try {
            BigDecimal number = new BigDecimal(s);
            return number.abs().scale() > 40 || number.precision() > 60 ? null : number.toPlainString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * An instant from {@code YYYY-MM-DD}, optionally followed by {@code T} or a space and
     * {@code HH:MM[:SS[.fraction]]}, optionally followed by {@code Z}, {@code UTC} or an offset
     * {@code ±HH[:MM]}. Without a zone the time is UTC. Null when the value is none of these.
     */
    static Instant instant(String value) {
        String s = value.strip();
        int length = s.length();
        try {
            if (length < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
                return null;
            }
            int year = number(s, 0, 4);
            int month = number(s, 5, 7);
            int day = number(s, 8, 10);
            if (year < 0 || month < 0 || day < 0) {
                return null;
            }
            if (length == 10) {
                return LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            char separator = s.charAt(10);
            if ((separator != 'T' && separator != 't' && separator != ' ') || length < 16 || s.charAt(13) != ':') {
                return null;
            }
            int hour = number(s, 11, 13);
            int minute = number(s, 14, 16);
            int second = 0;
            int nanos = 0;
            int i = 16;
            if (i < length && s.charAt(i) == ':') {
                second = number(s, 17, 19);
                i = 19;
                if (i < length && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    int start = ++i;
                    while (i < length && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                    if (i == start || i - start > 9) {
                        return null;
                    }
                    nanos = number(s, start, i) * (int) Math.pow(10, 9 - (i - start));
                }
            }
            if (hour < 0 || minute < 0 || second < 0) {
                return null;
            }
            ZoneOffset offset = offset(s.substring(i).strip());
            if (offset == null) {
                return null;
            }
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
        } catch (DateTimeException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    /** A calendar day {@code YYYY-MM-DD}, or null. */
    static LocalDate date(String value) {
        String s = value.strip();
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        try {
            int year = number(s, 0, 4);
            int month = number(s, 5, 7);
            int day = number(s, 8, 10);
            return year < 0 || month < 0 || day < 0 ? null : LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String zone) {
        if (zone.isEmpty() || zone.equals("Z") || zone.equals("z") || zone.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneOffset.of(zone.length() == 3 ? zone + ":00" : zone);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The non-negative number in {@code s[from, to)}, or -1 when a character there is no digit. */
    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
