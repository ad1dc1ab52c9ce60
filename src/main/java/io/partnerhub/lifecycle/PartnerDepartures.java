package io.partnerhub.lifecycle;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnerhub.customer.Customers;
import io.partnerhub.deal.Deals;
import io.partnerhub.event.Events;
import io.partnerhub.partner.PartnerLeaving;
import io.partnerhub.partner.Partners;
import io.partnerhub.shared.BeforeClose;
import io.partnerhub.shared.DailyTask;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.Phrase;

/**
 * A partner's exit or revocation taking effect, once per partner (row in {@code partner_departure}):
 * every link still holding on the end date ends that day, its deals and project registrations
 * are released, its open link requests are withdrawn, and the {@code partner.exited} or
 * {@code partner.revocation-effective} event is recorded. Runs as the daily task
 * {@code partner-exits} for everything due on or before the day, before a month's close for
 * everything due by the month's last day (so the close never depends on the night's run), and at
 * once when an operator revokes a partner from today or earlier.
 */
@Component
class PartnerDepartures implements PartnerLeaving, DailyTask, BeforeClose {

    private static final Logger log = LoggerFactory.getLogger(PartnerDepartures.class);
    private static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Customers customers;
    private final Deals deals;
    private final Events events;
    private final TransactionTemplate transactions;

    PartnerDepartures(JdbcClient jdbc, Partners partners, Customers customers, Deals deals, Events events,
                      TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.customers = customers;
        this.deals = deals;
        this.events = events;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "partner-exits";
    }

    /** Each partner due in a transaction of its own: one that fails is logged and left for the next run. */
    @Override
    public List<String> runFor(LocalDate day) {
        List<String> changes = new ArrayList<>();
        for (long partnerId : dueBy(day)) {
            try {
                transactions.execute(status -> takeEffectNow(SYSTEM, partnerId)).ifPresent(changes::add);
            } catch (RuntimeException e) {
                log.error("The end of partner {} could not take effect", partnerId, e);
                changes.add("Partner " + partnerId + ": its end could not take effect (" + e.getMessage()
                        + "); the next run tries again");
            }
        }
        return changes;
    }

    /** In the close's transaction: a failure stops the close, which is then not half done. */
    @Override
    public void beforeClose(YearMonth month) {
        dueBy(month.atEndOfMonth()).forEach(partnerId -> takeEffectNow(SYSTEM, partnerId));
    }

    @Override
    public void takeEffect(String actor, long partnerId) {
        takeEffectNow(actor, partnerId);
    }

    /** Partners whose end date is on or before {@code day} and whose end has not taken effect. */
    private List<Long> dueBy(LocalDate day) {
        return jdbc.sql("""
                        select p.partner_id from partner_ending_view p
                         where least(p.exit_date, p.revoked_on) <= :day
                           and not exists (select 1 from partner_departure d where d.partner_id = p.partner_id)
                         order by p.partner_id""")
                .param("day", day).query(Long.class).list();
    }

    private record Ending(LocalDate exitDate, LocalDate givenOn, LocalDate revokedOn, String reason) {

        LocalDate on() {
            return revokedOn != null && (exitDate == null || revokedOn.isBefore(exitDate)) ? revokedOn : exitDate;
        }

        boolean revoked() {
            return on() != null && on().equals(revokedOn);
        }

        /** Why the partner's deals are released, worded by the deal bundles (deals.reason.PARTNER_*). */
        Phrase why() {
            return revoked() ? Phrase.of("deals.reason.PARTNER_REVOKED", reason)
                    : Phrase.of("deals.reason.PARTNER_EXITED", givenOn);
        }
    }

    /**
     * Carries out the partner's end if it is due and has not taken effect; the sentence saying
     * what it did, or empty. Takes the period lock before the partner's row, in the order a close
     * and a withdrawal take them.
     */
    private Optional<String> takeEffectNow(String actor, long partnerId) {
        jdbc.sql(PeriodLocks.SHARED).query().listOfRows();
        partners.lock(partnerId);
        boolean done = jdbc.sql("select count(*) from partner_departure where partner_id = :id").param("id", partnerId)
                .query(Integer.class).single() > 0;
        Optional<Ending> ending = jdbc.sql("""
                        select exit_date, given_on, revoked_on, revocation_reason from partner_ending_view
                         where partner_id = :id""")
                .param("id", partnerId)
                .query((rs, row) -> new Ending(rs.getObject("exit_date", LocalDate.class),
                        rs.getObject("given_on", LocalDate.class), rs.getObject("revoked_on", LocalDate.class),
                        rs.getString("revocation_reason")))
                .optional().filter(e -> e.on() != null);
        if (done || ending.isEmpty()) {
            return Optional.empty();
        }
        LocalDate on = ending.get().on();
        Phrase because = ending.get().why();
        String why = Deals.english(because);
        Customers.Release released = customers.releaseCustomersOf(actor, partnerId, on, why);
        int dealsReleased = deals.releaseClaimsOf(actor, partnerId, on, because).size();
        String cause = ending.get().revoked() ? "REVOCATION" : "EXIT";
        jdbc.sql("""
                        insert into partner_departure (partner_id, left_on, cause, links_ended, deals_released,
                                                       requests_cancelled, recorded_by)
                        values (:partner, :on, :cause, :links, :deals, :requests, :by)""")
                .param("partner", partnerId).param("on", on).param("cause", cause)
                .param("links", released.linksEnded().size()).param("deals", dealsReleased)
                .param("requests", released.requestsCancelled()).param("by", actor).update();
        String summary = "Partner " + partnerId + (ending.get().revoked() ? "'s revocation took effect on " : " left the program on ")
                + on + ": " + released.linksEnded().size() + " link(s) ended, " + dealsReleased + " deal(s) released, "
                + released.requestsCancelled() + " link request(s) withdrawn";
        events.record(actor, partnerId, ending.get().revoked() ? "partner.revocation-effective" : "partner.exited",
                "partner/" + partnerId, summary, Map.of("on", on, "cause", cause, "reason", why,
                        "linksEnded", released.linksEnded().size(), "dealsReleased", dealsReleased,
                        "requestsCancelled", released.requestsCancelled()));
        return Optional.of(summary);
    }
}
