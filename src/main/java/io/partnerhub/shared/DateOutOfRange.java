package io.partnerhub.shared;

/** A date that is not {@code YYYY-MM-DD} from 1900-01-01 to 2999-12-31. */
public class DateOutOfRange extends InputOutOfRange {
    public DateOutOfRange(String field, String text) {
        super(field, Shown.quoted(text), PeriodInput.expectedDate());
    }
}
