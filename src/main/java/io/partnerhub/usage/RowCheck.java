package io.partnerhub.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;

import de.siegmar.fastcsv.reader.CsvRecord;

/** Reads the fields of one CSV row, recording every bad value with its line and column. */
final class RowCheck {

    private final CsvRecord record;
    private final long line;
    private final CsvColumns header;
    private final ImportProblems problems;
    private boolean ok = true;

    RowCheck(CsvRecord record, long line, CsvColumns header, ImportProblems problems) {
        this.record = record;
        this.line = line;
        this.header = header;
        this.problems = problems;
    }

    boolean ok() {
        return ok;
    }

    boolean absent(int column) {
        return Values.absent(CsvColumns.value(record, column));
    }

    String text(int column, boolean required) {
        String value = CsvColumns.value(record, column);
        if (Values.absent(value)) {
            if (required) {
                fail(column, "is required");
            }
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            fail(column, "contains a NUL character");
            return null;
        }
        return value.strip();
    }

    String decimal(int column, boolean required) {
        String value = text(column, required);
        if (value == null) {
            return null;
        }
        String decimal = Values.decimal(value);
        if (decimal == null) {
            fail(column, "'" + shortened(value) + (isNumber(value)
                    ? "' has more than " + Values.MAX_DIGITS + " digits before or after the point"
                    : "' is not a decimal number"));
        }
        return decimal;
    }

    Instant instant(int column, boolean required) {
        String value = text(column, required);
        if (value == null) {
            return null;
        }
        Instant instant = Values.instant(value);
        if (instant == null) {
            fail(column, "'" + shortened(value) + "' is not a date-time (YYYY-MM-DD[THH:MM:SS][zone])");
        }
        return instant;
    }

    LocalDate date(int column, boolean required) {
        String value = text(column, required);
        if (value == null) {
            return null;
        }
        LocalDate date = Values.date(value);
        if (date == null) {
            fail(column, "'" + shortened(value) + "' is not a date (YYYY-MM-DD)");
        }
        return date;
    }

    ChargeCategory category(int column) {
        String value = text(column, true);
        if (value == null) {
            return null;
        }
        ChargeCategory category = ChargeCategory.parse(value);
        if (category == null) {
            fail(column, "'" + shortened(value) + "' is not a charge category (Usage, Purchase, Adjustment, Credit, Tax)");
        }
        return category;
    }

    FundingSource funding(int column) {
        String value = text(column, false);
        if (value == null) {
            return FundingSource.MONEY;
        }
        FundingSource funding = FundingSource.parse(value);
        if (funding == null) {
            fail(column, "'" + shortened(value) + "' is not a funding source (MONEY, BONUS, GRANT)");
        }
        return funding;
    }

    String currency(int column, ImportContext context) {
        String value = text(column, true);
        if (value == null) {
            return null;
        }
        String code = value.toUpperCase(Locale.ROOT);
        if (!context.currencies().contains(code)) {
            fail(column, "'" + shortened(value) + "' is not a currency any program settles in " + context.currencies());
            return null;
        }
        return code;
    }

    /** The period, if it may still take usage: not closed, not before the earliest, not in the future. */
    YearMonth period(YearMonth period, int column, ImportContext context) {
        if (period.isBefore(context.earliest())) {
            fail(column, "period " + period + " is before " + context.earliest() + ", the earliest period kept");
        } else if (period.isAfter(context.latest())) {
            fail(column, "period " + period + " is in the future");
        } else if (context.closedPeriods().contains(period)) {
            if (context.restate()) {
                // a restated day of a closed period corrects it in the next open one (API.md, "Restated exports")
                YearMonth open = context.openPeriodAfter(period).orElse(null);
                if (open == null) {
                    fail(column, "period " + period + " is closed and no later period is open to take its correction");
                }
                return open;
            }
            fail(column, "period " + period + " is closed; a late correction belongs in an open period");
        }
        return period;
    }

    void fail(int column, String message) {
        ok = false;
        problems.add(line, column < 0 ? "(row)" : header.name(column).strip(), message);
    }

    private static boolean isNumber(String value) {
        try {
            new java.math.BigDecimal(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
