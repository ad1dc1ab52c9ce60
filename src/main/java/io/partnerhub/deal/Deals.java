package io.partnerhub.deal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnerhub.deal.ClaimRules.Candidate;
import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.DealTerms;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Phrase;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/** Deal registration and the operator's decision on it. The public API of the deal feature. */
@Service
public class Deals {

    /** Who decides what no operator decided: conflicts found at registration, auto-approvals, expiry. */
    static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Today today;
    private final Events events;
    private final Claims claims;
    private final DealActivities activities;
    private final TransactionTemplate transactions;
    private final RegistrationDates dates;

    Deals(JdbcClient jdbc, Partners partners, ProgramCatalog programs, Today today, Events events, Claims claims,
          DealActivities activities, TransactionTemplate transactions,
          RegistrationDates dates) {
        this.dates = dates;
        this.events = events;
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.today = today;
        this.claims = claims;
        this.activities = activities;
        this.transactions = transactions;
    }

    /**
     * A registration. {@code customerEmail} and {@code customerDomain} are optional: with them a
     * registration also conflicts with deals of the same customer under another tax id. The plan
     * ({@code targetAmount}, {@code consumptionType}, {@code expectedCloseOn}) is the partner's own.
     */
    public record Registration(long partnerId, String customerTaxId, String customerName, String title,
                               BigDecimal expectedMonthlyAmount, LocalDate registeredOn, String customerEmail,
                               String customerDomain, BigDecimal targetAmount, ConsumptionType consumptionType,
                               LocalDate expectedCloseOn) {

        public Registration(long partnerId, String customerTaxId, String customerName, String title,
                            BigDecimal expectedMonthlyAmount, LocalDate registeredOn) {
            this(partnerId, customerTaxId, customerName, title, expectedMonthlyAmount, registeredOn, null, null, null,
                    null, null);
        }
    }

    /**
     * Registers a deal as PENDING, or as REJECTED with the rule and a reason that never names the
     * other partner (docs/deals.md, "Conflicts"): the claims the program puts before a deal, other
     * partners' active deals by tax id, e-mail or domain, a direct customer, and for programs that
     * register new customers only, consumption before the registration date. A conflict only for the
     * operator's review (a direct customer where the program says so, a squatter's unproven customer
     * record) leaves it PENDING with that rule and reason. A clean deal within the program's
     * auto-approval rule (none shipped) is approved at once by {@code system}. Of concurrent
     * registrations for one customer exactly one claims it: they take the claim's locks in turn, and
     * the insert still races on the partial unique index {@code uq_deal_active_claim}.
     */
    public Deal register(Caller caller, Registration r) {
        return transactions.execute(status -> registerNow(caller, r));
    }

