package io.partnerhub.demo;

import io.partnerhub.shared.PeriodLocks;

import javax.sql.DataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A close shared by several platform instances for {@code bench-close --instances N}: N child
 * processes of this jar run {@code close} against the benchmark's database, which this process
 * serves. They wait for the period lock this process holds until all of them are up, so the time
 * runs from its release to the last instance's end, without their JVM starts. With a kill, the
 * first instance is killed with SIGKILL a second into the first part it settles.
 */
final class CloseInstances {

    private static final Pattern PART_STARTED = Pattern.compile("part \\d+ of \\d+ \\(run \\d+\\) settling");
    private static final Pattern SHOWN = Pattern.compile("part \\d+ of|closed |refused|Exception|ERROR");

    private final DataSource dataSource;
    private final String jdbcUrl;
    private final Path work;

    CloseInstances(DataSource dataSource, String jdbcUrl, Path work) {
        this.dataSource = dataSource;
        this.jdbcUrl = jdbcUrl;
        this.work = work;
    }

    /** Closes {@code period} with {@code count} instances in {@code parts} parts; the seconds it took. */
    double close(YearMonth period, int count, int parts, boolean kill) throws Exception {
        List<Process> instances = new ArrayList<>();
        CountDownLatch partStarted = new CountDownLatch(1);
        long started;
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            statement.execute("select pg_advisory_lock(" + PeriodLocks.KEY + ")");
            for (int i = 1; i <= count; i++) {
                instances.add(start(i, period, parts, i == 1 ? partStarted : null));
            }
            awaitWaiting(statement, count, instances);
            started = System.nanoTime();
            statement.execute("select pg_advisory_unlock(" + PeriodLocks.KEY + ")");
        }
        if (kill) {
            if (!partStarted.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("instance 1 settled no part");
            }
            Thread.sleep(1000);
            instances.getFirst().destroyForcibly().waitFor();
            System.out.printf("killed instance 1 (pid %d) with SIGKILL, %.1f s into the close%n",
                    instances.getFirst().pid(), (System.nanoTime() - started) / 1e9);
        }
        for (int i = 0; i < instances.size(); i++) {
            int exit = instances.get(i).waitFor();
            if (exit != 0 && !(kill && i == 0)) {
                throw new IllegalStateException("instance " + (i + 1) + " ended with exit code " + exit);
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private Process start(int number, YearMonth period, int parts, CountDownLatch partStarted) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow()));
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, "io.partnerhub.Partnerhub"));
        }
        command.addAll(List.of("close", period.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("PARTNERHUB_"));
        builder.environment().put("PARTNERHUB_DATA_DIR", Files.createDirectories(work.resolve("instance-" + number)).toString());
        builder.environment().put("PARTNERHUB_DB_URL", jdbcUrl);
        builder.environment().put("PARTNERHUB_DB_USER", "postgres");
        builder.environment().put("PARTNERHUB_DEMO", "false");
        builder.environment().put("PARTNERHUB_CLOSE_PARTS", String.valueOf(parts));
        Process process = builder.start();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader in = process.inputReader()) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (SHOWN.matcher(line).find()) {
                        System.out.println("[instance " + number + "] " + line.replaceFirst("^\\S+\\s+INFO\\s+", ""));
                    }
                    if (partStarted != null && PART_STARTED.matcher(line).find()) {
                        partStarted.countDown();
                    }
                }
            } catch (IOException e) {
                // killed mid-line
            }
        });
        return process;
    }

    /** Waits until {@code count} instances wait for the period lock (each has its platform up). */
    private static void awaitWaiting(Statement statement, int count, List<Process> instances) throws Exception {
        while (true) {
            try (ResultSet rs = statement.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
                rs.next();
                if (rs.getInt(1) >= count) {
                    return;
                }
            }
            for (Process instance : instances) {
                if (!instance.isAlive()) {
                    throw new IllegalStateException("an instance ended before the close began: exit code " + instance.exitValue());
                }
            }
            Thread.sleep(50);
        }
    }
}
