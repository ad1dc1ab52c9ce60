package io.partnerhub.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running embedded PostgreSQL, or none when an external one is configured. Its owner holds the
 * {@link DataDirectoryLock}; a server an earlier, killed owner left running is stopped first
 * ({@link OrphanedPostgres}). The server is stopped by {@link #close()}, which the platform calls
 * after its web server, jobs and connection pool are done (docs/architecture.md, "Shutdown and
 * restart"), never by a shutdown hook racing them.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The shutdown hooks of Spring Boot and of a Spring context: they close the platform in order. */
    private static final Set<String> PLATFORM_HOOKS = Set.of("SpringApplicationShutdownHook", "SpringContextShutdownHook");
    private static final Duration PLATFORM_HOOKS_BOUND = Duration.ofMinutes(3);
    private static final Duration HOOKS_STARTED = Duration.ofMillis(200);

    private final EmbeddedPostgres postgres;
    private final DataDirectoryLock lock;
    private final boolean freshlyCreated;
    private final Thread stopAtExit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedDatabase(EmbeddedPostgres postgres, DataDirectoryLock lock, boolean freshlyCreated) {
        this.postgres = postgres;
        this.lock = lock;
        this.freshlyCreated = freshlyCreated;
        this.stopAtExit = postgres == null ? null
                : Thread.ofPlatform().name("embedded-postgres-stop").unstarted(this::closeAfterThePlatform);
        if (stopAtExit != null) {
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
    }

    static EmbeddedDatabase none() {
        return new EmbeddedDatabase(null, null, false);
    }

    static EmbeddedDatabase start(Path directory, boolean clean) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL's directory " + directory + " cannot be made", e);
        }
        DataDirectoryLock lock = DataDirectoryLock.take(directory);
        try {
            OrphanedPostgres.stopIn(directory).ifPresent(pid ->
                    log.info("Stopped PostgreSQL (pid {}) left running on {}; starting afresh", pid, directory));
            boolean fresh = clean || !Files.exists(directory.resolve("PG_VERSION"));
            if (clean) {
                DiscardedDirectories.emptyInBackground(directory);
            }
            return new EmbeddedDatabase(startPostgres(directory, clean, ServerLog.beside(directory)), lock, fresh);
        } catch (RuntimeException | Error e) {
            lock.close();
            throw e;
        }
    }

    private static EmbeddedPostgres startPostgres(Path directory, boolean clean, ServerLog serverLog) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // a clean start found the directory emptied; deleting it at close took 2-3 s on
                    // the build machine's disk, in the close of every test platform
                    .setCleanDataDirectory(false)
                    .setOutputRedirector(serverLog.redirect())
                    .setErrorRedirector(serverLog.redirect())
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    // the embedded server's builder turns this off; a commit the platform reported
                    // (an import, a closed period) must survive the machine dying right after
                    .setServerConfig("synchronous_commit", clean ? "off" : "on")
                    // bulk imports write GBs of WAL; fewer forced checkpoints measured 10-20 % faster
                    .setServerConfig("max_wal_size", "4GB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // its hook would stop the server while requests and jobs still use it: close() does
                    .setRegisterShutdownHook(false)
                    .start();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(notStarted(directory, serverLog), e);
        } catch (IllegalStateException e) {
            // another process holds the lock file; the same process holding it shows as an overlapping lock
            if (e instanceof java.nio.channels.OverlappingFileLockException
                    || String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new EmbeddedDatabaseInUse(directory);
            }
            throw new IllegalStateException(notStarted(directory, serverLog), e);
        }
    }

    private static String notStarted(Path directory, ServerLog serverLog) {
        return "The embedded PostgreSQL in " + directory + " did not start; the end of " + serverLog + ":\n"
                + serverLog.tail();
    }

    public boolean running() {
        return postgres != null;
    }

    /** True when this start created the database files, i.e. the database is new and empty. */
    public boolean freshlyCreated() {
        return freshlyCreated;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** Stops the server (fast: open transactions roll back) and releases the directory. */
    @Override
    public void close() throws IOException {
        if (postgres == null || closed.getAndSet(true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // called from the platform's own shutdown: the hook is running or will find the server closed
        }
        try {
            postgres.close();
        } finally {
            lock.close();
        }
    }

    /**
     * At the JVM's exit every hook starts at once, in no order: waits while the platform's hooks run
     * (graceful web server stop, jobs, the pool, and normally this database's close; a moment first,
     * for them to be started), then stops the server if nothing did, so a JVM that ends without
     * closing its context leaves no server behind.
     */
    private void closeAfterThePlatform() {
        long start = System.nanoTime();
        while (!closed.get()) {
            long waited = System.nanoTime() - start;
            boolean platformClosing = waited < HOOKS_STARTED.toNanos() || Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(thread -> PLATFORM_HOOKS.contains(thread.getName()) && thread.isAlive());
            if (!platformClosing || waited > PLATFORM_HOOKS_BOUND.toNanos()) {
                break;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                break;
            }
        }
        try {
            close();
        } catch (IOException | RuntimeException e) {
            log.error("Stopping the embedded PostgreSQL at exit failed", e);
        }
    }

    /** Another process (the platform or a command-line tool) owns the embedded database. */
    public static final class EmbeddedDatabaseInUse extends RuntimeException {
        EmbeddedDatabaseInUse(Path directory) {
            this(directory, "");
        }

        EmbeddedDatabaseInUse(Path directory, String ownerPid) {
            super("The embedded database in " + directory + " is in use by another Partnerhub process"
                    + (ownerPid.isBlank() ? "" : ", pid " + ownerPid)
                    + " (the platform or a command-line tool).");
        }
    }
}
