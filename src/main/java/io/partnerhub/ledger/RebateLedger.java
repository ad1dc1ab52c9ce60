package io.partnerhub.ledger;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partner;
import io.partnerhub.partner.Partners;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.Reason;
import io.partnerhub.shared.ReasonText;
import io.partnerhub.shared.RuleViolation;
import io.partnerhub.shared.Today;

/**
 * Accruals and withdrawals of rebates. Every change to a partner's balance takes that partner's
 * row lock first, so concurrent withdrawals are decided one after the other against the balance
 * the previous one left.
 */
@Service
public class RebateLedger {

    public enum Destination { BONUS, BANK_ACCOUNT }

    private final JdbcClient jdbc;
    private final Partners partners;
    private final ProgramCatalog programs;
    private final Today today;

    private final ClosedPeriods closedPeriods;
    private final Events events;
    private final ObjectMapper json;

    RebateLedger(JdbcClient jdbc, Partners partners, ProgramCatalog programs, Today today, ClosedPeriods closedPeriods,
                 Events events, ObjectMapper json) {
        this.json = json;
        this.closedPeriods = closedPeriods;
        this.events = events;
        this.jdbc = jdbc;
        this.partners = partners;
        this.programs = programs;
        this.today = today;
    }

    /** The balance and its entries, oldest first. */
    public record Balance(long partnerId, String currency, String rebateBalance, List<LedgerEntry> entries) {
    }

    /** The balance and its entries, each reference in {@code language} (Russian or English, see {@link ReasonText}). */
    public Balance balance(Caller caller, long partnerId, Locale language) {
        Partner partner = partners.find(caller, partnerId);
        List<LedgerEntry> entries = jdbc.sql("select * from ledger_entry where partner_id = :partner order by id")
                .param("partner", partnerId).query((rs, row) -> entry(rs, language)).list();
        return new Balance(partnerId, currency(partner), sum(partnerId, currency(partner)).toDecimalString(), entries);
    }

    /** A rebate accrued in {@code period}, for the reason {@code reference} names (a statement line). */
    @Transactional
    public LedgerEntry accrue(String actor, long partnerId, Money amount, YearMonth period, Reason reference) {
        if (amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("an accrual is positive: " + amount);
        }
        lockPartner(partnerId);
        return insert(partnerId, "ACCRUAL", amount.rounded(), period, null, reference, actor);
    }

    /**
     * Returns to the balance the part of a Bonus withdrawal its period's payable could not take: a
     * reversal entry naming the withdrawal.
     */
    @Transactional
    public LedgerEntry returnBonus(String actor, long partnerId, long withdrawalEntryId, Money amount, YearMonth period,
                                   Reason reference) {
        if (amount.amount().signum() <= 0) {
            throw new IllegalArgumentException("a return is positive: " + amount);
        }
        lockPartner(partnerId);
        long id = jdbc.sql("""
                        insert into ledger_entry (partner_id, kind, amount, currency, period, reference, reason_code,
                                                  reason_args, corrects, created_by)
                        values (:partner, 'REVERSAL', :amount, :currency, :period, :reference, :code,
                                cast(:args as jsonb), :corrects, :by)
                        returning id""")
                .param("partner", partnerId).param("amount", amount.rounded().amount()).param("currency", amount.currency())
                .param("period", period.atDay(1)).param("reference", ReasonText.english(reference))
                .param("code", reference.code()).param("args", json.writeValueAsString(reference.jsonArgs()))
                .param("corrects", withdrawalEntryId)
                .param("by", actor).query(Long.class).single();
        return jdbc.sql("select * from ledger_entry where id = :id").param("id", id)
                .query((rs, row) -> entry(rs, Locale.ENGLISH)).single();
    }

    /**
     * Withdraws {@code amount} to Bonus (applied to {@code period}'s payable; default the current
     * month; the period must be open) or to the bank account (a payout). Never more than the balance.
     */
    @Transactional
    public LedgerEntry withdraw(Caller caller, long partnerId, BigDecimal amount, Destination destination,
                                YearMonth period) {
        Partner partner = partners.find(caller, partnerId);
        String currency = currency(partner);
        if (amount.signum() <= 0 || amount.scale() > 2) {
            throw RuleViolation.of("amount", "must be a positive amount with at most 2 decimals");
        }
        YearMonth target = destination == Destination.BONUS
                ? (period == null ? YearMonth.from(today.date()) : period) : null;
        jdbc.sql(PeriodLocks.SHARED).query().listOfRows();
        if (target != null && closedPeriods.isClosed(target)) {
            throw RuleViolation.of("period", "period " + target + " is closed; Bonus applies to an open period");
        }
        LocalDate endsOn = endsOn(partner);
        if (target != null && endsOn != null && target.isAfter(YearMonth.from(endsOn.minusDays(1)))) {
            throw RuleViolation.of("period", "partner " + partnerId + " leaves the program on " + endsOn + ": its last"
                    + " statement is for " + YearMonth.from(endsOn.minusDays(1)) + ", no later period takes Bonus");
        }
        lockPartner(partnerId);
        Money requested = new Money(amount, currency);
        Money balance = sum(partnerId, currency);
        if (requested.compareTo(balance) > 0) {
            throw RuleViolation.of("amount", "the withdrawal of " + requested.toDecimalString() + " exceeds the rebate balance of "
                    + balance.toDecimalString());
        }
        LedgerEntry entry = insert(partnerId, "WITHDRAWAL", new Money(amount.negate(), currency), target,
                destination.name(), Reason.of("ledger.withdrawal." + destination.name()), caller.name());
        if (destination == Destination.BANK_ACCOUNT) {
            jdbc.sql("""
                            insert into payout (partner_id, ledger_entry_id, amount, currency)
                            values (:partner, :entry, :amount, :currency)""")
                    .param("partner", partnerId).param("entry", entry.id()).param("amount", amount)
                    .param("currency", currency).update();
        }
        return entry;
    }

