package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.Statement;
import io.partnerhub.settlement.rules.StatementRules;
import io.partnerhub.settlement.rules.Totals;
import io.partnerhub.shared.Money;
import org.springframework.stereotype.Service;

import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A month not closed yet, settled for one partner with the usage imported so far: what the close
 * would give if the month ended now. Computed by the same rules as the close, never stored.
 */
@Service
class MonthSoFar {

    private final MonthFacts facts;

    MonthSoFar(MonthFacts facts) {
        this.facts = facts;
    }

    /** The partner's {@code month} so far; empty when the partner has no contract in that month. */
    Optional<Statement> settle(long partnerId, YearMonth month) {
        Statement[] settled = {null};
        settle(List.of(partnerId), month, statement -> settled[0] = statement);
        return Optional.ofNullable(settled[0]);
    }

    /**
     * Calls {@code each} with the {@code month} so far of each of the partners under contract in it,
     * in id order: their facts read once for all of them (a partner at a time would read the month's
     * other facts as many times).
     */
    void settle(Collection<Long> partnerIds, YearMonth month, Consumer<Statement> each) {
        facts.forPartners(month, partnerIds, partnerMonth -> each.accept(StatementRules.settle(partnerMonth)));
    }

    static Statements.Summary summary(Statement s) {
        return new Statements.Summary(s.period().toString(), s.model().name(), s.tier(), s.currency(), view(s.totals()));
    }

    private static Statements.TotalsView view(Totals totals) {
        return new Statements.TotalsView(text(totals.listCost()), text(totals.eligibleCost()), text(totals.discount()),
                text(totals.reward()), text(totals.rebate()), text(totals.bonus()), text(totals.payable()),
                text(totals.balancePayout()));
    }

    private static String text(Money money) {
        return money.toDecimalString();
    }
}
