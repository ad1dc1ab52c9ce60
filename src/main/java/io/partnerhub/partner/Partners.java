package io.partnerhub.partner;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.program.Applicant;
import io.partnerhub.program.LegalForm;
import io.partnerhub.program.ModelTerms;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/** Joining a program and a partner's standing in it. The public API of the partner feature. */
@Service
public class Partners {

    private static final String SELECT = """
            select p.*, e.exit_date, r.revoked_on, r.reason as revocation_reason
              from partner p
              left join exit_notice e on e.partner_id = p.id
              left join revocation r on r.partner_id = p.id
            """;

    private final JdbcClient jdbc;
    private final ProgramCatalog programs;
    private final Today today;
    private final ClosedPeriods closedPeriods;

    Partners(JdbcClient jdbc, ProgramCatalog programs, Today today, ClosedPeriods closedPeriods) {
        this.jdbc = jdbc;
        this.programs = programs;
        this.today = today;
        this.closedPeriods = closedPeriods;
    }

    /** What an application to join a program says. */
    public record Application(String programId, PartnerModel model, String name, LegalForm legalForm, String taxId,
                              LocalDate registeredOn, String country, LocalDate contractDate, String accountId,
                              String paymentTerms, BigDecimal billingThreshold) {
    }

    /**
     * Admits an eligible applicant. Eligibility is judged by the program version in force on the
     * contract date, as of that date.
     */
    @Transactional
    public Partner register(Caller caller, Application a) {
        caller.requireOperator("register partners");
        Program program = programs.find(a.programId())
                .orElseThrow(() -> RuleViolation.of("programId", "unknown program '" + a.programId() + "'"));
        LocalDate contractDate = a.contractDate() == null ? today.date() : a.contractDate();
        ProgramVersion version = program.versionOn(contractDate).orElseThrow(() -> RuleViolation.of("contractDate",
                program.name() + " has no terms in force on " + contractDate));
        ModelTerms model = version.model(a.model()).orElseThrow(() -> RuleViolation.of("model",
                program.name() + " does not offer the " + a.model() + " model; it offers "
                        + version.models().stream().map(ModelTerms::id).toList()));
        if (a.registeredOn().isAfter(contractDate)) {
            throw RuleViolation.of("registeredOn", "the business cannot be registered after its contract date " + contractDate);
        }
        List<ProgramVersion.Refusal> refusals = version.refusalsByField(new Applicant(a.model(), a.legalForm(),
                a.registeredOn(), a.country(), contractDate));
        if (!refusals.isEmpty()) {
            throw new NotEligible(program.name(), refusals);
        }
        refuseDuplicate(a);
        closedPeriods.refuseDayIn("contractDate", contractDate);
        long id = jdbc.sql("""
                        insert into partner (program_id, model, tier, name, legal_form, tax_id, registered_on, country,
                                             contract_date, account_id, payment_terms, billing_threshold, created_by)
                        values (:program, :model, :tier, :name, :legalForm, :taxId, :registeredOn, :country,
                                :contractDate, :accountId, :paymentTerms, :threshold, :by)
                        returning id""")
                .param("program", program.id()).param("model", a.model().name()).param("tier", model.initialTier())
                .param("name", a.name().strip()).param("legalForm", a.legalForm().name())
                .param("taxId", a.taxId().strip()).param("registeredOn", a.registeredOn())
                .param("country", a.country()).param("contractDate", contractDate)
                .param("accountId", blankToNull(a.accountId()))
                .param("paymentTerms", a.paymentTerms() == null ? "PREPAYMENT" : a.paymentTerms())
                .param("threshold", a.billingThreshold()).param("by", caller.name())
                .query(Long.class).single();
        jdbc.sql("""
                        insert into partner_standing (partner_id, effective_from, model, tier, reason, reason_code,
                                                      reason_args)
                        values (:id, :from, :model, :tier, 'contract', 'standing.contract', '[]')""")
                .param("id", id).param("from", contractDate).param("model", a.model().name())
                .param("tier", model.initialTier()).update();
        return find(caller, id);
    }

