package io.partnerhub.deal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The days one account consumed, as the summary {@code consumption_day} keeps them: per month of
 * the charge, bit d-1 set when day d had consumption.
 */
final class ConsumptionDays {

    static final ConsumptionDays NONE = new ConsumptionDays(Map.of());

    private final NavigableMap<YearMonth, Integer> months;

    ConsumptionDays(Map<YearMonth, Integer> months) {
        this.months = new TreeMap<>(months);
    }

    /** Builds one from days, for tests. */
    static ConsumptionDays of(LocalDate... days) {
        Map<YearMonth, Integer> months = new TreeMap<>();
        for (LocalDate day : days) {
            months.merge(YearMonth.from(day), 1 << (day.getDayOfMonth() - 1), (a, b) -> a | b);
        }
        return new ConsumptionDays(months);
    }

    boolean any() {
        return months.values().stream().anyMatch(days -> days != 0);
    }

    /** The first day with consumption from {@code from} on and before {@code until} (null: no end). */
    Optional<LocalDate> firstIn(LocalDate from, LocalDate until) {
        if (until != null && !from.isBefore(until)) {
            return Optional.empty();
        }
        for (Map.Entry<YearMonth, Integer> month : months.tailMap(YearMonth.from(from), true).entrySet()) {
            int days = month.getValue();
            for (int day = 1; days != 0 && day <= month.getKey().lengthOfMonth(); day++, days >>>= 1) {
                if ((days & 1) == 0) {
                    continue;
                }
                LocalDate date = month.getKey().atDay(day);
                if (until != null && !date.isBefore(until)) {
                    return Optional.empty();
                }
                if (!date.isBefore(from)) {
                    return Optional.of(date);
                }
            }
        }
        return Optional.empty();
    }

    /** The first day with consumption before {@code until}. */
    Optional<LocalDate> firstBefore(LocalDate until) {
        return months.isEmpty() ? Optional.empty() : firstIn(months.firstKey().atDay(1), until);
    }
}
