package io.partnerhub.whitelabel;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * What a partner earns on each customer in a closed month: revenue at its prices (the invoice's
 * subtotal, VAT left out) against its cost from its own statement (the customer's list cost less the
 * partner's discount and what the provider paid for it: bonus money, grants, credits, a trial, a free
 * month).
 */
@Component
public class Margins {

    private final JdbcClient jdbc;
    private final Partners partners;

    Margins(JdbcClient jdbc, Partners partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    public record Margin(long customerId, String customerName, String revenue, String cost, String margin) {
    }

    public List<Margin> of(Caller caller, long partnerId, YearMonth period) {
        partners.find(caller, partnerId);
        return jdbc.sql("""
                        with revenue as (
                            select customer_id, subtotal from customer_invoice where partner_id = :partner and period = :period),
                        cost as (
                            select customer_id,
                                   sum(case when kind = 'LIST_COST' then amount
                                            when kind in ('DISCOUNT', 'PROVIDER_PAID', 'TRIAL', 'FREE_MONTH') then -amount
                                            else 0 end) as cost
                              from settlement_statement_line_view
                             where partner_id = :partner and period = :period and customer_id is not null
                             group by customer_id)
                        select coalesce(r.customer_id, c.customer_id) as customer_id, n.name,
                               coalesce(r.subtotal, 0) as revenue, coalesce(c.cost, 0) as cost
                          from revenue r full join cost c on c.customer_id = r.customer_id
                          join customer_name_view n on n.customer_id = coalesce(r.customer_id, c.customer_id)
                         order by n.name, 1""")
                .param("partner", partnerId).param("period", period.atDay(1))
                .query((rs, i) -> {
                    BigDecimal revenue = rs.getBigDecimal("revenue");
                    BigDecimal cost = rs.getBigDecimal("cost");
                    return new Margin(rs.getLong("customer_id"), rs.getString("name"), revenue.toPlainString(),
                            cost.toPlainString(), revenue.subtract(cost).toPlainString());
                }).list();
    }
}
