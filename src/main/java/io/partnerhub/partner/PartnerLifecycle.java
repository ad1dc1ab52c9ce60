package io.partnerhub.partner;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.event.Events;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.Reason;
import io.partnerhub.shared.ReasonText;
import io.partnerhub.shared.Phrase;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/** What happens to a partner after it joins: exam passes, exit notice, revocation (tokens: {@link PartnerApiTokens}). */
@Service
public class PartnerLifecycle {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Today today;
    private final ClosedPeriods closedPeriods;
    private final Events events;
    private final List<PartnerLeaving> leaving;
    private final ProgramCatalog programs;
    private final ObjectMapper json;

    PartnerLifecycle(JdbcClient jdbc, Partners partners, Today today, ClosedPeriods closedPeriods, Events events,
                     List<PartnerLeaving> leaving, ProgramCatalog programs, ObjectMapper json) {
        this.programs = programs;
        this.json = json;
        this.jdbc = jdbc;
        this.partners = partners;
        this.today = today;
        this.closedPeriods = closedPeriods;
        this.events = events;
        this.leaving = leaving;
    }

    public record ExamPass(long id, long partnerId, LocalDate passedOn) {
    }

    @Transactional
    ExamPass recordExamPass(Caller caller, long partnerId, LocalDate passedOn) {
        caller.requireOperator("record exam passes");
        Partner partner = partners.find(caller, partnerId);
        if (passedOn.isAfter(today.date())) {
            throw RuleViolation.of("passedOn", "an exam cannot be passed in the future (" + passedOn + ")");
        }
        if (passedOn.isBefore(partner.registeredOn())) {
            throw RuleViolation.of("passedOn", "the partner was registered on " + partner.registeredOn());
        }
        long id = jdbc.sql("""
                        insert into exam_pass (partner_id, passed_on, recorded_by)
                        values (:partner, :passedOn, :by) returning id""")
                .param("partner", partnerId).param("passedOn", passedOn).param("by", caller.name())
                .query(Long.class).single();
        return new ExamPass(id, partnerId, passedOn);
    }

    public record ExitNotice(long partnerId, LocalDate givenOn, LocalDate exitDate, int noticeDays, String reason) {
    }

    /** An exit notice as recorded: when it was given, the exit date, why (if said) and who recorded it. */
    public record GivenNotice(LocalDate givenOn, LocalDate exitDate, String reason, String recordedBy) {
    }

    /** The partner's exit notice, if it gave one. */
    public java.util.Optional<GivenNotice> exitNotice(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select given_on, exit_date, reason, recorded_by from exit_notice where partner_id = :partner")
                .param("partner", partnerId)
                .query((rs, row) -> new GivenNotice(rs.getObject(1, LocalDate.class), rs.getObject(2, LocalDate.class),
                        rs.getString(3), rs.getString(4)))
                .optional();
    }

    public List<ExamPass> examPasses(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select id, partner_id, passed_on from exam_pass where partner_id = :partner order by passed_on")
                .param("partner", partnerId)
                .query((rs, row) -> new ExamPass(rs.getLong(1), rs.getLong(2), rs.getObject(3, LocalDate.class)))
                .list();
    }

    /**
     * A model and tier from a day on, and why: {@code reason} in the reader's language from
     * {@code reasonCode} and {@code reasonArgs} (docs/settlement.md, "Reason codes"); a change recorded
     * before reasons were stored (or by the demo seed) has neither and shows its stored words.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Standing(LocalDate effectiveFrom, String model, String tier, String reasonCode,
                           List<Object> reasonArgs, String reason) {
    }

    /**
     * The partner's model and tier over time, oldest first: its contract, then every change, each
     * reason in {@code language} (Russian or English, see {@link ReasonText}).
     */
    public List<Standing> standing(Caller caller, long partnerId, Locale language) {
        Partner partner = partners.find(caller, partnerId);
        String currency = programs.find(partner.programId()).map(Program::currency).orElse(null);
        return jdbc.sql("""
                        select effective_from, model, tier, reason, reason_code, reason_args from partner_standing
                         where partner_id = :partner order by effective_from""")
                .param("partner", partnerId)
                .query((rs, row) -> {
                    String code = rs.getString("reason_code");
                    List<Object> args = code == null ? null : json.readValue(rs.getString("reason_args"), ARGS);
                    return new Standing(rs.getObject("effective_from", LocalDate.class), rs.getString("model"),
                            rs.getString("tier"), code, args, code == null ? rs.getString("reason")
                            : ReasonText.in(Reason.fromJson(code, args), language, currency));
                })
                .list();
    }

