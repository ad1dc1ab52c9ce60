package io.partnerhub.partner;

import io.partnerhub.event.Events;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.SpecializationCondition;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Specializations a partner holds: granted by the provider where the program pays for them (Yandex
 * Cloud's quarterly specialization rebate), declared by the partner where the program passes warm
 * leads by them (Oblakoteka). Either way the program's conditions for it must be met on the first
 * day it is held.
 */
@Service
public class Specializations {

    @Schema(name = "SpecializationKind")
    public enum Kind { GRANTED, DECLARED }

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Credentials credentials;
    private final ProgramCatalog programs;
    private final ClosedPeriods closedPeriods;
    private final Today today;
    private final Events events;

    Specializations(JdbcClient jdbc, Partners partners, Credentials credentials, ProgramCatalog programs,
                    ClosedPeriods closedPeriods, Today today, Events events) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.credentials = credentials;
        this.programs = programs;
        this.closedPeriods = closedPeriods;
        this.today = today;
        this.events = events;
    }

    /**
     * @param from  the first day held
     * @param to    the first day no longer held; null while held
     * @param basis what met the program's conditions on {@code from}
     */
    public record Specialization(long id, long partnerId, String specialization, Kind kind, LocalDate from, LocalDate to,
                          String basis) {
    }

    /**
     * Grants (operator) or declares (operator or the partner itself) a specialization of the
     * version in force on {@code from} (default today), if its conditions are met that day.
     */
    @Transactional
    Specialization grantOrDeclare(Caller caller, long partnerId, String specialization, LocalDate from) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("specializations");
        String name = specialization.strip();
        LocalDate day = from == null ? today.date() : from;
        if (day.isAfter(today.date())) {
            throw RuleViolation.of("from", "a specialization is held from a day that has come (" + day + " is after today, "
                    + today.date() + "): its conditions are checked on that day");
        }
        if (day.isBefore(partner.contractDate())) {
            throw RuleViolation.of("from", "the partner's contract starts on " + partner.contractDate());
        }
        Program program = programs.find(partner.programId()).orElseThrow();
        ProgramVersion terms = program.versionOn(day).orElseThrow(() -> RuleViolation.of("from",
                program.name() + " has no terms in force on " + day));
        Set<String> offered = terms.specializations();
        if (!offered.contains(name)) {
            throw RuleViolation.of("specialization", offered.isEmpty()
                    ? program.name() + " (terms from " + terms.effectiveFrom() + ") has no specializations"
                    : "'" + name + "' is not a specialization of " + program.name() + " (terms from "
                    + terms.effectiveFrom() + "); one of " + offered);
        }
        Kind kind = terms.declaredSpecializations().contains(name) ? Kind.DECLARED : Kind.GRANTED;
        if (kind == Kind.GRANTED) {
            caller.requireOperator("grant specializations");
        }
        String basis = terms.conditionOf(name).map(condition -> met(partner, name, condition, day))
                .orElse(kind == Kind.DECLARED ? "declared" : "no conditions");
        closedPeriods.refuseDayIn("from", day);
        jdbc.sql("""
                        select valid_from from partner_specialization
                         where partner_id = :partner and specialization = :specialization
                           and (valid_to is null or valid_to > :from) order by valid_from limit 1""")
                .param("partner", partnerId).param("specialization", name).param("from", day)
                .query(LocalDate.class).optional().ifPresent(held -> {
                    throw new Conflict("Partner " + partnerId + " holds '" + name + "' since " + held + ".");
                });
        long id = jdbc.sql("""
                        insert into partner_specialization (partner_id, specialization, kind, valid_from, basis, recorded_by)
                        values (:partner, :specialization, :kind, :from, :basis, :by) returning id""")
                .param("partner", partnerId).param("specialization", name).param("kind", kind.name())
                .param("from", day).param("basis", basis).param("by", caller.name()).query(Long.class).single();
        String verb = kind == Kind.DECLARED ? "declared" : "granted";
        events.record(caller.name(), partnerId, "specialization." + verb, "specialization/" + id,
                "Specialization '" + name + "' " + verb + " from " + day + " (" + basis + ")",
                Credentials.data("specialization", name, "from", day, "basis", basis));
        return find(id);
    }

    /** The condition's description when met on {@code day}; otherwise a refusal saying what is missing. */
    private String met(Partner partner, String name, SpecializationCondition condition, LocalDate day) {
        List<String> employees = credentials.certifiedEmployees(day, partner, condition.courses());
        String courses = String.join(" or ", condition.courses());
        if (employees.size() < condition.certifiedEmployees()) {
            throw RuleViolation.of("specialization", "'" + name + "' needs " + condition.certifiedEmployees()
                    + " certified employees in " + courses + " on " + day + "; has " + employees.size()
                    + (employees.isEmpty() ? "" : " (" + String.join(", ", employees) + ")"));
        }
        return employees.size() + " certified employees in " + courses + " on " + day + ": " + String.join(", ", employees);
    }

    /** Ends a specialization: {@code to} is the first day it is no longer held. */
    @Transactional
    Specialization end(Caller caller, long partnerId, long specializationId, LocalDate to) {
        partners.find(caller, partnerId);
        Specialization held = jdbc.sql("select * from partner_specialization where id = :id and partner_id = :partner for update")
                .param("id", specializationId).param("partner", partnerId).query(Specializations::specialization)
                .optional().orElseThrow(() -> new NotFound("specialization", specializationId));
        if (held.kind() == Kind.GRANTED) {
            caller.requireOperator("end granted specializations");
        }
        if (held.to() != null) {
            throw new Conflict("Specialization " + specializationId + " ('" + held.specialization() + "') ended on "
                    + held.to() + ".");
        }
        if (!to.isAfter(held.from())) {
            throw RuleViolation.of("to", "'" + held.specialization() + "' is held from " + held.from()
                    + "; it ends on a later day");
        }
        closedPeriods.refuseDayIn("to", to);
        jdbc.sql("update partner_specialization set valid_to = :to where id = :id").param("to", to)
                .param("id", specializationId).update();
        events.record(caller.name(), partnerId, "specialization.ended", "specialization/" + specializationId,
                "Specialization '" + held.specialization() + "' ends on " + to,
                Credentials.data("specialization", held.specialization(), "to", to));
        return find(specializationId);
    }

    public List<Specialization> of(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from partner_specialization where partner_id = :partner order by valid_from, id")
                .param("partner", partnerId).query(Specializations::specialization).list();
    }

    /** A partner holding a specialization on a day, for passing warm leads. */
    record Holder(long partnerId, String partnerName, String programId, String specialization, Kind kind,
                  LocalDate from, LocalDate to) {
    }

    /**
     * Partners holding {@code specialization} on {@code on} (default today) that have not left or
     * been revoked by then, optionally of one program (operator).
     */
    List<Holder> holders(Caller caller, String specialization, String programId, LocalDate on) {
        caller.requireOperator("list partners by specialization");
        Set<String> known = new TreeSet<>();
        programs.all().stream().filter(p -> programId == null || p.id().equals(programId))
                .forEach(p -> p.versions().forEach(v -> known.addAll(v.specializations())));
        if (!known.contains(specialization)) {
            throw RuleViolation.of("specialization", "'" + specialization + "' is not a specialization of "
                    + (programId == null ? "any program" : programId) + "; known: " + known);
        }
        return holding(specialization, programId, on == null ? today.date() : on).stream()
                .map(HolderRow::holder).toList();
    }

    /** A partner a warm lead may go to: it holds the lead's specialization in the lead's program on the day. */
    public record LeadHolder(long partnerId, PartnerModel model, String tier) {
    }

    /**
     * Partners of {@code programId} holding {@code specialization} on {@code day} and not gone by
     * then, by partner id: whom the incentive feature may offer a warm lead. No caller: the
     * incentive feature decides who asks.
     */
    public List<LeadHolder> leadHolders(String programId, String specialization, LocalDate day) {
        return holding(specialization, programId, day).stream()
                .map(row -> new LeadHolder(row.holder().partnerId(), row.model(), row.tier())).toList();
    }

    private record HolderRow(Holder holder, PartnerModel model, String tier) {
    }

    private List<HolderRow> holding(String specialization, String programId, LocalDate day) {
        return jdbc.sql("""
                        select s.*, p.name, p.program_id, p.model, p.tier
                          from partner_specialization s
                          join partner p on p.id = s.partner_id
                          left join exit_notice e on e.partner_id = p.id
                          left join revocation r on r.partner_id = p.id
                         where s.specialization = :specialization
                           and s.valid_from <= :day and (s.valid_to is null or s.valid_to > :day)
                           and (cast(:program as text) is null or p.program_id = :program)
                           and (least(e.exit_date, r.revoked_on) is null or least(e.exit_date, r.revoked_on) > :day)
                         order by p.id""")
                .param("specialization", specialization).param("day", day).param("program", programId)
                .query((rs, i) -> new HolderRow(new Holder(rs.getLong("partner_id"), rs.getString("name"),
                        rs.getString("program_id"), rs.getString("specialization"), Kind.valueOf(rs.getString("kind")),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)),
                        PartnerModel.valueOf(rs.getString("model")), rs.getString("tier")))
                .list();
    }

    private Specialization find(long id) {
        return jdbc.sql("select * from partner_specialization where id = :id").param("id", id)
                .query(Specializations::specialization).single();
    }

    private static Specialization specialization(ResultSet rs, int row) throws SQLException {
        return new Specialization(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("specialization"),
                Kind.valueOf(rs.getString("kind")), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class), rs.getString("basis"));
    }
}
