package io.partnerhub.settlement;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A child JVM of {@link CloseCrashTest} running one Partnerhub command on the test's classpath,
 * its merged output read line by line, kept, and written to a log file; what its PostgreSQL logged
 * meanwhile is read from the server's own log ({@code postgres.log} in the data directory).
 */
final class CloseCrashChild {

    static final long TIMEOUT_SECONDS = 120;

    final Process process;
    final Thread reader;
    private final String name;
    private final Path serverLog;
    private final long serverLogFrom;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    /**
     * Starts {@code arguments} against the embedded database in {@code dataDir}; with {@code freezeAfter}
     * (a regex) the close stops for good right after it logs a matching message (see {@link FreezeAfter}).
     */
    static CloseCrashChild start(Path dataDir, Path logbackConfig, String freezeAfter, Path log, String... arguments)
            throws IOException {
        return start(dataDir, Map.of(), logbackConfig, freezeAfter, log, arguments);
    }

    /** The same with {@code environment} added: another database ({@code PARTNERHUB_DB_URL}), the close's settings. */
    static CloseCrashChild start(Path dataDir, Map<String, String> environment, Path logbackConfig, String freezeAfter,
                                 Path log, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dlogging.config=" + logbackConfig, "-cp", System.getProperty("java.class.path")));
        if (freezeAfter != null) {
            command.add("-D" + FreezeAfter.PROPERTY + "=" + freezeAfter);
        }
        command.add("io.partnerhub.Partnerhub");
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("PARTNERHUB_"));
        builder.environment().put("PARTNERHUB_DATA_DIR", dataDir.toString());
        builder.environment().put("PARTNERHUB_DEMO", "false");
        builder.environment().putAll(environment);
        Path serverLog = dataDir.resolve("postgres.log");
        long serverLogFrom = Files.exists(serverLog) ? Files.size(serverLog) : 0;
        return new CloseCrashChild(builder.start(), String.join(" ", arguments), log, serverLog, serverLogFrom);
    }

    /**
     * Spring Boot's console logging, plus {@link FreezeAfter} on the loggers of the one-transaction
     * and the shared close (called before the console).
     */
    static void writeLogbackConfig(Path file) throws IOException {
        Files.writeString(file, """
                <configuration>
                  <include resource="org/springframework/boot/logging/logback/defaults.xml"/>
                  <include resource="org/springframework/boot/logging/logback/console-appender.xml"/>
                  <appender name="FREEZE" class="%s"/>
                  <logger name="%s"><appender-ref ref="FREEZE"/></logger>
                  <logger name="%s"><appender-ref ref="FREEZE"/></logger>
                  <root level="INFO"><appender-ref ref="CONSOLE"/></root>
                </configuration>""".formatted(FreezeAfter.class.getName(), PeriodClose.class.getName(),
                SharedClose.class.getName()));
    }

    private CloseCrashChild(Process process, String name, Path log, Path serverLog, long serverLogFrom) {
        this.process = process;
        this.name = name;
        this.serverLog = serverLog;
        this.serverLogFrom = serverLogFrom;
        this.reader = Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = process.inputReader(); Writer out = Files.newBufferedWriter(log)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.write(line + "\n");
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // killed mid-line
            } finally {
                synchronized (lines) {
                    ended = true;
                    lines.notifyAll();
                }
            }
        });
    }

    /** Waits for the command to end by itself, successfully. */
    CloseCrashChild completed() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            fail(name + " did not finish in " + TIMEOUT_SECONDS + " s\n" + tail());
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(process.exitValue()).as(name + " exit code\n" + tail()).isZero();
        return this;
    }

    /** Waits until a line matches {@code regex}; fails if the process ends or the time runs out first. */
    void await(String regex, String what) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    if (pattern.matcher(lines.get(seen)).find()) {
                        return;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (ended || left <= 0) {
                    fail(what + ": '" + regex + "' never appeared" + (ended ? ", " + name + " ended first" : "")
                            + "\n" + tail());
                }
                lines.wait(Math.max(1, left));
            }
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The lines PostgreSQL logged since this command started that match {@code pattern}. */
    long serverLogCount(Pattern pattern) throws IOException {
        byte[] all = Files.readAllBytes(serverLog);
        String since = new String(all, (int) Math.min(serverLogFrom, all.length), (int) Math.max(0, all.length - serverLogFrom),
                StandardCharsets.UTF_8);
        return since.lines().filter(line -> pattern.matcher(line).find()).count();
    }

    String tail() {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }

    /**
     * In the child JVM: a logback appender that, once a message matches the system property
     * {@value PROPERTY}, prints it marked and parks the logging (closing) thread for good, so the
     * test kills the close exactly there however loaded the machine is.
     */
    public static final class FreezeAfter extends AppenderBase<ILoggingEvent> {
        static final String PROPERTY = "close-crash.freeze-after";
        static final String MARK = "frozen after: ";
        private final Pattern at = Optional.ofNullable(System.getProperty(PROPERTY)).map(Pattern::compile).orElse(null);

        @Override
        protected void append(ILoggingEvent event) {
            if (at != null && at.matcher(event.getFormattedMessage()).find()) {
                System.out.println(MARK + event.getFormattedMessage());
                System.out.flush();
                while (true) {
                    LockSupport.park();
                }
            }
        }
    }
}
