package io.partnerhub.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A clean start's old database files ({@code partnerhub.db-clean}, the tests): the directory is
 * renamed aside at once and deleted by a background thread while the new server starts. Deleting
 * its 1 700 files took 2-3 s on the build machine's disk (the file system discards on every
 * unlink), once in every test platform's close. A deletion the JVM's exit cuts off is finished by
 * the next clean start. Only called by the holder of the {@link DataDirectoryLock}.
 */
final class DiscardedDirectories {

    private static final Logger log = LoggerFactory.getLogger(DiscardedDirectories.class);

    private DiscardedDirectories() {
    }

    /** Leaves {@code directory} empty and deletes what it held, and what earlier starts put aside, in the background. */
    static void emptyInBackground(Path directory) {
        try {
            if (!isEmpty(directory)) {
                Files.move(directory, directory.resolveSibling(prefix(directory) + System.nanoTime()));
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL's directory " + directory + " cannot be emptied", e);
        }
        Thread.ofPlatform().daemon().name("discarded-postgres-files").start(() -> deleteAside(directory));
    }

    private static void deleteAside(Path directory) {
        try (DirectoryStream<Path> aside = Files.newDirectoryStream(directory.getParent(), prefix(directory) + "*")) {
            for (Path discarded : aside) {
                deleteTree(discarded);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Old files of the embedded PostgreSQL beside {} were not deleted; the next clean start tries again",
                    directory, e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    private static String prefix(Path directory) {
        return directory.getFileName() + ".discarded-";
    }
}
