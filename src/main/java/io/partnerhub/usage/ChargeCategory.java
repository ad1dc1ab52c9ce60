package io.partnerhub.usage;

import java.util.Locale;

/** FOCUS ChargeCategory. Usage, Purchase and Adjustment are consumption; Credit is provider money; Tax is outside. */
public enum ChargeCategory {
    USAGE, PURCHASE, ADJUSTMENT, CREDIT, TAX;

    /** The category named case-insensitively, or null when the text names none. */
    static ChargeCategory parse(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "USAGE" -> USAGE;
            case "PURCHASE" -> PURCHASE;
            case "ADJUSTMENT" -> ADJUSTMENT;
            case "CREDIT" -> CREDIT;
            case "TAX" -> TAX;
            default -> null;
        };
    }
}
