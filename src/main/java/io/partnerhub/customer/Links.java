package io.partnerhub.customer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.RuleViolation;

/**
 * The {@code customer_link} rows and the rules every link keeps, however it comes about (an
 * operator, a partner, a customer's confirmation, a transfer, a partner leaving): inside the
 * partner's membership, half-open, one partner at a time, never dated in a closed month.
 * Callers hold a transaction.
 */
@Component
class Links {

    private final JdbcClient jdbc;
    private final ClosedPeriods closedPeriods;
    private final Events events;

    Links(JdbcClient jdbc, ClosedPeriods closedPeriods, Events events) {
        this.jdbc = jdbc;
        this.closedPeriods = closedPeriods;
        this.events = events;
    }

    /** What a new link says besides its partner, customer and interval. */
    record Terms(String referralReward, LocalDate consentObtainedOn, Long requestId) {
    }

    /** Checks a new link against every rule short of storing it; {@link #insert} checks again. */
    void refuseInvalid(Partner partner, long customerId, LocalDate from, LocalDate to) {
        refuseInvalid(partner, customerId, from, to, null);
    }

    /** Like {@link #refuseInvalid(Partner, long, LocalDate, LocalDate)}, except for a link about to end on {@code from}. */
    void refuseInvalid(Partner partner, long customerId, LocalDate from, LocalDate to, Link ending) {
        refuseOutsideMembership(partner, from, "from");
        if (to != null && !to.isAfter(from)) {
            throw RuleViolation.of("to", "must be after from (" + from + "); links are half-open: to is the first day not linked");
        }
        refuseOverlap(customerId, from, to, ending == null ? null : ending.id());
        closedPeriods.refuseDayIn("from", from);
        if (to != null) {
            closedPeriods.refuseDayIn("to", to);
        }
    }

    /**
     * Links the customer to the partner from {@code from} (until {@code to}, exclusive, if given).
     * A customer linked to a partner for any day of that interval is refused, naming the holder.
     */
    Link insert(String actor, Partner partner, long customerId, LocalDate from, LocalDate to, Terms terms) {
        refuseInvalid(partner, customerId, from, to);
        try {
            long id = jdbc.sql("""
                            insert into customer_link (partner_id, customer_id, valid_from, valid_to, referral_reward,
                                                       consent_obtained_on, link_request_id, created_by)
                            values (:partner, :customer, :from, :to, :reward, :consent, :request, :by) returning id""")
                    .param("partner", partner.id()).param("customer", customerId).param("from", from).param("to", to)
                    .param("reward", terms.referralReward() == null ? "MONTHLY" : terms.referralReward())
                    .param("consent", terms.consentObtainedOn()).param("request", terms.requestId()).param("by", actor)
                    .query(Long.class).single();
            return find(id).orElseThrow();
        } catch (DataIntegrityViolationException raced) {
            throw new Conflict("Customer " + customerId + " was linked to another partner for part of that interval"
                    + " while this link was being made; a customer belongs to one partner at a time.");
        }
    }

    /**
     * Ends a link: {@code to} is the first day the customer no longer belongs to the partner. Never
     * later than it already ends, never on or before its start, never in a closed month. Records
     * the {@code link.ended} event with the reason.
     */
    Link end(String actor, Link link, LocalDate to, String reason) {
        if (link.to() != null && !link.to().isAfter(to)) {
            throw new Conflict("Link " + link.id() + " already ends on " + link.to() + ".");
        }
        if (!to.isAfter(link.from())) {
            throw RuleViolation.of("to", "must be after the link's start " + link.from());
        }
        closedPeriods.refuseDayIn("to", to);
        jdbc.sql("update customer_link set valid_to = :to where id = :id").param("to", to).param("id", link.id()).update();
        Link ended = new Link(link.id(), link.partnerId(), link.customerId(), link.from(), to, link.referralReward(),
                link.consentObtainedOn());
        recordEnded(actor, ended, reason);
        return ended;
    }