    /**
     * A partner's final statement pays the rebate balance out to the bank account (docs/lifecycle.md):
     * Bonus withdrawn for months after {@code lastMonth} returns to the balance first (no statement
     * will apply it), then the whole balance, which must be {@code amount}, the figure the statement
     * shows, becomes a withdrawal to the bank account with its payout. Records the
     * {@code partner.final-balance-settled} event, also when nothing was left.
     */
    @Transactional
    public void payOutFinalBalance(String actor, long partnerId, Money amount, YearMonth lastMonth, Reason reference) {
        lockPartner(partnerId);
        jdbc.sql("""
                        select w.id, -(w.amount + coalesce((select sum(r.amount) from ledger_entry r where r.corrects = w.id), 0))
                                as outstanding
                          from ledger_entry w
                         where w.partner_id = :partner and w.kind = 'WITHDRAWAL' and w.destination = 'BONUS'
                           and w.period > :last
                         order by w.id""")
                .param("partner", partnerId).param("last", lastMonth.atDay(1))
                .query((rs, row) -> new Outstanding(rs.getLong("id"), rs.getBigDecimal("outstanding"))).list()
                .stream().filter(bonus -> bonus.amount().signum() > 0)
                .forEach(bonus -> returnBonus(actor, partnerId, bonus.withdrawalEntryId(),
                        new Money(bonus.amount(), amount.currency()), lastMonth,
                        Reason.of("ledger.bonusAfterLastStatement", lastMonth)));
        Money balance = sum(partnerId, amount.currency());
        Money due = balance.isNegative() ? Money.zero(amount.currency()).rounded() : balance;
        if (due.compareTo(amount) != 0) {
            throw new IllegalStateException("the final statement of partner " + partnerId + " pays out " + amount
                    + " but its rebate balance is " + balance);
        }
        if (amount.amount().signum() > 0) {
            LedgerEntry entry = insert(partnerId, "WITHDRAWAL", new Money(amount.amount().negate(), amount.currency()),
                    lastMonth, Destination.BANK_ACCOUNT.name(), reference, actor);
            jdbc.sql("""
                            insert into payout (partner_id, ledger_entry_id, amount, currency)
                            values (:partner, :entry, :amount, :currency)""")
                    .param("partner", partnerId).param("entry", entry.id()).param("amount", amount.amount())
                    .param("currency", amount.currency()).update();
        }
        events.record(actor, partnerId, "partner.final-balance-settled", "partner/" + partnerId, "Partner " + partnerId
                        + "'s final statement " + lastMonth + " pays out the rebate balance of " + amount.rounded().amount()
                        + " " + amount.currency() + " to the bank account",
                Map.of("period", lastMonth, "amount", amount.rounded().amount().toPlainString(),
                        "currency", amount.currency()));
    }

    /** A Bonus withdrawal and how much of it has not returned to the balance. */
    private record Outstanding(long withdrawalEntryId, BigDecimal amount) {
    }

    private static LocalDate endsOn(Partner partner) {
        if (partner.revokedOn() == null) {
            return partner.exitDate();
        }
        return partner.exitDate() == null || partner.revokedOn().isBefore(partner.exitDate())
                ? partner.revokedOn() : partner.exitDate();
    }

    private LedgerEntry insert(long partnerId, String kind, Money amount, YearMonth period, String destination,
                               Reason reference, String actor) {
        long id = jdbc.sql("""
                        insert into ledger_entry (partner_id, kind, amount, currency, period, destination, reference,
                                                  reason_code, reason_args, created_by)
                        values (:partner, :kind, :amount, :currency, :period, :destination, :reference, :code,
                                cast(:args as jsonb), :by)
                        returning id""")
                .param("partner", partnerId).param("kind", kind).param("amount", amount.amount())
                .param("currency", amount.currency()).param("period", period == null ? null : period.atDay(1))
                .param("destination", destination).param("reference", ReasonText.english(reference))
                .param("code", reference.code()).param("args", json.writeValueAsString(reference.jsonArgs()))
                .param("by", actor)
                .query(Long.class).single();
        return jdbc.sql("select * from ledger_entry where id = :id").param("id", id)
                .query((rs, row) -> entry(rs, Locale.ENGLISH)).single();
    }

    private void lockPartner(long partnerId) {
        partners.lock(partnerId);
    }

    private Money sum(long partnerId, String currency) {
        BigDecimal total = jdbc.sql("select coalesce(sum(amount), 0) from ledger_entry where partner_id = :partner")
                .param("partner", partnerId).query(BigDecimal.class).single();
        return new Money(total.setScale(2), currency);
    }

    private String currency(Partner partner) {
        return programs.find(partner.programId()).orElseThrow().currency();
    }

    private LedgerEntry entry(ResultSet rs, Locale language) throws SQLException {
        java.sql.Date period = rs.getDate("period");
        String code = rs.getString("reason_code");
        List<Object> args = code == null ? null : json.readValue(rs.getString("reason_args"), ARGS);
        String currency = rs.getString("currency");
        return new LedgerEntry(rs.getLong("id"), rs.getString("kind"), rs.getBigDecimal("amount").toPlainString(),
                currency, period == null ? null : YearMonth.from(period.toLocalDate()), rs.getString("destination"),
                code == null ? rs.getString("reference")
                        : ReasonText.in(Reason.fromJson(code, args), language, currency),
                code, args, (Long) rs.getObject("corrects"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"));
    }

    private static final TypeReference<List<Object>> ARGS = new TypeReference<>() {
    };
}
