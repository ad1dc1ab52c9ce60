package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL's own log beside its data directory, and a clean start's old files: the
 * log is kept until it grows too long, a failed start quotes its end, and a clean start finds its
 * directory empty at once while the old files go in the background.
 */
class ServerLogTest {

    @Test
    void theLogIsKeptBesideTheDataAndRotatedOnceTooLong(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Files.writeString(dir.resolve("postgres.log"), "an earlier start\n");
        ServerLog.beside(data);
        assertThat(dir.resolve("postgres.log")).hasContent("an earlier start");

        Files.write(dir.resolve("postgres.log"), new byte[(int) ServerLog.ROTATE_AT + 1]);
        ServerLog.beside(data);
        assertThat(dir.resolve("postgres.log")).doesNotExist();
        assertThat(Files.size(dir.resolve("postgres.log.1"))).isEqualTo(ServerLog.ROTATE_AT + 1);
    }

    @Test
    void aFailedStartQuotesTheEndOfTheLog(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("postgres.log"), IntStream.rangeClosed(1, 30).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\nFATAL:  the cause\n")));

        String tail = ServerLog.beside(dir.resolve("postgres")).tail();

        assertThat(tail).endsWith("FATAL:  the cause").contains("line 12").doesNotContain("line 11\n");
    }

    @Test
    void aCleanStartFindsItsDirectoryEmptyAndTheOldFilesGo(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("postgres");
        Files.createDirectories(data.resolve("base"));
        Files.writeString(data.resolve("base").resolve("1234"), "old rows");
        Files.createDirectories(dir.resolve("postgres.discarded-1"));

        DiscardedDirectories.emptyInBackground(data);

        assertThat(data).isEmptyDirectory();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (aside(dir) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(aside(dir)).as("old directories left beside the data").isZero();
    }

    private static long aside(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("postgres.discarded-")).count();
        }
    }
}
