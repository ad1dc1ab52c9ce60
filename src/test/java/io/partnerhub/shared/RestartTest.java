package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import io.partnerhub.Api;

/**
 * The platform in a child JVM, stopped in the middle of a usage import: killed ({@code kill -9},
 * its PostgreSQL left running as in reality), it starts again at once on the same data directory
 * with nothing of the import stored and takes the file again; terminated (SIGTERM), it lets the
 * import finish and record its audit entry, then stops its database.
 */
class RestartTest {

    private static final Path WORK = Path.of("target", "restart").toAbsolutePath();
    private static final int ROWS = 40_000;
    private static final String HEADER = "SubAccountId,ChargePeriodStart,ChargeCategory,ServiceName,ListCost,BillingCurrency\n";
    private static final Duration START_BOUND = Duration.ofSeconds(120);
    /**
     * The restart waited 60 s for a server that could not start, then gave up; now the database's
     * part of the start (the orphan stopped, the server started) must not wait. Measured from the
     * log, so that the load of a shared build machine on the rest of the start (a whole start
     * measured 17-58 s on two busy cores) does not decide the test.
     */
    private static final Duration PROMPT_DATABASE = Duration.ofSeconds(30);
    private static final Pattern ORPHAN_FOUND = Pattern.compile("^(\\S+Z) .* is still running on .* although no Partnerhub");
    private static final Pattern DATABASE_UP = Pattern.compile("^(\\S+Z) .* postmaster startup finished in ");
    private static final Pattern ORPHAN_STOPPED = Pattern.compile("Stopped PostgreSQL \\(pid (\\d+)\\) left running on ");
    private static final Pattern GRACEFUL = Pattern.compile("Commencing graceful shutdown");
    private static final Pattern ERROR = Pattern.compile("^\\S+\\s+ERROR ");

    private final List<PlatformChild> children = new ArrayList<>();

    @Test
    void killedInTheMiddleOfAnImportTheNextStartIsPromptStoresNothingOfItAndTakesTheFileAgain() throws Exception {
        Path dataDir = fresh("killed");
        byte[][] file = usageFile();
        PlatformChild first = start(dataDir, "killed-1");
        PacedUpload upload = PacedUpload.begin(first.awaitReady(START_BOUND), file[0]);
        awaitCopying(dataDir);
        ProcessHandle postgres = EmbeddedDatabaseTest.postmaster(dataDir.resolve("postgres")).orElseThrow();

        first.process.destroyForcibly().waitFor();
        assertThat(postgres.isAlive()).as("PostgreSQL outlives the killed platform, as pg_ctl detached it").isTrue();
        upload.response.cancel(true);

        long restarting = System.nanoTime();
        PlatformChild second = start(dataDir, "killed-2");
        int port = second.awaitReady(START_BOUND);
        Duration databaseStart = Duration.between(
                Instant.parse(second.await(ORPHAN_FOUND, Duration.ZERO, "the orphan found").group(1)),
                Instant.parse(second.await(DATABASE_UP, Duration.ZERO, "the database up").group(1)));
        System.out.printf("[restart] up again after kill -9 in %d ms, of which the database (orphan stopped, server"
                + " started) %d ms%n", Duration.ofNanos(System.nanoTime() - restarting).toMillis(), databaseStart.toMillis());
        assertThat(databaseStart).as("the database's part of the restart after kill -9").isLessThan(PROMPT_DATABASE);
        assertThat(postgres.isAlive()).as("the orphaned PostgreSQL").isFalse();
        assertThat(second.await(ORPHAN_STOPPED, Duration.ZERO, "the orphan stopped").group(1))
                .isEqualTo(Long.toString(postgres.pid()));

        JdbcTemplate database = database(dataDir);
        assertThat(database.queryForObject("select count(*) from usage_row", Long.class)).as("rows of the cut import").isZero();
        assertThat(database.queryForObject("select count(*) from usage_import", Long.class)).as("import records").isZero();

        HttpResponse<String> again = PacedUpload.begin(port, file[0]).finishing(file[1]).get(60, TimeUnit.SECONDS);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(again.body()).contains("\"rowsAccepted\":" + ROWS);
        assertThat(database.queryForObject("select count(*) from usage_row", Long.class)).isEqualTo(ROWS);
        assertThat(database.queryForList("select rows_accepted, file_name from usage_import"))
                .containsExactly(Map.of("rows_accepted", ROWS, "file_name", "usage.csv"));
    }

