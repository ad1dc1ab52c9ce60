package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The embedded PostgreSQL keeps its data in the data directory across restarts, refuses a second
 * owner, and starts at once after its last owner was killed (the server it left running is stopped)
 * or over a stale {@code postmaster.pid}.
 */
class EmbeddedDatabaseTest {

    /**
     * Half the 60 s the start waited before for a server that could not start (then failed);
     * measured 5-6 s, also on a shared build machine under heavy load.
     */
    private static final Duration PROMPT = Duration.ofSeconds(30);

    @Test
    void dataSurvivesARestart(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(first.freshlyCreated()).isTrue();
            JdbcTemplate jdbc = jdbc(first);
            jdbc.execute("create table kept (value text)");
            jdbc.update("insert into kept values ('survives')");
        }

        try (EmbeddedDatabase second = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(second.freshlyCreated()).isFalse();
            assertThat(jdbc(second).queryForObject("select value from kept", String.class)).isEqualTo("survives");
        }
    }

    @Test
    void aSecondOwnerIsRefusedWithAPlainMessage(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        try (EmbeddedDatabase owner = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(owner.running()).isTrue();

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, false))
                    .isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseInUse.class)
                    .hasMessageContaining(dataDir.toString()).hasMessageContaining("in use by another Partnerhub process");
        }
    }

    @Test
    void aLiveOwnerInAnotherProcessIsRefusedAndKeepsItsServer(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        EmbeddedDatabaseOwner owner = EmbeddedDatabaseOwner.start(dataDir);
        try {
            ProcessHandle server = postmaster(dataDir).orElseThrow();

            assertThatThrownBy(() -> EmbeddedDatabase.start(dataDir, false))
                    .isInstanceOf(EmbeddedDatabase.EmbeddedDatabaseInUse.class)
                    .hasMessage("The embedded database in " + dataDir + " is in use by another Partnerhub process, pid "
                            + owner.process.pid() + " (the platform or a command-line tool).");
            assertThat(server.isAlive()).as("the live owner's server").isTrue();

            // ended normally (SIGTERM), the owner stops its server on the way out: nothing is left running
            owner.process.destroy();
            assertThat(owner.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(gone(server, Duration.ofSeconds(10))).as("server of an owner that ended normally stopped").isTrue();
        } finally {
            owner.process.destroyForcibly();
        }
    }

    @Test
    void aServerLeftRunningByAKilledOwnerIsStoppedAndTheStartIsPrompt(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        EmbeddedDatabaseOwner owner = EmbeddedDatabaseOwner.start(dataDir);
        ProcessHandle orphan = postmaster(dataDir).orElseThrow();
        owner.process.destroyForcibly().waitFor();
        assertThat(orphan.isAlive()).as("the server outlives its killed owner, as pg_ctl detached it").isTrue();

        long started = System.nanoTime();
        try (EmbeddedDatabase next = EmbeddedDatabase.start(dataDir, false)) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("[restart] start after the owner was killed: %d ms%n", took.toMillis());
            assertThat(took).as("start after a killed owner").isLessThan(PROMPT);
            assertThat(orphan.isAlive()).as("the orphaned server").isFalse();
            assertThat(jdbc(next).queryForObject("select value from kept", String.class)).isEqualTo("by the owner");
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aPidFileNamingAnotherProgramDoesNotDelayTheStartNorHarmThatProgram(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        EmbeddedDatabase.start(dataDir, false).close();
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(dataDir.resolve("postmaster.pid"), unrelated.pid() + "\n" + dataDir + "\n");

            assertStartsPromptly(dataDir);
            assertThat(unrelated.isAlive()).as("the program the stale file named").isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    @Test
    void aPidFileOfAProcessNoLongerRunningDoesNotDelayTheStart(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        EmbeddedDatabase.start(dataDir, false).close();
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(dataDir.resolve("postmaster.pid"), ended.pid() + "\n" + dataDir + "\n");

        assertStartsPromptly(dataDir);
    }

    private static void assertStartsPromptly(Path dataDir) throws Exception {
        long started = System.nanoTime();
        try (EmbeddedDatabase next = EmbeddedDatabase.start(dataDir, false)) {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);
            assertThat(jdbc(next).queryForObject("select 1", Integer.class)).isEqualTo(1);
        }
    }

    /** The server running on {@code dataDir}, as its {@code postmaster.pid} names it. */
    static Optional<ProcessHandle> postmaster(Path dataDir) throws Exception {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()))
                .filter(ProcessHandle::isAlive);
    }

    /** Polled: a process that is not this JVM's child cannot be waited for otherwise. */
    static boolean gone(ProcessHandle process, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return !process.isAlive();
    }

    private static JdbcTemplate jdbc(EmbeddedDatabase database) {
        return new JdbcTemplate(new SimpleDriverDataSource(new org.postgresql.Driver(), database.jdbcUrl(), "postgres", ""));
    }
}
