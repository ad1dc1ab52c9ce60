package io.partnerhub.shared;

/**
 * A client's value quoted in an error message: at most {@value #MAX} characters, the rest cut
 * with "…", so a 10 MB field never comes back in the answer (or the log).
 */
public final class Shown {

    public static final int MAX = 100;

    private Shown() {
    }

    /** {@code 'value'}, cut to {@value #MAX} characters. */
    public static String quoted(Object value) {
        return "'" + cut(String.valueOf(value)) + "'";
    }

    public static String cut(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX) + "…";
    }
}
