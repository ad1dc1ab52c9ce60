package io.partnerhub.demo;

import io.partnerhub.Partnerhub;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.settlement.PeriodClose;
import io.partnerhub.settlement.Simulations;
import io.partnerhub.shared.Caller;
import io.partnerhub.usage.GenerateCommand;
import io.partnerhub.usage.UsageFileGenerator;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code partnerhub bench-simulate}: the program simulator on the benchmark's population. Seeds
 * VK Cloud partners and customers, imports a generated year of usage, closes it, then replays the
 * year twice: under the file in force (it must give every issued statement back: equal digests) and
 * under a draft with a lower base discount. Prints each run's seconds, its progress as it goes, and
 * the peak heap. A fresh embedded database in a temporary directory, deleted at the end.
 */
@Command(name = "bench-simulate", mixinStandardHelpOptions = true,
        description = "Benchmark the program simulator: a closed year replayed under the terms in force and under a draft.")
public final class SimulationBenchmark implements Callable<Integer> {

    private static final Caller BENCH = new Caller.Operator("bench");

    @Option(names = "--partners", defaultValue = "2000", description = "partners (${DEFAULT-VALUE})")
    int partners;
    @Option(names = "--customers", defaultValue = "200000", description = "customers (${DEFAULT-VALUE})")
    int customers;
    @Option(names = "--rows", defaultValue = "12000000", description = "usage rows over the months (${DEFAULT-VALUE})")
    long rows;
    @Option(names = "--from", defaultValue = "2025-01", description = "the first month (${DEFAULT-VALUE})")
    YearMonth from;
    @Option(names = "--to", defaultValue = "2025-12", description = "the last month (${DEFAULT-VALUE})")
    YearMonth to;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("partnerhub-bench-simulate");
        try {
            Path csv = work.resolve("usage.csv");
            long started = System.nanoTime();
            GenerateCommand.write(new UsageFileGenerator.Spec(partners, customers, rows, from, to,
                    0.05, 0.02, 0.01, 0.01, 0.02, 0.01, 7), "vk-cloud", csv);
            System.out.printf("generated %d rows (%d MB) in %.1f s%n", rows, Files.size(csv) >> 20,
                    CloseBenchmark.seconds(started));
            try (ConfigurableApplicationContext platform = Partnerhub.withoutWeb(Map.of("partnerhub.data-dir",
                    work.toString(), "partnerhub.close.parts", "1"))) {
                CloseBenchmark.prepare(platform, partners, customers, from, csv);
                Files.delete(csv);
                started = System.nanoTime();
                platform.getBean(PeriodClose.class).close("bench", to);
                System.out.printf("closed %s..%s in %.1f s%n", from, to, CloseBenchmark.seconds(started));
                String file = platform.getBean(ProgramCatalog.class).sourceText("vk-cloud").orElseThrow();
                Simulations simulations = platform.getBean(Simulations.class);
                run(simulations, "the terms in force", file);
                run(simulations, "base discount 10 % -> 8 %", lowerBaseDiscount(file));
            }
        } finally {
            CloseBenchmark.deleteAll(work);
        }
        return 0;
    }

    private void run(Simulations simulations, String what, String draft) throws InterruptedException {
        CloseBenchmark.resetPeaks();
        long started = System.nanoTime();
        long id = simulations.start(BENCH, "vk-cloud", draft, from.toString(), to.toString()).id();
        Simulations.Simulation s;
        String shown = "";
        while ((s = simulations.find(BENCH, id, 0, 0)).status().equals("RUNNING")) {
            String progress = s.progress().movePointRight(2).stripTrailingZeros().toPlainString() + " %";
            if (!progress.equals(shown)) {
                System.out.printf("  %s: %s after %.0f s%n", what, progress, CloseBenchmark.seconds(started));
                shown = progress;
            }
            Thread.sleep(2_000);
        }
        System.out.printf("simulation under %s: %s, %d partners x %s..%s in %.1f s; peak heap %d MB (max %d MB);"
                        + " payable %s -> %s (%s); reproduces the issued statements: %s (%s / %s)%n", what, s.status(),
                s.partnerCount(), from, to, CloseBenchmark.seconds(started), CloseBenchmark.peakHeapMb(),
                Runtime.getRuntime().maxMemory() >> 20, s.totals().actual().payable(), s.totals().draft().payable(),
                s.totals().delta().payable(), s.reproducesIssued(), s.actualDigest(), s.draftDigest());
    }

    /** VK Cloud's Silver base discount lowered by two points: the draft whose cost is printed. */
    private static String lowerBaseDiscount(String file) {
        String draft = file.replaceFirst("(?<rule>kind: PERCENT_OF_CONSUMPTION, models: \\[PARTNER, WHITE_LABEL], percent: )10\\b",
                "${rule}8");
        if (draft.equals(file)) {
            throw new IllegalStateException("the VK Cloud file no longer names a 10 % base discount; adjust the benchmark's draft");
        }
        return draft;
    }
}
