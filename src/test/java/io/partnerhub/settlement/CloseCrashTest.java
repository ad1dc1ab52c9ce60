package io.partnerhub.settlement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The close is crash-safe: a {@code close} killed at any point together with its PostgreSQL
 * (SIGKILL to the JVM, the postmaster and its backends: the machine dies) and run again issues
 * exactly the statements, lines, ledger entries and standings of an uninterrupted close, with no
 * duplicate. Every run is a child JVM on a copy of one seeded and imported database; the test
 * compares the statements digest the command prints, which covers every statement row.
 */
class CloseCrashTest {

    private static final Path WORK = Path.of("target", "close-crash").toAbsolutePath();
    private static final Path LOGBACK = WORK.resolve("logback.xml");
    private static final Pattern DIGEST = Pattern.compile("^statements digest (\\p{XDigit}{32})$");
    private static final Pattern SETTLING = Pattern.compile("Closing (\\d{4}-\\d{2}): settling partners");
    private static final Pattern RECOVERY = Pattern.compile("not properly shut down; automatic recovery in progress");

    /**
     * Where a run is killed: {@code delayMillis} after the close logs {@code line}, or with no delay
     * frozen right after it (see {@link CloseCrashChild.FreezeAfter}), so the point is exact.
     * {@code openAtKill} is the first month not committed at the kill.
     */
    private record KillPoint(String name, String line, long delayMillis, String openAtKill) {
    }

    private static final List<KillPoint> KILL_POINTS = List.of(
            new KillPoint("a: 2026-01 begun", "Closing 2026-01: settling partners", 0, "2026-01"),
            new KillPoint("b: 2026-01 committed, 2026-02 begun", "Closing 2026-02: settling partners", 0, "2026-02"),
            new KillPoint("c: 2026-02 statements copied, not sealed", "Closing 2026-02: \\d+ statements stored, sealing", 0, "2026-02"),
            new KillPoint("d: 300 ms into settling 2026-03", "Closing 2026-03: settling partners", 300, "2026-03"),
            new KillPoint("e: 2026-03 sealed, not committed", "Closed 2026-03: ", 0, "2026-03"));

    private final List<CloseCrashChild> children = new ArrayList<>();
    private final Path base = WORK.resolve("base");
    private final Path reference = WORK.resolve("reference");
    private final Path crashed = WORK.resolve("crashed");

    @Test
    void aCloseKilledAnywhereAndRunAgainIssuesTheStatementsOfAnUninterruptedClose() throws Exception {
        delete(WORK);
        Files.createDirectories(WORK);
        CloseCrashChild.writeLogbackConfig(LOGBACK);
        Path usage = WORK.resolve("usage.csv");
        completed(base, "seed", "--program", "vk-cloud", "--model", "PARTNER", "--partners", "40", "--customers", "4000",
                "--contract", "2025-12-01");
        completed(base, "generate", "--program", "vk-cloud", "--partners", "40", "--customers", "4000", "--rows", "150000",
                "--from", "2026-01", "--to", "2026-03", "--seed", "1", "--out", usage.toString());
        completed(base, "import", usage.toString(), "--format", "focus");
        copy(base, reference);
        copy(base, crashed);

        String expected = digest(completed(reference, "close", "2026-03"));

        String openAtKill = "2025-12"; // the contract month: nothing closed yet
        boolean afterCrash = false;
        for (KillPoint point : KILL_POINTS) {
            boolean freeze = point.delayMillis() == 0;
            CloseCrashChild close = start(crashed, freeze ? point.line() : null, "close", "2026-03");
            close.await((freeze ? CloseCrashChild.FreezeAfter.MARK : "") + point.line(), "kill point " + point.name());
            Thread.sleep(point.delayMillis());
            crash(close, crashed);
            check(close, "killed at " + point.name(), openAtKill, afterCrash);
            openAtKill = point.openAtKill();
            afterCrash = true;
        }

        CloseCrashChild finished = completed(crashed, "close", "2026-03");
        check(finished, "final close", openAtKill, true);
        assertThat(digest(finished)).as("statements after the crashes vs. an uninterrupted close").isEqualTo(expected);

        CloseCrashChild again = completed(crashed, "close", "2026-03");
        assertThat(again.lines()).anyMatch(line -> line.contains("months closed now: none"));
        assertThat(digest(again)).as("closing again changes nothing").isEqualTo(expected);
    }

