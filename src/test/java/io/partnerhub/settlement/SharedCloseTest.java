package io.partnerhub.settlement;

import io.partnerhub.shared.PeriodLocks;
import io.partnerhub.usage.GenerateCommand;
import io.partnerhub.usage.UsageFileGenerator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A close shared by instances: two platform processes on one PostgreSQL close one month together
 * and issue, byte for byte, the statements (with their ledger entries and standings) of one
 * instance closing it in one transaction; and when one of them is killed with SIGKILL in the
 * middle of the close, the other settles its parts again and finishes the month to the same
 * digest, running it again when a writer took the period lock meanwhile
 * (closing a closed month again is CloseCrashTest's and CloseProgressTest's).
 * Each instance is a child JVM running {@code close} or {@code serve}; the database is a copy of
 * one seeded and imported month, served by this JVM so that killing an instance leaves it running.
 */
class SharedCloseTest {

    private static final Path WORK = Path.of("target", "shared-close").toAbsolutePath();
    private static final Path LOGBACK = WORK.resolve("logback.xml");
    private static final Pattern DIGEST = Pattern.compile("^statements digest (\\p{XDigit}{32})$");
    private static final String MONTH = "2026-01";
    private static final String TOKEN = "shared-close-operator-token";

    private static final List<CloseCrashChild> children = new ArrayList<>();
    private static final List<EmbeddedPostgres> databases = new ArrayList<>();
    private static final Path base = WORK.resolve("base");
    private static String oneInstance;
    private static int partners;

    @BeforeAll
    static void aMonthClosedByOneInstanceInOneTransaction() throws Exception {
        delete(WORK);
        Files.createDirectories(WORK);
        CloseCrashChild.writeLogbackConfig(LOGBACK);
        Path usage = WORK.resolve("usage.csv");
        completed(base, Map.of(), "seed", "--program", "vk-cloud", "--model", "PARTNER", "--partners", "24",
                "--customers", "2400", "--contract", MONTH + "-01");
        // as the generate command writes it, the defaults' shares of exclusions, grants, Bonus and the rest
        GenerateCommand.write(new UsageFileGenerator.Spec(24, 2400, 40_000, YearMonth.parse(MONTH), YearMonth.parse(MONTH),
                0.05, 0.02, 0.01, 0.01, 0.02, 0.01, 3), "vk-cloud", usage);
        completed(base, Map.of(), "import", usage.toString(), "--format", "focus");
        Path reference = copyOfBase("reference");
        CloseCrashChild close = completed(reference, Map.of("PARTNERHUB_CLOSE_PARTS", "1"), "close", MONTH);
        assertThat(close.lines()).noneMatch(line -> line.contains(" part 1 of "));
        oneInstance = digest(close);
        partners = Integer.parseInt(close.lines().stream().map(Pattern.compile("(\\d+) statements for " + MONTH)::matcher)
                .filter(Matcher::find).findFirst().orElseThrow().group(1));
        assertThat(partners).isEqualTo(24);
    }

    @Test
    void twoInstancesClosingTogetherIssueTheStatementsOfOne() throws Exception {
        String url = serve(copyOfBase("together"));
        CloseCrashChild first;
        CloseCrashChild second;
        // both wait for the period lock this test holds, so they start the close together, not a JVM start apart
        try (Connection lock = DriverManager.getConnection(url, "postgres", "");
             Statement statement = lock.createStatement()) {
            statement.execute("select pg_advisory_lock(" + PeriodLocks.KEY + ")");
            first = start(url, null, "close", MONTH);
            second = start(url, null, "close", MONTH);
            awaitWaitingForTheLock(statement, 2);
        }
        first.completed();
        second.completed();

        assertThat(digest(first)).as("first instance's digest vs one instance's").isEqualTo(oneInstance);
        assertThat(digest(second)).as("second instance's digest vs one instance's").isEqualTo(oneInstance);
        assertOneStatementPerPartner(url);
        Map<String, Integer> parts = partsBy(url);
        System.out.println("[shared-close] parts settled by instance: " + parts);
        assertThat(parts).as("parts settled by each instance").hasSize(2);
    }