    private Deal registerNow(Caller caller, Registration r) {
        Partner partner = partners.find(caller, r.partnerId());
        partner.refuseNewClaimsIfGone("new deals");
        LocalDate registeredOn = dates.of(caller, r.registeredOn());
        if (registeredOn.isBefore(partner.contractDate())) {
            throw new DealRefusal("registeredOn", DealWords.of("deals.refusal.REGISTERED_BEFORE_CONTRACT", partner.id(),
                    partner.contractDate()));
        }
        String taxId = normalizedTaxId(r.customerTaxId());
        String email = CustomerContacts.email(r.customerEmail());
        String domain = CustomerContacts.domain(r.customerDomain());
        if (claims.publicMail().isPublic(domain)) {
            throw new DealRefusal("customerDomain", DealWords.of("deals.refusal.PUBLIC_MAIL_DOMAIN", domain));
        }
        Program program = programs.find(partner.programId()).orElseThrow();
        DealTerms terms = termsOn(program, registeredOn).deals();
        claims.lockFor(taxId, email, domain);
        Optional<Deal> held = activeDealFor(taxId);
        if (held.isPresent() && held.get().partnerId() == partner.id()) {
            throw new DealConflict(DealWords.of("deals.refusal.ALREADY_HELD", partner.id(), held.get().id(),
                    status(held.get().status()), taxId));
        }
        Candidate candidate = new Candidate(null, partner.id(), taxId, registeredOn, today.date(), email, domain, terms,
                program.name());
        List<ClaimConflict> found = claims.conflicts(List.of(candidate)).getFirst();
        Optional<ClaimConflict> conflict = found.stream().filter(c -> !c.review()).findFirst();
        Optional<ClaimConflict> toReview = found.stream().filter(ClaimConflict::review).findFirst();
        LocalDate deadline = terms.approvalBusinessDays() == null ? null
                : program.calendar().plusBusinessDays(registeredOn, terms.approvalBusinessDays());
        if (conflict.isEmpty()) {
            Optional<Long> claimed = insert(caller, partner.id(), taxId, r, registeredOn, email, domain, "PENDING",
                    toReview.orElse(null), deadline);
            if (claimed.isPresent()) {
                return registered(caller, claimed.get(), terms, toReview);
            }
            Deal holder = activeDealFor(taxId).orElseThrow(() -> new IllegalStateException(
                    "the active claim on " + taxId + " vanished during registration"));
            if (holder.partnerId() == partner.id()) {
                throw new DealConflict(DealWords.of("deals.refusal.ALREADY_HELD", partner.id(), holder.id(),
                        status(holder.status()), taxId));
            }
            conflict = Optional.of(new ClaimConflict(DealRule.ACTIVE_DEAL_TAX_ID, DealWords.of(
                    "deals.reason.ACTIVE_DEAL_TAX_ID", taxId, holder.registeredOn()), null, null));
        }
        long id = insert(caller, partner.id(), taxId, r, registeredOn, email, domain, "REJECTED", conflict.get(), null)
                .orElseThrow();
        Deal rejected = find(caller, id);
        activities.log(rejected, SYSTEM, DealActivity.Kind.DECISION, DealWords.of("deals.log.REJECTED_AT_REGISTRATION",
                rule(conflict.get().rule()), conflict.get().words()));
        events.record(SYSTEM, rejected.partnerId(), "deal.rejected", "deal/" + id, "Deal " + id + " for customer tax id "
                + taxId + " rejected at registration: " + rejected.reason(),
                data("rule", conflict.get().rule(), "reason", rejected.reason(), "registeredOn", registeredOn));
        return rejected;
    }

    private Optional<Long> insert(Caller caller, long partnerId, String taxId, Registration r, LocalDate registeredOn,
                                  String email, String domain, String status, ClaimConflict conflict, LocalDate deadline) {
        return jdbc.sql("""
                        insert into deal (partner_id, customer_tax_id, customer_name, title, expected_monthly_amount,
                                          registered_on, status, reason, rule, created_by, customer_email, customer_domain,
                                          approval_due_on, target_amount, consumption_type, expected_close_on, created_at,
                                          reason_code, reason_args)
                        values (:partner, :taxId, :name, :title, :expected, :registeredOn, :status, :reason, :rule, :by,
                                :email, :domain, :deadline, :target, :type, :closeOn, :at, :code, cast(:args as jsonb))
                        on conflict (customer_tax_id) where status in ('PENDING', 'APPROVED') do nothing
                        returning id""")
                .param("partner", partnerId).param("taxId", taxId).param("name", r.customerName().strip())
                .param("title", r.title().strip()).param("expected", r.expectedMonthlyAmount())
                .param("registeredOn", registeredOn).param("status", status)
                .param("reason", conflict == null ? null : conflict.reason())
                .param("rule", conflict == null ? null : conflict.rule().name()).param("by", caller.name())
                .param("email", email).param("domain", domain).param("deadline", deadline)
                .param("target", r.targetAmount()).param("type", r.consumptionType() == null ? null : r.consumptionType().name())
                .param("closeOn", r.expectedCloseOn()).param("at", Timestamp.from(today.now()))
                .param("code", conflict == null ? null : conflict.words().key())
                .param("args", conflict == null ? null : DealWords.argsJson(conflict.words()))
                .query(Long.class).optional();
    }

