package io.partnerhub.billing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A bank statement that is not a readable 1C exchange file: every problem found, in line order, each
 * naming its line and its field (the key as the file spells it, a section marker, or {@code (file)}).
 * At most {@value Problems#LISTED} are listed; {@link #count()} says how many there are in all.
 */
public class BankStatementInvalid extends RuntimeException {

    /** One problem: the file's line (1 is {@code 1CClientBankExchange}), the field, and what is wrong. */
    public record Problem(int line, String field, String message) {

        @Override
        public String toString() {
            return "line " + line + ", " + field + ": " + message;
        }
    }

    private final List<Problem> problems;
    private final int count;

    BankStatementInvalid(List<Problem> problems, int count) {
        super(summary(problems, count));
        this.problems = List.copyOf(problems);
        this.count = count;
    }

    /** The problems, in line order. */
    public List<Problem> problems() {
        return problems;
    }

    /** How many problems the file has, listed or not. */
    public int count() {
        return count;
    }

    private static String summary(List<Problem> problems, int count) {
        return "The bank statement has " + count + (count == 1 ? " problem: " : " problems: ")
                + problems.stream().limit(5).map(Problem::toString).collect(Collectors.joining("; "))
                + (count > 5 ? "; …" : "");
    }
}
