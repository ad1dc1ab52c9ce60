package io.partnerhub.demo;

import io.partnerhub.Partnerhub;
import io.partnerhub.billing.BillingTerms;
import io.partnerhub.billing.PartnerInvoices;
import io.partnerhub.billing.Payments;
import io.partnerhub.billing.Receivables;
import io.partnerhub.event.Event;
import io.partnerhub.event.Events;
import io.partnerhub.settlement.PeriodClose;
import io.partnerhub.shared.Caller;
import io.partnerhub.shared.Today;
import io.partnerhub.usage.GenerateCommand;
import io.partnerhub.usage.ImportResult;
import io.partnerhub.usage.UsageFileGenerator;
import io.partnerhub.usage.UsageFormat;
import io.partnerhub.usage.UsageImports;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code partnerhub bench-billing}: what partner billing adds to the imports and the close of a
 * population whose partners are all billed. Seeds the close benchmark's population contracted a
 * month before the last ended one, imports and closes that first month (its invoices: every partner
 * has a payable), then imports the last ended month in daily files: the first with no partner on
 * billing terms (the reference), then with half of the partners postpaid with a threshold and the
 * other half having paid in advance (each after every import is checked: the thresholds and the
 * advance accounts), then closes it, then reads the receivables and runs the overdue reminders.
 * Prints the seconds of each step. A fresh embedded database in a temporary directory, deleted at
 * the end.
 */
@Command(name = "bench-billing", mixinStandardHelpOptions = true,
        description = "Benchmark what partner billing adds to usage imports and the close.")
public final class BillingBenchmark implements Callable<Integer> {

    private static final Caller BENCH = new Caller.Operator("bench");

