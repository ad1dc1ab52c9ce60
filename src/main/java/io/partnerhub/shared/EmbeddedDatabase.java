package io.partnerhub.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A running embedded PostgreSQL, or none when an external one is configured. */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final boolean freshlyCreated;

    private EmbeddedDatabase(EmbeddedPostgres postgres, boolean freshlyCreated) {
        this.postgres = postgres;
        this.freshlyCreated = freshlyCreated;
    }

    static EmbeddedDatabase none() {
        return new EmbeddedDatabase(null, false);
    }

    static EmbeddedDatabase start(Path directory, boolean clean) {
        try {
            boolean fresh = clean || !Files.exists(directory.resolve("PG_VERSION"));
            Files.createDirectories(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("fsync", clean ? "off" : "on")
                    // the embedded server's builder turns this off; a commit the platform reported
                    // (an import, a closed period) must survive the machine dying right after
                    .setServerConfig("synchronous_commit", clean ? "off" : "on")
                    // bulk imports write GBs of WAL; fewer forced checkpoints measured 10-20 % faster
                    .setServerConfig("max_wal_size", "4GB")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedDatabase(postgres, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL in " + directory + " did not start", e);
        } catch (IllegalStateException e) {
            // another process holds the lock file; the same process holding it shows as an overlapping lock
            if (e instanceof java.nio.channels.OverlappingFileLockException
                    || String.valueOf(e.getMessage()).contains("could not lock")) {
                throw new EmbeddedDatabaseInUse(directory);
            }
            throw e;
        }
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

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Another process (the platform or a command-line tool) owns the embedded database. */
    public static final class EmbeddedDatabaseInUse extends RuntimeException {
        EmbeddedDatabaseInUse(Path directory) {
            super("The embedded database in " + directory + " is in use by another Partnerhub process"
                    + " (the platform or a command-line tool).");
        }
    }
}
