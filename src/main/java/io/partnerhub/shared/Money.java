package io.partnerhub.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An exact amount in one currency. Arithmetic refuses mixed currencies and never rounds; the one
 * place that rounds is {@link #rounded()}, half-up to 0.01, applied to each statement line.
 */
public record Money(BigDecimal amount, String currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be three capital letters: " + currency);
        }
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** This amount times a percentage (e.g. 27 for 27 %), exact: not rounded. */
    public Money percent(BigDecimal percent) {
        return new Money(amount.multiply(percent).movePointLeft(2), currency);
    }

    /**
     * This amount shared into {@code parts} equal parts (an average over months): the one division
     * of the engine, carried to ten places half-up, far below what the statement rounding of any
     * line computed from it can see.
     */
    public Money dividedBy(int parts) {
        return new Money(amount.divide(BigDecimal.valueOf(parts), 10, RoundingMode.HALF_UP), currency);
    }

    /**
     * The part of this gross amount that a rate on the net amount makes (the VAT a price includes):
     * gross × percent / (100 + percent), half-up to 0.01 as the statement rounding.
     */
    public Money includedShare(BigDecimal percent) {
        return new Money(amount.multiply(percent).divide(percent.add(BigDecimal.valueOf(100)), 2, RoundingMode.HALF_UP),
                currency);
    }

    /** A stored amount of at most two places (a sum of numeric(19,2) values) as money: padded, never rounded. */
    public static Money stored(BigDecimal amount, String currency) {
        return new Money(amount.setScale(2, RoundingMode.UNNECESSARY), currency);
    }

    /** The statement rounding: half-up to 0.01 of the currency. */
    public Money rounded() {
        return new Money(amount.setScale(2, RoundingMode.HALF_UP), currency);
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && currency.equals(m.currency) && amount.compareTo(m.amount) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount.stripTrailingZeros(), currency);
    }

    /** The API's form of an amount: a decimal string with two places. */
    public String toDecimalString() {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * An amount with at most two places (stored as money, or checked so on input) written the API's
     * way, "28100.00": padding only, never a rounding (more places throw).
     */
    public static String twoPlaces(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /** The least amount of whole cents not below this one: a threshold a refusal names, which then always passes. */
    public Money roundedUp() {
        return new Money(amount.setScale(2, RoundingMode.CEILING), currency);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " with " + other.currency);
        }
        return other;
    }
}
