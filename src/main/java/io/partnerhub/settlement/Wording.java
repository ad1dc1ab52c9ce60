package io.partnerhub.settlement;

import io.partnerhub.shared.Amounts;
import io.partnerhub.shared.Money;

import java.math.BigDecimal;

/** How amounts and rates read in explanations: "50 000.00", "27 %". */
final class Wording {

    private Wording() {
    }

    /** The amount as a statement line shows it: rounded the statement's way, grouped by thousands. */
    static String amount(Money money) {
        return Amounts.grouped(money.rounded().amount());
    }

    static String percent(BigDecimal rate) {
        return Amounts.percent(rate);
    }
}
