package io.partnerhub.incentive;

import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.IncentiveRule;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.DailyTask;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The partner's sandbox machine, "Cloudovka" (Oblakoteka, seed 002 footnote 3): one per partner, of
 * the program's size on one of its platforms, requested under a free tier and billed to the
 * partner's own account. It is free while the partner is in a free tier and for the program's months
 * after a downgrade; the partner sees the timer and is warned before it ends (a daily task).
 */
@Service
public class Sandboxes implements DailyTask {

    /** FREE: in a free tier; ENDING: downgraded, free until {@code paidFrom}; PAID: the partner's own consumption. */
    @Schema(name = "SandboxStatus")
    public enum Status { FREE, ENDING, PAID }

    private final JdbcClient jdbc;
    private final Partners partners;
    private final IncentiveTerms terms;
    private final IncentiveEvents events;
    private final Today today;

    Sandboxes(JdbcClient jdbc, Partners partners, IncentiveTerms terms, IncentiveEvents events, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.terms = terms;
        this.events = events;
        this.today = today;
    }

    /**
     * The sandbox and its timer as of today.
     *
     * @param downgradedOn the first day of the partner's last downgrade out of the free tiers, null while in one
     * @param paidFrom     the first day its consumption is the partner's own, null while free without end
     * @param daysLeft     days until {@code paidFrom} (0 once paid), null while free without end
     */
    public record Sandbox(long id, long partnerId, String platform, String resourceId, int vcpu, int ramGb, int ssdGb,
                          LocalDate requestedOn, Status status, LocalDate downgradedOn, LocalDate paidFrom,
                          Long daysLeft) {
    }

    @Transactional
    public Sandbox request(Caller caller, long partnerId, String platform, String resourceId) {
        Partner partner = partners.find(caller, partnerId);
        partner.refuseNewClaimsIfGone("a sandbox");
        LocalDate day = today.date();
        IncentiveRule.Sandbox rule = terms.require(partner, IncentiveRule.Sandbox.class, day);
        if (!rule.platforms().contains(platform)) {
            throw terms.refusal("platform", "sandbox.platform", platform, String.join(", ", rule.platforms()));
        }
        if (partner.accountId() == null) {
            throw terms.refusal("partnerId", "sandbox.noOwnAccount", partnerId);
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('sandbox:' || :partner, 0))").param("partner", partnerId)
                .query().listOfRows();
        find(partnerId).ifPresent(held -> {
            throw terms.conflict("sandbox.onePerPartner", partnerId, held.id(), held.platform(), held.resourceId(),
                    held.requestedOn());
        });
        long id = jdbc.sql("""
                        insert into sandbox (partner_id, platform, resource_id, vcpu, ram_gb, ssd_gb, requested_on, requested_by)
                        values (:partner, :platform, :resource, :vcpu, :ram, :ssd, :day, :by) returning id""")
                .param("partner", partnerId).param("platform", platform).param("resource", resourceId.strip())
                .param("vcpu", rule.vcpu()).param("ram", rule.ramGb()).param("ssd", rule.ssdGb()).param("day", day)
                .param("by", caller.name()).query(Long.class).single();
        events.record(caller.name(), partnerId, IncentiveEvents.Type.SANDBOX_GRANTED, "sandbox/" + id,
                "Sandbox " + rule.vcpu() + " vCPU / " + rule.ramGb() + " GB / " + rule.ssdGb() + " GB SSD on " + platform
                        + " (resource " + resourceId.strip() + "), free while " + String.join(", ", rule.tiers()),
                IncentiveEvents.data("platform", platform, "resourceId", resourceId.strip(), "requestedOn", day));
        return of(caller, partnerId).orElseThrow();
    }

    /** The partner's sandbox with its timer as of today, if it has one. */
    public Optional<Sandbox> of(Caller caller, long partnerId) {
        Partner partner = partners.find(caller, partnerId);
        return find(partnerId).map(held -> timed(held, partner, today.date()));
    }

    /** Sandboxes that become paid within {@code days} or are paid already, soonest first (operator). */
    public List<Sandbox> ending(Caller caller) {
        caller.requireOperator("list sandboxes");
        LocalDate day = today.date();
        List<Sandbox> ending = new ArrayList<>();
        for (Stored held : all()) {
            Sandbox timed = timed(held, partners.find(caller, held.partnerId()), day);
            if (timed.status() != Status.FREE) {
                ending.add(timed);
            }
        }
        ending.sort(java.util.Comparator.comparing(Sandbox::paidFrom));
        return ending;
    }

    @Override
    public String name() {
        return "sandbox-timer";
    }