    /**
     * A deal stored as PENDING: announced, then either left for an operator with the conflict to
     * review shown (rule and reason on the deal, a DECISION entry in its log), or approved at once by
     * the program's auto-approval where it has one and nothing needs review.
     */
    private Deal registered(Caller caller, long id, DealTerms terms, Optional<ClaimConflict> toReview) {
        Deal deal = find(caller, id);
        events.record(caller.name(), deal.partnerId(), "deal.registered", "deal/" + id, "Deal " + id
                        + " registered for customer tax id " + deal.customerTaxId() + " on " + deal.registeredOn()
                        + (deal.approvalDeadline() == null ? "" : "; the provider answers by " + deal.approvalDeadline()),
                data("customerTaxId", deal.customerTaxId(), "registeredOn", deal.registeredOn(),
                        "approvalDeadline", deal.approvalDeadline(), "review", toReview.map(ClaimConflict::rule).orElse(null)));
        if (toReview.isPresent()) {
            activities.log(deal, SYSTEM, DealActivity.Kind.DECISION, DealWords.of("deals.log.WAITS_FOR_OPERATOR",
                    rule(toReview.get().rule()), toReview.get().words()));
            return deal;
        }
        Optional<DealTerms.AutoApproval> auto = terms.autoApprovalRule().filter(rule -> deal.expectedMonthlyAmount() != null
                && deal.expectedMonthlyAmount().compareTo(rule.maxExpectedMonthlyAmount()) <= 0);
        if (auto.isEmpty()) {
            return deal;
        }
        BigDecimal percent = auto.get().extraDiscountPercent();
        String rule = "auto-approval: no conflict and an expected monthly amount of "
                + deal.expectedMonthlyAmount().toPlainString() + " within "
                + auto.get().maxExpectedMonthlyAmount().toPlainString();
        decide(SYSTEM, id, "APPROVED", null, percent, DealRule.AUTO_APPROVAL);
        Deal approved = find(caller, id);
        activities.logApproval(approved, SYSTEM, DealWords.of("deals.log.AUTO_APPROVED", percent.toPlainString(),
                deal.expectedMonthlyAmount().toPlainString(), auto.get().maxExpectedMonthlyAmount().toPlainString()));
        events.record(SYSTEM, approved.partnerId(), "deal.approved", "deal/" + id, "Deal " + id + " approved with +"
                        + percent.toPlainString() + " % by the " + rule,
                data("by", SYSTEM, "extraDiscountPercent", percent, "rule", DealRule.AUTO_APPROVAL, "detail", rule));
        return approved;
    }

    /** Approves a pending deal with an extra discount of at most the program's cap. */
    @Transactional
    public Deal approve(Caller caller, long dealId, BigDecimal extraDiscountPercent) {
        return approve(caller, dealId, extraDiscountPercent, null);
    }

    /**
     * Approves a pending deal as decided on {@code decidedOn} (null: now): the operator recording a
     * decision the provider gave earlier, like a registration dated earlier; not before the
     * registration date, nor after today. The protection window counts from that day.
     */
    @Transactional
    public Deal approve(Caller caller, long dealId, BigDecimal extraDiscountPercent, LocalDate decidedOn) {
        caller.requireOperator("approve deals");
        Deal deal = pending(caller, dealId);
        if (decidedOn != null && (decidedOn.isBefore(deal.registeredOn()) || decidedOn.isAfter(today.date()))) {
            throw RuleViolation.of("decidedOn", "must be from the registration date " + deal.registeredOn()
                    + " to today (" + today.date() + "); was " + decidedOn);
        }
        Instant decidedAt = decidedOn == null || decidedOn.equals(today.date()) ? today.now()
                : decidedOn.atTime(LocalTime.NOON).atZone(Today.ZONE).toInstant();
        BigDecimal cap = terms(deal).deals().extraPercentCap();
        if (extraDiscountPercent.signum() < 0 || extraDiscountPercent.compareTo(cap) > 0) {
            throw new DealRefusal("extraDiscountPercent", DealWords.of("deals.refusal.ABOVE_EXTRA_CAP",
                    cap.stripTrailingZeros().toPlainString(), extraDiscountPercent.toPlainString()));
        }
        decide(caller.name(), dealId, "APPROVED", null, extraDiscountPercent, null, decidedAt);
        Deal approved = find(caller, dealId);
        activities.logApproval(approved, caller.name(), DealWords.of("deals.log.APPROVED",
                extraDiscountPercent.toPlainString()));
        events.record(caller.name(), approved.partnerId(), "deal.approved", "deal/" + dealId, "Deal " + dealId
                        + " approved with +" + extraDiscountPercent.toPlainString() + " %",
                data("by", caller.name(), "extraDiscountPercent", extraDiscountPercent));
        return approved;
    }

