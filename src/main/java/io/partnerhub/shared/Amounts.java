package io.partnerhub.shared;

import java.math.BigDecimal;

/** How amounts and rates read to a person, on statements and pages alike: "50 000.00", "27 %". */
public final class Amounts {

    private Amounts() {
    }

    /** The amount with its places as they are and thousands apart: "-1 234 567.80". */
    public static String grouped(BigDecimal amount) {
        String plain = amount.toPlainString();
        boolean negative = plain.startsWith("-");
        int point = plain.indexOf('.');
        String whole = plain.substring(negative ? 1 : 0, point < 0 ? plain.length() : point);
        StringBuilder out = new StringBuilder(plain.length() + whole.length() / 3 + 1);
        if (negative) {
            out.append('-');
        }
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                out.append(' ');
            }
            out.append(whole.charAt(i));
        }
        return point < 0 ? out.toString() : out.append(plain, point, plain.length()).toString();
    }

    /** "27 %": the rate without trailing zeros. */
    public static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString() + " %";
    }
}
