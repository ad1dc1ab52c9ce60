package io.partnerhub.settlement;

import io.partnerhub.shared.Money;

import java.math.BigDecimal;

/** How amounts and rates read in explanations: "50 000.00", "27 %". */
final class Wording {

    private Wording() {
    }

    /** The amount as a statement line shows it: rounded the statement's way, grouped by thousands. */
    static String amount(Money money) {
        String plain = money.rounded().amount().toPlainString();
        boolean negative = plain.startsWith("-");
        int point = plain.indexOf('.');
        String whole = plain.substring(negative ? 1 : 0, point);
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
        return out.append(plain, point, plain.length()).toString();
    }

    static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString() + " %";
    }
}
