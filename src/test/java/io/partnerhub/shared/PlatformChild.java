package io.partnerhub.shared;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.partnerhub.Api;

/**
 * The platform ({@code serve}) in a child JVM of {@link RestartTest} on a data directory, on a
 * port of its own choosing, with the tests' operator token; its output read line by line, kept,
 * and written to a log file.
 */
final class PlatformChild {

    private static final Pattern READY = Pattern.compile("Partnerhub is ready at http://localhost:(\\d+)");

    final Process process;
    private final List<String> lines = new ArrayList<>();
    private boolean ended;

    private PlatformChild(Process process, Path log) {
        this.process = process;
        Thread.ofPlatform().daemon().start(() -> read(log));
    }

    static PlatformChild start(Path dataDir, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "io.partnerhub.Partnerhub", "serve")
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("PARTNERHUB_"));
        builder.environment().put("PARTNERHUB_DATA_DIR", dataDir.toString());
        builder.environment().put("PARTNERHUB_DEMO", "false");
        builder.environment().put("PARTNERHUB_ADMIN_TOKEN", Api.OPERATOR_TOKEN);
        builder.environment().put("SERVER_PORT", "0");
        // logs as the platform does (the tests' logback-test.xml, on this class path, keeps warnings
        // only): the test reads its ready message and the database's start from the log
        builder.environment().put("LOGGING_LEVEL_ROOT", "INFO");
        return new PlatformChild(builder.start(), log);
    }

    private void read(Path log) {
        try (BufferedReader in = process.inputReader(); Writer out = Files.newBufferedWriter(log)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.write(line + "\n");
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException killed) {
            // killed mid-line
        } finally {
            synchronized (lines) {
                ended = true;
                lines.notifyAll();
            }
        }
    }

    /** Waits until the platform says it is ready; returns its port. */
    int awaitReady(Duration bound) throws InterruptedException {
        return Integer.parseInt(await(READY, bound, "the platform ready").group(1));
    }

    /** Waits until a line matches; fails if the process ends or the time runs out first. */
    Matcher await(Pattern pattern, Duration bound, String what) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        synchronized (lines) {
            for (int seen = 0; ; ) {
                for (; seen < lines.size(); seen++) {
                    Matcher matcher = pattern.matcher(lines.get(seen));
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (ended || left <= 0) {
                    fail(what + ": '" + pattern + "' never appeared within " + bound.toSeconds() + " s"
                            + (ended ? ", the output ended first" + (process.isAlive() ? ""
                            : " (exit status " + process.exitValue() + ")") : "") + "\n" + tail());
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

    String tail() {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    }
}
