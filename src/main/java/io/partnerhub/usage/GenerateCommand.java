package io.partnerhub.usage;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;

/** {@code partnerhub generate}: writes a realistic FOCUS file (gzip when the name ends in .gz). */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a realistic FOCUS usage file for demos and benchmarks.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--program", defaultValue = "vk-cloud", description = "program whose services are consumed (${DEFAULT-VALUE})")
    String program;
    @Option(names = "--partners", defaultValue = "20", description = "partners (${DEFAULT-VALUE})")
    int partners;
    @Option(names = "--customers", defaultValue = "2000", description = "customers (${DEFAULT-VALUE})")
    int customers;
    @Option(names = "--rows", defaultValue = "100000", description = "rows (${DEFAULT-VALUE})")
    long rows;
    @Option(names = "--from", defaultValue = "2026-01", description = "first month (${DEFAULT-VALUE})")
    YearMonth from;
    @Option(names = "--to", defaultValue = "2026-06", description = "last month (${DEFAULT-VALUE})")
    YearMonth to;
    @Option(names = "--exclusions", defaultValue = "0.05", description = "share of excluded services (${DEFAULT-VALUE})")
    double exclusions;
    @Option(names = "--grants", defaultValue = "0.02", description = "share of grant-funded rows (${DEFAULT-VALUE})")
    double grants;
    @Option(names = "--bonus", defaultValue = "0.01", description = "share of bonus-funded rows (${DEFAULT-VALUE})")
    double bonus;
    @Option(names = "--credits", defaultValue = "0.01", description = "share of credit rows (${DEFAULT-VALUE})")
    double credits;
    @Option(names = "--own", defaultValue = "0.02", description = "share of partners' own consumption (${DEFAULT-VALUE})")
    double own;
    @Option(names = "--unattributed", defaultValue = "0.01", description = "share of rows no one claims (${DEFAULT-VALUE})")
    double unattributed;
    @Option(names = "--seed", defaultValue = "1", description = "random seed (${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--out", required = true, description = "file to write; .gz compresses")
    Path out;

    @Override
    public Integer call() throws IOException {
        UsageFileGenerator.Spec spec = new UsageFileGenerator.Spec(partners, customers, rows, from, to, exclusions,
                grants, bonus, credits, own, unattributed, seed);
        long started = System.nanoTime();
        write(spec, program, out);
        System.out.printf("%s: %d rows in %.1f s, %d bytes%n", out, rows, (System.nanoTime() - started) / 1e9,
                Files.size(out));
        return 0;
    }

    /** Writes the file for {@code spec} with the services of the program's version in force at its first month. */
    public static void write(UsageFileGenerator.Spec spec, String programId, Path file) throws IOException {
        Program program = ProgramCatalog.outsideThePlatform("").find(programId)
                .orElseThrow(() -> new IllegalArgumentException("no program " + programId));
        UsageFileGenerator generator = new UsageFileGenerator(spec, program.name(), program.currency(),
                program.versionFor(spec.from()).orElseThrow());
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream stream = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
             Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16)) {
            generator.write(writer);
        }
    }
}
