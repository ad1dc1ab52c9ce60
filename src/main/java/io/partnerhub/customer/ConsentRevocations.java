package io.partnerhub.customer;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;

/**
 * A customer withdrawing its consent to a partner's link (in a program that requires consent): an
 * operator records it on the customer's word, and the link ends that day, like any link's end (never
 * in a closed month). The partner's open requests for the customer are withdrawn too.
 */
@Service
class ConsentRevocations {

    private final JdbcClient jdbc;
    private final Links links;
    private final LinkRequests requests;
    private final Customers customers;
    private final Partners partners;
    private final ClosedPeriods closedPeriods;
    private final Events events;

    ConsentRevocations(JdbcClient jdbc, Links links, LinkRequests requests, Customers customers, Partners partners,
                       ClosedPeriods closedPeriods, Events events) {
        this.jdbc = jdbc;
        this.links = links;
        this.requests = requests;
        this.customers = customers;
        this.partners = partners;
        this.closedPeriods = closedPeriods;
        this.events = events;
    }

    record Revocation(long id, long customerId, long partnerId, LocalDate on, String reason, Link link) {
    }

    @Transactional
    Revocation revoke(Caller caller, long customerId, LocalDate on, String reason) {
        caller.requireOperator("record a customer's revoked consent");
        if (!customers.exists(customerId)) {
            throw new NotFound("customer", customerId);
        }
        Link link = links.on(customerId, on).orElseThrow(() -> RuleViolation.of("on", "customer " + customerId
                + " is linked to no partner on " + on + "; there is no consent to revoke"));
        Partner partner = partners.find(caller, link.partnerId());
        if (!customers.consentRequired(partner, on)) {
            throw RuleViolation.of("on", "the terms of partner " + partner.id() + "'s program on " + on
                    + " do not require the customer's consent; end the link instead");
        }
        if (!on.isAfter(link.from())) {
            throw RuleViolation.of("on", "link " + link.id() + " starts on " + link.from() + "; consent revoked on its first day"
                    + " leaves nothing of it: end or correct the link instead");
        }
        closedPeriods.refuseDayIn("on", on);
        String why = "the customer revoked its consent: " + reason.strip();
        Link ended = links.end(caller.name(), link, on, why);
        long id = jdbc.sql("""
                        insert into consent_revocation (customer_id, partner_id, link_id, revoked_on, reason, created_by)
                        values (:customer, :partner, :link, :on, :reason, :by) returning id""")
                .param("customer", customerId).param("partner", partner.id()).param("link", link.id())
                .param("on", on).param("reason", reason.strip()).param("by", caller.name())
                .query(Long.class).single();
        events.record(caller.name(), partner.id(), "consent.revoked", "customer/" + customerId, "Customer "
                        + customerId + " revoked its consent to partner " + partner.id() + "; link " + link.id()
                        + " ends on " + on,
                Map.of("customerId", customerId, "linkId", link.id(), "on", on, "reason", reason.strip()));
        requests.cancelOpen(caller.name(), partner.id(), customerId, "the customer revoked its consent");
        return new Revocation(id, customerId, partner.id(), on, reason.strip(), ended);
    }
}
