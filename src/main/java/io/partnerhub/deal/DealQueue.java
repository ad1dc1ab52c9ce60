package io.partnerhub.deal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.partnerhub.deal.ClaimRules.Candidate;
import io.partnerhub.program.DealTerms;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Today;

/**
 * The operator's approval queue: pending deals by approval deadline, each judged again against the
 * claims held now (something may have changed since it was registered).
 */
@Service
class DealQueue {

    private static final Logger log = LoggerFactory.getLogger(DealQueue.class);

    private final JdbcClient jdbc;
    private final ProgramCatalog programs;
    private final Claims claims;
    private final Today today;

    DealQueue(JdbcClient jdbc, ProgramCatalog programs, Claims claims, Today today) {
        this.jdbc = jdbc;
        this.programs = programs;
        this.claims = claims;
        this.today = today;
    }

    /**
     * A pending deal in the queue: {@code overdue} once today is after its approval deadline;
     * {@code conflicts} lists every rule it breaks now, with the claim behind each.
     */
    record Entry(Deal deal, boolean overdue, List<ClaimConflict> conflicts) {

        /** The entry with its reasons in {@code locale}. */
        Entry in(Locale locale) {
            return new Entry(deal.in(locale), overdue, conflicts.stream().map(c -> c.in(locale)).toList());
        }
    }

    private record Pending(Deal deal, Program program) {
    }

    /** Pending deals, the earliest approval deadline first (then the earliest registered). */
    List<Entry> pending(Caller caller, Long partnerId, String programId, int limit, int offset) {
        caller.requireOperator("read the approval queue");
        List<Pending> pending = jdbc.sql("""
                        select d.*, p.program_id from deal d join partner_account_view p on p.partner_id = d.partner_id
                         where d.status = 'PENDING'
                           and (cast(:partner as bigint) is null or d.partner_id = :partner)
                           and (cast(:program as text) is null or p.program_id = :program)
                         order by d.approval_due_on nulls last, d.registered_on, d.id
                         limit :limit offset :offset""")
                .param("partner", partnerId).param("program", programId).param("limit", limit).param("offset", offset)
                .query((rs, row) -> new Pending(Deals.deal(rs, row),
                        programs.find(rs.getString("program_id")).orElseThrow()))
                .list();
        List<Candidate> candidates = pending.stream().map(p -> {
            Deal d = p.deal();
            DealTerms terms = Deals.termsOn(p.program(), d.registeredOn()).deals();
            return new Candidate(d.id(), d.partnerId(), d.customerTaxId(), d.registeredOn(),
                    LocalDate.ofInstant(d.createdAt(), Today.ZONE), d.customerEmail(),
                    d.customerDomain(), terms, p.program().name());
        }).toList();
        List<List<ClaimConflict>> conflicts = candidates.isEmpty() ? List.of() : claims.conflicts(candidates);
        List<Entry> entries = new ArrayList<>();
        LocalDate now = today.date();
        for (int i = 0; i < pending.size(); i++) {
            Deal deal = pending.get(i).deal();
            boolean overdue = deal.approvalDeadline() != null && now.isAfter(deal.approvalDeadline());
            entries.add(new Entry(deal, overdue, conflicts.get(i)));
        }
        return entries;
    }

    /**
     * Deals registered before the deal desk kept approval deadlines get theirs once, from the
     * program files, so the queue orders every pending deal.
     */
    @EventListener(ApplicationReadyEvent.class)
    void giveOlderPendingDealsTheirDeadline() {
        List<Pending> missing = jdbc.sql("""
                        select d.*, p.program_id from deal d join partner_account_view p on p.partner_id = d.partner_id
                         where d.status = 'PENDING' and d.approval_due_on is null""")
                .query((rs, row) -> new Pending(Deals.deal(rs, row), programs.find(rs.getString("program_id")).orElse(null)))
                .list();
        int given = 0;
        for (Pending p : missing) {
            Integer days = p.program() == null ? null
                    : Deals.termsOn(p.program(), p.deal().registeredOn()).deals().approvalBusinessDays();
            if (days != null) {
                given += jdbc.sql("update deal set approval_due_on = :due where id = :id and approval_due_on is null")
                        .param("due", p.program().calendar().plusBusinessDays(p.deal().registeredOn(), days))
                        .param("id", p.deal().id()).update();
            }
        }
        if (given > 0) {
            log.info("Approval deadlines given to {} pending deal(s) registered before the deal desk", given);
        }
    }
}
