package io.partnerhub.settlement.rules;

import io.partnerhub.shared.Money;
import io.partnerhub.shared.Reason;

import java.math.BigDecimal;
import java.time.YearMonth;

/**
 * One explained line of a statement. Amounts are rounded (half-up to 0.01) when the line is made,
 * never later: totals are sums of lines.
 *
 * @param customerId null for lines about the partner itself (own consumption, rebates, bonus)
 * @param base       what a rate was applied to, null where none was
 * @param rate       the percentage applied, null where none was
 * @param corrects   the closed period a correction line corrects, null for ordinary lines
 * @param reason     why the line is what it is: a code and its arguments, put in words by {@code shared.ReasonText}
 */
public record StatementLine(Kind kind, Long customerId, Money base, BigDecimal rate, Money amount, YearMonth corrects,
                            Reason reason) {

    /** What a line adds to: each kind feeds one total of the statement. */
    public enum Kind {
        /** Consumption at list: feeds listCost. */
        LIST_COST,
        /** The part of the list cost that is not eligible (negative): listCost plus these is eligibleCost. */
        EXCLUSION,
        DISCOUNT,
        REWARD,
        REBATE,
        /** Rebate balance applied to this period's payable. */
        BONUS,
        /** What bonus money, grants and credits paid: reduces the payable. */
        PROVIDER_PAID,
        /** The rebate balance paid out to the bank account by a partner's final statement: feeds balancePayout. */
        BALANCE_PAYOUT,
        /** Consumption during a customer's trial, paid by the provider: outside eligibleCost and payable. */
        TRIAL,
        /** Consumption of a customer's chosen resources in a free month, paid by the provider: likewise. */
        FREE_MONTH,
        /** Consumption of the partner's sandbox machine while it is free, paid by the provider: likewise. */
        SANDBOX,
        /** A one-off bonus paid out (case study, Telegram comment, sales manager): feeds reward. */
        BONUS_PAYMENT
    }

    public static StatementLine of(Kind kind, Long customerId, Money amount, Reason reason) {
        return new StatementLine(kind, customerId, null, null, amount.rounded(), null, reason);
    }

    /** A line of {@code rate} percent of {@code base}: the base is rounded first, so a reader can recompute it. */
    public static StatementLine rated(Kind kind, Long customerId, Money base, BigDecimal rate, Reason reason) {
        Money roundedBase = base.rounded();
        return new StatementLine(kind, customerId, roundedBase, rate.stripTrailingZeros(),
                roundedBase.percent(rate).rounded(), null, reason);
    }

    public StatementLine correcting(YearMonth period) {
        return new StatementLine(kind, customerId, base, rate, amount, period, reason);
    }

    /** The same line explained by {@code other}: a correction wraps the reason of the line it corrects. */
    StatementLine because(YearMonth period, Reason other) {
        return new StatementLine(kind, customerId, base, rate, amount, period, other);
    }
}
