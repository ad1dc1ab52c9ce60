package io.partnerhub.shared;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one place periods ({@code YYYY-MM}) and dates ({@code YYYY-MM-DD}) are read from a request:
 * path variables, query parameters, JSON bodies and portal forms all come here. A period is exactly
 * four digits, a dash and two, from the earliest period the platform keeps (2015-01 unless
 * {@code partnerhub.limits.earliest-period} says otherwise) to December of next year; a negative or
 * five-digit year never reaches the database, where it would become a BC date or a partition.
 */
@Component
public class PeriodInput {

    /** Dates lie in these years; a year 0001 or 10000 is a typing mistake, never a business date. */
    public static final LocalDate EARLIEST_DATE = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST_DATE = LocalDate.of(2999, 12, 31);

    private static final Pattern PERIOD = Pattern.compile("\\d{4}-\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Clock clock;
    private final YearMonth earliest;

    public PeriodInput(Clock clock, @Value("${partnerhub.limits.earliest-period:2015-01}") String earliest) {
        this.clock = clock;
        this.earliest = strictPeriod(earliest.strip());
        if (this.earliest == null) {
            throw new IllegalArgumentException("partnerhub.limits.earliest-period must be YYYY-MM: " + earliest);
        }
    }

    /** The period {@code text} names, or a refusal naming {@code field} and the accepted range. */
    public YearMonth period(String field, String text) {
        YearMonth period = text == null ? null : strictPeriod(text.strip());
        if (period == null || period.isBefore(earliest) || period.isAfter(latest())) {
            throw new PeriodOutOfRange(field, text, expectedPeriod());
        }
        return period;
    }

    /** Refuses a period that came from elsewhere (the command line, a stored form) outside the range. */
    public YearMonth require(String field, YearMonth period) {
        return period(field, period.toString());
    }

    /** What a period must look like, for messages: "a period YYYY-MM from 2015-01 to 2027-12". */
    public String expectedPeriod() {
        return "a period YYYY-MM from " + earliest + " to " + latest();
    }

    public YearMonth earliest() {
        return earliest;
    }

    /** December of next year: statements and withdrawals plan at most that far ahead. */
    public YearMonth latest() {
        return YearMonth.of(LocalDate.now(clock.withZone(Today.ZONE)).getYear() + 1, 12);
    }

    /** The date {@code text} names ({@code YYYY-MM-DD}, 1900-01-01 to 2999-12-31), or null. */
    public static LocalDate date(String text) {
        if (text == null || !DATE.matcher(text).matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return date.isBefore(EARLIEST_DATE) || date.isAfter(LATEST_DATE) ? null : date;
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The date a portal form field holds, refused like {@link LocalDate#parse} refuses (so a form's
     * existing handling applies) when it is not {@code YYYY-MM-DD} from 1900 to 2999.
     */
    public static LocalDate parseDate(String text) {
        LocalDate date = date(text);
        if (date == null) {
            throw new java.time.format.DateTimeParseException("not " + expectedDate(), String.valueOf(text), 0);
        }
        return date;
    }

    /** What a date must look like, for messages. */
    public static String expectedDate() {
        return "a date YYYY-MM-DD from " + EARLIEST_DATE + " to " + LATEST_DATE;
    }

    /** Exactly {@code YYYY-MM} with a month 01 to 12, or null; the range is checked by the caller. */
    public static YearMonth strictPeriod(String text) {
        if (text == null || !PERIOD.matcher(text).matches()) {
            return null;
        }
        int month = Integer.parseInt(text.substring(5));
        return month < 1 || month > 12 ? null : YearMonth.of(Integer.parseInt(text.substring(0, 4)), month);
    }
}
