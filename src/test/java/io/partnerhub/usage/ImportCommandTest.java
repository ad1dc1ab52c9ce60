package io.partnerhub.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code partnerhub import FILE}: the same import from a file on disk, against a database of its
 * own; exit code 0 stored or duplicate, 2 refused.
 */
class ImportCommandTest {

    @Test
    void importsAGzipFileOnceAndRefusesABadOneWithItsLines(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("usage.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(good))) {
            out.write(("SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                    + "cli-1,2026-05-01,Usage,Compute Cloud,12.34,RUB\n"
                    + "cli-1,2026-05-02,Usage,Compute Cloud,0.66,RUB\n").getBytes(StandardCharsets.UTF_8));
        }
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n"
                + "cli-1,2026-05-03,Usage,Compute Cloud,twelve,RUB\n");
        Map<String, Object> database = Map.of("partnerhub.data-dir", dir.resolve("data").toString());

        Run first = run(database, good);
        Run again = run(database, good);
        Run refused = run(database, bad);

        assertThat(first.exitCode()).isZero();
        assertThat(first.output()).contains("2 rows stored").contains("periods [2026-05]");
        assertThat(again.exitCode()).isZero();
        assertThat(again.output()).contains("duplicate: this content was imported before");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output()).contains("refused: 1 of 1 rows are bad")
                .contains("line 2, ListCost: 'twelve' is not a decimal number");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(Map<String, Object> database, Path file) {
        ImportCommand command = new ImportCommand();
        command.platformSettings = database;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(command).execute("--format", "focus", file.toString());
            return new Run(exit, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
