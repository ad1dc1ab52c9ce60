package io.partnerhub.shared;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Another process owning an embedded database, for {@link EmbeddedDatabaseTest}: a child JVM that
 * starts the database on a directory, stores a row, says so and waits to be ended.
 */
final class EmbeddedDatabaseOwner {

    static final String READY = "owner ready";

    final Process process;

    private EmbeddedDatabaseOwner(Process process) {
        this.process = process;
    }

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]), false);
        new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(), "postgres", ""))
                .execute("create table kept as select 'by the owner' as value");
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(5));
    }

    /** Starts an owner of {@code dataDir} and waits until its database is up. */
    static EmbeddedDatabaseOwner start(Path dataDir) throws IOException {
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx128m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseOwner.class.getName(), dataDir.toString()).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        BufferedReader lines = process.inputReader();
        for (String line; (line = lines.readLine()) != null; ) {
            output.add(line);
            if (line.equals(READY)) {
                // drained so the owner never blocks on a full pipe
                Thread.ofPlatform().daemon().start(() -> drain(lines));
                return new EmbeddedDatabaseOwner(process);
            }
        }
        throw new AssertionError("the owner ended before its database was up:\n" + String.join("\n", output));
    }

    private static void drain(BufferedReader lines) {
        try {
            while (lines.readLine() != null) {
                // nothing the owner writes after it is up matters
            }
        } catch (IOException killed) {
            // the owner was killed
        }
    }
}