    /** Rejects a pending deal with a reason, freeing the customer for other partners. */
    @Transactional
    public Deal reject(Caller caller, long dealId, String reason) {
        caller.requireOperator("reject deals");
        pending(caller, dealId);
        decide(caller.name(), dealId, "REJECTED", reason.strip(), null, null);
        Deal rejected = find(caller, dealId);
        activities.log(rejected, caller.name(), DealActivity.Kind.DECISION, DealWords.of("deals.log.REJECTED",
                rejected.reason()));
        events.record(caller.name(), rejected.partnerId(), "deal.rejected", "deal/" + dealId, "Deal " + dealId
                + " rejected: " + rejected.reason(), data("by", caller.name(), "rule", "operator", "reason", rejected.reason()));
        return rejected;
    }

    /**
     * Ends the protection of every pending or approved deal of {@code partnerId} on {@code on} (the
     * partner left or was revoked), and ends its project registrations that day, so the customers
     * are free for other partners. Records an event per deal. Returns the deals released.
     */
    @Transactional
    public List<Deal> releaseClaimsOf(String actor, long partnerId, LocalDate on, Phrase why) {
        String reason = DealWords.english(why);
        List<Deal> released = jdbc.sql("""
                        update deal set status = 'RELEASED', ended_on = :on, reason = :reason,
                                        reason_code = :code, reason_args = cast(:args as jsonb),
                                        rule = case when status = 'PENDING' then null else rule end
                         where partner_id = :partner and status in ('PENDING', 'APPROVED')
                         returning *""")
                .param("on", on).param("reason", reason).param("code", why.key()).param("args", DealWords.argsJson(why))
                .param("partner", partnerId).query(Deals::deal).list();
        for (Deal deal : released) {
            activities.log(deal, actor, DealActivity.Kind.DECISION, DealWords.of("deals.log.RELEASED", on, why));
            events.record(actor, partnerId, "deal.released", "deal/" + deal.id(),
                    "Deal " + deal.id() + " for customer tax id " + deal.customerTaxId() + " released on " + on
                            + ": " + reason, Map.of("endedOn", on, "reason", reason));
        }
        jdbc.sql("""
                        update project_registration set valid_until = :on
                         where partner_id = :partner and valid_until > :on and registered_on < :on""")
                .param("on", on).param("partner", partnerId).update();
        return released;
    }

    /** Words of the deal bundles in English: what the API, events and stored texts say. */
    public static String english(Phrase words) {
        return DealWords.english(words);
    }

    public Deal find(Caller caller, long id) {
        Deal deal = jdbc.sql("select * from deal where id = :id").param("id", id).query(Deals::deal).optional()
                .orElseThrow(() -> new NotFound("deal", id));
        if (!caller.sees(deal.partnerId())) {
            throw new NotFound("deal", id);
        }
        return deal;
    }

    /** Deals, newest first; a partner sees only its own. */
    public List<Deal> list(Caller caller, Long partnerId, DealStatus status, int limit, int offset) {
        Long scope = caller.isOperator() ? partnerId : caller.partnerId();
        return jdbc.sql("""
                        select * from deal
                         where (cast(:partner as bigint) is null or partner_id = :partner)
                           and (cast(:status as text) is null or status = :status)
                         order by id desc limit :limit offset :offset""")
                .param("partner", scope).param("status", status == null ? null : status.name())
                .param("limit", limit).param("offset", offset)
                .query(Deals::deal).list();
    }