    /**
     * Ends every link of the partner that still holds on {@code on} (the partner leaves that day),
     * and removes the links that would only have started then or later: they never took effect.
     * Returns the links ended (as they are now) and removed.
     */
    List<Link> endAllOf(String actor, long partnerId, LocalDate on, String reason) {
        closedPeriods.refuseDayIn("to", on);
        List<Link> ended = jdbc.sql("""
                        update customer_link set valid_to = :on
                         where partner_id = :partner and valid_from < :on and (valid_to is null or valid_to > :on)
                        returning *""")
                .param("on", on).param("partner", partnerId).query(Links::link).list();
        List<Link> removed = jdbc.sql("delete from customer_link where partner_id = :partner and valid_from >= :on returning *")
                .param("on", on).param("partner", partnerId).query(Links::link).list();
        ended.forEach(link -> recordEnded(actor, link, reason));
        for (Link link : removed) {
            events.record(actor, partnerId, "link.ended", "link/" + link.id(), "Link " + link.id() + " of customer "
                            + link.customerId() + " from " + link.from() + " is removed: it would have started on or after "
                            + on + " (" + reason + ")",
                    Map.of("customerId", link.customerId(), "linkId", link.id(), "from", link.from(), "to", on,
                            "removed", true, "reason", reason));
        }
        List<Link> all = new ArrayList<>(ended);
        all.addAll(removed);
        return all;
    }

    private void recordEnded(String actor, Link link, String reason) {
        events.record(actor, link.partnerId(), "link.ended", "link/" + link.id(), "Link " + link.id() + " of customer "
                        + link.customerId() + " ends on " + link.to() + ": " + reason,
                Map.of("customerId", link.customerId(), "linkId", link.id(), "from", link.from(), "to", link.to(),
                        "reason", reason));
    }

    Optional<Link> find(long id) {
        return jdbc.sql("select * from customer_link where id = :id").param("id", id).query(Links::link).optional();
    }

    /** The link, locked until the transaction ends, if it is the partner's. */
    Optional<Link> lock(long id, long partnerId) {
        return jdbc.sql("select * from customer_link where id = :id and partner_id = :partner for update")
                .param("id", id).param("partner", partnerId).query(Links::link).optional();
    }

    /** The customer's links, oldest first. */
    List<Link> ofCustomer(long customerId) {
        return jdbc.sql("select * from customer_link where customer_id = :customer order by valid_from")
                .param("customer", customerId).query(Links::link).list();
    }

    /** The link covering {@code day}, if the customer belongs to a partner that day. */
    Optional<Link> on(long customerId, LocalDate day) {
        return ofCustomer(customerId).stream().filter(l -> l.covers(day)).findFirst();
    }

    /** The partner's links, newest first. */
    List<Link> ofPartner(long partnerId) {
        return jdbc.sql("select * from customer_link where partner_id = :partner order by valid_from desc, id desc")
                .param("partner", partnerId).query(Links::link).list();
    }

    /** Refuses a link of the partner starting on {@code from} outside its membership; {@code field} names the day. */
    void refuseOutsideMembership(Partner partner, LocalDate from, String field) {
        if (from.isBefore(partner.contractDate())) {
            throw RuleViolation.of(field, "partner " + partner.id() + " joined on " + partner.contractDate()
                    + "; a link cannot start before that");
        }
        partner.refuseNewClaimsIfGone("new customers");
        LocalDate end = partner.revokedOn() != null ? partner.revokedOn() : partner.exitDate();
        if (end != null && !from.isBefore(end)) {
            throw RuleViolation.of(field, "partner " + partner.id() + " leaves the program on " + end);
        }
    }

    private void refuseOverlap(long customerId, LocalDate from, LocalDate to, Long ignoring) {
        for (Link existing : ofCustomer(customerId)) {
            if (ignoring != null && existing.id() == ignoring) {
                continue;
            }
            boolean overlaps = (to == null || existing.from().isBefore(to))
                    && (existing.to() == null || from.isBefore(existing.to()));
            if (overlaps) {
                throw new CustomerLinkedElsewhere(customerId, existing.partnerId(), "Customer " + customerId
                        + " is linked to partner " + existing.partnerId()
                        + " from " + existing.from() + (existing.to() == null ? " with no end" : " until " + existing.to())
                        + "; a customer belongs to one partner at a time.");
            }
        }
    }

    static Link link(ResultSet rs, int row) throws SQLException {
        return new Link(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                rs.getString("referral_reward"), rs.getObject("consent_obtained_on", LocalDate.class));
    }
}