    /** Warns each partner the program's days before its sandbox becomes paid, and on the day it does; each once. */
    @Override
    @Transactional
    public List<String> runFor(LocalDate day) {
        List<String> changes = new ArrayList<>();
        Caller system = new Caller.Operator("system");
        for (Stored held : all()) {
            Partner partner = partners.find(system, held.partnerId());
            Optional<IncentiveRule.Sandbox> rule = rule(partner, day);
            Sandbox timed = timed(held, partner, day);
            if (rule.isEmpty() || timed.paidFrom() == null) {
                continue;
            }
            List<Integer> warnings = new ArrayList<>(rule.get().warnDaysBefore() == null ? List.of() : rule.get().warnDaysBefore());
            warnings.add(0);
            for (int before : warnings) {
                if (day.isBefore(timed.paidFrom().minusDays(before))) {
                    continue;
                }
                int added = jdbc.sql("""
                                insert into sandbox_warning (sandbox_id, paid_from, days_before, warned_on)
                                values (:id, :paidFrom, :before, :day) on conflict do nothing""")
                        .param("id", held.id()).param("paidFrom", timed.paidFrom()).param("before", before)
                        .param("day", day).update();
                if (added == 0 || (before > 0 && !day.isBefore(timed.paidFrom()))) {
                    continue;
                }
                String change = before == 0
                        ? "Sandbox #" + held.id() + " of partner " + held.partnerId() + " is paid from " + timed.paidFrom()
                        : "Sandbox #" + held.id() + " of partner " + held.partnerId() + " becomes paid on "
                        + timed.paidFrom() + ", in " + ChronoUnit.DAYS.between(day, timed.paidFrom()) + " days";
                events.record("system", held.partnerId(), before == 0 ? IncentiveEvents.Type.SANDBOX_PAID
                                : IncentiveEvents.Type.SANDBOX_ENDING, "sandbox/" + held.id(), change,
                        IncentiveEvents.data("paidFrom", timed.paidFrom(), "daysLeft",
                                ChronoUnit.DAYS.between(day, timed.paidFrom()), "downgradedOn", timed.downgradedOn()));
                changes.add(change);
            }
        }
        return changes;
    }

    private Optional<IncentiveRule.Sandbox> rule(Partner partner, LocalDate day) {
        return terms.program(partner).versionOn(day).flatMap(t -> t.incentive(IncentiveRule.Sandbox.class));
    }

    /** The timer on {@code day}: the same rule the close applies ({@code IncentiveRule.Sandbox.paidFrom}). */
    private Sandbox timed(Stored held, Partner partner, LocalDate day) {
        NavigableMap<LocalDate, String> tiers = tiers(held.partnerId()).headMap(day, true);
        Optional<IncentiveRule.Sandbox> rule = rule(partner, day);
        LocalDate paidFrom = rule.isEmpty() ? held.requestedOn() : rule.get().paidFrom(tiers).orElse(null);
        LocalDate downgradedOn = rule.flatMap(r -> r.downgradedOn(tiers)).orElse(null);
        Status status = paidFrom == null ? Status.FREE : day.isBefore(paidFrom) ? Status.ENDING : Status.PAID;
        Long daysLeft = paidFrom == null ? null : Math.max(0, ChronoUnit.DAYS.between(day, paidFrom));
        return new Sandbox(held.id(), held.partnerId(), held.platform(), held.resourceId(), held.vcpu(), held.ramGb(),
                held.ssdGb(), held.requestedOn(), status, downgradedOn, paidFrom, daysLeft);
    }

    private NavigableMap<LocalDate, String> tiers(long partnerId) {
        TreeMap<LocalDate, String> tiers = new TreeMap<>();
        jdbc.sql("select effective_from, tier from partner_standing_view where partner_id = :partner")
                .param("partner", partnerId)
                .query((rs, i) -> tiers.put(rs.getObject("effective_from", LocalDate.class), String.valueOf(rs.getString("tier"))))
                .list();
        return tiers;
    }

    private record Stored(long id, long partnerId, String platform, String resourceId, int vcpu, int ramGb, int ssdGb,
                          LocalDate requestedOn) {
    }

    private Optional<Stored> find(long partnerId) {
        return jdbc.sql("select * from sandbox where partner_id = :partner").param("partner", partnerId)
                .query(Sandboxes::stored).optional();
    }

    private List<Stored> all() {
        return jdbc.sql("select * from sandbox order by id").query(Sandboxes::stored).list();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("platform"), rs.getString("resource_id"),
                rs.getInt("vcpu"), rs.getInt("ram_gb"), rs.getInt("ssd_gb"), rs.getObject("requested_on", LocalDate.class));
    }

    /** Refused as absent: a sandbox the caller may not see. */
    static NotFound none(long partnerId) {
        return new NotFound("sandbox of partner", partnerId);
    }
}
