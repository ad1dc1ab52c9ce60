package io.partnerhub.settlement;

import io.partnerhub.settlement.rules.PartnerMonth.DealFact;
import io.partnerhub.settlement.rules.PartnerMonth.PresaleFact;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the deal desk recorded for a period: the approved deals in force in it and the technical presales completed. */
final class DealsInMonth {

    private final NamedParameterJdbcTemplate named;

    DealsInMonth(NamedParameterJdbcTemplate named) {
        this.named = named;
    }

    Map<Long, List<DealFact>> deals(MapSqlParameterSource p) {
        Map<Long, List<DealFact>> deals = new HashMap<>();
        named.query("""
                select d.deal_id, d.partner_id, c.customer_id, d.registered_on, d.extra_discount_percent, d.ended_on
                  from deal_discount_view d join customer_tax_id_view c on c.tax_id = d.customer_tax_id
                 where d.registered_on <= :end and (d.ended_on is null or d.ended_on > :start)
                 order by d.deal_id, c.customer_id""", p, rs -> {
            deals.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>()).add(new DealFact(
                    rs.getLong("deal_id"), rs.getLong("customer_id"), MonthFacts.date(rs, "registered_on"),
                    rs.getBigDecimal("extra_discount_percent"), MonthFacts.date(rs, "ended_on")));
        });
        return deals;
    }

    Map<Long, List<PresaleFact>> presales(MapSqlParameterSource p) {
        Map<Long, List<PresaleFact>> presales = new HashMap<>();
        named.query("""
                select presale_id, partner_id, title, completed_on from deal_presale_view
                 where technical and completed_on between :start and :end order by presale_id""", p, rs -> {
            presales.computeIfAbsent(rs.getLong("partner_id"), k -> new ArrayList<>())
                    .add(new PresaleFact(rs.getLong("presale_id"), rs.getString("title"),
                            MonthFacts.date(rs, "completed_on")));
        });
        return presales;
    }
}
