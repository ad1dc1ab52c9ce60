package io.partnerhub.settlement.rules;

import io.partnerhub.program.Settlement;
import io.partnerhub.shared.Money;

import java.util.List;

/**
 * A statement's totals, each a sum of its lines (API.md). {@code payable} is what the partner owes
 * for models that buy from the provider: list cost less discount, bonus and what provider money
 * paid; for reward models it is zero. {@code balancePayout} is the rebate balance a partner's final
 * statement pays out to its bank account; it does not change the payable. Consumption a trial, a free
 * month or the sandbox paid (docs/incentives.md) is in the list cost, outside the eligible cost and
 * the payable; one-off bonuses paid out count in the reward.
 */
public record Totals(Money listCost, Money eligibleCost, Money discount, Money reward, Money rebate, Money bonus,
                     Money providerPaid, Money payable, Money balancePayout) {

    public static Totals of(List<StatementLine> lines, Settlement settlement, String currency) {
        Money list = sum(lines, StatementLine.Kind.LIST_COST, currency);
        Money discount = sum(lines, StatementLine.Kind.DISCOUNT, currency);
        Money bonus = sum(lines, StatementLine.Kind.BONUS, currency);
        Money providerPaid = sum(lines, StatementLine.Kind.PROVIDER_PAID, currency);
        Money incentivesPaid = sum(lines, StatementLine.Kind.TRIAL, currency)
                .plus(sum(lines, StatementLine.Kind.FREE_MONTH, currency))
                .plus(sum(lines, StatementLine.Kind.SANDBOX, currency));
        Money payable = settlement == Settlement.DISCOUNT
                ? list.minus(discount).minus(bonus).minus(providerPaid).minus(incentivesPaid) : Money.zero(currency).rounded();
        return new Totals(list, list.plus(sum(lines, StatementLine.Kind.EXCLUSION, currency)).minus(incentivesPaid),
                discount, sum(lines, StatementLine.Kind.REWARD, currency)
                .plus(sum(lines, StatementLine.Kind.BONUS_PAYMENT, currency)), sum(lines, StatementLine.Kind.REBATE, currency),
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
