package io.partnerhub.deal;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Presale requests: a partner asks the provider's experts to help with a deal; the operator
 * answers within the program's SLA (business days on the program's calendar), or declines with a
 * reason, and records its completion. A completed technical presale earns a VK Cloud agent the
 * program's fixed reward in the statement of the month it was completed.
 */
@Service
public class Presales {

    /** REQUESTED → ANSWERED → COMPLETED; REQUESTED or ANSWERED → DECLINED. */
    @Schema(name = "PresaleStatus")
    public enum Status { REQUESTED, ANSWERED, COMPLETED, DECLINED }

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Today today;
    private final ClosedPeriods closedPeriods;
    private final Events events;

    Presales(JdbcClient jdbc, Partners partners, ProgramCatalog programs, Today today, ClosedPeriods closedPeriods,
             Events events) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.today = today;
        this.closedPeriods = closedPeriods;
        this.events = events;
    }

    /**
     * @param answerBy the SLA deadline: {@code requestedOn} plus the program's presale SLA in business
     *                 days; null where the program sets none
     * @param overdue  the answer came, or is still missing, after {@code answerBy}
     */
    public record Presale(long id, long partnerId, String title, boolean technical, Status status,
                          LocalDate requestedOn, LocalDate answerBy, boolean overdue, String answer,
                          LocalDate answeredOn, String declineReason, LocalDate declinedOn, LocalDate completedOn) {
    }

    @Transactional
    public Presale request(Caller caller, long partnerId, String title, boolean technical, LocalDate requestedOn) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("presale requests");
        LocalDate day = requestedOn == null ? today.date() : requestedOn;
        if (day.isAfter(today.date())) {
            throw RuleViolation.of("requestedOn", "a presale cannot be requested in the future (" + day + ")");
        }
        LocalDate answerBy = answerBy(partner, day);
        long id = jdbc.sql("""
                        insert into presale (partner_id, title, technical, requested_on, answer_by, recorded_by)
                        values (:partner, :title, :technical, :day, :answerBy, :by) returning id""")
                .param("partner", partnerId).param("title", title.strip()).param("technical", technical)
                .param("day", day).param("answerBy", answerBy).param("by", caller.name()).query(Long.class).single();
        events.record(caller.name(), partnerId, "presale.requested", "presale/" + id,
                (technical ? "Technical presale" : "Presale") + " '" + title.strip() + "' requested on " + day
                        + (answerBy == null ? "" : ", answer due by " + answerBy),
                data("title", title.strip(), "technical", technical, "requestedOn", day, "answerBy", answerBy));
        return find(caller, id);
    }

    /** The request day plus the SLA of the terms in force that day, counted on the program's calendar. */
    private LocalDate answerBy(Partner partner, LocalDate requestedOn) {
        Program program = programs.find(partner.programId()).orElseThrow();
        return program.versionOn(requestedOn)
                .map(terms -> terms.presaleSlaBusinessDays())
                .map(days -> program.calendar().plusBusinessDays(requestedOn, days))
                .orElse(null);
    }

    /** The operator's answer, on {@code answeredOn} (default today). */
    @Transactional
    public Presale answer(Caller caller, long id, String answer, LocalDate answeredOn) {
        caller.requireOperator("answer presales");
        Presale presale = locked(caller, id);
        if (presale.status() != Status.REQUESTED) {
            throw new Conflict("Presale " + id + " is " + presale.status() + since(presale) + "; only a REQUESTED one is answered.");
        }
        LocalDate day = dayBetween("answeredOn", answeredOn, presale);
        jdbc.sql("update presale set answer = :answer, answered_on = :day, answered_by = :by where id = :id")
                .param("answer", answer.strip()).param("day", day).param("by", caller.name()).param("id", id).update();
        Presale answered = find(caller, id);
        events.record(caller.name(), presale.partnerId(), "presale.answered", "presale/" + id,
                "Presale '" + presale.title() + "' answered on " + day
                        + (answered.answerBy() == null ? "" : answered.overdue()
                        ? ", after its deadline " + answered.answerBy() : ", within its deadline " + answered.answerBy()),
                data("answeredOn", day, "answerBy", answered.answerBy(), "overdue", answered.overdue()));
        return answered;
    }

    /** The operator declines the request, with a reason, before it is completed. */
    @Transactional
    public Presale decline(Caller caller, long id, String reason, LocalDate declinedOn) {
        caller.requireOperator("decline presales");
        Presale presale = locked(caller, id);
        if (presale.status() != Status.REQUESTED && presale.status() != Status.ANSWERED) {
            throw new Conflict("Presale " + id + " is " + presale.status() + since(presale) + " and can no longer be declined.");
        }
        LocalDate day = dayBetween("declinedOn", declinedOn, presale);
        jdbc.sql("update presale set decline_reason = :reason, declined_on = :day, declined_by = :by where id = :id")
                .param("reason", reason.strip()).param("day", day).param("by", caller.name()).param("id", id).update();
        events.record(caller.name(), presale.partnerId(), "presale.declined", "presale/" + id,
                "Presale '" + presale.title() + "' declined on " + day + ": " + reason.strip(),
                data("declinedOn", day, "reason", reason.strip()));
        return find(caller, id);
    }

    /** Completion of an answered presale. Completion dates a closed period would never pay are refused. */
    @Transactional
    public Presale complete(Caller caller, long id, LocalDate completedOn) {
        caller.requireOperator("complete presales");
        Presale presale = locked(caller, id);
        if (presale.status() != Status.ANSWERED) {
            throw new Conflict("Presale " + id + " is " + presale.status() + since(presale)
                    + (presale.status() == Status.REQUESTED ? "; answer it before completing it." : "; only an ANSWERED one is completed."));
        }
        if (completedOn.isBefore(presale.answeredOn()) || completedOn.isAfter(today.date())) {
            throw RuleViolation.of("completedOn", "a presale is completed between its answer (" + presale.answeredOn()
                    + ") and today");
        }
        jdbc.sql(PeriodLocks.SHARED).query().listOfRows();
        if (closedPeriods.isClosed(YearMonth.from(completedOn))) {
            throw RuleViolation.of("completedOn", "period " + YearMonth.from(completedOn) + " is closed");
        }
        jdbc.sql("update presale set completed_on = :on where id = :id").param("on", completedOn).param("id", id).update();
        events.record(caller.name(), presale.partnerId(), "presale.completed", "presale/" + id,
                (presale.technical() ? "Technical presale" : "Presale") + " '" + presale.title() + "' completed on "
                        + completedOn, data("completedOn", completedOn, "technical", presale.technical()));
        return find(caller, id);
    }

    /** Which presales to list; null fields do not filter. {@code OPEN}: requested and not yet answered or declined. */
    public record Filter(String status, Long partnerId, int limit, int offset) {
    }

    /**
     * Presales by answer deadline, earliest first (those without one last), then by id: with
     * {@code status=OPEN} the operator's queue of requests awaiting an answer. A partner sees its own.
     */
    public List<Presale> list(Caller caller, Filter f) {
        Long partner = caller.isOperator() ? f.partnerId() : caller.partnerId();
        return jdbc.sql("""
                        select * from presale
                         where (cast(:partner as bigint) is null or partner_id = :partner)
                           and (cast(:status as text) is null or :status = case
                                 when completed_on is not null then 'COMPLETED'
                                 when declined_on is not null then 'DECLINED'
                                 when answered_on is not null then 'ANSWERED'
                                 else 'REQUESTED' end)
                         order by answer_by nulls last, id
                         limit :limit offset :offset""")
                .param("partner", partner).param("status", "OPEN".equals(f.status()) ? "REQUESTED" : f.status())
                .param("limit", f.limit()).param("offset", f.offset())
                .query(this::presale).list();
    }

    public Presale find(Caller caller, long id) {
        return visible(caller, id, jdbc.sql("select * from presale where id = :id"));
    }

    private Presale locked(Caller caller, long id) {
        return visible(caller, id, jdbc.sql("select * from presale where id = :id for update"));
    }

    private Presale visible(Caller caller, long id, JdbcClient.StatementSpec select) {
        Presale presale = select.param("id", id).query(this::presale).optional()
                .orElseThrow(() -> new NotFound("presale", id));
        if (!caller.sees(presale.partnerId())) {
            throw new NotFound("presale", id);
        }
        return presale;
    }

    /** A day of the presale's next step: given or today, not before its request, not in the future. */
    private LocalDate dayBetween(String field, LocalDate given, Presale presale) {
        LocalDate day = given == null ? today.date() : given;
        if (day.isBefore(presale.requestedOn()) || day.isAfter(today.date())) {
            throw RuleViolation.of(field, field + " " + day + " must lie between the request (" + presale.requestedOn()
                    + ") and today (" + today.date() + ")");
        }
        return day;
    }

    private static String since(Presale p) {
        return switch (p.status()) {
            case REQUESTED -> " (requested " + p.requestedOn() + ")";
            case ANSWERED -> " (answered " + p.answeredOn() + ")";
            case COMPLETED -> " (completed " + p.completedOn() + ")";
            case DECLINED -> " (declined " + p.declinedOn() + ": " + p.declineReason() + ")";
        };
    }

    private Presale presale(ResultSet rs, int row) throws SQLException {
        LocalDate answerBy = rs.getObject("answer_by", LocalDate.class);
        LocalDate answeredOn = rs.getObject("answered_on", LocalDate.class);
        LocalDate declinedOn = rs.getObject("declined_on", LocalDate.class);
        LocalDate completedOn = rs.getObject("completed_on", LocalDate.class);
        Status status = completedOn != null ? Status.COMPLETED : declinedOn != null ? Status.DECLINED
                : answeredOn != null ? Status.ANSWERED : Status.REQUESTED;
        LocalDate responded = answeredOn != null ? answeredOn : declinedOn != null ? declinedOn
                : completedOn != null ? completedOn : today.date();
        boolean overdue = answerBy != null && responded.isAfter(answerBy);
        return new Presale(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("title"), rs.getBoolean("technical"),
                status, rs.getObject("requested_on", LocalDate.class), answerBy, overdue, rs.getString("answer"),
                answeredOn, rs.getString("decline_reason"), declinedOn, completedOn);
    }

    private static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return data;
    }
}
