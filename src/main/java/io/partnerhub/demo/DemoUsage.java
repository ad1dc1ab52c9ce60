package io.partnerhub.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;

import org.springframework.stereotype.Component;

import io.partnerhub.program.Program;
import io.partnerhub.program.ProgramCatalog;
import io.partnerhub.usage.ImportResult;
import io.partnerhub.usage.UsageFileGenerator;
import io.partnerhub.usage.UsageFormat;
import io.partnerhub.usage.UsageImports;

/**
 * The demo's consumption: a generated FOCUS file per program for its demo accounts, imported
 * through the same path as any provider's export.
 */
@Component
class DemoUsage {

    private final ProgramCatalog programs;
    private final UsageImports imports;

    DemoUsage(ProgramCatalog programs, UsageImports imports) {
        this.programs = programs;
        this.imports = imports;
    }

    /** Imports {@code rows} rows of the program's services for the accounts, from {@code from} to {@code to}. */
    long importFor(String programId, List<String> customers, List<String> partnersOwn, YearMonth from, YearMonth to,
                   long rows, long seed) {
        Program program = programs.find(programId).orElseThrow();
        UsageFileGenerator.Spec spec = new UsageFileGenerator.Spec(partnersOwn.size(), customers.size(), rows, from, to,
                0.05, 0.03, 0.01, 0.02, 0.03, 0.01, seed);
        StringWriter csv = new StringWriter();
        try {
            new UsageFileGenerator(spec, program.name(), program.currency(), program.versionFor(from).orElseThrow(),
                    customers, partnersOwn).write(csv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ImportResult result = imports.importFile("demo-loader", UsageFormat.FOCUS,
                new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "demo-" + programId + ".csv");
        if (!(result instanceof ImportResult.Accepted accepted)) {
            throw new IllegalStateException("the demo usage for " + programId + " was not stored: " + result);
        }
        return accepted.rowsAccepted();
    }
}
