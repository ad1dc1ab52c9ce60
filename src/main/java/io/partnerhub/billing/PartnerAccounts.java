package io.partnerhub.billing;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partners;
import io.partnerhub.settlement.PayableSoFar;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.NotFound;
import io.partnerhub.shared.Today;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partner's account with the provider: its payments (and the credits a close left) against its
 * invoices. A payment naming an invoice pays that invoice first; everything else pays the open
 * invoices oldest due first, so an invoice is PAID once covered, OVERDUE when unpaid after its due
 * day, OPEN otherwise. For advance payment the balance is what the payments left after the invoices,
 * {@code reserved} the open months' payable so far not yet invoiced, {@code available} the
 * balance less the reserve. Everything is read from the stored facts: nothing here is stored but
 * the warnings announced.
 */
@Component
public class PartnerAccounts {

    private static final BigDecimal NONE = new BigDecimal("0.00");

    private final JdbcClient jdbc;
    private final Partners partners;
    private final PartnerInvoices invoices;
    private final PayableSoFar payableSoFar;
    private final Events events;
    private final Today today;

    PartnerAccounts(JdbcClient jdbc, Partners partners, PartnerInvoices invoices, PayableSoFar payableSoFar,
                    Events events, Today today) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.invoices = invoices;
        this.payableSoFar = payableSoFar;
        this.events = events;
        this.today = today;
    }

    /** An invoice with what was paid of it and its status today. */
    @Schema(name = "PartnerInvoiceStatus")
    public record InvoiceStatus(String number, String kind, String period, String amount, String vatRate, String vat,
                                String paid, String open, String currency, LocalDate issuedOn, LocalDate dueOn, String status,
                                long daysPastDue) {
    }

    /** The account as API.md has it; {@code warning} LOW or OUT for advance payment when it runs low or out. */
    @Schema(name = "PartnerAccount")
    public record Account(long partnerId, String paymentTerms, String currency, String paid, String invoiced,
                          String balance, String reserved, String available, String warning) {
    }

    private record Paying(Long invoiceId, BigDecimal amount) {
    }

    /** The partner's invoices, oldest first, with their payments and status as of today. */
    public List<InvoiceStatus> invoices(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return statuses(partnerId, today.date());
    }

    /** One invoice of the partner, with its status today. */
    public InvoiceStatus invoice(Caller caller, long partnerId, String number) {
        PartnerInvoices.Invoice invoice = invoices.find(caller, partnerId, number);
        return statuses(partnerId, today.date()).stream().filter(s -> s.number().equals(invoice.number()))
                .findFirst().orElseThrow();
    }

    /** The statuses of the partner's invoices on {@code day}, oldest first. */
    List<InvoiceStatus> statuses(long partnerId, LocalDate day) {
        return statuses(List.of(partnerId), day).getOrDefault(partnerId, List.of());
    }

    /**
     * The statuses on {@code day} of the invoices of each of the partners, oldest first, by partner
     * id (a partner without invoices is left out): their invoices, payments and credits read once for
     * all of them.
     */
    Map<Long, List<InvoiceStatus>> statuses(Collection<Long> partnerIds, LocalDate day) {
        Long[] ids = partnerIds.toArray(Long[]::new);
        Map<Long, List<PartnerInvoices.Invoice>> invoiced = new java.util.TreeMap<>();
        invoices.ofPartners(ids).forEach(i -> invoiced.computeIfAbsent(i.partnerId(), p -> new ArrayList<>()).add(i));
        Map<Long, List<Paying>> payments = payments(ids);
        Map<Long, BigDecimal> credits = sums("partner_account_credit", ids);
        Map<Long, List<InvoiceStatus>> statuses = new LinkedHashMap<>();
        invoiced.forEach((partnerId, all) -> {
            Map<Long, BigDecimal> paid = allocate(all, payments.getOrDefault(partnerId, List.of()),
                    credits.getOrDefault(partnerId, NONE));
            List<InvoiceStatus> out = new ArrayList<>();
            for (PartnerInvoices.Invoice invoice : all) {
                BigDecimal amount = new BigDecimal(invoice.amount());
                BigDecimal covered = paid.getOrDefault(invoice.id(), NONE);
                BigDecimal open = amount.subtract(covered);
                long pastDue = Math.max(0, ChronoUnit.DAYS.between(invoice.dueOn(), day));
                String status = open.signum() == 0 ? "PAID" : day.isAfter(invoice.dueOn()) ? "OVERDUE" : "OPEN";
                out.add(new InvoiceStatus(invoice.number(), invoice.kind(), invoice.period(), invoice.amount(),
                        invoice.vatRate(), invoice.vat(), covered.toPlainString(), open.toPlainString(), invoice.currency(),
                        invoice.issuedOn(), invoice.dueOn(), status, open.signum() == 0 ? 0 : pastDue));
            }
            statuses.put(partnerId, out);
        });
        return statuses;
    }

    /**
     * What each invoice has been paid: first the payments naming it, then, oldest due first, the rest
     * of the payments and the credits.
     */
    private static Map<Long, BigDecimal> allocate(List<PartnerInvoices.Invoice> all, List<Paying> payments,
                                                  BigDecimal credits) {
        Map<Long, BigDecimal> open = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(PartnerInvoices.Invoice::dueOn)
                        .thenComparing(PartnerInvoices.Invoice::issuedOn).thenComparing(PartnerInvoices.Invoice::id))
                .forEach(i -> open.put(i.id(), new BigDecimal(i.amount())));
        Map<Long, BigDecimal> paid = new HashMap<>();
        BigDecimal pool = credits;
        for (Paying payment : payments) {
            BigDecimal left = payment.amount();
            if (payment.invoiceId() != null && open.containsKey(payment.invoiceId())) {
                BigDecimal part = left.min(open.get(payment.invoiceId()));
                open.merge(payment.invoiceId(), part.negate(), BigDecimal::add);
                paid.merge(payment.invoiceId(), part, BigDecimal::add);
                left = left.subtract(part);
            }
            pool = pool.add(left);
        }
        for (Map.Entry<Long, BigDecimal> invoice : open.entrySet()) {
            if (pool.signum() <= 0) {
                break;
            }
            BigDecimal part = pool.min(invoice.getValue());
            if (part.signum() > 0) {
                paid.merge(invoice.getKey(), part, BigDecimal::add);
                invoice.setValue(invoice.getValue().subtract(part));
                pool = pool.subtract(part);
            }
        }
        return paid;
    }

    /** Each partner's payments in the order received. */
    private Map<Long, List<Paying>> payments(Long[] ids) {
        Map<Long, List<Paying>> payments = new HashMap<>();
        jdbc.sql("""
                        select partner_id, invoice_id, amount from partner_payment where partner_id = any(:ids)
                         order by received_on, id""")
                .param("ids", ids)
                .query(rs -> {
                    payments.computeIfAbsent(rs.getLong("partner_id"), p -> new ArrayList<>())
                            .add(new Paying((Long) rs.getObject("invoice_id"), rs.getBigDecimal("amount")));
                });
        return payments;
    }

    /** Each partner's sum of {@code amount} in {@code table} (payments, credits, invoices); a partner with none left out. */
    private Map<Long, BigDecimal> sums(String table, Long[] ids) {
        Map<Long, BigDecimal> sums = new HashMap<>();
        jdbc.sql("select partner_id, sum(amount) as amount from " + table + " where partner_id = any(:ids) group by partner_id")
                .param("ids", ids)
                .query(rs -> {
                    sums.put(rs.getLong("partner_id"), rs.getBigDecimal("amount"));
                });
        return sums;
    }

    /** The partner's account today. */
    public Account account(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return account(partnerId);
    }

    Account account(long partnerId) {
        Account account = accounts(List.of(partnerId)).get(partnerId);
        if (account == null) {
            throw new NotFound("partner", partnerId);
        }
        return account;
    }

    /**
     * The accounts of the partners today, by partner id: what they paid (and the credits), what they
     * were invoiced, and the reserve of the open months so far, each read once for all of them.
     */
    Map<Long, Account> accounts(Collection<Long> partnerIds) {
        return accounts(partnerIds, new MonthsSoFar(payableSoFar, partnerIds), lastClosed());
    }

    /** The accounts, the open months after {@code closedThrough} (none closed: null) reserved from {@code soFar}. */
    private Map<Long, Account> accounts(Collection<Long> partnerIds, MonthsSoFar soFar, YearMonth closedThrough) {
        Long[] ids = partnerIds.toArray(Long[]::new);
        List<PartnerInvoices.Payer> payers = invoices.payers(ids);
        Map<Long, BigDecimal> payments = sums("partner_payment", ids);
        Map<Long, BigDecimal> credits = sums("partner_account_credit", ids);
        Map<Long, BigDecimal> invoiced = sums("partner_invoice", ids);
        Map<Long, BigDecimal> reserved = reserved(partnerIds, soFar, closedThrough);
        Map<Long, BigDecimal> lastMonthly = lastMonthly(ids);
        Map<Long, Account> accounts = new LinkedHashMap<>();
        for (PartnerInvoices.Payer payer : payers) {
            long id = payer.partnerId();
            BigDecimal paid = payments.getOrDefault(id, NONE).add(credits.getOrDefault(id, NONE));
            BigDecimal balance = paid.subtract(invoiced.getOrDefault(id, NONE));
            BigDecimal reserve = reserved.getOrDefault(id, NONE);
            BigDecimal available = balance.subtract(reserve);
            String warning = !payer.prepays() ? null : available.signum() < 0 ? "OUT"
                    : available.compareTo(lastMonthly.getOrDefault(id, BigDecimal.ZERO)) < 0 ? "LOW" : null;
            String currency = payableSoFar.currencyOf(payer.programId()).orElseThrow();
            accounts.put(id, new Account(id, payer.paymentTerms(), currency, Money.twoPlaces(paid),
                    Money.twoPlaces(invoiced.getOrDefault(id, NONE)), Money.twoPlaces(balance), Money.twoPlaces(reserve),
                    Money.twoPlaces(available), warning));
        }
        return accounts;
    }

    /** The last month closed; null before the first close. */
    private YearMonth lastClosed() {
        return jdbc.sql("select max(period) from shared_closed_month_view").query(LocalDate.class).optional()
                .map(YearMonth::from).orElse(null);
    }

    /**
     * The open months' payable so far not yet invoiced, by partner: each month from the one after
     * {@code closedThrough} up to this one (at most twelve), settled as if it ended now, for all the
     * partners at once.
     */
    private Map<Long, BigDecimal> reserved(Collection<Long> partnerIds, MonthsSoFar soFar, YearMonth closedThrough) {
        YearMonth current = YearMonth.from(today.date());
        YearMonth from = closedThrough == null ? current.minusMonths(11) : closedThrough.plusMonths(1);
        if (from.isBefore(current.minusMonths(11))) {
            from = current.minusMonths(11);
        }
        Map<Long, BigDecimal> reserved = new HashMap<>();
        for (YearMonth month = from; !month.isAfter(current); month = month.plusMonths(1)) {
            Map<Long, BigDecimal> invoiced = invoices.invoicedFor(month);
            Map<Long, Money> payable = soFar.of(month);
            for (long partnerId : partnerIds) {
                Money ofPartner = payable.get(partnerId);
                BigDecimal notInvoiced = ofPartner == null ? BigDecimal.ZERO
                        : ofPartner.amount().subtract(invoiced.getOrDefault(partnerId, BigDecimal.ZERO));
                if (notInvoiced.signum() > 0) {
                    reserved.merge(partnerId, notInvoiced, BigDecimal::add);
                }
            }
        }
        return reserved;
    }

    /** Each partner's latest monthly invoice: a balance that would not pay another like it is low. */
    private Map<Long, BigDecimal> lastMonthly(Long[] ids) {
        Map<Long, BigDecimal> last = new HashMap<>();
        jdbc.sql("""
                        select distinct on (partner_id) partner_id, amount from partner_invoice
                         where partner_id = any(:ids) and kind = 'MONTHLY' order by partner_id, period desc""")
                .param("ids", ids)
                .query(rs -> {
                    last.put(rs.getLong("partner_id"), rs.getBigDecimal("amount"));
                });
        return last;
    }

    /**
     * Announces each advance-paying partner's account running low ({@code account.balance-low}: the
     * available balance would not pay another invoice like its latest monthly one) or out
     * ({@code account.balance-out}: below zero), once until a payment comes. After the close's
     * invoices and after every import (the reserve grows with the month so far). A partner that never
     * paid in advance is not warned: nothing was ever paid to reserve from; its invoices are
     * receivables. Their accounts are read at once, not one partner at a time.
     *
     * <p>At the close of {@code closed}: the months up to it are invoiced, nothing of them is reserved.
     */
    void announceLowBalances(String actor, YearMonth closed) {
        List<Long> advancing = advancing();
        announceLowBalances(actor, advancing, new MonthsSoFar(payableSoFar, advancing), closed);
    }

    /** After an import: {@code soFar} holds (or settles when asked) the months so far of at least {@code advancing}. */
    void announceLowBalances(String actor, List<Long> advancing, MonthsSoFar soFar) {
        announceLowBalances(actor, advancing, soFar, lastClosed());
    }

    /** The partners paying in advance: on PREPAYMENT (the default) and having paid something. */
    List<Long> advancing() {
        return jdbc.sql("""
                        select b.partner_id from partner_billing_view b
                         where b.payment_terms = 'PREPAYMENT'
                           and exists (select 1 from partner_payment p where p.partner_id = b.partner_id)
                         order by b.partner_id""")
                .query(Long.class).list();
    }

    private void announceLowBalances(String actor, List<Long> advancing, MonthsSoFar soFar, YearMonth closedThrough) {
        if (advancing.isEmpty()) {
            return;
        }
        for (Account account : accounts(advancing, soFar, closedThrough).values()) {
            if (account.warning() != null) {
                warnOnce(actor, account.partnerId(), "account", account.warning(),
                        "account.balance-" + account.warning().toLowerCase(java.util.Locale.ROOT),
                        "account/" + account.partnerId(),
                        "The advance available is " + account.available() + " (balance " + account.balance()
                                + ", reserved " + account.reserved() + ")",
                        Map.of("balance", account.balance(), "reserved", account.reserved(), "available", account.available()));
            }
        }
    }

    /** A payment lifted the balance: the next low or out balance is announced again. */
    void balanceRestored(long partnerId) {
        jdbc.sql("delete from partner_billing_warning where partner_id = :partner and subject = 'account'")
                .param("partner", partnerId).update();
    }

    /** Records {@code type} once per partner, subject and state (partner_billing_warning). */
    boolean warnOnce(String actor, long partnerId, String subject, String state, String type, String eventSubject,
                     String summary, Map<String, ?> data) {
        int added = jdbc.sql("""
                        insert into partner_billing_warning (partner_id, subject, state) values (:partner, :subject, :state)
                        on conflict do nothing""")
                .param("partner", partnerId).param("subject", subject).param("state", state).update();
        if (added > 0) {
            events.record(actor, partnerId, type, eventSubject, summary, data);
        }
        return added > 0;
    }
}
