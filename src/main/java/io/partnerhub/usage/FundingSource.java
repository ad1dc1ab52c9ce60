package io.partnerhub.usage;

import java.util.Locale;

/** Who paid for a row ({@code x_FundingSource}): the customer's money, or the provider's bonus money or grant. */
public enum FundingSource {
    MONEY, BONUS, GRANT;

    static FundingSource parse(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "MONEY" -> MONEY;
            case "BONUS" -> BONUS;
            case "GRANT" -> GRANT;
            default -> null;
        };
    }
}
