package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.PartnerMonth.BonusWithdrawal;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the rebate ledger holds for a period: withdrawals to Bonus for it, and the balances of partners leaving. */
final class LedgerInMonth {

    private final NamedParameterJdbcTemplate named;

    LedgerInMonth(NamedParameterJdbcTemplate named) {
        this.named = named;
    }

    Map<Long, List<BonusWithdrawal>> bonusWithdrawals(MapSqlParameterSource p) {
        Map<Long, List<BonusWithdrawal>> bonus = new HashMap<>();
        named.query("""
                select entry_id, partner_id, -amount as amount from ledger_entry_view
                 where kind = 'WITHDRAWAL' and destination = 'BONUS' and period = :start order by entry_id""", p, rs -> {
            bonus.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>())
                    .add(new BonusWithdrawal(rs.getLong("entry_id"), rs.getBigDecimal("amount")));
        });
        return bonus;
    }

    /**
     * The rebate balance of every partner whose last month this is (its exit or revocation falls
     * in the month or on the next month's first day), for the final statement to pay out. Bonus
     * withdrawn for a later month, and what was returned of it, do not count: no statement will
     * apply it, so the final payout returns it first.
     */
    Map<Long, BigDecimal> leavingBalances(YearMonth period) {
        Map<Long, BigDecimal> balances = new HashMap<>();
        named.query("""
                select e.partner_id, sum(e.amount) as balance
                  from ledger_entry_view e
                  join ledger_entry_view w on w.entry_id = coalesce(e.corrects, e.entry_id)
                 where e.partner_id in (select x.partner_id from partner_ending_view x
                                         where least(x.exit_date, x.revoked_on) > :start
                                           and least(x.exit_date, x.revoked_on) <= :next)
                   and not (w.kind = 'WITHDRAWAL' and w.destination = 'BONUS' and w.period > :start)
                 group by e.partner_id""",
                new MapSqlParameterSource("start", period.atDay(1)).addValue("next", period.plusMonths(1).atDay(1)),
                rs -> {
                    balances.put(rs.getLong("partner_id"), rs.getBigDecimal("balance"));
                });
        return balances;
    }
}
