package io.partnerhub.usage;

import java.util.ArrayList;
import java.util.List;

/** The bad lines of a file: the first {@value #LISTED} in full, the rest counted. */
final class ImportProblems {

    static final int LISTED = 1000;

    /** One bad value: the file's line (1 is the header), the column, and what is wrong. */
    record Problem(long line, String column, String message) {
    }

    private final List<Problem> listed = new ArrayList<>();
    private long count;
    private long badRows;
    private long lastBadLine = -1;

    void add(long line, String column, String message) {
        count++;
        if (line != lastBadLine) {
            badRows++;
            lastBadLine = line;
        }
        if (listed.size() < LISTED) {
            listed.add(new Problem(line, column, message));
        }
    }

    boolean any() {
        return count > 0;
    }

    List<Problem> listed() {
        return List.copyOf(listed);
    }

    /** How many problems there are in all, listed or not. */
    long count() {
        return count;
    }

    /** How many rows have at least one problem. */
    long badRows() {
        return badRows;
    }
}
