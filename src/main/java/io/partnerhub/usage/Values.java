package io.partnerhub.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Field values of billing exports, read fast and strictly: a value is what it claims to be or
 * the row is bad. The hot paths avoid regular expressions and formatters; one data row calls
 * these a dozen times.
 */
final class Values {

    private Values() {
    }

    /** The most digits a stored amount may have before, and after, the decimal point. */
    static final int MAX_DIGITS = 30;

    /** Absent: no field, an empty or blank field, or a {@code NULL} token in any case, padded or not. */
    static boolean absent(String value) {
        if (value == null || value.isEmpty()) {
            return true;
        }
        if (value.length() == 4) {
            return value.equalsIgnoreCase("NULL");
        }
        String s = value.strip();
        return s.isEmpty() || s.equalsIgnoreCase("NULL");
    }

    /**
     * A decimal as PostgreSQL reads it: the value itself when it is plain ({@code -12.5}), its plain
     * form when written with an exponent ({@code 1.5E-3}), or null when it is no number or has more
     * than {@value #MAX_DIGITS} digits before or after the point (no amount does).
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
        int integerDigits = 0;
        int fractionDigits = 0;
        boolean leading = true;
        for (; i < length; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits = true;
                if (point) {
                    fractionDigits++;
                } else if (c != '0' || !leading) {
                    leading = false;
                    integerDigits++;
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return withExponent(s);
            }
        }
        if (!digits || integerDigits > MAX_DIGITS || fractionDigits > MAX_DIGITS) {
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
            long integerDigits = (long) number.precision() - number.scale();
            return integerDigits > MAX_DIGITS || number.scale() > MAX_DIGITS ? null : number.toPlainString();
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * An instant from {@code YYYY-MM-DD}, optionally followed by {@code T} or a space and
     * {@code HH:MM[:SS[.fraction]]}, optionally followed by {@code Z}, {@code UTC} or an offset
     * {@code ±HH[:MM]}. Without a zone the time is UTC. Null when the value is none of these.
     * Computed with plain arithmetic: this runs for every row of every import.
     */
    static Instant instant(String value) {
        String s = value.strip();
        int length = s.length();
        if (length < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 7);
        int day = number(s, 8, 10);
        if (!validDate(year, month, day)) {
            return null;
        }
        long seconds = epochDay(year, month, day) * 86_400L;
        if (length == 10) {
            return Instant.ofEpochSecond(seconds);
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
            if (length < 19) {
                return null;
            }
            second = number(s, 17, 19);
            i = 19;
            if (i < length && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                int start = ++i;
                while (i < length && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == start || i - start > 9) {
                    return null;
                }
                nanos = number(s, start, i);
                for (int k = i - start; k < 9; k++) {
                    nanos *= 10;
                }
            }
        }
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int offset = offsetSeconds(s, i, length);
        if (offset == Integer.MIN_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(seconds + hour * 3600L + minute * 60L + second - offset, nanos);
    }

    private static boolean validDate(int year, int month, int day) {
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int days = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
    static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    /** The zone suffix from {@code from}: none, Z, UTC or ±HH[:MM] / ±HHMM, as seconds east of UTC. */
    private static int offsetSeconds(String s, int from, int length) {
        int i = from;
        while (i < length && s.charAt(i) == ' ') {
            i++;
        }
        int rest = length - i;
        if (rest == 0) {
            return 0;
        }
        char c = s.charAt(i);
        if (rest == 1 && (c == 'Z' || c == 'z')) {
            return 0;
        }
        if (rest == 3 && s.regionMatches(true, i, "UTC", 0, 3)) {
            return 0;
        }
        if (rest == 3 && s.regionMatches(true, i, "MSK", 0, 3)) {
            return 3 * 3600; // Moscow time, UTC+3 since 2014
        }
        if ((c != '+' && c != '-') || (rest != 3 && rest != 5 && rest != 6)) {
            return Integer.MIN_VALUE;
        }
        int hours = number(s, i + 1, i + 3);
        int minutes = 0;
        if (rest == 5) {
            minutes = number(s, i + 3, i + 5);
        } else if (rest == 6) {
            if (s.charAt(i + 3) != ':') {
                return Integer.MIN_VALUE;
            }
            minutes = number(s, i + 4, i + 6);
        }
        if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return c == '-' ? -seconds : seconds;
    }

    /** A calendar day {@code YYYY-MM-DD}, or null. */
    static LocalDate date(String value) {
        String s = value.strip();
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 7);
        int day = number(s, 8, 10);
        return validDate(year, month, day) ? LocalDate.of(year, month, day) : null;
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
