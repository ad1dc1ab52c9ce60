package io.partnerhub.billing;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.DailyTask;
import io.partnerhub.shared.Money;
import io.partnerhub.shared.Today;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What partners owe the provider (API.md, {@code GET /receivables}): per partner with an open
 * amount, the amount not yet due and the amounts 0–30, 31–60, 61–90 and over 90 days past due.
 * As a daily task it announces each invoice that became overdue ({@code invoice.overdue}, once per
 * invoice), the provider's reminder.
 */
@Component
public class Receivables implements DailyTask {

    private static final BigDecimal NONE = new BigDecimal("0.00");

    private final JdbcClient jdbc;
    private final PartnerAccounts accounts;
    private final Today today;

    Receivables(JdbcClient jdbc, PartnerAccounts accounts, Today today) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.today = today;
    }

    /** Amounts past due by days: {@code 0-30} holds 1 to 30 days (an invoice due yesterday is 1 day past due). */
    public record Ageing(String notDue, @JsonProperty("0-30") String days0to30, @JsonProperty("31-60") String days31to60,
                         @JsonProperty("61-90") String days61to90, @JsonProperty("90+") String over90) {
    }

    public record Receivable(long partnerId, String partnerName, String programId, String open, String overdue,
                             Ageing ageing, int openInvoices) {
    }

    public record Report(LocalDate asOf, List<Receivable> partners, String open, String overdue, Ageing ageing) {
    }

    public Report report(Caller caller) {
        caller.requireOperator("read the receivables");
        LocalDate day = today.date();
        List<Receivable> rows = new ArrayList<>();
        BigDecimal[] total = zeros();
        List<Map<String, Object>> partners = partnersWithInvoices();
        Map<Long, List<PartnerAccounts.InvoiceStatus>> statuses = accounts.statuses(ids(partners), day);
        for (Map<String, Object> partner : partners) {
            long partnerId = ((Number) partner.get("partner_id")).longValue();
            BigDecimal[] buckets = zeros();
            int open = 0;
            for (PartnerAccounts.InvoiceStatus invoice : statuses.getOrDefault(partnerId, List.of())) {
                BigDecimal amount = new BigDecimal(invoice.open());
                if (amount.signum() == 0) {
                    continue;
                }
                open++;
                buckets[bucket(invoice.daysPastDue(), invoice.status())] = buckets[bucket(invoice.daysPastDue(),
                        invoice.status())].add(amount);
            }
            if (open == 0) {
                continue;
            }
            for (int i = 0; i < total.length; i++) {
                total[i] = total[i].add(buckets[i]);
            }
            rows.add(new Receivable(partnerId, (String) partner.get("name"), (String) partner.get("program_id"),
                    text(sum(buckets, 0)), text(sum(buckets, 1)), ageing(buckets), open));
        }
        rows.sort(java.util.Comparator.comparing((Receivable r) -> new BigDecimal(r.overdue())).reversed()
                .thenComparing(r -> new BigDecimal(r.open()), java.util.Comparator.reverseOrder())
                .thenComparing(Receivable::partnerId));
        return new Report(day, rows, text(sum(total, 0)), text(sum(total, 1)), ageing(total));
    }

    private List<Map<String, Object>> partnersWithInvoices() {
        return jdbc.sql("""
                        select b.partner_id, b.name, b.program_id from partner_billing_view b
                         where exists (select 1 from partner_invoice i where i.partner_id = b.partner_id)
                         order by b.partner_id""")
                .query().listOfRows();
    }

    private static List<Long> ids(List<Map<String, Object>> partners) {
        return partners.stream().map(p -> ((Number) p.get("partner_id")).longValue()).toList();
    }

    /** 0: not due; 1: 1–30 days past due; 2: 31–60; 3: 61–90; 4: over 90. */
    private static int bucket(long daysPastDue, String status) {
        if (!"OVERDUE".equals(status)) {
            return 0;
        }
        return daysPastDue <= 30 ? 1 : daysPastDue <= 60 ? 2 : daysPastDue <= 90 ? 3 : 4;
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] zeros = new BigDecimal[5];
        java.util.Arrays.fill(zeros, NONE);
        return zeros;
    }

    private static BigDecimal sum(BigDecimal[] buckets, int from) {
        BigDecimal sum = NONE;
        for (int i = from; i < buckets.length; i++) {
            sum = sum.add(buckets[i]);
        }
        return sum;
    }

    private static Ageing ageing(BigDecimal[] b) {
        return new Ageing(text(b[0]), text(b[1]), text(b[2]), text(b[3]), text(b[4]));
    }

    private static String text(BigDecimal amount) {
        return Money.twoPlaces(amount);
    }

    @Override
    public String name() {
        return "invoice-overdue";
    }

    /** Announces each invoice unpaid after its due day, once. */
    @Override
    @Transactional
    public List<String> runFor(LocalDate day) {
        List<String> done = new ArrayList<>();
        Map<Long, List<PartnerAccounts.InvoiceStatus>> statuses = accounts.statuses(ids(partnersWithInvoices()), day);
        for (Map.Entry<Long, List<PartnerAccounts.InvoiceStatus>> partner : statuses.entrySet()) {
            long partnerId = partner.getKey();
            for (PartnerAccounts.InvoiceStatus invoice : partner.getValue()) {
                if ("OVERDUE".equals(invoice.status()) && accounts.warnOnce("system", partnerId, "invoice/" + invoice.number(),
                        "OVERDUE", "invoice.overdue", "invoice/" + invoice.number(), "Invoice " + invoice.number() + " of "
                                + invoice.amount() + " was due on " + invoice.dueOn() + "; " + invoice.open() + " is unpaid",
                        Map.of("number", invoice.number(), "open", invoice.open(), "dueOn", invoice.dueOn().toString(),
                                "daysPastDue", invoice.daysPastDue()))) {
                    done.add("Invoice " + invoice.number() + " of partner " + partnerId + " is overdue");
                }
            }
        }
        return done;
    }
}
