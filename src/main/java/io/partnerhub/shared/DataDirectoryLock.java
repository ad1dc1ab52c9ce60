package io.partnerhub.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Which process owns an embedded data directory: a lock file beside it ({@code postgres.lock} for
 * {@code postgres}) that the platform or a command-line tool holds for as long as it uses the
 * database, with its pid written in it. The operating system releases the lock when the process
 * ends, however it ends, so holding it proves that any PostgreSQL still running on the directory
 * has no live owner: the lock, not the server's parent pid, tells an orphan from a running
 * platform, because {@code pg_ctl} detaches the server from the JVM that started it.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code directory}, or refuses when another live process holds it. */
    static DataDirectoryLock take(Path directory) {
        Path file = directory.resolveSibling(directory.getFileName() + ".lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String owner = owner(channel);
                channel.close();
                throw new EmbeddedDatabase.EmbeddedDatabaseInUse(directory, owner);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new DataDirectoryLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not take the lock " + file + " of the embedded database", e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldByThisProcess) {
            return null;
        }
    }

    /** The pid the holder wrote, as far as it can be read (the lock is advisory: reading is allowed). */
    private static String owner(FileChannel channel) throws IOException {
        ByteBuffer content = ByteBuffer.allocate(32);
        channel.read(content, 0);
        return new String(content.array(), 0, content.position(), StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the channel is going away anyway; closing it releases the lock
        }
    }
}
