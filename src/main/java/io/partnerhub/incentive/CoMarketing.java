package io.partnerhub.incentive;

import static io.partnerhub.incentive.IncentiveEvents.data;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.incentive.IncentiveEvents.Type;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Amounts;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/**
 * Joint marketing events (Oblakoteka, seed 002 footnote 5): the partner asks the provider to
 * co-fund an event; it is requested only if the partner funds at least the program's share of the
 * budget, and approved only while the provider's shares of the quarter's approved events stay
 * within the program's quarterly budget. Approvals of one program and quarter take turns (an
 * advisory lock), so two approvals never both spend the last of a budget.
 */
@Service
public class CoMarketing {

    /** PENDING → APPROVED or DECLINED, by an operator. */
    @Schema(name = "CoMarketingStatus")
    public enum Status { PENDING, APPROVED, DECLINED }

    /**
     * An event; amounts are decimal strings with two places.
     *
     * @param providerShare what the provider funds: {@code budget - partnerShare}
     * @param quarter       the calendar quarter of {@code date}, whose budget the provider's share counts against
     */
    public record CoMarketingEvent(long id, long partnerId, String programId, String title, LocalDate date,
                                   String budget, String partnerShare, String providerShare, String quarter,
                                   Status status, LocalDate requestedOn, LocalDate decidedOn, String declineReason) {
    }

    /** A quarter's provider budget of a program: what approved events spent, what pending ones ask, what is left. */
    public record Budget(String programId, String quarter, String budget, String approved, String pending, String left) {
    }

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Today today;
    private final IncentiveEvents events;
    private final IncentiveTerms terms;

    CoMarketing(JdbcClient jdbc, Partners partners, ProgramCatalog programs, Today today, IncentiveEvents events,
                IncentiveTerms terms) {
        this.terms = terms;
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.today = today;
        this.events = events;
    }

    /** The partner (its own token, or an operator) asks for an event co-funded by the provider. */
    @Transactional
    public CoMarketingEvent request(Caller caller, long partnerId, String title, LocalDate date, BigDecimal budget,
                                   BigDecimal partnerShare) {
        Partner partner = partners.find(caller, partnerId);
        String name = title.strip();
        if (partnerShare.compareTo(budget) > 0) {
            throw terms.refusal("partnerShare", "coMarketing.shareOverBudget", terms.amount(partner, partnerShare),
                    terms.amount(partner, budget));
        }
        String subject = "partner/" + partnerId;
        try {
            partner.refuseNewClaimsIfGone("co-marketing events");
        } catch (RuleViolation gone) {
            throw events.refused(caller.name(), partnerId, Type.CO_MARKETING_REFUSED, subject, gone, data("title", name));
        }
        IncentiveRule.CoMarketing rule = rule(partner, date).orElseThrow(() -> events.refused(caller.name(), partnerId,
                Type.CO_MARKETING_REFUSED, subject, notOffered(partner.programId()), data("title", name)));
        BigDecimal least = budget.multiply(rule.minPartnerSharePercent()).movePointLeft(2);
        if (partnerShare.compareTo(least) < 0) {
            throw events.refused(caller.name(), partnerId, Type.CO_MARKETING_REFUSED, subject,
                    terms.refusal("partnerShare", "coMarketing.partnerShareAtLeast",
                            Amounts.percent(rule.minPartnerSharePercent()),
                            terms.amount(partner, least).roundedUp(),
                            terms.amount(partner, partnerShare)),
                    data("title", name, "budget", money(budget), "partnerShare", money(partnerShare)));
        }
        Quarter quarter = Quarter.of(date);
        long id = jdbc.sql("""
                        insert into co_marketing_event (partner_id, program_id, title, event_date, budget, partner_share,
                                                        quarter, requested_by)
                        values (:partner, :program, :title, :date, :budget, :share, :quarter, :by) returning id""")
                .param("partner", partnerId).param("program", partner.programId()).param("title", name)
                .param("date", date).param("budget", budget).param("share", partnerShare)
                .param("quarter", quarter.firstDay()).param("by", caller.name()).query(Long.class).single();
        events.record(caller.name(), partnerId, Type.CO_MARKETING_REQUESTED, subject(id), "Co-marketing event '" + name
                        + "' on " + date + " requested: budget " + money(budget) + ", the partner funds "
                        + money(partnerShare) + ", the provider " + money(budget.subtract(partnerShare)),
                data("title", name, "date", date, "budget", money(budget), "partnerShare", money(partnerShare),
                        "quarter", quarter));
        return find(caller, id);
    }

