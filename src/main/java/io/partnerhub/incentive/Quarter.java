package io.partnerhub.incentive;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.partnerhub.shared.RuleViolation;

/**
 * A calendar quarter, written {@code 2026-Q2}: the co-marketing budget is counted per quarter of the event date,
 * bonus codes per quarter of the day they are issued; the portal names a quarter the same way.
 */
public record Quarter(int year, int number) {

    static final String FORMAT = "\\d{4}-Q[1-4]";
    private static final Pattern TEXT = Pattern.compile("(\\d{4})-Q([1-4])");

    public static Quarter of(LocalDate day) {
        return new Quarter(day.getYear(), (day.getMonthValue() + 2) / 3);
    }

    public static Quarter parse(String field, String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw RuleViolation.of(field, "a quarter is written like 2026-Q2, not '" + text + "'");
        }
        return new Quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public LocalDate firstDay() {
        return LocalDate.of(year, (number - 1) * 3 + 1, 1);
    }

    public Quarter previous() {
        return number == 1 ? new Quarter(year - 1, 4) : new Quarter(year, number - 1);
    }

    public Quarter next() {
        return number == 4 ? new Quarter(year + 1, 1) : new Quarter(year, number + 1);
    }

    @Override
    public String toString() {
        return year + "-Q" + number;
    }
}