    @AfterEach
    void killEverythingStarted() throws Exception {
        children.forEach(child -> child.process.destroyForcibly());
        for (Path dataDir : List.of(base, reference, crashed)) {
            Optional<ProcessHandle> postmaster = postmaster(dataDir);
            if (postmaster.isPresent()) {
                killAll(withDescendants(postmaster.get()));
            }
        }
        for (CloseCrashChild child : children) {
            child.process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    /** Kills the close and then its database, postmaster and backends, with SIGKILL; waits until all are gone. */
    private static void crash(CloseCrashChild close, Path dataDir) throws Exception {
        if (!close.process.isAlive()) {
            fail("the close ended before it could be killed; make the data larger\n" + close.tail());
        }
        close.process.destroyForcibly();
        ProcessHandle postmaster = postmaster(dataDir)
                .orElseThrow(() -> new AssertionError("no PostgreSQL running in " + dataDir + "\n" + close.tail()));
        List<ProcessHandle> machine = withDescendants(postmaster);
        machine.add(close.process.toHandle());
        killAll(machine);
        close.reader.join(TimeUnit.SECONDS.toMillis(30));
    }

    /** Prints and checks where a run began, and whether its database recovered from a crash first. */
    private static void check(CloseCrashChild close, String what, String openAtKill, boolean afterCrash)
            throws IOException {
        boolean recovered = close.serverLogCount(RECOVERY) > 0;
        String began = close.lines().stream().map(SETTLING::matcher).filter(Matcher::find).map(m -> m.group(1))
                .findFirst().orElse("none"); // sorts after every month
        System.out.printf("[close-crash] %s; that run began at %s, crash recovery before it: %s%n", what, began, recovered);
        assertThat(recovered).as("PostgreSQL recovered from a crash before this run\n" + close.tail()).isEqualTo(afterCrash);
        // the month open at the kill is closed again, and only from it on: a committed month survives the crash
        assertThat(began).as("first month closed, after a kill with %s open", openAtKill).isEqualTo(openAtKill);
    }

    private static List<ProcessHandle> withDescendants(ProcessHandle process) {
        List<ProcessHandle> all = new ArrayList<>(List.of(process));
        process.descendants().forEach(all::add);
        return all;
    }

    private static void killAll(List<ProcessHandle> processes) throws InterruptedException {
        processes.forEach(ProcessHandle::destroyForcibly);
        // polled: onExit() of a process that is not our child polls at 300 ms and more
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            assertThat(System.nanoTime()).as("killed processes gone within 30 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The postmaster of the embedded PostgreSQL in {@code dataDir}, if one runs (pg_ctl detached it from its JVM). */
    private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).filter(line -> line.matches("\\d+"))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid))).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(command -> command.contains("postgres")).orElse(false));
        }
    }

    private CloseCrashChild completed(Path dataDir, String... arguments) throws Exception {
        return start(dataDir, null, arguments).completed();
    }

    private CloseCrashChild start(Path dataDir, String freezeAfter, String... arguments) throws IOException {
        Path log = WORK.resolve("%02d-%s-%s.log".formatted(children.size() + 1, dataDir.getFileName(), arguments[0]));
        CloseCrashChild child = CloseCrashChild.start(dataDir, LOGBACK, freezeAfter, log, arguments);
        children.add(child);
        return child;
    }

    private static String digest(CloseCrashChild close) {
        return close.lines().stream().map(DIGEST::matcher).filter(Matcher::matches).map(m -> m.group(1))
                .findFirst().orElseThrow(() -> new AssertionError("no digest printed\n" + close.tail()));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                // with its attributes: PostgreSQL refuses a data directory others may read
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
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
