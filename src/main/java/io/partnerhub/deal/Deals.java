package io.partnerhub.deal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.program.ProgramVersion;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Conflict;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/** Deal registration and the operator's decision on it. The public API of the deal feature. */
@Service
public class Deals {

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Today today;
    private final Events events;

    Deals(JdbcClient jdbc, Partners partners, ProgramCatalog programs, Today today, Events events) {
        this.events = events;
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.today = today;
    }

    public record Registration(long partnerId, String customerTaxId, String customerName, String title,
                               BigDecimal expectedMonthlyAmount, LocalDate registeredOn) {
    }

    /**
     * Registers a deal as PENDING, or as REJECTED when another partner holds an active deal for the
     * customer's tax id. Of concurrent registrations for one customer exactly one claims it: the
     * insert races on the partial unique index {@code uq_deal_active_claim}.
     */
    @Transactional
    public Deal register(Caller caller, Registration r) {
        Partner partner = partners.find(caller, r.partnerId());
        partner.refuseNewClaimsIfGone("new deals");
        LocalDate registeredOn = r.registeredOn() == null ? today.date() : r.registeredOn();
        if (registeredOn.isBefore(partner.contractDate())) {
            throw RuleViolation.of("registeredOn", "partner " + partner.id() + " joined on " + partner.contractDate()
                    + "; a deal cannot be registered before that");
        }
        String taxId = normalizedTaxId(r.customerTaxId());
        Optional<Long> claimed = jdbc.sql("""
                        insert into deal (partner_id, customer_tax_id, customer_name, title, expected_monthly_amount,
                                          registered_on, status, created_by)
                        values (:partner, :taxId, :name, :title, :expected, :registeredOn, 'PENDING', :by)
                        on conflict (customer_tax_id) where status in ('PENDING', 'APPROVED') do nothing
                        returning id""")
                .param("partner", partner.id()).param("taxId", taxId).param("name", r.customerName().strip())
                .param("title", r.title().strip()).param("expected", r.expectedMonthlyAmount())
                .param("registeredOn", registeredOn).param("by", caller.name())
                .query(Long.class).optional();
        if (claimed.isPresent()) {
            return find(caller, claimed.get());
        }
        Deal holder = activeDealFor(taxId).orElseThrow(() -> new IllegalStateException(
                "the active claim on " + taxId + " vanished during registration"));
        if (holder.partnerId() == partner.id()) {
            throw new Conflict("Partner " + partner.id() + " already holds deal " + holder.id()
                    + " (" + holder.status() + ") for customer tax id " + taxId + ".");
        }
        String reason = "Another partner holds an active deal for customer tax id " + taxId
                + ", registered on " + holder.registeredOn() + ".";
        long id = jdbc.sql("""
                        insert into deal (partner_id, customer_tax_id, customer_name, title, expected_monthly_amount,
                                          registered_on, status, reason, created_by)
                        values (:partner, :taxId, :name, :title, :expected, :registeredOn, 'REJECTED', :reason, :by)
                        returning id""")
                .param("partner", partner.id()).param("taxId", taxId).param("name", r.customerName().strip())
                .param("title", r.title().strip()).param("expected", r.expectedMonthlyAmount())
                .param("registeredOn", registeredOn).param("reason", reason).param("by", caller.name())
                .query(Long.class).single();
        return find(caller, id);
    }

    /** Approves a pending deal with an extra discount of at most the program's cap. */
    @Transactional
    public Deal approve(Caller caller, long dealId, BigDecimal extraDiscountPercent) {
        caller.requireOperator("approve deals");
        Deal deal = pending(caller, dealId);
        BigDecimal cap = terms(deal).deals().extraPercentCap();
        if (extraDiscountPercent.signum() < 0 || extraDiscountPercent.compareTo(cap) > 0) {
            throw RuleViolation.of("extraDiscountPercent", "must be from 0 to the program's cap of "
                    + cap.stripTrailingZeros().toPlainString() + " %; was " + extraDiscountPercent.toPlainString());
        }
        decide(caller, dealId, "APPROVED", null, extraDiscountPercent);
        return find(caller, dealId);
    }

    /** Rejects a pending deal with a reason, freeing the customer for other partners. */
    @Transactional
    public Deal reject(Caller caller, long dealId, String reason) {
        caller.requireOperator("reject deals");
        pending(caller, dealId);
        decide(caller, dealId, "REJECTED", reason.strip(), null);
        return find(caller, dealId);
    }

    /**
     * Ends the protection of every pending or approved deal of {@code partnerId} on {@code on} (the
     * partner left or was revoked), and ends its project registrations that day, so the customers
     * are free for other partners. Records an event per deal. Returns the deals released.
     */
    @Transactional
    public List<Deal> releaseClaimsOf(String actor, long partnerId, LocalDate on, String reason) {
        List<Deal> released = jdbc.sql("""
                        update deal set status = 'RELEASED', ended_on = :on, reason = :reason
                         where partner_id = :partner and status in ('PENDING', 'APPROVED')
                         returning *""")
                .param("on", on).param("reason", reason).param("partner", partnerId).query(Deals::deal).list();
        for (Deal deal : released) {
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
        if (deal.status() != DealStatus.PENDING) {
            throw new Conflict("Deal " + dealId + " is " + deal.status() + "; only a pending deal can be decided.");
        }
        return deal;
    }

    private void decide(Caller caller, long dealId, String status, String reason, BigDecimal percent) {
        jdbc.sql("""
                        update deal set status = :status, reason = :reason, extra_discount_percent = :percent,
                                        decided_at = :at, decided_by = :by
                         where id = :id""")
                .param("status", status).param("reason", reason).param("percent", percent)
                .param("at", Timestamp.from(today.now())).param("by", caller.name()).param("id", dealId).update();
    }

    private ProgramVersion terms(Deal deal) {
        String programId = jdbc.sql("select program_id from partner where id = :id").param("id", deal.partnerId())
                .query(String.class).single();
        var program = programs.find(programId).orElseThrow();
        return program.versionOn(deal.registeredOn()).orElseGet(() -> program.versions().getFirst());
    }

    private Optional<Deal> activeDealFor(String taxId) {
        return jdbc.sql("select * from deal where customer_tax_id = :taxId and status in ('PENDING', 'APPROVED')")
                .param("taxId", taxId).query(Deals::deal).optional();
    }

    static String normalizedTaxId(String taxId) {
        return taxId.replaceAll("\\s", "");
    }

    private static Deal deal(ResultSet rs, int row) throws SQLException {
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Deal(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("customer_tax_id"),
                rs.getString("customer_name"), rs.getString("title"), rs.getBigDecimal("expected_monthly_amount"),
                rs.getObject("registered_on", LocalDate.class), DealStatus.valueOf(rs.getString("status")),
                rs.getString("reason"), rs.getBigDecimal("extra_discount_percent"),
                decided == null ? null : decided.toInstant(), rs.getTimestamp("created_at").toInstant(),
                rs.getObject("ended_on", LocalDate.class));
    }
}
