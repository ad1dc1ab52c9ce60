package io.partnerhub.usage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.partnerhub.Partnerhub;

/**
 * {@code partnerhub import --format focus FILE}: the same import as the API, from a file on disk,
 * against the configured database. Exit code 0 stored or duplicate, 2 refused.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a billing export file (plain or .gz) into the configured database.")
public final class ImportCommand implements Callable<Integer> {

    @Option(names = "--format", defaultValue = "focus", description = "focus or yandex-detail (${DEFAULT-VALUE})")
    String format;

    @Parameters(paramLabel = "FILE", description = "the export file")
    Path file;

    /** Settings for the platform the command starts; tests point it at a database of their own. */
    Map<String, Object> platformSettings = Map.of();

    @Override
    public Integer call() throws IOException {
        UsageFormat usageFormat = UsageFormat.byId(format)
                .orElseThrow(() -> new IllegalArgumentException("unknown format " + format + "; use focus or yandex-detail"));
        try (ConfigurableApplicationContext platform = Partnerhub.withoutWeb(platformSettings);
             InputStream in = Files.newInputStream(file)) {
            long started = System.nanoTime();
            ImportResult result = platform.getBean(UsageImports.class)
                    .importFile("cli", usageFormat, in, file.getFileName().toString());
            double seconds = (System.nanoTime() - started) / 1e9;
            return report(result, seconds);
        }
    }

    private static int report(ImportResult result, double seconds) {
        switch (result) {
            case ImportResult.Accepted a -> {
                System.out.printf("import %d: %d rows stored in %.1f s (%.0f rows/s), periods %s, %d unattributed rows%n",
                        a.importId(), a.rowsAccepted(), seconds, a.rowsAccepted() / seconds, a.periods(), a.unattributedRows());
                return 0;
            }
            case ImportResult.Duplicate d -> {
                System.out.printf("duplicate: this content was imported before as import %d; nothing added%n", d.importId());
                return 0;
            }
            case ImportResult.Rejected r -> {
                System.out.printf("refused: %d of %d rows are bad; nothing stored%n", r.rowsRejected(), r.rowsRead());
                r.problems().forEach(p -> System.out.printf("  line %d, %s: %s%n", p.line(), p.column(), p.message()));
                if (r.problemCount() > r.problems().size()) {
                    System.out.printf("  ... and %d more%n", r.problemCount() - r.problems().size());
                }
                return 2;
            }
        }
    }
}
