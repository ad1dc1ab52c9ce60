package io.partnerhub.incentive;

import io.partnerhub.customer.Customers;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A customer's trial of the services, paid by the provider (Oblakoteka: 14 days under a Basic
 * partner, until the operator ends it under a Professional one). One trial per customer, ever. The
 * close books the customer's consumption of the trial's days as a TRIAL line.
 */
@Service
public class Trials {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Customers customers;
    private final IncentiveTerms terms;
    private final IncentiveEvents events;
    private final ClosedPeriods closedPeriods;
    private final Today today;

    Trials(JdbcClient jdbc, Partners partners, Customers customers, IncentiveTerms terms, IncentiveEvents events,
           ClosedPeriods closedPeriods, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.customers = customers;
        this.terms = terms;
        this.events = events;
        this.closedPeriods = closedPeriods;
        this.today = today;
    }

    /** {@code from} to {@code to}, both included; {@code to} null while it runs until the operator ends it. */
    public record Trial(long id, long partnerId, long customerId, LocalDate from, LocalDate to) {

        public boolean running(LocalDate day) {
            return !day.isBefore(from) && (to == null || !day.isAfter(to));
        }
    }

    /**
     * Starts the customer's trial under the partner on {@code from} (default today; only an operator
     * dates it earlier): its length by the partner's tier today.
     */
    @Transactional
    public Trial start(Caller caller, long customerId, long partnerId, LocalDate from) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("trials");
        customers.find(caller, customerId);
        LocalDate day = from == null ? today.date() : from;
        if (!caller.isOperator() && day.isBefore(today.date())) {
            throw terms.refusal("from", "incentive.notBackdated", today.date());
        }
        IncentiveRule.Trial rule = terms.require(partner, IncentiveRule.Trial.class, today.date());
        closedPeriods.refuseDayIn("from", day);
        if (customers.linkOn(customerId, day).filter(link -> link.partnerId() == partnerId).isEmpty()) {
            throw terms.refusal("customerId", "incentive.notLinked", customerId, partnerId, day);
        }
        Integer days = rule.daysByTier() == null ? null : rule.daysByTier().get(partner.tier());
        boolean untilEnded = rule.untilEndedTiers() != null && rule.untilEndedTiers().contains(partner.tier());
        if (days == null && !untilEnded) {
            throw terms.refusal("partnerId", "trial.noTrialForTier", String.valueOf(partner.tier()));
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('trial:' || :customer, 0))").param("customer", customerId)
                .query().listOfRows();
        of(customerId).ifPresent(earlier -> {
            throw terms.conflict("trial.oncePerCustomer", customerId, earlier.id(), earlier.from(), earlier.partnerId());
        });
        LocalDate to = days == null ? null : day.plusDays(days - 1);
        long id = jdbc.sql("""
                        insert into trial (partner_id, customer_id, valid_from, valid_to, started_by)
                        values (:partner, :customer, :from, :to, :by) returning id""")
                .param("partner", partnerId).param("customer", customerId).param("from", day).param("to", to)
                .param("by", caller.name()).query(Long.class).single();
        events.record(caller.name(), partnerId, IncentiveEvents.Type.TRIAL_STARTED, "trial/" + id,
                "Trial #" + id + " of customer " + customerId + " from " + day
                        + (to == null ? " until the operator ends it" : " to " + to + " (" + days + " days)"),
                IncentiveEvents.data("customerId", customerId, "from", day, "to", to, "tier", partner.tier()));
        return find(id);
    }

    /** The operator ends a running trial: {@code on} is its last day (default today). */
    @Transactional
    public Trial end(Caller caller, long customerId, long trialId, LocalDate on) {
        caller.requireOperator("end trials");
        Trial trial = jdbc.sql("select * from trial where id = :id and customer_id = :customer for update")
                .param("id", trialId).param("customer", customerId).query(Trials::trial).optional()
                .orElseThrow(() -> new NotFound("trial", trialId));
        if (trial.to() != null) {
            throw terms.conflict("trial.endedAlready", trialId, trial.to());
        }
        LocalDate day = on == null ? today.date() : on;
        if (day.isBefore(trial.from())) {
            throw terms.refusal("on", "trial.endsAfterStart", trial.from());
        }
        closedPeriods.refuseDayIn("on", day);
        jdbc.sql("update trial set valid_to = :to, ended_by = :by where id = :id").param("to", day)
                .param("by", caller.name()).param("id", trialId).update();
        events.record(caller.name(), trial.partnerId(), IncentiveEvents.Type.TRIAL_ENDED, "trial/" + trialId,
                "Trial #" + trialId + " of customer " + customerId + " ends on " + day,
                IncentiveEvents.data("customerId", customerId, "to", day));
        return find(trialId);
    }

    /** The customer's trial, if it had one (the caller must see the customer). */
    public Optional<Trial> of(Caller caller, long customerId) {
        customers.find(caller, customerId);
        return of(customerId).filter(t -> caller.sees(t.partnerId()));
    }

    Optional<Trial> of(long customerId) {
        return jdbc.sql("select * from trial where customer_id = :customer").param("customer", customerId)
                .query(Trials::trial).optional();
    }

    /** The partner's trials, latest first. */
    public List<Trial> ofPartner(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from trial where partner_id = :partner order by valid_from desc, id desc")
                .param("partner", partnerId).query(Trials::trial).list();
    }

    /** Trials running today that only the operator ends (its queue), oldest first. */
    public List<Trial> runningUntilEnded(Caller caller) {
        caller.requireOperator("list running trials");
        return jdbc.sql("select * from trial where valid_to is null order by valid_from, id").query(Trials::trial).list();
    }

    private Trial find(long id) {
        return jdbc.sql("select * from trial where id = :id").param("id", id).query(Trials::trial).single();
    }

    private static Trial trial(ResultSet rs, int row) throws SQLException {
        return new Trial(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class));
    }
}
