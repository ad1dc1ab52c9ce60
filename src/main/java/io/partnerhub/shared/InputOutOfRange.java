package io.partnerhub.shared;

import java.util.List;

/**
 * A value that is not of the shape or in the range a field takes (422). The {@code detail} names the
 * field and what it takes; the client's value is quoted once, cut to {@value Shown#MAX}
 * characters, in the field's entry of {@code errors}.
 */
public abstract class InputOutOfRange extends RuleViolation {

    private final String field;
    private final String quoted;
    private final String expected;

    protected InputOutOfRange(String field, String quoted, String expected) {
        super(field + " must be " + expected, List.of(new FieldProblem(field, quoted + " is not " + expected)));
        this.field = field;
        this.quoted = quoted;
        this.expected = expected;
    }

    public String field() {
        return field;
    }

    /** What the field takes, e.g. "a period YYYY-MM from 2015-01 to 2027-12". */
    public String expected() {
        return expected;
    }

    /** The entry for the field in {@code errors}: the value quoted and what the field takes. */
    public String reason() {
        return quoted + " is not " + expected;
    }
}
