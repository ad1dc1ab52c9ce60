package io.partnerhub.deal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.List;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.customer.Customers;
import io.partnerhub.customer.Link;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.DealTerms;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.program.ProjectTerms;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.NotFound;

/** Project registration (Yandex Cloud 2026 terms): a rebate on a direct customer's project growth. */
@Service
public class ProjectRegistrations {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final Customers customers;
    private final ProgramCatalog programs;
    private final ClosedPeriods closedPeriods;
    private final RegistrationDates dates;

    ProjectRegistrations(JdbcClient jdbc, Partners partners, Customers customers, ProgramCatalog programs,
                         ClosedPeriods closedPeriods, RegistrationDates dates) {
        this.dates = dates;
        this.jdbc = jdbc;
        this.partners = partners;
        this.customers = customers;
        this.programs = programs;
        this.closedPeriods = closedPeriods;
    }

    public record Request(long partnerId, long customerId, String projectId, LocalDate registeredOn,
                          BigDecimal ratePercent) {
    }

    /**
     * Registers the project if the program's terms on {@code registeredOn} offer project
     * registration, the rate is within its cap, and the customer is direct (linked to no partner)
     * that day. One registration per project at a time (constraint {@code ex_project_one_claim_at_a_time}).
     * A partner registers as of today; only the operator may date it earlier, outside closed periods.
     */
    @Transactional
    public ProjectRegistration register(Caller caller, Request r) {
        Partner partner = partners.find(caller, r.partnerId());
        partner.refuseNewClaimsIfGone("new projects");
        dates.of(caller, r.registeredOn());
        if (r.registeredOn().isBefore(partner.contractDate())) {
            throw new DealRefusal("registeredOn", DealWords.of("deals.refusal.PROJECT_BEFORE_CONTRACT", partner.id(),
                    partner.contractDate()));
        }
        Program program = programs.find(partner.programId()).orElseThrow();
        ProjectTerms terms = program.versionOn(r.registeredOn()).flatMap(v -> v.projectRegistration())
                .orElseThrow(() -> new DealRefusal("registeredOn", DealWords.of("deals.refusal.PROJECT_NOT_OFFERED",
                        program.name(), r.registeredOn())));
        if (r.ratePercent().signum() <= 0 || r.ratePercent().compareTo(terms.ratePercentCap()) > 0) {
            throw new DealRefusal("ratePercent", DealWords.of("deals.refusal.PROJECT_ABOVE_CAP",
                    terms.ratePercentCap().stripTrailingZeros().toPlainString(), r.ratePercent().toPlainString()));
        }
        if (!customers.exists(r.customerId())) {
            throw new NotFound("customer", r.customerId());
        }
        Optional<Link> linked = customers.linkOn(r.customerId(), r.registeredOn());
        if (linked.isPresent() && !caller.isOperator() && linked.get().partnerId() != partner.id()) {
            // another partner's customer: a partner learns nothing about it, not even that it exists
            throw new NotFound("customer", r.customerId());
        }
        if (linked.isPresent()) {
            throw new DealRefusal("customerId", DealWords.of("deals.refusal.PROJECT_CUSTOMER_LINKED", r.customerId(),
                    r.registeredOn()));
        }
        refuseIfAnotherPartnersDealPrecedes(caller, program, partner, r);
        closedPeriods.refuseDayIn("registeredOn", r.registeredOn());
        LocalDate validUntil = r.registeredOn().plusMonths(terms.months());
        try {
            long id = jdbc.sql("""
                            insert into project_registration (partner_id, customer_id, project_id, registered_on,
                                                              valid_until, rate_percent, created_by)
                            values (:partner, :customer, :project, :registeredOn, :until, :rate, :by) returning id""")
                    .param("partner", partner.id()).param("customer", r.customerId()).param("project", r.projectId().strip())
                    .param("registeredOn", r.registeredOn()).param("until", validUntil).param("rate", r.ratePercent())
                    .param("by", caller.name()).query(Long.class).single();
            return find(caller, id);
        } catch (DataIntegrityViolationException alreadyClaimed) {
            throw new DealConflict(DealWords.of("deals.refusal.PROJECT_ALREADY_REGISTERED", r.projectId().strip(),
                    r.registeredOn(), validUntil));
        }
    }

    /**
     * Where the program's claim precedence puts a deal before a project (docs/deals.md), a pending
     * or approved deal of another partner for the customer's tax id protects it from the project.
     */
    private void refuseIfAnotherPartnersDealPrecedes(Caller caller, Program program, Partner partner, Request r) {
        DealTerms terms = program.versionOn(r.registeredOn()).map(ProgramVersion::deals).orElse(null);
        if (terms == null || !terms.precedes(DealTerms.ClaimKind.DEAL, DealTerms.ClaimKind.PROJECT)) {
            return;
        }
        jdbc.sql("""
                        select d.registered_on from deal d join customer_tax_id_view c on c.tax_id = d.customer_tax_id
                         where c.customer_id = :customer and d.partner_id <> :partner
                           and d.status in ('PENDING', 'APPROVED')
                         order by d.registered_on limit 1""")
                .param("customer", r.customerId()).param("partner", partner.id()).query(LocalDate.class).optional()
                .ifPresent(registeredOn -> {
                    throw new DealRefusal("customerId", caller.isOperator()
                            ? DealWords.of("deals.refusal.PROJECT_PROTECTED_BY_DEAL_ON", r.customerId(), program.name(),
                            registeredOn)
                            : DealWords.of("deals.refusal.PROJECT_PROTECTED_BY_DEAL", r.customerId(), program.name()));
                });
    }

    public ProjectRegistration find(Caller caller, long id) {
        ProjectRegistration p = jdbc.sql("select * from project_registration where id = :id").param("id", id)
                .query(ProjectRegistrations::project).optional().orElseThrow(() -> new NotFound("project registration", id));
        if (!caller.sees(p.partnerId())) {
            throw new NotFound("project registration", id);
        }
        return p;
    }

    public List<ProjectRegistration> list(Caller caller, Long partnerId) {
        Long scope = caller.isOperator() ? partnerId : caller.partnerId();
        return jdbc.sql("""
                        select * from project_registration
                         where cast(:partner as bigint) is null or partner_id = :partner order by id desc""")
                .param("partner", scope).query(ProjectRegistrations::project).list();
    }

    private static ProjectRegistration project(ResultSet rs, int row) throws SQLException {
        return new ProjectRegistration(rs.getLong("id"), rs.getLong("partner_id"), rs.getLong("customer_id"),
                rs.getString("project_id"), rs.getObject("registered_on", LocalDate.class),
                rs.getObject("valid_until", LocalDate.class), rs.getBigDecimal("rate_percent"));
    }
}
