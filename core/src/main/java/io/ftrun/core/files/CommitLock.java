package io.ftrun.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes "is the name free? then rename into it" one step for every ftrun receiver on a directory. rename(2) would
 * replace a file that appeared in between, and the JDK has no way to link(2) or mkdir(2) relative to a directory
 * handle, so commits and directory creation run under this lock: an in-process lock (shared by every receiver of
 * this JVM on the same directory: the JDK refuses a second file lock on one file from one process) plus an
 * exclusive {@link FileChannel#lock} on {@value #FILE} in the target directory, which other processes honour.
 * The file is created once and never removed. Processes that are not ftrun receivers do not take the lock.
 */
final class CommitLock {
    static final String FILE = SafeNames.RESERVED_PREFIX + "commit.lock";
    /** By the target directory's file key (device and inode), so two paths to one directory share a lock. */
    private static final Map<Object, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantLock local;

    CommitLock(Path root) throws IOException {
        this.file = root.resolve(FILE);
        Object key = Files.readAttributes(root, BasicFileAttributes.class).fileKey();
        this.local = IN_THIS_PROCESS.computeIfAbsent(key != null ? key : root, k -> new ReentrantLock());
    }

    /** Waits for the lock; it is held until the returned handle is closed. Not reentrant: never nest. */
    Held acquire() throws IOException {
        local.lock();
        FileChannel ch = null;
        try {
            // read and write: opening a FIFO someone planted under this name that way does not block
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            ch.lock();
            return new Held(ch);
        } catch (IOException | RuntimeException e) {
            if (ch != null) closeQuietly(ch);
            local.unlock();
            throw e;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close(); // releases the file lock
        } catch (IOException ignored) {
            // the lock goes with the descriptor either way
        }
    }

    final class Held implements AutoCloseable {
        private final FileChannel channel;

        private Held(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            closeQuietly(channel);
            local.unlock();
        }
    }
}