    private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
    };

    /** Notice to leave the program on {@code exitDate}, at least the program's notice period ahead. */
    @Transactional
    public ExitNotice giveExitNotice(Caller caller, long partnerId, LocalDate exitDate, String reason) {
        Partner partner = partners.find(caller, partnerId);
        if (partner.status() != PartnerStatus.ACTIVE) {
            throw new Conflict("Partner " + partnerId + " is " + partner.status() + "; only an active partner gives exit notice.")
                    .worded(Phrase.of("partners.refused.exitNotActive", Phrase.of("partners.status." + partner.status())));
        }
        if (partner.revokedOn() != null) {
            throw new Conflict("Partner " + partnerId + "'s status is revoked from " + partner.revokedOn() + ".")
                    .worded(Phrase.of("partners.refused.revokedFrom", partner.revokedOn()));
        }
        ProgramVersion terms = partners.currentTerms(partner);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        LocalDate givenOn = today.date();
        LocalDate earliest = givenOn.plusDays(terms.exitNoticeDays());
        if (exitDate.isBefore(earliest)) {
            throw RuleViolation.of("exitDate", "exit notice must be given at least " + terms.exitNoticeDays()
                    + " days ahead: the earliest exit date for notice given on " + givenOn + " is " + earliest)
                    .worded(Phrase.of("partners.refused.exitTooEarly", terms.exitNoticeDays(), givenOn, earliest));
        }
        jdbc.sql("""
                        insert into exit_notice (partner_id, given_on, exit_date, reason, recorded_by)
                        values (:partner, :givenOn, :exitDate, :reason, :by)""")
                .param("partner", partnerId).param("givenOn", givenOn).param("exitDate", exitDate)
                .param("reason", why).param("by", caller.name()).update();
        events.record(caller.name(), partnerId, "partner.exit-noticed", "partner/" + partnerId, "Partner " + partnerId
                        + " gave notice on " + givenOn + " to leave the program on " + exitDate,
                Map.of("givenOn", givenOn, "exitDate", exitDate, "noticeDays", terms.exitNoticeDays()));
        return new ExitNotice(partnerId, givenOn, exitDate, terms.exitNoticeDays(), why);
    }

    /**
     * An operator ends partner status at once (or from {@code revokedOn}) for a stated reason. A
     * revocation dated today or earlier takes effect at once (links end, claims are released); a
     * later one on its day. Its day and the partner's last day lie in open months: the last month's
     * statement is the final one, which pays out the rebate balance.
     */
    @Transactional
    public Partner revoke(Caller caller, long partnerId, String reason, LocalDate revokedOn) {
        caller.requireOperator("revoke partner status");
        Partner partner = partners.find(caller, partnerId);
        if (partner.revokedOn() != null) {
            throw new Conflict("Partner " + partnerId + " was already revoked on " + partner.revokedOn() + ".")
                    .worded(Phrase.of("partners.refused.revokedFrom", partner.revokedOn()));
        }
        LocalDate on = revokedOn == null ? today.date() : revokedOn;
        if (on.isBefore(partner.contractDate())) {
            throw RuleViolation.of("revokedOn", "cannot precede the contract date " + partner.contractDate())
                    .worded(Phrase.of("partners.refused.beforeContract", partner.contractDate()));
        }
        if (partner.exitDate() != null && !partner.exitDate().isAfter(on)) {
            throw new Conflict("Partner " + partnerId + " leaves the program on " + partner.exitDate()
                    + " (exit notice); a revocation from " + on + " would change nothing.")
                    .worded(Phrase.of("partners.refused.revokeAfterExit", partner.exitDate(), on));
        }
        closedPeriods.refuseDayIn("revokedOn", on);
        LocalDate lastDay = on.minusDays(1);
        if (!lastDay.isBefore(partner.contractDate()) && closedPeriods.isClosed(YearMonth.from(lastDay))) {
            throw RuleViolation.of("revokedOn", "would make " + YearMonth.from(lastDay) + " the partner's last month,"
                    + " and its statements are issued, so none could pay out the rebate balance; revoke from "
                    + on.plusDays(1) + " or later")
                    .worded(Phrase.of("partners.refused.lastMonthClosed", YearMonth.from(lastDay), on.plusDays(1)));
        }
        jdbc.sql("""
                        insert into revocation (partner_id, revoked_on, reason, recorded_by)
                        values (:partner, :on, :reason, :by)""")
                .param("partner", partnerId).param("on", on).param("reason", reason.strip())
                .param("by", caller.name()).update();
        events.record(caller.name(), partnerId, "partner.revoked", "partner/" + partnerId, "Partner " + partnerId
                        + "'s status is revoked from " + on + ": " + reason.strip(),
                Map.of("revokedOn", on, "reason", reason.strip()));
        if (!on.isAfter(today.date())) {
            leaving.forEach(effects -> effects.takeEffect(caller.name(), partnerId));
        }
        return partners.find(caller, partnerId);
    }
}
