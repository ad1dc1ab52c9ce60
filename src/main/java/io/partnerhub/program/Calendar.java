package io.partnerhub.program;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import java.util.TreeSet;

/** Working days of a program, for deadlines counted in business days. */
public record Calendar(Set<DayOfWeek> weekend, Set<LocalDate> holidays) {

    public Calendar {
        weekend = weekend == null ? null : new TreeSet<>(weekend);
        holidays = holidays == null ? null : new TreeSet<>(holidays);
    }

    public boolean isBusinessDay(LocalDate day) {
        return !weekend.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The day {@code days} business days after {@code start}. */
    public LocalDate plusBusinessDays(LocalDate start, int days) {
        LocalDate day = start;
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