    /**
     * The operator approves a pending event if the provider's share fits in what is left of the
     * quarter's budget; approvals of the same program and quarter wait for each other.
     */
    @Transactional
    public CoMarketingEvent approve(Caller caller, long id) {
        caller.requireOperator("approve co-marketing events");
        CoMarketingEvent unlocked = find(caller, id);
        jdbc.sql("select pg_advisory_xact_lock(hashtext('co_marketing_budget'), hashtext(:program || '/' || :quarter))")
                .param("program", unlocked.programId()).param("quarter", unlocked.quarter()).query().listOfRows();
        CoMarketingEvent event = pending(caller, id, "approved");
        Program program = programs.find(event.programId()).orElseThrow();
        IncentiveRule.CoMarketing rule = program.versionOn(event.date())
                .flatMap(terms -> terms.incentive(IncentiveRule.CoMarketing.class))
                .orElseThrow(() -> events.refused(caller.name(), event.partnerId(), Type.CO_MARKETING_REFUSED,
                        subject(id), notOffered(event.programId()), data("title", event.title())));
        BigDecimal approved = spent(event.programId(), event.quarter(), Status.APPROVED);
        BigDecimal left = rule.providerBudgetPerQuarter().subtract(approved);
        BigDecimal share = new BigDecimal(event.providerShare());
        if (share.compareTo(left) > 0) {
            throw events.refused(caller.name(), event.partnerId(), Type.CO_MARKETING_REFUSED, subject(id),
                    terms.refusal("providerShare", "coMarketing.budgetLeft",
                            IncentiveTerms.amount(share, program.currency()), event.quarter(),
                            IncentiveTerms.amount(left, program.currency()),
                            IncentiveTerms.amount(rule.providerBudgetPerQuarter(), program.currency())),
                    data("providerShare", money(share), "left", money(left), "quarter", event.quarter()));
        }
        jdbc.sql("update co_marketing_event set status = 'APPROVED', decided_by = :by, decided_on = :on where id = :id")
                .param("by", caller.name()).param("on", today.date()).param("id", id).update();
        events.record(caller.name(), event.partnerId(), Type.CO_MARKETING_APPROVED, subject(id), "Co-marketing event '"
                        + event.title() + "' approved: the provider funds " + money(share) + "; "
                        + money(left.subtract(share)) + " of the " + event.quarter() + " budget is left",
                data("providerShare", money(share), "left", money(left.subtract(share)), "quarter", event.quarter()));
        return find(caller, id);
    }

    /** The operator declines a pending event, with a reason. */
    @Transactional
    public CoMarketingEvent decline(Caller caller, long id, String reason) {
        caller.requireOperator("decline co-marketing events");
        CoMarketingEvent event = pending(caller, id, "declined");
        jdbc.sql("""
                        update co_marketing_event set status = 'DECLINED', decided_by = :by, decided_on = :on,
                                                      decline_reason = :reason where id = :id""")
                .param("by", caller.name()).param("on", today.date()).param("reason", reason.strip()).param("id", id)
                .update();
        events.record(caller.name(), event.partnerId(), Type.CO_MARKETING_DECLINED, subject(id), "Co-marketing event '"
                + event.title() + "' declined: " + reason.strip(), data("reason", reason.strip()));
        return find(caller, id);
    }

    /** Which events to list; null fields do not filter. */
    public record Filter(Status status, Long partnerId, String quarter, int limit, int offset) {
    }

    /** Events by date, then id; an operator sees all, a partner its own. */
    public List<CoMarketingEvent> events(Caller caller, Filter f) {
        Long partner = caller.isOperator() ? f.partnerId() : caller.partnerId();
        LocalDate quarter = f.quarter() == null ? null : Quarter.parse("quarter", f.quarter()).firstDay();
        return jdbc.sql("""
                        select * from co_marketing_event
                         where (cast(:partner as bigint) is null or partner_id = :partner)
                           and (cast(:status as text) is null or status = :status)
                           and (cast(:quarter as date) is null or quarter = :quarter)
                         order by event_date, id limit :limit offset :offset""")
                .param("partner", partner).param("status", f.status() == null ? null : f.status().name())
                .param("quarter", quarter).param("limit", f.limit()).param("offset", f.offset())
                .query(CoMarketing::event).list();
    }

