package io.partnerhub.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;

/** Customers and their links to partners. The public API of the customer feature. */
@Service
public class Customers {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ClosedPeriods closedPeriods;

    Customers(JdbcClient jdbc, Partners partners, ClosedPeriods closedPeriods) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.closedPeriods = closedPeriods;
    }

    /** Records a customer; an account id is one customer's, so a second one is a conflict naming it. */
    @Transactional
    public Customer create(Caller caller, String name, String taxId, String accountId) {
        String account = accountId.strip();
        jdbc.sql("select id from customer where account_id = :account").param("account", account)
                .query(Long.class).optional().ifPresent(existing -> {
                    throw new Conflict("Account " + account + " already belongs to customer " + existing + ".");
                });
        partners.ownerOfAccount(account).ifPresent(owner -> {
            throw new Conflict("Account " + account + " is a partner's own account, not a customer's.");
        });
        long id = jdbc.sql("""
                        insert into customer (name, tax_id, account_id, created_by, created_by_partner_id)
                        values (:name, :taxId, :account, :by, :partner) returning id""")
                .param("name", name.strip()).param("taxId", taxId.strip()).param("account", account)
                .param("by", caller.name()).param("partner", caller.partnerId())
                .query(Long.class).single();
        return find(caller, id);
    }

    /**
     * The customer, if the caller may see it: operators see all; a partner sees customers it
     * recorded or has been linked to, and only its own links.
     */
    public Customer find(Caller caller, long id) {
        Customer customer = jdbc.sql("select * from customer where id = :id").param("id", id)
                .query((rs, row) -> customer(rs, List.of())).optional()
                .orElseThrow(() -> new NotFound("customer", id));
        List<Link> links = linksOf(id).stream().filter(l -> caller.sees(l.partnerId())).toList();
        if (!caller.isOperator() && links.isEmpty() && !recordedBy(caller, id)) {
            throw new NotFound("customer", id);
        }
        return new Customer(customer.id(), customer.name(), customer.taxId(), customer.accountId(),
                customer.createdAt(), links);
    }

    /** Whether a customer with this id exists, whoever may see it. */
    public boolean exists(long id) {
        return jdbc.sql("select count(*) from customer where id = :id").param("id", id).query(Integer.class).single() > 0;
    }

    /** The link covering {@code day}, if the customer belongs to a partner that day. */
    public Optional<Link> linkOn(long customerId, LocalDate day) {
        return linksOf(customerId).stream().filter(l -> l.covers(day)).findFirst();
    }

    /**
     * Links the customer to the partner from {@code from} (until {@code to}, exclusive, if given).
     * A customer already linked to a partner for any day of that interval is refused, naming the holder.
     */
    @Transactional
    public Link link(Caller caller, long partnerId, long customerId, LocalDate from, LocalDate to, String referralReward) {
        Partner partner = partners.find(caller, partnerId);
        if (!exists(customerId)) {
            throw new NotFound("customer", customerId);
        }
        refuseOutsideMembership(partner, from, to);
        if (to != null && !to.isAfter(from)) {
            throw RuleViolation.of("to", "must be after from (" + from + "); links are half-open: to is the first day not linked");
        }
        refuseOverlap(customerId, from, to);
        closedPeriods.refuseDayIn("from", from);
        if (to != null) {
            closedPeriods.refuseDayIn("to", to);
        }
        try {
            long id = jdbc.sql("""
                            insert into customer_link (partner_id, customer_id, valid_from, valid_to, referral_reward, created_by)
                            values (:partner, :customer, :from, :to, :reward, :by) returning id""")
                    .param("partner", partnerId).param("customer", customerId).param("from", from).param("to", to)
                    .param("reward", referralReward == null ? "MONTHLY" : referralReward).param("by", caller.name())
                    .query(Long.class).single();
            return linksOf(customerId).stream().filter(l -> l.id() == id).findFirst().orElseThrow();
        } catch (DataIntegrityViolationException raced) {
            throw new Conflict("Customer " + customerId + " was linked to another partner for part of that interval"
                    + " while this link was being made; a customer belongs to one partner at a time.");
        }
    }

    /** Ends a link: {@code to} is the first day the customer no longer belongs to the partner. */
    @Transactional
    public Link endLink(Caller caller, long partnerId, long linkId, LocalDate to) {
        partners.find(caller, partnerId);
        Link link = jdbc.sql("select * from customer_link where id = :id and partner_id = :partner for update")
                .param("id", linkId).param("partner", partnerId).query(Customers::link).optional()
                .orElseThrow(() -> new NotFound("link", linkId));
        if (link.to() != null && !link.to().isAfter(to)) {
            throw new Conflict("Link " + linkId + " already ends on " + link.to() + ".");
        }
        if (!to.isAfter(link.from())) {
            throw RuleViolation.of("to", "must be after the link's start " + link.from());
        }
        closedPeriods.refuseDayIn("to", to);
        jdbc.sql("update customer_link set valid_to = :to where id = :id").param("to", to).param("id", linkId).update();
        return new Link(link.id(), link.partnerId(), link.customerId(), link.from(), to, link.referralReward());
    }

    /** The partner's links, newest first. */
    public List<Link> linksOfPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from customer_link where partner_id = :partner order by valid_from desc, id desc")
                .param("partner", partnerId).query(Customers::link).list();
    }

    /** One of a partner's customers with the link that made it so (the latest one). */
    public record PartnerCustomer(long customerId, String name, String taxId, String accountId, long linkId,
                                  LocalDate from, LocalDate to) {

        public boolean linkedOn(LocalDate day) {
            return !day.isBefore(from) && (to == null || day.isBefore(to));
        }
    }

    /**
     * The partner's customers, by name, optionally those whose name, tax id or account contains
     * {@code query} (any case); at most {@code limit} from {@code offset}.
     */
    public List<PartnerCustomer> customersOfPartner(Caller caller, long partnerId, String query, int limit,
                                                   int offset) {
        partners.find(caller, partnerId);
        String q = query == null || query.isBlank() ? null : query.strip();
        return jdbc.sql("""
                        select distinct on (c.name, c.id) c.id, c.name, c.tax_id, c.account_id,
                               l.id as link_id, l.valid_from, l.valid_to
                          from customer_link l join customer c on c.id = l.customer_id
                         where l.partner_id = :partner
                           and (cast(:q as text) is null or c.name ilike '%' || :q || '%'
                                or c.tax_id like '%' || :q || '%' or c.account_id ilike '%' || :q || '%')
                         order by c.name, c.id, l.valid_from desc
                         limit :limit offset :offset""")
                .param("partner", partnerId).param("q", q).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new PartnerCustomer(rs.getLong("id"), rs.getString("name"), rs.getString("tax_id"),
                        rs.getString("account_id"), rs.getLong("link_id"), rs.getObject("valid_from", LocalDate.class),
                        rs.getObject("valid_to", LocalDate.class)))
                .list();
    }

    private void refuseOutsideMembership(Partner partner, LocalDate from, LocalDate to) {
        if (from.isBefore(partner.contractDate())) {
            throw RuleViolation.of("from", "partner " + partner.id() + " joined on " + partner.contractDate()
                    + "; a link cannot start before that");
        }
        partner.refuseNewClaimsIfGone("new customers");
        LocalDate end = partner.revokedOn() != null ? partner.revokedOn() : partner.exitDate();
        if (end != null && !from.isBefore(end)) {
            throw RuleViolation.of("from", "partner " + partner.id() + " leaves the program on " + end);
        }
    }

    private void refuseOverlap(long customerId, LocalDate from, LocalDate to) {
        for (Link existing : linksOf(customerId)) {
            boolean overlaps = (to == null || existing.from().isBefore(to))
                    && (existing.to() == null || from.isBefore(existing.to()));
            if (overlaps) {
                throw new Conflict("Customer " + customerId + " is linked to partner " + existing.partnerId()
                        + " from " + existing.from() + (existing.to() == null ? " with no end" : " until " + existing.to())
                        + "; a customer belongs to one partner at a time.");
            }
        }
    }

    private boolean recordedBy(Caller caller, long customerId) {
        return jdbc.sql("select count(*) from customer where id = :id and created_by_partner_id = :partner")
                .param("id", customerId).param("partner", caller.partnerId()).query(Integer.class).single() > 0;
    }

    private List<Link> linksOf(long customerId) {
        return jdbc.sql("select * from customer_link where customer_id = :customer order by valid_from")
                .param("customer", customerId).query(Customers::link).list();
    }

    private static Link link(ResultSet rs, int row) throws SQLException {
        return new Link(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                rs.getString("referral_reward"));
    }

    private static Customer customer(ResultSet rs, List<Link> links) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("name"), rs.getString("tax_id"),
                rs.getString("account_id"), rs.getTimestamp("created_at").toInstant(), links);
    }
}
