package io.partnerhub.demo;

import io.partnerhub.Partnerhub;
import io.partnerhub.program.ModelTerms;
import io.partnerhub.program.PartnerModel;
import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import com.zaxxer.hikari.HikariDataSource;
import io.partnerhub.settlement.PeriodClose;
import io.partnerhub.settlement.Statements;
import io.partnerhub.shared.Today;
import io.partnerhub.usage.GenerateCommand;
import io.partnerhub.usage.ImportResult;
import io.partnerhub.usage.UsageFileGenerator;
import io.partnerhub.usage.UsageFormat;
import io.partnerhub.usage.UsageImports;
import io.partnerhub.usage.UsageStorage;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code partnerhub bench-close}: closes one month for a generated population (partners and
 * linked customers seeded by COPY, a FOCUS file of the month imported) and, in the same run,
 * times a plain {@code GROUP BY account, service} over the month's rows, the floor any close
 * reading them can reach. Prints seconds, the ratio, peak heap and the statements digest. Uses a
 * fresh embedded database in a temporary directory, deleted at the end. With {@code --instances N}
 * the month is closed instead by N platform processes sharing it in parts ({@link CloseInstances}),
 * optionally one of them killed mid-close: its digest is the one-instance close's.
 */
@Command(name = "bench-close", mixinStandardHelpOptions = true,
        description = "Benchmark the period close against a plain GROUP BY over the same usage.")
public final class CloseBenchmark implements Callable<Integer> {

    @Option(names = "--partners", defaultValue = "2000", description = "partners (${DEFAULT-VALUE})")
    int partners;
    @Option(names = "--customers", defaultValue = "200000", description = "customers (${DEFAULT-VALUE})")
    int customers;
    @Option(names = "--rows", defaultValue = "10000000", description = "usage rows in the month (${DEFAULT-VALUE})")
    long rows;
    @Option(names = "--period", defaultValue = "2026-03", description = "the month to close (${DEFAULT-VALUE})")
    YearMonth period;
    @Option(names = "--data-dir", description = "keep the database in this directory; when it already holds the"
            + " prepared month, skip generating, seeding and importing (copy it first: the close seals the month)")
    Path dataDir;
    @Option(names = "--prepare-only", description = "with --data-dir: prepare the month and stop before timing anything")
    boolean prepareOnly;
    @Option(names = "--instances", defaultValue = "0", description = "close with this many platform processes on the"
            + " prepared database, sharing the month in --parts parts (0: this process closes it in one transaction)")
    int instances;
    @Option(names = "--parts", defaultValue = "8", description = "with --instances: parts of the month (${DEFAULT-VALUE})")
    int parts;
    @Option(names = "--kill", description = "with --instances: kill the first instance with SIGKILL a second into its"
            + " first part; the others finish the close")
    boolean kill;

    @Override
    public Integer call() throws Exception {
        Path work = dataDir != null ? Files.createDirectories(dataDir) : Files.createTempDirectory("partnerhub-bench-close");
        try {
            Path csv = work.resolve("usage.csv");
            boolean prepared = Files.exists(work.resolve("prepared"));
            if (!prepared) {
                long started = System.nanoTime();
                GenerateCommand.write(new UsageFileGenerator.Spec(partners, customers, rows, period, period,
                        0.05, 0.02, 0.01, 0.01, 0.02, 0.01, 7), "vk-cloud", csv);
                System.out.printf("generated %d rows (%d MB) in %.1f s%n", rows, Files.size(csv) >> 20, seconds(started));
            }
            // this process's own close is the one-transaction close, the reference the shared one is measured against
            try (ConfigurableApplicationContext platform = Partnerhub.withoutWeb(Map.of("partnerhub.data-dir", work.toString(),
                    "logging.level.io.partnerhub.settlement.MonthFacts", "DEBUG", "partnerhub.close.parts", "1"))) {
                if (!prepared) {
                    prepare(platform, partners, customers, period, csv);
                    Files.delete(csv);
                    Files.createFile(work.resolve("prepared"));
                }
                if (prepareOnly) {
                    return 0;
                }
                long started;
                baseline(platform.getBean(DataSource.class), null);
                double baseline = baseline(platform.getBean(DataSource.class), PeriodClose.WORK_MEM);
                if (instances > 0) {
                    DataSource dataSource = platform.getBean(DataSource.class);
                    double close = new CloseInstances(dataSource, ((HikariDataSource) dataSource).getJdbcUrl(), work)
                            .close(period, instances, parts, kill);
                    System.out.printf("close %s by %d instances in %d parts%s: %d lines in %.2f s;"
                                    + " GROUP BY account, service %.2f s; ratio %.2f%n", period, instances, parts,
                            kill ? ", the first killed" : "", lines(dataSource), close, baseline, close / baseline);
                } else {
                    resetPeaks();
                    started = System.nanoTime();
                    PeriodClose.Result result = platform.getBean(PeriodClose.class).close("bench", period);
                    double close = seconds(started);
                    System.out.printf("close %s: %d statements, %d lines in %.2f s; GROUP BY account, service %.2f s;"
                                    + " ratio %.2f; peak heap %d MB (max %d MB)%n", period, result.partners(),
                            lines(platform.getBean(DataSource.class)), close, baseline, close / baseline, peakHeapMb(),
                            Runtime.getRuntime().maxMemory() >> 20);
                }
                System.out.println("statements digest " + platform.getBean(Statements.class).digest());
            }
        } finally {
            if (dataDir == null) {
                deleteAll(work);
            }
        }
        return 0;
    }