    public CoMarketingEvent find(Caller caller, long id) {
        CoMarketingEvent event = jdbc.sql("select * from co_marketing_event where id = :id").param("id", id)
                .query(CoMarketing::event).optional().orElseThrow(() -> new NotFound("co-marketing event", id));
        if (!caller.sees(event.partnerId())) {
            throw new NotFound("co-marketing event", id);
        }
        return event;
    }

    /** The provider's budget of {@code programId} for {@code quarter} (e.g. 2026-Q2) and how much of it is spent or asked. */
    public Budget budget(Caller caller, String programId, String quarter) {
        caller.requireOperator("read the co-marketing budget");
        Quarter q = Quarter.parse("quarter", quarter);
        Program program = programs.find(programId).orElseThrow(() -> RuleViolation.of("programId",
                "no program '" + programId + "'"));
        BigDecimal budget = program.versionOn(q.firstDay())
                .flatMap(terms -> terms.incentive(IncentiveRule.CoMarketing.class))
                .map(IncentiveRule.CoMarketing::providerBudgetPerQuarter)
                .orElseThrow(() -> notOffered(programId));
        BigDecimal approved = spent(programId, q.toString(), Status.APPROVED);
        BigDecimal pending = spent(programId, q.toString(), Status.PENDING);
        return new Budget(programId, q.toString(), money(budget), money(approved), money(pending),
                money(budget.subtract(approved)));
    }

    private Optional<IncentiveRule.CoMarketing> rule(Partner partner, LocalDate date) {
        return programs.find(partner.programId()).flatMap(program -> program.versionOn(date))
                .flatMap(terms -> terms.incentive(IncentiveRule.CoMarketing.class))
                .filter(rule -> rule.offeredTo(partner.model(), partner.tier()));
    }

    private RuleViolation notOffered(String programId) {
        String name = programs.find(programId).map(Program::name).orElse(programId);
        return terms.refusal("programId", "coMarketing.notOffered", name);
    }

    private BigDecimal spent(String programId, String quarter, Status status) {
        return jdbc.sql("""
                        select coalesce(sum(provider_share), 0) from co_marketing_event
                         where program_id = :program and quarter = :quarter and status = :status""")
                .param("program", programId).param("quarter", Quarter.parse("quarter", quarter).firstDay())
                .param("status", status.name()).query(BigDecimal.class).single();
    }

    /** The event, locked, if it is still PENDING; otherwise a conflict saying how it was decided. */
    private CoMarketingEvent pending(Caller caller, long id, String verb) {
        CoMarketingEvent event = jdbc.sql("select * from co_marketing_event where id = :id for update").param("id", id)
                .query(CoMarketing::event).optional().orElseThrow(() -> new NotFound("co-marketing event", id));
        if (!caller.sees(event.partnerId())) {
            throw new NotFound("co-marketing event", id);
        }
        if (event.status() != Status.PENDING) {
            throw new Conflict("Co-marketing event " + id + " is " + event.status() + " since " + event.decidedOn()
                    + "; only a PENDING one is " + verb + ".");
        }
        return event;
    }

    private static String subject(long id) {
        return "co-marketing-event/" + id;
    }

    private static String money(BigDecimal amount) {
        return Money.twoPlaces(amount);
    }

    private static CoMarketingEvent event(ResultSet rs, int row) throws SQLException {
        return new CoMarketingEvent(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("program_id"),
                rs.getString("title"), rs.getObject("event_date", LocalDate.class), money(rs.getBigDecimal("budget")),
                money(rs.getBigDecimal("partner_share")), money(rs.getBigDecimal("provider_share")),
                Quarter.of(rs.getObject("quarter", LocalDate.class)).toString(), Status.valueOf(rs.getString("status")),
                LocalDate.ofInstant(rs.getTimestamp("requested_at").toInstant(), Today.ZONE),
                rs.getObject("decided_on", LocalDate.class), rs.getString("decline_reason"));
    }
}
