package io.partnerhub.settlement;

import io.partnerhub.shared.Money;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** How amounts and rates read in explanations: "50 000.00", "27 %". */
final class Wording {

    private Wording() {
    }

    /** The amount as a statement line shows it: rounded the statement's way, grouped by thousands. */
    static String amount(Money money) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(' ');
        return new DecimalFormat("#,##0.00", symbols).format(money.rounded().amount());
    }

    static String percent(BigDecimal rate) {
        return rate.stripTrailingZeros().toPlainString() + " %";
    }
}