    static void deleteAll(Path work) throws IOException {
        try (var paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Seeds {@code partners} VK Cloud partners contracted on {@code contract}'s first day with
     * {@code customers} linked customers (COPY) and imports the generated file {@code csv}.
     */
    static void prepare(ConfigurableApplicationContext platform, int partners, int customers, YearMonth contract,
                        Path csv) throws Exception {
        Program program = ProgramCatalog.outsideThePlatform("").find("vk-cloud").orElseThrow();
        ModelTerms terms = program.versionFor(contract).flatMap(v -> v.model(PartnerModel.PARTNER)).orElseThrow();
        SeedCommand seed = new SeedCommand();
        seed.programId = program.id();
        seed.model = PartnerModel.PARTNER;
        seed.partners = partners;
        seed.customers = customers;
        seed.contract = contract.atDay(1);
        long started = System.nanoTime();
        try (Connection connection = platform.getBean(DataSource.class).getConnection()) {
            connection.setAutoCommit(false);
            seed.seed(connection, program, terms);
            connection.commit();
        }
        System.out.printf("seeded %d partners and %d customers in %.1f s%n", partners, customers, seconds(started));
        started = System.nanoTime();
        try (InputStream in = Files.newInputStream(csv)) {
            ImportResult result = platform.getBean(UsageImports.class).importFile("bench", UsageFormat.FOCUS, in, "usage.csv");
            if (!(result instanceof ImportResult.Accepted)) {
                throw new IllegalStateException("the import did not store the file: " + result);
            }
        }
        System.out.printf("imported in %.1f s%n", seconds(started));
        started = System.nanoTime();
        awaitImportSummaries(platform.getBean(DataSource.class));
        System.out.printf("consumption days and services summarized (after the import, on their own threads) in %.1f s%n",
                seconds(started));
        try (Connection connection = platform.getBean(DataSource.class).getConnection()) {
            UsageStorage.settle(connection);
        }
    }

    /**
     * Waits until every import is in the consumption per service (an import adds itself in its own
     * transaction unless it was too large to sum in memory; then the catch-up that starts once it
     * commits adds it): nothing else runs while the baseline and the close are timed.
     */
    static void awaitImportSummaries(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (true) {
                try (ResultSet rs = statement.executeQuery("""
                        select count(*) from usage_import_view i
                         where not exists (select 1 from usage_summarized_import_view s where s.import_id = i.import_id)""")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    /** The plain aggregate over the month's rows, read to the end as the close reads its own. */
    private double baseline(DataSource dataSource, String workMem) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.setFetchSize(20_000);
            if (workMem != null) {
                statement.execute("set local work_mem = '" + workMem + "'");
            }
            long started = System.nanoTime();
            long groups = 0;
            try (ResultSet rs = statement.executeQuery("select account_id, service_name, sum(list_cost) from usage_row_view"
                    + " where period = date '" + period.atDay(1) + "' group by account_id, service_name")) {
                while (rs.next()) {
                    groups++;
                }
            }
            double seconds = seconds(started);
            connection.commit();
            System.out.printf("GROUP BY account, service (work_mem %s): %d groups in %.2f s%n",
                    workMem == null ? "default" : workMem, groups, seconds);
            return seconds;
        }
    }

    private long lines(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from settlement_statement_line_view where period = date '"
                     + period.atDay(1) + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    static void resetPeaks() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peakHeapMb() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }
}