    private void refuseDuplicate(Application a) {
        jdbc.sql("select id from partner where program_id = :program and tax_id = :taxId")
                .param("program", a.programId()).param("taxId", a.taxId().strip())
                .query(Long.class).optional().ifPresent(existing -> {
                    throw new Conflict("Partner " + existing + " already holds tax id " + a.taxId().strip()
                            + " in " + a.programId() + ".");
                });
        if (blankToNull(a.accountId()) != null) {
            jdbc.sql("select id from partner where account_id = :account").param("account", a.accountId().strip())
                    .query(Long.class).optional().ifPresent(existing -> {
                        throw new Conflict("Account " + a.accountId().strip() + " is already partner " + existing + "'s own account.");
                    });
            // The customer feature's published view, not its API: customers depend on partners, not back.
            jdbc.sql("select customer_id from customer_account_view where account_id = :account").param("account", a.accountId().strip())
                    .query(Long.class).optional().ifPresent(existing -> {
                        throw new Conflict("Account " + a.accountId().strip() + " belongs to customer " + existing
                                + "; a partner's own account is no customer's.");
                    });
        }
    }

    /**
     * Locks the partner's row until the transaction ends, so that work on one partner across
     * features (a rebate withdrawal, its end taking effect, a close) happens one at a time. Callers
     * take the period lock first ({@code PeriodLocks}), in the order a close takes both.
     */
    public void lock(long partnerId) {
        jdbc.sql("select id from partner where id = :id for update").param("id", partnerId).query(Long.class).single();
    }

    /**
     * Records a model or tier change from {@code effectiveFrom}, with its reason (a period close
     * decides these). Recording the same change again changes nothing.
     */
    @Transactional
    public void changeStanding(long partnerId, LocalDate effectiveFrom, PartnerModel model, String tier, String reason) {
        changeStanding(partnerId, effectiveFrom, model, tier, reason, null, null);
    }

    /**
     * The same, with the reason also as a code and its JSON arguments (docs/settlement.md, "Reason
     * codes"), so that each reader gets it in their language; {@code reason} is its English words.
     */
    @Transactional
    public void changeStanding(long partnerId, LocalDate effectiveFrom, PartnerModel model, String tier, String reason,
                               String reasonCode, String reasonArgs) {
        int added = jdbc.sql("""
                        insert into partner_standing (partner_id, effective_from, model, tier, reason, reason_code,
                                                      reason_args)
                        values (:id, :from, :model, :tier, :reason, :code, cast(:args as jsonb))
                        on conflict (partner_id, effective_from) do nothing""")
                .param("id", partnerId).param("from", effectiveFrom).param("model", model.name())
                .param("tier", tier).param("reason", reason).param("code", reasonCode).param("args", reasonArgs)
                .update();
        if (added > 0) {
            jdbc.sql("update partner set model = :model, tier = :tier where id = :id")
                    .param("id", partnerId).param("model", model.name()).param("tier", tier).update();
        }
    }

    /**
     * Sets how the provider bills the partner: advance payment or postpayment, the billing threshold
     * (postpayment only) and the days an invoice gives to pay (null: the platform's default).
     */
    @Transactional
    public void changeBillingTerms(Caller caller, long partnerId, String paymentTerms, BigDecimal billingThreshold,
                                   Integer dueDays) {
        caller.requireOperator("change a partner's billing terms");
        find(caller, partnerId);
        if (billingThreshold != null && !"POSTPAYMENT".equals(paymentTerms)) {
            throw RuleViolation.of("billingThreshold", "a billing threshold applies to postpayment only");
        }
        jdbc.sql("update partner set payment_terms = :terms, billing_threshold = :threshold, due_days = :days where id = :id")
                .param("terms", paymentTerms).param("threshold", billingThreshold).param("days", dueDays)
                .param("id", partnerId).update();
    }

    /** A KPP: 4 digits, 2 digits or capital Latin letters, 3 digits (what V45's check constraint holds). */
    public static final String KPP = "[0-9]{4}[0-9A-Z]{2}[0-9]{3}";
    /** A legal address's longest length (V45). */
    public static final int ADDRESS_LIMIT = 300;

    /** What the provider's documents print of the partner beside its name and tax id (V45). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "PartnerRequisites")
    public record Requisites(long partnerId, String name, String legalForm, String taxId, String kpp, String legalAddress) {
    }

    /** The partner's requisites; the operator's or the partner's own. */
    public Requisites requisites(Caller caller, long partnerId) {
        Partner partner = find(caller, partnerId);
        return jdbc.sql("select kpp, legal_address from partner where id = :id").param("id", partnerId)
                .query((rs, i) -> new Requisites(partnerId, partner.name(), partner.legalForm().name(), partner.taxId(),
                        rs.getString("kpp"), rs.getString("legal_address")))
                .single();
    }

