package io.partnerhub.partner;

import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.RebateRule;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a partner has earned besides sales: certified employees (VK Cloud statuses count them at
 * each quarter's close) and specializations (Yandex Cloud's quarterly specialization rebate).
 */
@Service
public class Credentials {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Today today;

    Credentials(JdbcClient jdbc, Partners partners, ProgramCatalog programs, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.today = today;
    }

    public record Certification(long id, long partnerId, String employee, String course, String certificateId,
                                LocalDate certifiedOn, LocalDate expiresOn) {
    }

    @Transactional
    public Certification certify(Caller caller, long partnerId, String employee, String course, String certificateId,
                                 LocalDate certifiedOn, LocalDate expiresOn) {
        caller.requireOperator("record certifications");
        partners.find(caller, partnerId);
        if (certifiedOn.isAfter(today.date())) {
            throw RuleViolation.of("certifiedOn", "a certification cannot be dated in the future (" + certifiedOn + ")");
        }
        if (expiresOn != null && !expiresOn.isAfter(certifiedOn)) {
            throw RuleViolation.of("expiresOn", "a certification expires after it was granted (" + certifiedOn + ")");
        }
        long id = jdbc.sql("""
                        insert into certification (partner_id, employee, course, certificate_id, certified_on, expires_on, recorded_by)
                        values (:partner, :employee, :course, :certificate, :on, :expires, :by) returning id""")
                .param("partner", partnerId).param("employee", employee.strip()).param("course", course.strip())
                .param("certificate", certificateId).param("on", certifiedOn).param("expires", expiresOn)
                .param("by", caller.name()).query(Long.class).single();
        return new Certification(id, partnerId, employee.strip(), course.strip(), certificateId, certifiedOn, expiresOn);
    }

    public List<Certification> certifications(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from certification where partner_id = :partner order by certified_on, id")
                .param("partner", partnerId)
                .query((rs, i) -> new Certification(rs.getLong("id"), partnerId, rs.getString("employee"),
                        rs.getString("course"), rs.getString("certificate_id"),
                        rs.getObject("certified_on", LocalDate.class), rs.getObject("expires_on", LocalDate.class)))
                .list();
    }

    public record Specialization(long id, long partnerId, String specialization, LocalDate from, LocalDate to) {
    }

    @Transactional
    public Specialization grantSpecialization(Caller caller, long partnerId, String specialization, LocalDate from) {
        caller.requireOperator("grant specializations");
        Partner partner = partners.find(caller, partnerId);
        Set<String> offered = offered(programs.find(partner.programId()).orElseThrow());
        if (!offered.contains(specialization)) {
            throw RuleViolation.of("specialization", offered.isEmpty()
                    ? "the " + partner.programId() + " program has no specializations"
                    : "'" + specialization + "' is not a specialization of " + partner.programId() + "; one of " + offered);
        }
        jdbc.sql("""
                        select valid_from from partner_specialization
                         where partner_id = :partner and specialization = :specialization
                           and (valid_to is null or valid_to > :from)""")
                .param("partner", partnerId).param("specialization", specialization).param("from", from)
                .query(LocalDate.class).optional().ifPresent(held -> {
                    throw new Conflict("Partner " + partnerId + " holds '" + specialization + "' since " + held + ".");
                });
        long id = jdbc.sql("""
                        insert into partner_specialization (partner_id, specialization, valid_from, recorded_by)
                        values (:partner, :specialization, :from, :by) returning id""")
                .param("partner", partnerId).param("specialization", specialization).param("from", from)
                .param("by", caller.name()).query(Long.class).single();
        return new Specialization(id, partnerId, specialization, from, null);
    }

    public List<Specialization> specializations(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return jdbc.sql("select * from partner_specialization where partner_id = :partner order by valid_from, id")
                .param("partner", partnerId)
                .query((rs, i) -> new Specialization(rs.getLong("id"), partnerId, rs.getString("specialization"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)))
                .list();
    }

    private static Set<String> offered(Program program) {
        Set<String> names = new TreeSet<>();
        program.versions().forEach(version -> version.rebates().forEach(rule -> {
            if (rule instanceof RebateRule.QuarterlySpecialization s) {
                names.addAll(s.specializations().keySet());
            }
        }));
        return names;
    }
}
