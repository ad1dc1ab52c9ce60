package io.partnerhub.usage;

import java.util.Locale;
import java.util.Optional;

/** How an import's rows join what was stored before (API.md, "Restated exports"). */
public enum ImportMode {
    /** The rows add to what was stored. */
    ADD,
    /** The rows replace what was stored for the same days of the same billing accounts. */
    RESTATE;

    /** The mode a request names ({@code add} or {@code restate}, any case). */
    public static Optional<ImportMode> byId(String id) {
        for (ImportMode mode : values()) {
            if (mode.name().equalsIgnoreCase(id)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