    /**
     * Sets the partner's KPP and legal address (an operator, or the partner itself): what the
     * provider's next invoices print; issued ones keep what they printed. An individual
     * entrepreneur has no KPP.
     */
    public Requisites changeRequisites(Caller caller, long partnerId, String kpp, String legalAddress) {
        Partner partner = find(caller, partnerId);
        if (kpp != null && partner.legalForm() == LegalForm.INDIVIDUAL_ENTREPRENEUR) {
            throw RuleViolation.of("kpp", "an individual entrepreneur has no KPP");
        }
        jdbc.sql("update partner set kpp = :kpp, legal_address = :address where id = :id")
                .param("kpp", kpp).param("address", legalAddress == null ? null : legalAddress.strip())
                .param("id", partnerId).update();
        return requisites(caller, partnerId);
    }

    /** The partner whose own account (in usage data) this is, if any. */
    public Optional<Long> ownerOfAccount(String accountId) {
        return jdbc.sql("select id from partner where account_id = :account").param("account", accountId.strip())
                .query(Long.class).optional();
    }

    /** The partner, if the caller may see it; a partner asking for another gets {@link NotFound}. */
    public Partner find(Caller caller, long id) {
        if (!caller.sees(id)) {
            throw new NotFound("partner", id);
        }
        return jdbc.sql(SELECT + " where p.id = :id").param("id", id)
                .query(this::partner).optional()
                .orElseThrow(() -> new NotFound("partner", id));
    }

    /** Which partners to list; null fields do not filter; {@code nameContains} also finds an exact tax id. */
    public record Filter(String programId, PartnerModel model, String tier, PartnerStatus status, String nameContains,
                         int limit, int offset) {
    }

    public List<Partner> list(Caller caller, Filter f) {
        LocalDate day = today.date();
        return jdbc.sql(SELECT + """
                         where (cast(:self as bigint) is null or p.id = :self)
                           and (cast(:program as text) is null or p.program_id = :program)
                           and (cast(:model as text) is null or p.model = :model)
                           and (cast(:tier as text) is null or p.tier = :tier)
                           and (cast(:name as text) is null or p.name ilike '%' || :name || '%' or p.tax_id = :name)
                           and (cast(:status as text) is null or :status = case
                                 when r.revoked_on is not null and r.revoked_on <= :today then 'REVOKED'
                                 when e.exit_date is not null and e.exit_date <= :today then 'EXITED'
                                 when e.exit_date is not null then 'EXITING'
                                 else 'ACTIVE' end)
                         order by p.id
                         limit :limit offset :offset""")
                .param("self", caller.partnerId())
                .param("program", f.programId())
                .param("model", f.model() == null ? null : f.model().name())
                .param("tier", f.tier())
                .param("name", f.nameContains())
                .param("status", f.status() == null ? null : f.status().name())
                .param("today", day)
                .param("limit", f.limit()).param("offset", f.offset())
                .query(this::partner).list();
    }

    /** The program version in force for the partner today. */
    ProgramVersion currentTerms(Partner partner) {
        Program program = programs.find(partner.programId()).orElseThrow();
        return program.versionOn(today.date()).or(() -> program.versionOn(partner.contractDate())).orElseThrow();
    }

    private Partner partner(ResultSet rs, int row) throws SQLException {
        LocalDate exitDate = rs.getObject("exit_date", LocalDate.class);
        LocalDate revokedOn = rs.getObject("revoked_on", LocalDate.class);
        return new Partner(
                rs.getLong("id"),
                rs.getString("program_id"),
                PartnerModel.valueOf(rs.getString("model")),
                rs.getString("tier"),
                status(exitDate, revokedOn),
                rs.getString("name"),
                LegalForm.valueOf(rs.getString("legal_form")),
                rs.getString("tax_id"),
                rs.getObject("registered_on", LocalDate.class),
                rs.getString("country"),
                rs.getObject("contract_date", LocalDate.class),
                rs.getString("account_id"),
                rs.getString("payment_terms"),
                rs.getBigDecimal("billing_threshold"),
                exitDate,
                revokedOn,
                rs.getString("revocation_reason"),
                rs.getTimestamp("created_at").toInstant());
    }

    private PartnerStatus status(LocalDate exitDate, LocalDate revokedOn) {
        LocalDate day = today.date();
        if (revokedOn != null && !revokedOn.isAfter(day)) {
            return PartnerStatus.REVOKED;
        }
        if (exitDate != null) {
            return exitDate.isAfter(day) ? PartnerStatus.EXITING : PartnerStatus.EXITED;
        }
        return PartnerStatus.ACTIVE;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
