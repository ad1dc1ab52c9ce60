package io.partnerhub.usage;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * The billing month of an instant in the programs' zone, found by binary search over precomputed
 * month starts instead of a time-zone conversion per row.
 */
final class Periods {

    private final YearMonth first;
    private final long[] starts;

    /** Month starts from the month before {@code earliest} to the month after {@code latest}. */
    Periods(ZoneId zone, YearMonth earliest, YearMonth latest) {
        this.first = earliest.minusMonths(1);
        int months = (int) (latest.getYear() * 12L + latest.getMonthValue() - first.getYear() * 12L - first.getMonthValue()) + 3;
        this.starts = new long[months];
        for (int i = 0; i < months; i++) {
            starts[i] = first.plusMonths(i).atDay(1).atStartOfDay(zone).toEpochSecond();
        }
    }

    /**
     * The month the instant falls in. Before the table's first month it answers that month, after
     * the last one the last month: either way outside [earliest, latest], so the row is refused.
     */
    YearMonth of(Instant instant) {
        int i = Arrays.binarySearch(starts, instant.getEpochSecond());
        int month = i >= 0 ? i : -i - 2;
        return first.plusMonths(Math.max(0, Math.min(month, starts.length - 1)));
    }
}
