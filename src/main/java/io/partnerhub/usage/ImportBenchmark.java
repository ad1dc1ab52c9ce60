package io.partnerhub.usage;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.partnerhub.Partnerhub;

/**
 * {@code partnerhub bench-import}: imports a generated FOCUS file end to end through the import
 * path and, in the same run, COPYs the same file raw into an unindexed table of text columns —
 * the floor any import can reach. Prints rows/s, the ratio to the raw COPY and peak heap.
 * Uses a fresh embedded database in a temporary directory (it truncates the usage tables) unless
 * PARTNERHUB_DB_URL is set, which must then name a database for benchmarks only.
 */
@Command(name = "bench-import", mixinStandardHelpOptions = true,
        description = "Benchmark the usage import against a raw PostgreSQL COPY of the same file.")
public final class ImportBenchmark implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "rows to generate (${DEFAULT-VALUE})")
    long rows;
    @Option(names = "--file", description = "import this FOCUS file instead of generating one")
    Path file;
    @Option(names = "--runs", defaultValue = "2", description = "raw COPY + import pairs to run (${DEFAULT-VALUE})")
    int runs;
    @Option(names = "--skip-raw", description = "only the import (e.g. for the peak-heap run on a huge file)")
    boolean skipRaw;
    @Option(names = "--parse-only-too", description = "also time reading and checking the file without storing it")
    boolean parseOnlyToo;
    @Option(names = "--restate", description = "after each import, restate its days with a second file of as many rows")
    boolean restate;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("partnerhub-bench");
        Path csv = file != null ? file : generate(work, 42);
        Path restatement = restate ? generate(work, 43) : null;
        System.out.printf("file: %s, %d bytes%n", csv, Files.size(csv));
        // a database of its own: the benchmark truncates the usage tables
        // and times the import alone: no summary of the consumption days running after each one
        Map<String, Object> properties = System.getenv("PARTNERHUB_DB_URL") == null
                ? Map.of("partnerhub.data-dir", work.toString(), "partnerhub.summarize-after-import", "false")
                : Map.of("partnerhub.summarize-after-import", "false");
        try (ConfigurableApplicationContext platform = Partnerhub.withoutWeb(properties)) {
            DataSource dataSource = platform.getBean(DataSource.class);
            UsageImports imports = platform.getBean(UsageImports.class);
            for (int run = 1; run <= runs; run++) {
                clear(dataSource);
                if (parseOnlyToo) {
                    System.out.printf("run %d: reading and checking alone %.2f s%n", run, parseOnly(csv));
                }
                double raw = skipRaw ? Double.NaN : rawCopy(dataSource, csv);
                resetPeaks();
                long started = System.nanoTime();
                ImportResult result;
                try (InputStream in = Files.newInputStream(csv)) {
                    result = imports.importFile("bench", UsageFormat.FOCUS, in, csv.getFileName().toString());
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                if (!(result instanceof ImportResult.Accepted accepted)) {
                    System.out.println("the import did not store the file: " + result);
                    return 1;
                }
                String versusRaw = skipRaw ? "" : String.format("; raw COPY %.2f s = %.0f rows/s; ratio %.2f",
                        raw, accepted.rowsAccepted() / raw, seconds / raw);
                System.out.printf("run %d: import %d rows in %.2f s = %.0f rows/s%s; peak heap %d MB (max %d MB)%n",
                        run, accepted.rowsAccepted(), seconds, accepted.rowsAccepted() / seconds, versusRaw, peakHeapMb(),
                        Runtime.getRuntime().maxMemory() >> 20);
                if (restatement != null && !restated(imports, restatement, run, seconds)) {
                    return 1;
                }
            }
        } finally {
            deleteRecursively(work);
        }
        return 0;
    }

    /** Restates the imported days with another file of the same days; prints its time against the import's. */
    private static boolean restated(UsageImports imports, Path restatement, int run, double importSeconds)
            throws IOException {
        long started = System.nanoTime();
        ImportResult result;
        try (InputStream in = Files.newInputStream(restatement)) {
            result = imports.importFile("bench", UsageFormat.FOCUS, ImportMode.RESTATE, in,
                    restatement.getFileName().toString());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!(result instanceof ImportResult.Accepted accepted)) {
            System.out.println("the restatement did not store the file: " + result);
            return false;
        }
        System.out.printf("run %d: restate %d rows superseding %d in %.2f s = %.0f rows/s; ratio restate / import %.2f%n",
                run, accepted.rowsAccepted(), accepted.rowsSuperseded(), seconds, accepted.rowsAccepted() / seconds,
                seconds / importSeconds);
        return true;
    }

    /** The generated file and the benchmark's own database go when it ends. */
    private static void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Reads and checks every row as an import does, storing nothing: the Java side of the import alone. */
    private static double parseOnly(Path csv) throws IOException {
        long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(csv)) {
            ImportInput input = ImportInput.open(in);
            new FocusCsvReader().read(input.reader(), new ImportContext(io.partnerhub.shared.Today.ZONE, java.util.Set.of(),
                    java.util.Set.of("RUB"), UsageImports.EARLIEST, YearMonth.of(2099, 12)), row -> { }, new ImportProblems());
            input.checksum();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private Path generate(Path work, long seed) throws IOException {
        Path csv = work.resolve("usage-" + rows + "-" + seed + ".csv");
        long started = System.nanoTime();
        GenerateCommand.write(new UsageFileGenerator.Spec(200, 20_000, rows, YearMonth.of(2026, 1), YearMonth.of(2026, 6),
                0.05, 0.02, 0.01, 0.01, 0.02, 0.01, seed), "vk-cloud", csv);
        System.out.printf("generated %d rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
        return csv;
    }

    /** COPY of the raw file into an unindexed table with one text column per CSV column. */
    private static double rawCopy(DataSource dataSource, Path csv) throws Exception {
        int columns;
        try (var lines = Files.lines(csv)) {
            columns = lines.findFirst().orElseThrow().split(",", -1).length;
        }
        String definition = IntStream.range(0, columns).mapToObj(i -> "c" + i + " text").collect(Collectors.joining(", "));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists bench_raw_copy");
            statement.execute("create table bench_raw_copy (" + definition + ")");
            long started = System.nanoTime();
            try (InputStream in = Files.newInputStream(csv)) {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_raw_copy FROM STDIN (FORMAT csv, HEADER true)", in, 1 << 16);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            statement.execute("drop table bench_raw_copy");
            return seconds;
        }
    }

    private static void clear(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("truncate usage_row, usage_rollup, usage_month_rollup, usage_import, usage_restated_day, usage_superseded,"
                    + " usage_superseded_account, consumption_service,"
                    + " consumption_service_import, usage_consumption_day");
            statement.execute("checkpoint");
        }
    }

    private static void resetPeaks() {
        System.gc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeapMb() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }
}