    @Option(names = "--partners", defaultValue = "2000", description = "partners (${DEFAULT-VALUE})")
    int partners;
    @Option(names = "--customers", defaultValue = "200000", description = "customers (${DEFAULT-VALUE})")
    int customers;
    @Option(names = "--rows", defaultValue = "2000000", description = "usage rows of the first month (${DEFAULT-VALUE})")
    long rows;
    @Option(names = "--daily-rows", defaultValue = "100000", description = "usage rows of each daily file (${DEFAULT-VALUE})")
    long dailyRows;
    @Option(names = "--days", defaultValue = "3", description = "daily files imported on billing terms (${DEFAULT-VALUE})")
    int days;
    @Option(names = "--threshold", defaultValue = "150000", description = "the postpaid partners' threshold (${DEFAULT-VALUE})")
    BigDecimal threshold;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("partnerhub-bench-billing");
        try (ConfigurableApplicationContext platform = Partnerhub.withoutWeb(Map.of("partnerhub.data-dir", work.toString()))) {
            YearMonth month = YearMonth.from(platform.getBean(Today.class).date()).minusMonths(1);
            YearMonth first = month.minusMonths(1);
            Path csv = work.resolve("usage.csv");
            GenerateCommand.write(spec(rows, first, 7), "vk-cloud", csv);
            CloseBenchmark.prepare(platform, partners, customers, first, csv);
            JdbcClient jdbc = JdbcClient.create(platform.getBean(DataSource.class));
            long started = System.nanoTime();
            platform.getBean(PeriodClose.class).close("bench", first);
            System.out.printf("close %s: %d invoices in %.2f s%n", first, invoices(platform, jdbc),
                    CloseBenchmark.seconds(started));

            importDay(platform, work, month, 1, "no partner on billing terms (reference)");
            started = System.nanoTime();
            int[] terms = billingTerms(platform, jdbc);
            System.out.printf("terms: %d postpaid with a threshold of %s, %d paid in advance (%.1f s)%n", terms[0],
                    threshold.toPlainString(), terms[1], CloseBenchmark.seconds(started));
            for (int day = 2; day <= days + 1; day++) {
                long invoices = invoices(platform, jdbc);
                long warnings = warnings(platform);
                importDay(platform, work, month, day, "on billing terms");
                System.out.printf("  threshold invoices issued %d, warnings %d%n", invoices(platform, jdbc) - invoices,
                        warnings(platform) - warnings);
            }

            long invoices = invoices(platform, jdbc);
            CloseBenchmark.resetPeaks();
            started = System.nanoTime();
            PeriodClose.Result closed = platform.getBean(PeriodClose.class).close("bench", month);
            System.out.printf("close %s: %d statements, %d invoices in %.2f s; peak heap %d MB%n", month,
                    closed.partners(), invoices(platform, jdbc) - invoices, CloseBenchmark.seconds(started),
                    CloseBenchmark.peakHeapMb());

            Receivables receivables = platform.getBean(Receivables.class);
            started = System.nanoTime();
            Receivables.Report report = receivables.report(BENCH);
            System.out.printf("receivables: %d partners, %s open, in %.2f s%n", report.partners().size(), report.open(),
                    CloseBenchmark.seconds(started));
            started = System.nanoTime();
            List<String> overdue = receivables.runFor(LocalDate.now().plusDays(40));
            System.out.printf("overdue reminders 40 days on: %d in %.2f s%n", overdue.size(), CloseBenchmark.seconds(started));
        } finally {
            CloseBenchmark.deleteAll(work);
        }
        return 0;
    }

    private UsageFileGenerator.Spec spec(long rowCount, YearMonth period, long seed) {
        return new UsageFileGenerator.Spec(partners, customers, rowCount, period, period, 0.05, 0.02, 0.01, 0.01, 0.02,
                0.01, seed);
    }

    private void importDay(ConfigurableApplicationContext platform, Path work, YearMonth month, int day, String what)
            throws Exception {
        Path csv = work.resolve("day-" + day + ".csv");
        GenerateCommand.write(spec(dailyRows, month, 100 + day), "vk-cloud", csv);
        long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(csv)) {
            ImportResult result = platform.getBean(UsageImports.class).importFile("bench", UsageFormat.FOCUS, in, csv.getFileName().toString());
            if (!(result instanceof ImportResult.Accepted)) {
                throw new IllegalStateException("the import did not store the file: " + result);
            }
        }
        System.out.printf("import of day %d of %s (%d rows), %s: %.2f s%n", day, month, dailyRows, what,
                CloseBenchmark.seconds(started));
        Files.delete(csv);
    }

    /**
     * The odd partners postpaid with the threshold, the even ones paying their first month's invoice
     * and as much again in advance, through {@link Payments#enter}.
     */
    private int[] billingTerms(ConfigurableApplicationContext platform, JdbcClient jdbc) {
        List<Long> odd = jdbc.sql("select partner_id from partner_billing_view where partner_id % 2 = 1 order by 1")
                .query(Long.class).list();
        BillingTerms terms = platform.getBean(BillingTerms.class);
        for (long partnerId : odd) {
            terms.set(BENCH, partnerId, "POSTPAYMENT", threshold, null);
        }
        PartnerInvoices invoices = platform.getBean(PartnerInvoices.class);
        List<Map<String, Object>> advance = jdbc.sql(
                        "select partner_id, tax_id from partner_billing_view where partner_id % 2 = 0 order by partner_id")
                .query().listOfRows();
        Payments payments = platform.getBean(Payments.class);
        LocalDate today = platform.getBean(Today.class).date();
        for (Map<String, Object> row : advance) {
            PartnerInvoices.Invoice first = invoices.of(BENCH, ((Number) row.get("partner_id")).longValue()).getFirst();
            BigDecimal amount = new BigDecimal(first.amount()).multiply(BigDecimal.TWO);
            payments.enter(BENCH, new Payments.NewPayment(amount, today, (String) row.get("tax_id"),
                    "Оплата по счёту " + first.number() + " и аванс", "bench:" + first.number()));
        }
        return new int[]{odd.size(), advance.size()};
    }

    /** Every partner's invoices, counted through the billing's own API. */
    private static long invoices(ConfigurableApplicationContext platform, JdbcClient jdbc) {
        PartnerInvoices invoices = platform.getBean(PartnerInvoices.class);
        return jdbc.sql("select partner_id from partner_billing_view").query(Long.class).list().stream()
                .mapToLong(partnerId -> invoices.of(BENCH, partnerId).size()).sum();
    }

    /** The advance accounts announced low or out so far. */
    private static long warnings(ConfigurableApplicationContext platform) {
        Events events = platform.getBean(Events.class);
        long count = 0;
        for (String type : List.of("account.balance-low", "account.balance-out")) {
            long after = 0;
            for (List<Event> page = events.since(BENCH, after, null, type, 1000); !page.isEmpty();
                 page = events.since(BENCH, after, null, type, 1000)) {
                count += page.size();
                after = page.getLast().id();
            }
        }
        return count;
    }
}
