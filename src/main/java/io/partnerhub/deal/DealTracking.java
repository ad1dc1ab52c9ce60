package io.partnerhub.deal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.partnerhub.program.DealTerms;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Today;

/**
 * Following a deal after its registration, for other features (the portal): the partner's pipeline
 * and activity log, the protection window, and the operator's queue of pending deals with the
 * conflicts found now. The views it returns carry no other partner's id, so nothing built on them
 * can name the other partner of a conflict (docs/deals.md, "Never the other partner").
 */
@Service
public class DealTracking {

    private final Deals deals;
    private final DealPipeline pipeline;
    private final DealQueue queue;
    private final JdbcClient jdbc;
    private final ProgramCatalog catalog;

    DealTracking(Deals deals, DealPipeline pipeline, DealQueue queue, JdbcClient jdbc, ProgramCatalog catalog) {
        this.deals = deals;
        this.pipeline = pipeline;
        this.queue = queue;
        this.jdbc = jdbc;
        this.catalog = catalog;
    }

    /**
     * One entry of a deal's activity log; {@code kind} is NOTE, STAGE, PLAN or DECISION;
     * {@code namesDiscount}: the text names the extra discount (an approval), not for SALES users.
     */
    public record Activity(long id, Instant at, String actor, String kind, String text, boolean namesDiscount) {
    }

    /** A rule a pending deal breaks now: the rule, the reason, and the claim behind it ({@code deal/12}, {@code link/5}). */
    public record Conflict(DealRule rule, String reason, String claim) {
    }

    /** Why a pending deal waits for an operator rather than being approved by the program's auto-approval. */
    public enum Waiting {
        /** The program's terms on the registration date approve nothing by themselves. */
        NO_AUTO_APPROVAL,
        /** The auto-approval needs an expected monthly amount, and the registration gave none. */
        NO_EXPECTED_AMOUNT,
        /** The expected monthly amount is above the auto-approval's limit ({@code autoApprovalLimit}). */
        ABOVE_AUTO_APPROVAL_LIMIT,
        /** Within the limit, yet not approved at registration (registered before the rule was in the file). */
        NOT_AUTO_APPROVED
    }

    /**
     * A pending deal in the queue with its own partner's name, {@code overdue} once today is after
     * its approval deadline; why it waits, with the auto-approval's limit where there is one; the
     * rules it breaks now; {@code extraPercentCap}, the most extra discount its program's terms allow
     * (the approval form offers it).
     */
    public record Queued(Deal deal, String partnerName, boolean overdue, Waiting waiting,
                         BigDecimal autoApprovalLimit, List<Conflict> conflicts, BigDecimal extraPercentCap) {
    }

    /**
     * The protection an approved deal has: {@code protectionDays} from the program (null where the
     * program states none, so the deal never expires), and {@code convertBy}, the first day without
     * protection unless the customer was linked to the partner and consumed before it.
     */
    public record ProtectionWindow(Integer protectionDays, LocalDate convertBy) {
    }

    public Deal changeStage(Caller caller, long dealId, DealStage stage, LostReason lostReason, String note) {
        return pipeline.changeStage(caller, dealId, stage, lostReason, note);
    }

    public void addNote(Caller caller, long dealId, String note) {
        pipeline.addNote(caller, dealId, note);
    }

    /** The deal's activity log, newest first, what the platform logged in {@code locale} (notes as written). */
    public List<Activity> activities(Caller caller, long dealId, Locale locale) {
        return pipeline.activities(caller, dealId).stream()
                .map(a -> a.in(locale))
                .map(a -> new Activity(a.id(), a.at(), a.actor(), a.kind().name(), a.text(), a.namesDiscount()))
                .toList()
                .reversed();
    }

    /** The window of an approved (or since ended) deal; {@code convertBy} is null for other deals. */
    public ProtectionWindow protection(Caller caller, long dealId) {
        Deal deal = deals.find(caller, dealId);
        Integer days = deals.terms(deal).deals().protectionDays();
        if (days == null || deal.decidedAt() == null || deal.extraDiscountPercent() == null) {
            return new ProtectionWindow(days, null);
        }
        LocalDate approvedOn = LocalDate.ofInstant(deal.decidedAt(), Today.ZONE);
        return new ProtectionWindow(days, Protection.windowEnd(deal.registeredOn(), approvedOn, days));
    }

    /** Pending deals, the earliest approval deadline first, each with the rules it breaks now in {@code locale} (operator). */
    public List<Queued> pending(Caller caller, int limit, Locale locale) {
        List<DealQueue.Entry> entries = queue.pending(caller, null, null, limit, 0);
        Map<Long, QueuedPartner> partnerOf = partnersOf(entries.stream().map(e -> e.deal().partnerId()).distinct().toList());
        return entries.stream().map(e -> {
            Deal deal = e.deal();
            QueuedPartner partner = partnerOf.get(deal.partnerId());
            DealTerms terms = Deals.termsOn(partner.program(), deal.registeredOn()).deals();
            Optional<DealTerms.AutoApproval> auto = terms.autoApprovalRule();
            BigDecimal limitAmount = auto.map(DealTerms.AutoApproval::maxExpectedMonthlyAmount).orElse(null);
            return new Queued(deal.in(locale), partner.name(), e.overdue(), waiting(deal, limitAmount), limitAmount,
                    e.conflicts().stream().map(c -> new Conflict(c.rule(), c.in(locale).reason(), c.claim())).toList(),
                    terms.extraPercentCap());
        }).toList();
    }

    private static Waiting waiting(Deal deal, BigDecimal autoApprovalLimit) {
        if (autoApprovalLimit == null) {
            return Waiting.NO_AUTO_APPROVAL;
        }
        if (deal.expectedMonthlyAmount() == null) {
            return Waiting.NO_EXPECTED_AMOUNT;
        }
        return deal.expectedMonthlyAmount().compareTo(autoApprovalLimit) > 0 ? Waiting.ABOVE_AUTO_APPROVAL_LIMIT
                : Waiting.NOT_AUTO_APPROVED;
    }

    private record QueuedPartner(String name, Program program) {
    }

    /** The names and programs of the queued deals' own partners, in one query. */
    private Map<Long, QueuedPartner> partnersOf(List<Long> partnerIds) {
        Map<Long, QueuedPartner> partners = new HashMap<>();
        if (partnerIds.isEmpty()) {
            return partners;
        }
        jdbc.sql("select partner_id, name, program_id from partner_name_view where partner_id = any(:ids)")
                .param("ids", partnerIds.toArray(Long[]::new))
                .query(rs -> {
                    partners.put(rs.getLong("partner_id"), new QueuedPartner(rs.getString("name"),
                            catalog.find(rs.getString("program_id")).orElseThrow()));
                });
        return partners;
    }
}
