package io.partnerhub.shared;

/** A period that is not {@code YYYY-MM} within the range the platform keeps. */
public class PeriodOutOfRange extends InputOutOfRange {
    public PeriodOutOfRange(String field, String text, String expected) {
        super(field, Shown.quoted(text), expected);
    }
}
