package io.partnerhub.billing;

import io.partnerhub.settlement.PayableSoFar;
import io.partnerhub.shared.ClosedPeriods;
import io.partnerhub.shared.DailyTask;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.shared.Today;
import io.partnerhub.shared.UsageImported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The billing threshold (seeds 003, 004; API.md, "Partner billing"): after every import, for each
 * open month it touched, a postpaid partner with a threshold whose month so far (settled by the
 * close's rules on what is imported) less what is invoiced for the month reaches the threshold gets
 * a {@code THRESHOLD} invoice for that difference at once. The months so far of all threshold
 * partners are settled in one read of the month's facts; each invoice is issued under the period
 * lock shared and a transaction lock per partner and month, so two imports crossing the threshold
 * together issue one invoice and no close runs in between. Then the advance-paying partners'
 * accounts are looked at: the month so far is reserved, so an import may run one low or out. Also a
 * daily task: a check an import missed (the platform stopped right after it) is caught up the next
 * night.
 */
@Component
class ThresholdInvoicing implements DailyTask {

    private static final Logger log = LoggerFactory.getLogger(ThresholdInvoicing.class);
    static final String ACTOR = "system:billing-threshold";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final PartnerInvoices invoices;
    private final PartnerAccounts accounts;
    private final PayableSoFar payableSoFar;
    private final ClosedPeriods closedPeriods;
    private final Today today;

    ThresholdInvoicing(JdbcClient jdbc, TransactionTemplate transactions, PartnerInvoices invoices,
                       PartnerAccounts accounts, PayableSoFar payableSoFar, ClosedPeriods closedPeriods, Today today) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.invoices = invoices;
        this.payableSoFar = payableSoFar;
        this.closedPeriods = closedPeriods;
        this.today = today;
    }

    @Override
    public String name() {
        return "billing-threshold";
    }

    @Override
    public List<String> runFor(LocalDate day) {
        YearMonth current = YearMonth.from(day);
        return check(List.of(current.minusMonths(1), current)).stream()
                .map(i -> "Threshold invoice " + i.number() + " of " + i.amount() + " issued to partner " + i.partnerId())
                .toList();
    }

    /** Runs in the importing thread, after the import committed: its response follows the invoices. */
    @EventListener
    void imported(UsageImported imported) {
        String periods = jdbc.sql("select periods from usage_import_view where import_id = :id")
                .param("id", imported.importId()).query(String.class).optional().orElse(null);
        if (periods == null || periods.isBlank()) {
            return;
        }
        List<YearMonth> months = Arrays.stream(periods.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                .map(YearMonth::parse).toList();
        try {
            List<PartnerInvoices.Payer> payers = thresholdPayers();
            List<Long> advancing = accounts.advancing();
            Set<Long> billed = new TreeSet<>(advancing);
            payers.forEach(payer -> billed.add(payer.partnerId()));
            MonthsSoFar soFar = new MonthsSoFar(payableSoFar, billed);
            long started = System.nanoTime();
            int issued = check(months, payers, soFar).size();
            long checked = System.nanoTime();
            transactions.executeWithoutResult(status -> accounts.announceLowBalances(ACTOR, advancing, soFar));
            log.debug("After import {}: {} threshold partners checked, {} invoiced, in {} ms; {} advance accounts looked"
                            + " at in {} ms", imported.importId(), payers.size(), issued, (checked - started) / 1_000_000,
                    advancing.size(), (System.nanoTime() - checked) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Checking the billing thresholds after import {} failed; the daily task catches up: {}",
                    imported.importId(), e.getMessage(), e);
        }
    }

    /**
     * Checks every threshold partner in each open month of {@code months} up to this one: their
     * months so far settled at once (after the import committed, so with its usage), then each
     * partner whose difference reaches its threshold invoiced under the locks.
     */
    List<PartnerInvoices.Invoice> check(List<YearMonth> months) {
        List<PartnerInvoices.Payer> payers = thresholdPayers();
        return check(months, payers, new MonthsSoFar(payableSoFar, payers.stream().map(PartnerInvoices.Payer::partnerId).toList()));
    }

    /** The postpaid partners with a threshold, in id order. */
    private List<PartnerInvoices.Payer> thresholdPayers() {
        return jdbc.sql("""
                        select * from partner_billing_view
                         where payment_terms = 'POSTPAYMENT' and billing_threshold is not null order by partner_id""")
                .query((rs, i) -> PartnerInvoices.payer(rs)).list();
    }

    private List<PartnerInvoices.Invoice> check(List<YearMonth> months, List<PartnerInvoices.Payer> payers,
                                                MonthsSoFar soFar) {
        YearMonth current = YearMonth.from(today.date());
        List<PartnerInvoices.Invoice> issued = new ArrayList<>();
        if (payers.isEmpty()) {
            return issued;
        }
        for (YearMonth month : new TreeSet<>(months)) {
            if (month.isAfter(current) || closedPeriods.isClosed(month)) {
                continue;
            }
            Map<Long, Money> payables = soFar.of(month);
            Map<Long, BigDecimal> invoiced = invoices.invoicedFor(month);
            for (PartnerInvoices.Payer payer : payers) {
                Money payable = payables.get(payer.partnerId());
                if (payable != null && reaches(payer, payable.amount(), invoiced.get(payer.partnerId()))) {
                    invoice(payer, month, payable).ifPresent(issued::add);
                }
            }
        }
        return issued;
    }

    /** Whether the month so far less what is invoiced for it reaches the partner's threshold. */
    private static boolean reaches(PartnerInvoices.Payer payer, BigDecimal payable, BigDecimal invoiced) {
        return payable.subtract(invoiced == null ? BigDecimal.ZERO : invoiced).compareTo(payer.billingThreshold()) >= 0;
    }

    /**
     * Invoices one partner's month so far {@code payable} less what is invoiced for the month, in a
     * transaction of its own: under the period lock shared (the month still open) and the partner's
     * month lock, what is invoiced read again, so two checks that settled the same usage (two imports
     * racing) issue one invoice; one that settled more issues only the difference, if it reaches the
     * threshold. Usage a check did not see is billed by the check of the import that brought it, or
     * by the close.
     */
    private Optional<PartnerInvoices.Invoice> invoice(PartnerInvoices.Payer payer, YearMonth month, Money payable) {
        return transactions.execute(status -> {
            jdbc.sql(PeriodLocks.SHARED_UNCOUNTED).query().listOfRows();
            if (closedPeriods.isClosed(month)) {
                return Optional.empty();
            }
            jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                    .param("key", "partner-invoice:" + payer.partnerId() + ":" + month).query().listOfRows();
            Money invoiced = invoices.invoicedFor(payer.partnerId(), month, payable.currency());
            if (!reaches(payer, payable.amount(), invoiced.amount())) {
                return Optional.empty();
            }
            return Optional.of(invoices.issue(ACTOR, payer, "THRESHOLD", month, payable.minus(invoiced)));
        });
    }
}