    private Deal pending(Caller caller, long dealId) {
        Deal deal = jdbc.sql("select * from deal where id = :id for update").param("id", dealId)
                .query(Deals::deal).optional().orElseThrow(() -> new NotFound("deal", dealId));
        if (!caller.sees(deal.partnerId())) {
            throw new NotFound("deal", dealId);
        }
        if (deal.status() != DealStatus.PENDING) {
            throw new DealConflict(DealWords.of("deals.refusal.NOT_PENDING", dealId, status(deal.status())));
        }
        return deal;
    }

    private void decide(String actor, long dealId, String status, String reason, BigDecimal percent, DealRule rule) {
        decide(actor, dealId, status, reason, percent, rule, today.now());
    }

    private void decide(String actor, long dealId, String status, String reason, BigDecimal percent, DealRule rule,
                        Instant at) {
        jdbc.sql("""
                        update deal set status = :status, reason = :reason, extra_discount_percent = :percent,
                                        decided_at = :at, decided_by = :by, rule = :rule,
                                        reason_code = null, reason_args = null
                         where id = :id""")
                .param("status", status).param("reason", reason).param("percent", percent)
                .param("at", Timestamp.from(at)).param("by", actor)
                .param("rule", rule == null ? null : rule.name()).param("id", dealId).update();
    }

    /** The terms a deal is judged by: the version of its partner's program in force on the registration date. */
    ProgramVersion terms(Deal deal) {
        String programId = jdbc.sql("select program_id from partner_account_view where partner_id = :id")
                .param("id", deal.partnerId())
                .query(String.class).single();
        return termsOn(programs.find(programId).orElseThrow(), deal.registeredOn());
    }

    static ProgramVersion termsOn(Program program, LocalDate day) {
        return program.versionOn(day).orElseGet(() -> program.versions().getFirst());
    }

    private Optional<Deal> activeDealFor(String taxId) {
        return jdbc.sql("select * from deal where customer_tax_id = :taxId and status in ('PENDING', 'APPROVED')")
                .param("taxId", taxId).query(Deals::deal).optional();
    }

    static String normalizedTaxId(String taxId) {
        return taxId.replaceAll("\\s", "");
    }

    /** A status as a refusal names it: its code in English, its name in Russian. */
    static Phrase status(DealStatus status) {
        return DealWords.of("deals.log.status." + status.name());
    }

    /** A rule as an activity entry names it: its code in English, its name in Russian. */
    static Phrase rule(DealRule rule) {
        return DealWords.of("deals.log.rule." + rule.name());
    }

    /** Event data from key, value pairs, leaving out null values. */
    static Map<String, Object> data(Object... pairs) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                data.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return data;
    }

    static Deal deal(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        String rule = rs.getString("rule");
        String lostReason = rs.getString("lost_reason");
        String type = rs.getString("consumption_type");
        return new Deal(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("customer_tax_id"),
                rs.getString("customer_name"), rs.getString("title"), rs.getBigDecimal("expected_monthly_amount"),
                rs.getObject("registered_on", LocalDate.class), DealStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getBigDecimal("extra_discount_percent"),
                decided == null ? null : decided.toInstant(), rs.getTimestamp("created_at").toInstant(),
                rs.getObject("ended_on", LocalDate.class), rs.getString("customer_email"), rs.getString("customer_domain"),
                rule == null ? null : DealRule.valueOf(rule), rs.getString("decided_by"),
                rs.getObject("approval_due_on", LocalDate.class), DealStage.valueOf(rs.getString("stage")),
                lostReason == null ? null : LostReason.valueOf(lostReason), rs.getString("stage_note"),
                rs.getBigDecimal("target_amount"), type == null ? null : ConsumptionType.valueOf(type),
                rs.getObject("expected_close_on", LocalDate.class),
                DealWords.read(rs.getString("reason_code"), rs.getString("reason_args")));
    }
}
