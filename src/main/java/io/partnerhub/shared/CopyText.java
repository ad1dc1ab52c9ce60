package io.partnerhub.shared;

/** Values in PostgreSQL's COPY text format, for the writers that stream rows into a COPY. */
public final class CopyText {

    private CopyText() {
    }

    /** Appends {@code text} with backslash, tab, newline and carriage return escaped. */
    public static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
