package io.partnerhub.shared;

import tools.jackson.core.JacksonException;

/** The path of a JSON or YAML parsing error, as {@code versions[0].rates[1].percent}. */
public final class JsonPaths {

    private JsonPaths() {
    }

    /** The path the error occurred at, or empty when it concerns the whole document. */
    public static String of(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
