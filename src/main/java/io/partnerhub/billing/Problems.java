package io.partnerhub.billing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.partnerhub.billing.BankStatementInvalid.Problem;

/** The problems of one file as they are found: the first {@value #LISTED} in full, the rest counted. */
final class Problems {

    static final int LISTED = 1000;

    private final List<Problem> listed = new ArrayList<>();
    private int count;

    void add(int line, String field, String message) {
        count++;
        if (listed.size() < LISTED) {
            listed.add(new Problem(line, field, message));
        }
    }

    boolean any() {
        return count > 0;
    }

    /** Throws the problems found, if any, in line order (found order within a line). */
    void throwIfAny() {
        if (any()) {
            List<Problem> sorted = new ArrayList<>(listed);
            sorted.sort(Comparator.comparingInt(Problem::line));
            throw new BankStatementInvalid(sorted, count);
        }
    }

    static String quoted(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }
}