    @Test
    void terminatedInTheMiddleOfAnImportItLetsTheImportFinishThenStopsTheDatabase() throws Exception {
        Path dataDir = fresh("terminated");
        byte[][] file = usageFile();
        PlatformChild platform = start(dataDir, "terminated");
        int port = platform.awaitReady(START_BOUND);
        PacedUpload upload = PacedUpload.begin(port, file[0]);
        awaitCopying(dataDir);
        ProcessHandle postgres = EmbeddedDatabaseTest.postmaster(dataDir.resolve("postgres")).orElseThrow();

        long terminating = System.nanoTime();
        platform.process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close its output to us
        platform.await(GRACEFUL, Duration.ofSeconds(30), "graceful shutdown begun");
        // Refused, or - when it reached the listening socket's backlog in the instant before the connector
        // closed it - closed without a byte: either way a new request gets no answer once shutting down.
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString()))
                .as("a new request once shutting down")
                .satisfiesAnyOf(refused -> assertThat(refused).isInstanceOf(ConnectException.class),
                        closed -> assertThat(closed).isInstanceOf(IOException.class).hasMessageContaining("received no bytes"));
        Thread.sleep(1000); // the import is still in flight a while after the signal
        HttpResponse<String> imported = upload.finishing(file[1]).get(60, TimeUnit.SECONDS);

        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        assertThat(imported.body()).contains("\"rowsAccepted\":" + ROWS);
        assertThat(platform.process.waitFor(60, TimeUnit.SECONDS)).as("the platform ended\n" + platform.tail()).isTrue();
        System.out.printf("[restart] SIGTERM to exit with an import in flight: %d ms%n",
                Duration.ofNanos(System.nanoTime() - terminating).toMillis());
        assertThat(platform.process.exitValue()).as("exit status after SIGTERM").isEqualTo(143);
        assertThat(EmbeddedDatabaseTest.gone(postgres, Duration.ofSeconds(10))).as("PostgreSQL stopped with it").isTrue();
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
        assertThat(platform.lines()).as("errors logged while stopping").noneMatch(line -> ERROR.matcher(line).find());
        assertThat(firstIndex(platform, "Consumption per service: 1 import(s) summarized"))
                .as("the summary after the import finished before the pool closed")
                .isBetween(0, firstIndex(platform, "partnerhub - Shutdown initiated"));

        try (EmbeddedDatabase stopped = EmbeddedDatabase.start(dataDir.resolve("postgres"), false)) {
            JdbcTemplate database = jdbc(stopped.jdbcUrl());
            assertThat(database.queryForObject("select count(*) from usage_row", Long.class)).isEqualTo(ROWS);
            assertThat(database.queryForList("select rows_accepted from usage_import"))
                    .containsExactly(Map.of("rows_accepted", ROWS));
            assertThat(database.queryForObject("select count(*) from usage_consumption_day", Long.class))
                    .as("the days consumed, stored with the import").isPositive();
            assertThat(database.queryForList("select actor, path, status, outcome from audit_entry where method = 'POST'"))
                    .containsExactly(Map.of("actor", "operator", "path", "/api/v1/usage/imports?format=focus&fileName=usage.csv",
                            "status", 201, "outcome", "DONE"));
        }
    }

    @AfterEach
    void killEverythingStarted() throws Exception {
        for (PlatformChild child : children) {
            child.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (String name : List.of("killed", "terminated")) {
            var postgres = EmbeddedDatabaseTest.postmaster(WORK.resolve(name).resolve("postgres"));
            if (postgres.isPresent()) {
                postgres.get().descendants().forEach(ProcessHandle::destroyForcibly);
                postgres.get().destroyForcibly();
            }
        }
    }

    private static int firstIndex(PlatformChild child, String text) {
        List<String> lines = child.lines();
        return lines.indexOf(lines.stream().filter(line -> line.contains(text)).findFirst().orElse(null));
    }

    /** The file in two halves: the header and the first half of the rows, then the rest. */
    private static byte[][] usageFile() {
        StringBuilder first = new StringBuilder(HEADER);
        StringBuilder rest = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            (i < ROWS / 2 ? first : rest).append("restart-acc-").append(i % 500).append(",2026-11-")
                    .append(String.format("%02d", i % 28 + 1)).append(",Usage,Compute Cloud,").append(i % 97).append(".25,RUB\n");
        }
        return new byte[][]{first.toString().getBytes(StandardCharsets.UTF_8), rest.toString().getBytes(StandardCharsets.UTF_8)};
    }

    /** Waits until the import's {@code COPY} runs in the platform's PostgreSQL, waiting for the rest of the file. */
    private static void awaitCopying(Path dataDir) throws InterruptedException {
        JdbcTemplate database = database(dataDir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (database.queryForObject("select count(*) from pg_stat_activity where query like 'COPY usage_row%'",
                Long.class) == 0) {
            assertThat(System.nanoTime()).as("the import's COPY began within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The platform's embedded PostgreSQL, at the port its {@code postmaster.pid} names. */
    private static JdbcTemplate database(Path dataDir) {
        try {
            String port = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(3).trim();
            return jdbc("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
        } catch (IOException e) {
            throw new AssertionError("no PostgreSQL runs on " + dataDir, e);
        }
    }

    private static JdbcTemplate jdbc(String url) {
        return new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", ""));
    }

    private PlatformChild start(Path dataDir, String name) throws IOException {
        PlatformChild child = PlatformChild.start(dataDir, WORK.resolve(name + ".log"));
        children.add(child);
        return child;
    }

    private static Path fresh(String name) throws IOException {
        Path dir = WORK.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }
}