    private static void awaitWaitingForTheLock(Statement statement, int instances) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CloseCrashChild.TIMEOUT_SECONDS);
        while (true) {
            try (ResultSet rs = statement.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
                rs.next();
                if (rs.getInt(1) >= instances) {
                    return;
                }
            }
            assertThat(System.nanoTime()).as("both instances waiting for the period lock").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /**
     * Two platform instances serving (HTTP API and job scheduler), the close asked of the first:
     * it stops for good in every part it begins (a frozen JVM, its transactions open) and is then
     * killed with SIGKILL. The second takes up what is left: the parts its scheduler picks, the
     * killed one's parts once their locks go and its scheduled ones once its heartbeats stop, and
     * the finish; a writer that took the period lock meanwhile makes the month run again. Nobody
     * waits for the close: it finishes by the scheduler alone, to one instance's statements.
     */
    @Test
    void anInstanceKilledMidCloseLeavesItsPartsToTheOtherAndAWriterMeanwhileMakesTheMonthRunAgain() throws Exception {
        String url = serve(copyOfBase("killed"));
        int port = freePort();
        CloseCrashChild killed = start(WORK.resolve("instance-a"), serving(url, port),
                "part \\d+ of \\d+ \\(run \\d+\\) settling", "serve");
        killed.await("Started Partnerhub", "the first instance up");
        askToClose(port);
        killed.await(CloseCrashChild.FreezeAfter.MARK, "the first instance inside a part");
        CloseCrashChild survivor = start(WORK.resolve("instance-b"), serving(url, freePort()), null, "serve");
        survivor.await("part \\d+ of 8 \\(run 1\\) staged", "the second instance settling parts");
        awaitOnlyFrozenPartsLeft(url);
        try (Connection writer = DriverManager.getConnection(url, "postgres", "");
             Statement statement = writer.createStatement()) {
            statement.execute(PeriodLocks.SHARED);
        }
        killed.process.destroyForcibly();
        killed.process.waitFor(30, TimeUnit.SECONDS);
        awaitSealed(url, survivor);

        assertThat(runs(url)).as("the runs of the month").containsExactly("DISCARDED", "SEALED");
        assertOneStatementPerPartner(url);
        Map<String, Integer> parts = partsBy(url);
        System.out.printf("[shared-close] after the kill, parts settled by instance: %s; dead executions revived: %d%n",
                parts, survivor.lines().stream().filter(line -> line.contains("Found dead execution")).count());
        assertThat(parts.keySet()).as("who settled the parts of the run that sealed the month")
                .allMatch(by -> by.endsWith(":" + survivor.process.pid()));

        CloseCrashChild again = start(WORK.resolve("instances"), instance(url), null, "close", MONTH).completed();
        assertThat(again.lines()).anyMatch(line -> line.contains("months closed now: none"));
        assertThat(digest(again)).as("digest after the kill vs one instance's").isEqualTo(oneInstance);
    }

    /** The settings of a serving instance: short job polling and heartbeats, so a dead one is seen in seconds. */
    private static Map<String, String> serving(String url, int port) {
        Map<String, String> environment = new java.util.HashMap<>(instance(url));
        environment.putAll(Map.of("SERVER_PORT", String.valueOf(port), "PARTNERHUB_ADMIN_TOKEN", TOKEN,
                "PARTNERHUB_JOBS_POLLING", "200ms", "PARTNERHUB_JOBS_HEARTBEAT", "1s"));
        return environment;
    }

    private static Map<String, String> instance(String url) {
        return Map.of("PARTNERHUB_DB_URL", url, "PARTNERHUB_DB_USER", "postgres", "PARTNERHUB_CLOSE_PARTS", "8");
    }

    /** POSTs the close to the instance on {@code port}; it never answers (the instance is frozen, then killed). */
    private static void askToClose(int port) {
        HttpRequest close = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/periods/" + MONTH + "/close"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpClient.newHttpClient().sendAsync(close, HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Waits until every part not settled is held by a transaction: the first instance's frozen ones
     * (its other threads block on logging behind the frozen one, so its output cannot count them).
     */
    private static void awaitOnlyFrozenPartsLeft(String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CloseCrashChild.TIMEOUT_SECONDS);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            while (true) {
                try (ResultSet rs = statement.executeQuery("""
                        select count(*) from (select 1 from close_part where settled_at is null for update skip locked) free""")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        connection.rollback();
                        return;
                    }
                }
                connection.rollback();
                assertThat(System.nanoTime()).as("only the frozen parts left").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    private static void awaitSealed(String url, CloseCrashChild instance) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CloseCrashChild.TIMEOUT_SECONDS);
        while (!runs(url).contains("SEALED")) {
            assertThat(System.nanoTime()).as("the month sealed\n" + instance.tail()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterAll
    static void stopEverythingStarted() throws Exception {
        children.forEach(child -> child.process.destroyForcibly());
        for (CloseCrashChild child : children) {
            child.process.onExit().get(30, TimeUnit.SECONDS);
        }
        for (EmbeddedPostgres database : databases) {
            database.close();
        }
    }

    private static void assertOneStatementPerPartner(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select count(*), count(distinct partner_id),
                            (select count(*) from close_staged_statement) + (select count(*) from close_staged_statement_line)
                       from statement where period = date '%s-01'""".formatted(MONTH))) {
            rs.next();
            assertThat(rs.getInt(1)).as("statements of the month").isEqualTo(partners);
            assertThat(rs.getInt(2)).as("partners with a statement").isEqualTo(partners);
            assertThat(rs.getInt(3)).as("staged rows left").isZero();
        }
    }

    private static List<String> runs(String url) throws SQLException {
        List<String> runs = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select status from close_run order by id")) {
            while (rs.next()) {
                runs.add(rs.getString(1));
            }
        }
        return runs;
    }

    /** How many parts each instance ({@code host:pid}) settled. */
    private static Map<String, Integer> partsBy(String url) throws SQLException {
        Map<String, Integer> parts = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("""
                     select p.settled_by, count(*) from close_part p join close_run r on r.id = p.run_id
                      where r.status = 'SEALED' group by 1""")) {
            while (rs.next()) {
                parts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return parts;
    }

    /** Serves the database in {@code dataDir} from this JVM; its JDBC URL. */
    private static String serve(Path dataDir) throws IOException {
        EmbeddedPostgres database = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).setServerConfig("max_connections", "100")
                .setPGStartupWait(Duration.ofSeconds(60)).start();
        databases.add(database);
        return "jdbc:postgresql://localhost:" + database.getPort() + "/postgres";
    }

    private static CloseCrashChild start(String url, String freezeAfter, String... arguments) throws IOException {
        return start(WORK.resolve("instances"), instance(url), freezeAfter, arguments);
    }

    private static CloseCrashChild completed(Path dataDir, Map<String, String> environment, String... arguments)
            throws Exception {
        return start(dataDir, environment, null, arguments).completed();
    }

    private static CloseCrashChild start(Path dataDir, Map<String, String> environment, String freezeAfter,
                                         String... arguments) throws IOException {
        Path log = WORK.resolve("%02d-%s-%s.log".formatted(children.size() + 1, dataDir.getFileName(), arguments[0]));
        CloseCrashChild child = CloseCrashChild.start(dataDir, environment, LOGBACK, freezeAfter, log, arguments);
        children.add(child);
        return child;
    }

    private static String digest(CloseCrashChild close) {
        return close.lines().stream().map(DIGEST::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no digest printed\n" + close.tail()));
    }

    private static Path copyOfBase(String name) throws IOException {
        Path to = WORK.resolve(name);
        try (Stream<Path> files = Files.walk(base)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                // with its attributes: PostgreSQL refuses a data directory others may read
                Files.copy(file, to.resolve(base.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return to;
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                    Files.delete(file);
                }
            }
        }
    }
}
