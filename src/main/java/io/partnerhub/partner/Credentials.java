package io.partnerhub.partner;

import io.partnerhub.event.Events;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Training and certification of partner employees, and what they count for: certified employees
 * for VK Cloud statuses, Oblakoteka's training exam, the conditions of specializations. A
 * certification is valid from {@code certifiedOn} until the day before {@code expiresOn}
 * (half-open, like every interval here). The public API other features count with.
 */
@Service
public class Credentials {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Today today;
    private final Events events;

    Credentials(JdbcClient jdbc, Partners partners, ProgramCatalog programs, Today today, Events events) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.today = today;
        this.events = events;
    }

    /**
     * A recorded certification.
     *
     * @param validOn   the day {@code valid} is about: the day asked for, or today
     * @param valid     whether it holds on {@code validOn}
     * @param countsFor what it counts for in the partner's program on {@code validOn}: {@code status},
     *                  {@code exam}, {@code specialization <name>}; empty when its course counts for nothing
     */
    public record Certification(long id, long partnerId, String employee, String course, String certificateId,
                                LocalDate certifiedOn, LocalDate expiresOn, LocalDate validOn, boolean valid,
                                List<String> countsFor) {
    }

    public record NewCertification(String employee, String course, String certificateId, LocalDate certifiedOn,
                                   LocalDate expiresOn) {
    }

    /** The certification, and whether this request recorded it (false: the same one was recorded before). */
    public record Recorded(Certification certification, boolean created) {
    }

    /**
     * Records a certification. A certificate id of a course is one employee's: sending the same
     * certification again changes nothing; the same certificate with other data is refused (409).
     * Without a certificate id, an employee's certification in a course on a day is the natural key.
     */
    @Transactional
    public Recorded certify(Caller caller, long partnerId, NewCertification c) {
        caller.requireOperator("record certifications");
        Partner partner = partners.find(caller, partnerId);
        String employee = c.employee().strip();
        String course = c.course().strip();
        String certificate = c.certificateId() == null || c.certificateId().isBlank() ? null : c.certificateId().strip();
        if (c.certifiedOn().isAfter(today.date())) {
            throw RuleViolation.of("certifiedOn", "a certification cannot be dated in the future (" + c.certifiedOn()
                    + ", today is " + today.date() + ")");
        }
        if (c.expiresOn() != null && !c.expiresOn().isAfter(c.certifiedOn())) {
            throw RuleViolation.of("expiresOn", "expiresOn " + c.expiresOn() + " must be after certifiedOn "
                    + c.certifiedOn() + ": a certification expires after it is granted");
        }
        Long id = jdbc.sql("""
                        insert into certification (partner_id, employee, course, certificate_id, certified_on, expires_on, recorded_by)
                        values (:partner, :employee, :course, :certificate, :on, :expires, :by)
                        on conflict do nothing returning id""")
                .param("partner", partnerId).param("employee", employee).param("course", course)
                .param("certificate", certificate).param("on", c.certifiedOn()).param("expires", c.expiresOn())
                .param("by", caller.name()).query(Long.class).optional().orElse(null);
        if (id == null) {
            return new Recorded(sameAs(partner, new Stored(0, partnerId, employee, course, certificate, c.certifiedOn(),
                    c.expiresOn())), false);
        }
        events.record(caller.name(), partnerId, "certification.recorded", "certification/" + id,
                employee + " certified in " + course + " on " + c.certifiedOn()
                        + (certificate == null ? "" : " (certificate " + certificate + ")")
                        + (c.expiresOn() == null ? "" : ", expires on " + c.expiresOn()),
                data("employee", employee, "course", course, "certificateId", certificate,
                        "certifiedOn", c.certifiedOn(), "expiresOn", c.expiresOn()));
        Stored stored = new Stored(id, partnerId, employee, course, certificate, c.certifiedOn(), c.expiresOn());
        return new Recorded(view(stored, partner, today.date()), true);
    }

    /** The certification a retry asks for again, or a conflict naming what differs. */
    private Certification sameAs(Partner partner, Stored asked) {
        Stored held = jdbc.sql(asked.certificateId() != null
                        ? "select * from certification where lower(course) = lower(:course) and certificate_id = :certificate"
                        : """
                        select * from certification where partner_id = :partner and lower(employee) = lower(:employee)
                           and lower(course) = lower(:course) and certified_on = :on and certificate_id is null""")
                .param("course", asked.course()).param("certificate", asked.certificateId())
                .param("partner", asked.partnerId()).param("employee", asked.employee()).param("on", asked.certifiedOn())
                .query(Credentials::stored).single();
        List<String> differs = new ArrayList<>();
        if (held.partnerId() != asked.partnerId()) {
            differs.add("partner");
        }
        if (!held.employee().equalsIgnoreCase(asked.employee())) {
            differs.add("employee");
        }
        if (!held.certifiedOn().equals(asked.certifiedOn())) {
            differs.add("certifiedOn");
        }
        if (!Objects.equals(held.expiresOn(), asked.expiresOn())) {
            differs.add("expiresOn");
        }
        if (!differs.isEmpty()) {
            throw new Conflict((asked.certificateId() == null ? "A certification of " + held.employee() + " in "
                    + held.course() + " on " + held.certifiedOn()
                    : "Certificate " + held.certificateId() + " of " + held.course()) + " is recorded already"
                    + " (certification " + held.id() + ": partner " + held.partnerId() + ", " + held.employee()
                    + ", certified " + held.certifiedOn() + (held.expiresOn() == null ? "" : ", expires " + held.expiresOn())
                    + "); this request differs in " + String.join(", ", differs) + ".");
        }
        return view(held, partner, today.date());
    }

    /** The partner's certifications, oldest first, each with whether it holds on {@code on} (default today). */
    public List<Certification> certifications(Caller caller, long partnerId, LocalDate on) {
        Partner partner = partners.find(caller, partnerId);
        LocalDate day = on == null ? today.date() : on;
        return jdbc.sql("select * from certification where partner_id = :partner order by certified_on, id")
                .param("partner", partnerId).query(Credentials::stored).list()
                .stream().map(stored -> view(stored, partner, day)).toList();
    }

    /**
     * Distinct employees of each partner holding, on {@code day}, a valid certification in one of
     * the status courses of its program (the version settling {@code day}'s month; every course
     * when it lists none): what VK Cloud statuses count at a quarter's close. {@code partnerId}
     * null: every partner with at least one. The close and the qualification forecast both ask here.
     */
    public Map<Long, Integer> statusCertifiedEmployees(LocalDate day, Long partnerId) {
        List<String> programIds = new ArrayList<>();
        List<String> courses = new ArrayList<>();
        for (Program program : programs.all()) {
            program.versionFor(YearMonth.from(day)).ifPresent(terms -> {
                if (terms.statusCourses().isEmpty()) {
                    programIds.add(program.id());
                    courses.add(null);
                }
                terms.statusCourses().forEach(course -> {
                    programIds.add(program.id());
                    courses.add(key(course));
                });
            });
        }
        Map<Long, Integer> counts = new HashMap<>();
        certifiedEmployees(day, partnerId, programIds, courses).forEach((partner, names) -> counts.put(partner, names.size()));
        return counts;
    }

    /** The employees of a partner holding, on {@code day}, a valid certification in one of {@code courses}. */
    List<String> certifiedEmployees(LocalDate day, Partner partner, Collection<String> courses) {
        List<String> programIds = courses.stream().map(course -> partner.programId()).toList();
        List<String> keys = courses.stream().map(Credentials::key).toList();
        return certifiedEmployees(day, partner.id(), programIds, keys).getOrDefault(partner.id(), List.of());
    }

    /**
     * The one query of certified employees: distinct employees (names match case-insensitively)
     * per partner, holding on {@code day} a certification in a course paired with the partner's
     * program (a null course: any course).
     */
    private Map<Long, List<String>> certifiedEmployees(LocalDate day, Long partnerId, List<String> programIds,
                                                      List<String> courses) {
        Map<Long, List<String>> employees = new HashMap<>();
        if (programIds.isEmpty()) {
            return employees;
        }
        jdbc.sql("""
                        select partner_id, array_agg(employee order by employee) as employees
                          from (select c.partner_id, min(c.employee) as employee
                                  from certification c
                                  join partner p on p.id = c.partner_id
                                  join unnest(cast(:programs as text[]), cast(:courses as text[])) as counted(program_id, course)
                                    on counted.program_id = p.program_id
                                   and (counted.course is null or lower(c.course) = counted.course)
                                 where c.certified_on <= :day and (c.expires_on is null or c.expires_on > :day)
                                   and (cast(:partner as bigint) is null or c.partner_id = :partner)
                                 group by c.partner_id, lower(c.employee)) e
                         group by partner_id""")
                .param("programs", programIds.toArray(String[]::new)).param("courses", courses.toArray(String[]::new))
                .param("day", day).param("partner", partnerId)
                .query(rs -> {
                    employees.put(rs.getLong("partner_id"), List.of((String[]) rs.getArray("employees").getArray()));
                });
        return employees;
    }

    /**
     * The first day each partner passed the training exam: an exam pass, or a certification in the
     * exam course of (any version of) its program, whichever is earlier. {@code partnerId} null:
     * every partner that passed.
     */
    public Map<Long, LocalDate> examsPassed(Long partnerId) {
        List<String> programIds = new ArrayList<>();
        List<String> courses = new ArrayList<>();
        for (Program program : programs.all()) {
            program.versions().stream().map(ProgramVersion::examCourse).filter(Objects::nonNull).distinct()
                    .forEach(course -> {
                        programIds.add(program.id());
                        courses.add(key(course));
                    });
        }
        Map<Long, LocalDate> passed = new HashMap<>();
        jdbc.sql("""
                        select partner_id, min(passed_on) as passed_on
                          from (select partner_id, passed_on from exam_pass
                                 where cast(:partner as bigint) is null or partner_id = :partner
                                union all
                                select c.partner_id, c.certified_on
                                  from certification c
                                  join partner p on p.id = c.partner_id
                                  join unnest(cast(:programs as text[]), cast(:courses as text[])) as exam(program_id, course)
                                    on exam.program_id = p.program_id and lower(c.course) = exam.course
                                 where cast(:partner as bigint) is null or c.partner_id = :partner) e
                         group by partner_id""")
                .param("partner", partnerId)
                .param("programs", programIds.toArray(String[]::new)).param("courses", courses.toArray(String[]::new))
                .query(rs -> {
                    passed.put(rs.getLong("partner_id"), rs.getObject("passed_on", LocalDate.class));
                });
        return passed;
    }

    private Certification view(Stored c, Partner partner, LocalDate day) {
        boolean valid = !c.certifiedOn().isAfter(day) && (c.expiresOn() == null || c.expiresOn().isAfter(day));
        return new Certification(c.id(), c.partnerId(), c.employee(), c.course(), c.certificateId(), c.certifiedOn(),
                c.expiresOn(), day, valid, countsFor(partner, c.course(), day));
    }

    /** What a course counts for in the partner's program on a day. */
    private List<String> countsFor(Partner partner, String course, LocalDate day) {
        Program program = programs.find(partner.programId()).orElseThrow();
        ProgramVersion terms = program.versionFor(YearMonth.from(day)).orElse(null);
        if (terms == null) {
            return List.of();
        }
        List<String> counts = new ArrayList<>();
        if (terms.countsCertifiedEmployees() && (terms.statusCourses().isEmpty()
                || terms.statusCourses().stream().anyMatch(s -> key(s).equals(key(course))))) {
            counts.add("status");
        }
        if (program.versions().stream().map(ProgramVersion::examCourse)
                .anyMatch(exam -> exam != null && key(exam).equals(key(course)))) {
            counts.add("exam");
        }
        terms.specializationConditions().forEach((name, condition) -> {
            if (condition.courses().stream().anyMatch(s -> key(s).equals(key(course)))) {
                counts.add("specialization " + name);
            }
        });
        return counts;
    }

    /** Course names match case-insensitively, ignoring surrounding blanks. */
    static String key(String course) {
        return course.strip().toLowerCase(Locale.ROOT);
    }

    static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return data;
    }

    private record Stored(long id, long partnerId, String employee, String course, String certificateId,
                          LocalDate certifiedOn, LocalDate expiresOn) {
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("employee"), rs.getString("course"),
                rs.getString("certificate_id"), rs.getObject("certified_on", LocalDate.class),
                rs.getObject("expires_on", LocalDate.class));
    }
}
