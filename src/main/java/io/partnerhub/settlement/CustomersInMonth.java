package io.partnerhub.settlement;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The customers a period's links hold, beyond what the usage scan joins itself: the accounts one
 * partner's month may count, and when the customers of first-month referral links first consumed.
 */
final class CustomersInMonth {

    private final NamedParameterJdbcTemplate named;

    CustomersInMonth(NamedParameterJdbcTemplate named) {
        this.named = named;
    }

    /** The accounts whose usage may count for the partners {@code :only} (ids) in the period: their customers' and their own. */
    String[] accountsOf(MapSqlParameterSource p) {
        return named.queryForList("""
                select c.account_id
                  from customer_link_view l join customer_account_view c on c.customer_id = l.customer_id
                 where l.partner_id = any(:only) and l.valid_from <= :end and (l.valid_to is null or l.valid_to > :start)
                union
                select account_id from partner_account_view where partner_id = any(:only) and account_id is not null""",
                p, String.class).toArray(String[]::new);
    }

    /**
     * The accounts whose usage may count for the partners {@code :first..:last} in any period: those
     * of every customer ever linked to one of them, and their own. More than the period needs (a
     * link's days decide), never less, so a part of a shared close reads what the whole close would.
     */
    String[] accountsEverOf(MapSqlParameterSource p) {
        return named.queryForList("""
                select c.account_id
                  from customer_link_view l join customer_account_view c on c.customer_id = l.customer_id
                 where l.partner_id between :first and :last
                union
                select account_id from partner_account_view
                 where partner_id between :first and :last and account_id is not null""",
                p, String.class).toArray(String[]::new);
    }

    /**
     * The first day each customer of a first-month referral link in force in the period ever
     * consumed, from the days each account consumed (usage_consumption_day_view: bit d-1 is day d),
     * which the close's deal-expiry step brings up to date first. Usage rows have no index on the
     * account, so the summary is the only set-wise way to look at a customer's whole history.
     */
    Map<Long, LocalDate> firstConsumedOn(MapSqlParameterSource p) {
        Map<Long, LocalDate> first = new HashMap<>();
        named.query("""
                select l.customer_id, d.month, d.days
                  from (select distinct l.customer_id, c.account_id
                          from customer_link_view l join customer_account_view c on c.customer_id = l.customer_id
                         where l.referral_reward = 'FIRST_MONTH' and l.valid_from <= :end
                           and (l.valid_to is null or l.valid_to > :start)) l
                  join lateral (select d.month, d.days from usage_consumption_day_view d
                                 where d.account_id = l.account_id and d.days <> 0
                                 order by d.month limit 1) d on true""", p, rs -> {
            LocalDate month = rs.getObject("month", LocalDate.class);
            first.put(rs.getLong("customer_id"), month.plusDays(Integer.numberOfTrailingZeros(rs.getInt("days"))));
        });
        return first;
    }
}
