package io.partnerhub.billing;

import io.partnerhub.event.Events;
import io.partnerhub.partner.Partners;
import io.partnerhub.settlement.PayableSoFar;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Today;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        List<PartnerInvoices.Invoice> all = invoices.ofPartner(partnerId);
        Map<Long, BigDecimal> paid = allocate(partnerId, all);
        List<InvoiceStatus> out = new ArrayList<>();
        for (PartnerInvoices.Invoice invoice : all) {
            BigDecimal amount = new BigDecimal(invoice.amount());
            BigDecimal covered = paid.getOrDefault(invoice.id(), NONE);
            BigDecimal open = amount.subtract(covered);
            long pastDue = Math.max(0, ChronoUnit.DAYS.between(invoice.dueOn(), day));
            String status = open.signum() == 0 ? "PAID" : day.isAfter(invoice.dueOn()) ? "OVERDUE" : "OPEN";
            out.add(new InvoiceStatus(invoice.number(), invoice.kind(), invoice.period(), invoice.amount(),
                    invoice.vatRate(), invoice.vat(), covered.toPlainString(), open.toPlainString(), invoice.currency(), invoice.issuedOn(),
                    invoice.dueOn(), status, open.signum() == 0 ? 0 : pastDue));
        }
        return out;
    }

    /**
     * What each invoice has been paid: first the payments naming it, then, oldest due first, the rest
     * of the payments and the credits.
     */
    private Map<Long, BigDecimal> allocate(long partnerId, List<PartnerInvoices.Invoice> all) {
        Map<Long, BigDecimal> open = new LinkedHashMap<>();
        all.stream().sorted(java.util.Comparator.comparing(PartnerInvoices.Invoice::dueOn)
                        .thenComparing(PartnerInvoices.Invoice::issuedOn).thenComparing(PartnerInvoices.Invoice::id))
                .forEach(i -> open.put(i.id(), new BigDecimal(i.amount())));
        Map<Long, BigDecimal> paid = new HashMap<>();
        BigDecimal pool = credits(partnerId);
        for (Paying payment : payments(partnerId)) {
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

    private List<Paying> payments(long partnerId) {
        return jdbc.sql("select invoice_id, amount from partner_payment where partner_id = :partner order by received_on, id")
                .param("partner", partnerId)
                .query((rs, i) -> new Paying((Long) rs.getObject("invoice_id"), rs.getBigDecimal("amount"))).list();
    }

    private BigDecimal credits(long partnerId) {
        return jdbc.sql("select coalesce(sum(amount), 0) from partner_account_credit where partner_id = :partner")
                .param("partner", partnerId).query(BigDecimal.class).single();
    }

    /** The partner's account today. */
    public Account account(Caller caller, long partnerId) {
        partners.find(caller, partnerId);
        return account(partnerId);
    }

    Account account(long partnerId) {
        PartnerInvoices.Payer payer = invoices.payer(partnerId);
        BigDecimal paid = jdbc.sql("select coalesce(sum(amount), 0) from partner_payment where partner_id = :partner")
                .param("partner", partnerId).query(BigDecimal.class).single().add(credits(partnerId));
        BigDecimal invoiced = jdbc.sql("select coalesce(sum(amount), 0) from partner_invoice where partner_id = :partner")
                .param("partner", partnerId).query(BigDecimal.class).single();
        BigDecimal balance = paid.subtract(invoiced);
        BigDecimal reserved = reserved(partnerId);
        BigDecimal available = balance.subtract(reserved);
        String warning = !payer.prepays() ? null : available.signum() < 0 ? "OUT"
                : available.compareTo(lastMonthly(partnerId)) < 0 ? "LOW" : null;
        String currency = payableSoFar.currencyOf(payer.programId()).orElseThrow();
        return new Account(partnerId, payer.paymentTerms(), currency, Money.twoPlaces(paid), Money.twoPlaces(invoiced),
                Money.twoPlaces(balance), Money.twoPlaces(reserved), Money.twoPlaces(available), warning);
    }

    /**
     * The open months' payable so far not yet invoiced: each month from the one after the last
     * closed month up to this one (at most twelve), settled as if it ended now.
     */
    private BigDecimal reserved(long partnerId) {
        YearMonth current = YearMonth.from(today.date());
        LocalDate lastClosed = jdbc.sql("select max(period) from shared_closed_month_view").query(LocalDate.class)
                .optional().orElse(null);
        YearMonth from = lastClosed == null ? current.minusMonths(11) : YearMonth.from(lastClosed).plusMonths(1);
        if (from.isBefore(current.minusMonths(11))) {
            from = current.minusMonths(11);
        }
        BigDecimal reserved = NONE;
        for (YearMonth month = from; !month.isAfter(current); month = month.plusMonths(1)) {
            YearMonth m = month;
            Optional<Money> soFar = payableSoFar.of(partnerId, m);
            if (soFar.isPresent()) {
                BigDecimal notInvoiced = soFar.get().amount()
                        .subtract(invoices.invoicedFor(partnerId, m, soFar.get().currency()).amount());
                if (notInvoiced.signum() > 0) {
                    reserved = reserved.add(notInvoiced);
                }
            }
        }
        return reserved;
    }

    /** The partner's latest monthly invoice: a balance that would not pay another like it is low. */
    private BigDecimal lastMonthly(long partnerId) {
        return jdbc.sql("""
                        select amount from partner_invoice where partner_id = :partner and kind = 'MONTHLY'
                         order by period desc limit 1""")
                .param("partner", partnerId).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
    }

    /**
     * Announces each advance-paying partner's account running low ({@code account.balance-low}: the
     * available balance would not pay another invoice like its latest monthly one) or out
     * ({@code account.balance-out}: below zero), once until a payment comes. After the close's
     * invoices and after every import (the reserve grows with the month so far). A partner that never
     * paid in advance is not warned: nothing was ever paid to reserve from; its invoices are
     * receivables.
     */
    void announceLowBalances(String actor) {
        List<Long> advancing = jdbc.sql("""
                        select b.partner_id from partner_billing_view b
                         where b.payment_terms = 'PREPAYMENT'
                           and exists (select 1 from partner_payment p where p.partner_id = b.partner_id)
                         order by b.partner_id""")
                .query(Long.class).list();
        for (long partnerId : advancing) {
            Account account = account(partnerId);
            if (account.warning() != null) {
                warnOnce(actor, partnerId, "account", account.warning(),
                        "account.balance-" + account.warning().toLowerCase(java.util.Locale.ROOT), "account/" + partnerId,
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
