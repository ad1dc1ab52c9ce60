package io.partnerhub.settlement.rules;

import io.partnerhub.program.Settlement;
import io.partnerhub.shared.Money;

import java.util.List;

/**
 * A statement's totals, each a sum of its lines (API.md). {@code payable} is what the partner owes
 * for models that buy from the provider: list cost less discount, bonus and what provider money
 * paid; for reward models it is zero. {@code balancePayout} is the rebate balance a partner's final
 * statement pays out to its bank account; it does not change the payable.
 */
public record Totals(Money listCost, Money eligibleCost, Money discount, Money reward, Money rebate, Money bonus,
                     Money providerPaid, Money payable, Money balancePayout) {

    public static Totals of(List<StatementLine> lines, Settlement settlement, String currency) {
        Money list = sum(lines, StatementLine.Kind.LIST_COST, currency);
        Money discount = sum(lines, StatementLine.Kind.DISCOUNT, currency);
        Money bonus = sum(lines, StatementLine.Kind.BONUS, currency);
        Money providerPaid = sum(lines, StatementLine.Kind.PROVIDER_PAID, currency);
        Money payable = settlement == Settlement.DISCOUNT
                ? list.minus(discount).minus(bonus).minus(providerPaid) : Money.zero(currency).rounded();
        return new Totals(list, list.plus(sum(lines, StatementLine.Kind.EXCLUSION, currency)), discount,
                sum(lines, StatementLine.Kind.REWARD, currency), sum(lines, StatementLine.Kind.REBATE, currency),
                bonus, providerPaid, payable, sum(lines, StatementLine.Kind.BALANCE_PAYOUT, currency));
    }

    static Money sum(List<StatementLine> lines, StatementLine.Kind kind, String currency) {
        Money total = Money.zero(currency).rounded();
        for (StatementLine line : lines) {
            if (line.kind() == kind) {
                total = total.plus(line.amount());
            }
        }
        return total;
    }
}
