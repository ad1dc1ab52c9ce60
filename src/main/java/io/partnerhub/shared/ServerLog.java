package io.partnerhub.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where the embedded PostgreSQL writes what it says ({@code initdb}, {@code pg_ctl}, the server's
 * own log): a file beside its data directory ({@code postgres.log}), as any PostgreSQL keeps its
 * log, not the platform's log, which it filled with a line per checkpoint and connection ended.
 * Kept across restarts, the previous one rotated away once it passes {@link #ROTATE_AT}; a start
 * that fails quotes the file's last lines, so its cause is in the error itself.
 */
final class ServerLog {

    static final long ROTATE_AT = 10L * 1024 * 1024;
    private static final int QUOTED_LINES = 20;

    private final Path file;

    private ServerLog(Path file) {
        this.file = file;
    }

    /** The log of the server on {@code directory}, rotated to {@code postgres.log.1} when it grew too long. */
    static ServerLog beside(Path directory) {
        Path file = directory.resolveSibling(directory.getFileName() + ".log");
        try {
            if (Files.exists(file) && Files.size(file) > ROTATE_AT) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL's log " + file + " cannot be rotated", e);
        }
        return new ServerLog(file);
    }

    ProcessBuilder.Redirect redirect() {
        return ProcessBuilder.Redirect.appendTo(file.toFile());
    }

    /** The file's last lines, to quote in a report of a start that failed. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(" + file + " cannot be read: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
