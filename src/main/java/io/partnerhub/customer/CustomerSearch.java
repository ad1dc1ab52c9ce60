package io.partnerhub.customer;

import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.List;

/** A partner's customers found by text and by the state of their latest link on a day. */
@Service
public class CustomerSearch {

    /** ACTIVE: the latest link covers the day; ENDED: it ended on or before it; ALL: either, or not begun. */
    public enum LinkState { ACTIVE, ENDED, ALL }

    private final JdbcClient jdbc;
    private final Partners partners;

    CustomerSearch(JdbcClient jdbc, Partners partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /**
     * The partner's customers by name, each with its latest link to the partner, optionally those
     * whose name, tax id or account contains {@code query} (any case) and whose latest link is in
     * {@code state} on {@code day}; at most {@code limit} from {@code offset}.
     */
    public List<Customers.PartnerCustomer> find(Caller caller, long partnerId, String query, LinkState state,
                                                LocalDate day, int limit, int offset) {
        partners.find(caller, partnerId);
        String q = query == null || query.isBlank() ? null : query.strip();
        // the latest link per customer, as Customers#customersOfPartner reads it; the state filter
        // wraps it only when asked, so the unfiltered list keeps its plan (sorted, stopped at limit)
        String latest = """
                select distinct on (c.name, c.id) c.id, c.name, c.tax_id, c.account_id,
                       l.id as link_id, l.valid_from, l.valid_to
                  from customer_link l join customer c on c.id = l.customer_id
                 where l.partner_id = :partner
                   and (cast(:q as text) is null or c.name ilike '%' || :q || '%'
                        or c.tax_id like '%' || :q || '%' or c.account_id ilike '%' || :q || '%')
                 order by c.name, c.id, l.valid_from desc""";
        String sql = switch (state) {
            case ALL -> latest + "\n limit :limit offset :offset";
            case ACTIVE -> "select * from (" + latest + ") latest where valid_from <= :day"
                    + " and (valid_to is null or valid_to > :day) order by name, id limit :limit offset :offset";
            case ENDED -> "select * from (" + latest + ") latest where valid_to <= :day"
                    + " order by name, id limit :limit offset :offset";
        };
        JdbcClient.StatementSpec spec = jdbc.sql(sql);
        if (state != LinkState.ALL) {
            spec = spec.param("day", day);
        }
        return spec
                .param("partner", partnerId).param("q", q).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Customers.PartnerCustomer(rs.getLong("id"), rs.getString("name"),
                        rs.getString("tax_id"), rs.getString("account_id"), rs.getLong("link_id"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)))
                .list();
    }
}
