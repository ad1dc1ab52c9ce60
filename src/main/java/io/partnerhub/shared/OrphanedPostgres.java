package io.partnerhub.shared;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server a platform process left running on its data directory when it died
 * without stopping it ({@code kill -9}, the JVM crashing): {@code pg_ctl} detaches the server from
 * the JVM, so it outlives it and keeps {@code postmaster.pid}, and the next start would wait for
 * it in vain. Only called by the holder of the {@link DataDirectoryLock}: no live platform owns
 * the directory then, so a server of ours on it is an orphan and is stopped, fast (open
 * transactions, such as an import cut off by the kill, roll back), and killed after a bound.
 */
final class OrphanedPostgres {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostgres.class);

    /** How long a fast shutdown may take (its checkpoint) before the server is killed and recovers on start. */
    static final Duration STOP_BOUND = Duration.ofSeconds(20);
    private static final Duration KILL_BOUND = Duration.ofSeconds(10);

    private OrphanedPostgres() {
    }

    /**
     * Stops the server named in {@code directory/postmaster.pid} when it is still running on that
     * directory; removes the file when its pid now belongs to another program (a pid file whose
     * process is simply gone is left to PostgreSQL, which removes it itself). Returns the pid stopped.
     */
    static Optional<Long> stopIn(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        Optional<ProcessHandle> named = namedIn(pidFile);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle process = named.get();
        switch (owner(process, directory)) {
            case OUR_SERVER -> {
                stop(process, directory);
                return Optional.of(process.pid());
            }
            case SOMEONE_ELSE -> {
                // the pid was reused (after a reboot, or the directory was copied from a running one):
                // PostgreSQL would refuse to start while that process lives, though it is not ours
                log.warn("{} names pid {}, which is not a PostgreSQL on {}; removing the stale file",
                        pidFile, process.pid(), directory);
                delete(pidFile);
            }
            case UNKNOWN -> log.warn("{} names pid {}, which cannot be inspected; leaving it to PostgreSQL",
                    pidFile, process.pid());
        }
        return Optional.empty();
    }

    private enum Owner { OUR_SERVER, SOMEONE_ELSE, UNKNOWN }

    private static Optional<ProcessHandle> namedIn(Path pidFile) {
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.isEmpty() || !lines.getFirst().trim().matches("\\d{1,10}")) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.getFirst().trim())).filter(ProcessHandle::isAlive);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code process} is a postgres serving {@code directory}: postgres changes into its data directory. */
    private static Owner owner(ProcessHandle process, Path directory) {
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            return Owner.UNKNOWN;
        }
        if (!Path.of(command.get()).getFileName().toString().equals("postgres")) {
            return Owner.SOMEONE_ELSE;
        }
        try {
            return Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), directory)
                    ? Owner.OUR_SERVER : Owner.SOMEONE_ELSE;
        } catch (IOException noProcFileSystem) {
            return Owner.UNKNOWN;
        }
    }

    private static void stop(ProcessHandle postmaster, Path directory) {
        List<ProcessHandle> server = new ArrayList<>(List.of(postmaster));
        postmaster.descendants().forEach(server::add);
        log.warn("PostgreSQL (pid {}) is still running on {} although no Partnerhub process owns it"
                + " (the last one was killed); stopping it", postmaster.pid(), directory);
        Path pgCtl = Path.of(postmaster.info().command().orElseThrow()).resolveSibling("pg_ctl");
        boolean stopped = pgCtlStop(pgCtl, directory) && gone(server, KILL_BOUND);
        if (!stopped) {
            log.warn("PostgreSQL (pid {}) did not stop within {} s; killing it (it recovers on start)",
                    postmaster.pid(), STOP_BOUND.toSeconds());
            server.forEach(ProcessHandle::destroyForcibly);
            if (!gone(server, KILL_BOUND)) {
                throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") on " + directory
                        + " could not be stopped; stop it by hand");
            }
        }
    }

    private static boolean pgCtlStop(Path pgCtl, Path directory) {
        try {
            Process process = new ProcessBuilder(pgCtl.toString(), "stop", "-D", directory.toString(), "-m", "fast",
                    "-w", "-t", Long.toString(STOP_BOUND.toSeconds()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(STOP_BOUND.toSeconds() + 5, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls: a process that is not our child can only be watched by asking. */
    private static boolean gone(List<ProcessHandle> processes, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", file, e.getMessage());
        }
    }
}
