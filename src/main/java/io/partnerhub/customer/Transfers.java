package io.partnerhub.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.RuleViolation;

/**
 * A customer moving from the partner holding it to another partner, or to direct service, on a
 * day: the current link ends that day and the new one starts that day (links are half-open, so the
 * month's close splits the month between them by day). Both links stay, and so does the transfer.
 * Callers hold a transaction and have the customer's consent: stated by an operator, or given
 * through a confirmation link.
 */
@Service
class Transfers {

    private final JdbcClient jdbc;
    private final Links links;
    private final ClosedPeriods closedPeriods;
    private final Events events;

    Transfers(JdbcClient jdbc, Links links, ClosedPeriods closedPeriods, Events events) {
        this.jdbc = jdbc;
        this.links = links;
        this.closedPeriods = closedPeriods;
        this.events = events;
    }

    /**
     * A transfer as stored.
     *
     * @param toPartnerId null: to direct service
     * @param newLink     the receiving partner's link, null for direct service
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transfer(long id, long customerId, long fromPartnerId, Long toPartnerId, LocalDate on,
                    LocalDate consentObtainedOn, Long linkRequestId, Link endedLink, Link newLink, Instant createdAt,
                    String createdBy) {
    }

    /**
     * Refuses what would stop the customer moving to {@code to} (null: direct service) on {@code on}:
     * it must be linked to another partner that day, by a link that started before, in an open
     * month; the receiving partner must be in the program then. Returns the current link.
     */
    Link refuseInvalid(Partner to, long customerId, LocalDate on) {
        if (to != null) {
            links.refuseOutsideMembership(to, on, "on");
        }
        Link current = links.on(customerId, on).orElseThrow(() -> RuleViolation.of("on", "customer " + customerId
                + " is linked to no partner on " + on + "; link it to a partner instead of transferring it"));
        if (to != null && current.partnerId() == to.id()) {
            throw new Conflict("Customer " + customerId + " is already linked to partner " + to.id() + " on " + on + ".");
        }
        if (!on.isAfter(current.from())) {
            throw RuleViolation.of("on", "the current link starts on " + current.from()
                    + "; a transfer is on a later day (end or replace that link instead)");
        }
        closedPeriods.refuseDayIn("on", on);
        if (to != null) {
            links.refuseInvalid(to, customerId, on, null, current);
        }
        return current;
    }

    /** Moves the customer from the partner holding it on {@code on} to {@code to} (null: direct service). */
    Transfer move(String actor, long customerId, Partner to, LocalDate on, Links.Terms terms) {
        Link current = refuseInvalid(to, customerId, on);
        String why = to == null ? "transferred to direct service" : "transferred to another partner";
        Link ended = links.end(actor, current, on, why);
        Link started = to == null ? null : links.insert(actor, to, current.customerId(), on, null, terms);
        LocalDate stated = terms.requestId() == null ? terms.consentObtainedOn() : null;
        long id = jdbc.sql("""
                        insert into customer_transfer (customer_id, from_partner_id, from_link_id, to_partner_id, to_link_id,
                                                       transferred_on, consent_obtained_on, link_request_id, created_by)
                        values (:customer, :from, :fromLink, :to, :toLink, :on, :consent, :request, :by)
                        returning id""")
                .param("customer", current.customerId()).param("from", current.partnerId())
                .param("fromLink", current.id()).param("to", to == null ? null : to.id())
                .param("toLink", started == null ? null : started.id()).param("on", on).param("consent", stated)
                .param("request", terms.requestId()).param("by", actor)
                .query(Long.class).single();
        Map<String, Object> data = new HashMap<>(Map.of("transferId", id, "customerId", current.customerId(), "on", on,
                "direction", "OUT", "endedLinkId", current.id()));
        events.record(actor, current.partnerId(), "customer.transferred", "customer/" + current.customerId(),
                "Customer " + current.customerId() + " " + why + " on " + on + "; link " + current.id() + " ends then",
                data);
        if (to != null) {
            events.record(actor, to.id(), "customer.transferred", "customer/" + current.customerId(),
                    "Customer " + current.customerId() + " transferred to partner " + to.id() + " from another partner on "
                            + on + " (link " + started.id() + ")",
                    Map.of("transferId", id, "customerId", current.customerId(), "on", on, "direction", "IN",
                            "newLinkId", started.id()));
        }
        return find(id).orElseThrow();
    }

    /** The customer's transfers, oldest first. */
    List<Transfer> ofCustomer(long customerId) {
        return jdbc.sql("select id from customer_transfer where customer_id = :customer order by id")
                .param("customer", customerId).query(Long.class).list().stream()
                .map(id -> find(id).orElseThrow()).toList();
    }

    private Optional<Transfer> find(long id) {
        return jdbc.sql("select * from customer_transfer where id = :id").param("id", id)
                .query((rs, row) -> {
                    Long toLink = (Long) rs.getObject("to_link_id");
                    return new Transfer(rs.getLong("id"), rs.getLong("customer_id"), rs.getLong("from_partner_id"),
                            (Long) rs.getObject("to_partner_id"), rs.getObject("transferred_on", LocalDate.class),
                            rs.getObject("consent_obtained_on", LocalDate.class), (Long) rs.getObject("link_request_id"),
                            links.find(rs.getLong("from_link_id")).orElse(null),
                            toLink == null ? null : links.find(toLink).orElse(null),
                            rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"));
                })
                .optional();
    }
}
