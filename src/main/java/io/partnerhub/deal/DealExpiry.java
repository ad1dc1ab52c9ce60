package io.partnerhub.deal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.partnerhub.deal.Protection.Ending;
import io.partnerhub.deal.Protection.Linked;
import io.partnerhub.event.Events;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.BeforeClose;
import io.partnerhub.shared.DailyTask;
import io.partnerhub.shared.Today;

/**
 * Ends the protection of approved deals whose time is up ({@link Protection}): each day for what
 * is due on or before that day, and inside a month's close for what is due by the month's last
 * day, so the month's statements apply a deal's extra only until its {@code ended_on}. A deal
 * expires once: running again for a day changes nothing.
 */
@Component
class DealExpiry implements DailyTask, BeforeClose {

    private final JdbcClient jdbc;
    private final ProgramCatalog programs;
    private final ConsumptionSummary consumption;
    private final DealActivities activities;
    private final Events events;
    private final TransactionTemplate transactions;

    DealExpiry(JdbcClient jdbc, ProgramCatalog programs, ConsumptionSummary consumption, DealActivities activities,
               Events events, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.programs = programs;
        this.consumption = consumption;
        this.activities = activities;
        this.events = events;
        this.transactions = transactions;
    }

    @Override
    public String name() {
        return "deal-expiry";
    }

    @Override
    public List<String> runFor(LocalDate day) {
        return transactions.execute(status -> expireDueBy(day));
    }

    /** In the close's transaction: what is due by the month's last day expires before the month is settled. */
    @Override
    public void beforeClose(YearMonth month) {
        transactions.executeWithoutResult(status -> expireDueBy(month.atEndOfMonth()));
    }

    private record Approved(Deal deal, int protectionDays) {
    }

    private List<String> expireDueBy(LocalDate day) {
        List<Approved> approved = new ArrayList<>();
        jdbc.sql("""
                        select d.*, p.program_id from deal d join partner_account_view p on p.partner_id = d.partner_id
                         where d.status = 'APPROVED' order by d.id""")
                .query(rs -> {
                    Deal deal = Deals.deal(rs, 0);
                    Integer days = programs.find(rs.getString("program_id"))
                            .map(program -> Deals.termsOn(program, deal.registeredOn()).deals().protectionDays())
                            .orElse(null);
                    if (days != null) {
                        approved.add(new Approved(deal, days));
                    }
                });
        Map<Long, List<Linked>> links = linksToTheirPartners(approved);
        List<String> changes = new ArrayList<>();
        for (Approved a : approved) {
            Deal deal = a.deal();
            LocalDate approvedOn = deal.decidedAt() == null ? deal.registeredOn()
                    : LocalDate.ofInstant(deal.decidedAt(), Today.ZONE);
            Optional<Ending> ending = Protection.ending(deal.customerTaxId(), deal.registeredOn(), approvedOn,
                    a.protectionDays(), links.getOrDefault(deal.id(), List.of()));
            if (ending.isPresent() && !ending.get().on().isAfter(day) && expire(deal, ending.get())) {
                changes.add("Deal " + deal.id() + " expired on " + ending.get().on() + ": " + ending.get().reason());
            }
        }
        return changes;
    }

    /** Per deal, the links of customers with its tax id to its partner, each with the account's consumption. */
    private Map<Long, List<Linked>> linksToTheirPartners(List<Approved> approved) {
        Map<Long, List<Linked>> links = new HashMap<>();
        if (approved.isEmpty()) {
            return links;
        }
        Long[] ids = approved.stream().map(a -> a.deal().id()).toArray(Long[]::new);
        record Row(long dealId, String accountId, LocalDate from, LocalDate to) {
        }
        List<Row> rows = jdbc.sql("""
                        select d.id as deal_id, c.account_id, l.valid_from, l.valid_to
                          from deal d
                          join customer_tax_id_view c on c.tax_id = d.customer_tax_id
                          join customer_link_view l on l.customer_id = c.customer_id and l.partner_id = d.partner_id
                         where d.id = any(:ids)""")
                .param("ids", ids)
                .query((rs, n) -> new Row(rs.getLong("deal_id"), rs.getString("account_id"),
                        rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class)))
                .list();
        Map<String, ConsumptionDays> days = consumption.of(rows.stream().map(Row::accountId).distinct().toList());
        for (Row row : rows) {
            links.computeIfAbsent(row.dealId(), k -> new ArrayList<>()).add(new Linked(row.from(), row.to(),
                    days.getOrDefault(row.accountId(), ConsumptionDays.NONE)));
        }
        return links;
    }

    private boolean expire(Deal deal, Ending ending) {
        int updated = jdbc.sql("""
                        update deal set status = 'EXPIRED', ended_on = :on, reason = :reason, rule = :rule,
                                        reason_code = :code, reason_args = cast(:args as jsonb)
                         where id = :id and status = 'APPROVED'""")
                .param("on", ending.on()).param("reason", ending.reason()).param("rule", ending.rule().name())
                .param("code", ending.words().key()).param("args", DealWords.argsJson(ending.words()))
                .param("id", deal.id()).update();
        if (updated == 0) {
            return false;
        }
        activities.log(deal, Deals.SYSTEM, DealActivity.Kind.DECISION, DealWords.of("deals.log.EXPIRED", ending.on(),
                Deals.rule(ending.rule()), ending.words()));
        events.record(Deals.SYSTEM, deal.partnerId(), "deal.expired", "deal/" + deal.id(), "Deal " + deal.id()
                        + " for customer tax id " + deal.customerTaxId() + " expired on " + ending.on() + ": " + ending.reason(),
                Deals.data("endedOn", ending.on(), "rule", ending.rule(), "reason", ending.reason()));
        return true;
    }
}
