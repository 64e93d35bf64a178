package io.ftrun.core.files;

// Over 300 lines on purpose: one concept, the walk below the target directory without following a link and the
// commit by rename; every path operation that must be safe against a local racer lives here, together.

import io.ftrun.core.event.Sanitize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The receiver's target directory: where temporaries are created, where the directories of a stored name are made,
 * and how a complete temporary becomes a final file.
 *
 * <p>Temporaries live directly in the directory (same file system as the final names, so the commit is a rename,
 * never a copy) under the reserved hidden prefix {@code .ftrun-}. The root's own path is trusted (it was resolved
 * once, at start); everything below it is reached through {@link TreeDirectory} handles, one component at a time,
 * never following a link, so a local user who swaps a directory for a symbolic link cannot make the receiver write
 * anywhere else. A new directory is made in the root under a hidden name and renamed into place through its
 * parent's handle; the commit is a rename through the handles. Both check that the name is free first, under the
 * {@link CommitLock}.
 */
final class TargetDirectory {
    private static final String DIRECTORY_PREFIX = SafeNames.RESERVED_PREFIX + "dir-";

    private final Path root;
    private final FileReceiverConfig.WriteHook hook;
    private final FileReceiverConfig.CommitHook committed;
    private final boolean secure;
    private final boolean nestedAllowed;
    private final boolean fsync;
    private final CommitLock lock;
    /** Whether files here have POSIX permissions (not on Windows). */
    private final boolean posix;

    private TargetDirectory(Path root, FileReceiverConfig config, boolean secure) throws IOException {
        this.root = root;
        this.hook = config.writeHook();
        this.committed = config.commitHook();
        this.secure = secure;
        this.nestedAllowed = secure || config.allowNestedWithoutSecureDirectories();
        this.fsync = config.fsync();
        this.lock = new CommitLock(root);
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates the directory if needed, resolves it to its real path (so a symlinked directory is fine), and proves it
     * takes files by creating one: the start of a receiver is where a directory that cannot be used says why.
     */
    static TargetDirectory open(FileReceiverConfig config) {
        Path dir = config.directory();
        Path real;
        try {
            Files.createDirectories(dir);
            real = dir.toRealPath();
        } catch (IOException e) {
            throw unusable(dir, UnusableDirectory.reason(dir, e), e);
        }
        try {
            Files.delete(Files.createFile(real.resolve(hiddenName("probe-"))));
        } catch (IOException e) {
            throw unusable(dir, UnusableDirectory.notWritable(e), e);
        }
        try {
            return new TargetDirectory(real, config, config.secureDirectories() && TreeDirectory.secureStreamsAt(real));
        } catch (IOException e) {
            throw unusable(dir, UnusableDirectory.reason(dir, e), e);
        }
    }

    private static UncheckedIOException unusable(Path dir, String why, IOException e) {
        return new UncheckedIOException("cannot receive files into " + dir.toAbsolutePath() + ": " + why, e);
    }

    Path root() {
        return root;
    }

    /** A session's kept directory handles, which every walk of that session goes through; the session closes it. */
    OpenDirectories openDirectories() {
        return new OpenDirectories(root, secure);
    }

    /**
     * A fresh, empty hidden temporary, created with {@code mode} (as the umask allows; null: the default). The
     * mode is given at creation, never later by name: someone who swaps another file in under the temporary's name
     * must not get that file's mode changed.
     */
    TempFile newTemporary(Set<PosixFilePermission> mode) throws FileTransferException {
        return openTemporary(root.resolve(hiddenName("tmp-") + ".part"), StandardOpenOption.CREATE_NEW, mode);
    }

    /**
     * Opens (or creates) a resumable partial for appending. Never one that has another name: a receiver killed
     * between the link and the unlink of the old commit left partials that were also a stored file, and writing
     * into them would change that file. Such a name is dropped (the stored file keeps its content) and the
     * partial starts empty.
     */
    TempFile openPartial(Path part, Set<PosixFilePermission> mode) throws FileTransferException {
        try {
            if (!soleName(part)) Files.deleteIfExists(part);
        } catch (IOException e) {
            throw failure(e);
        }
        TempFile t = openTemporary(part, StandardOpenOption.CREATE, mode);
        if (soleName(part)) return t;
        t.delete(); // it changed between the look and the open: start from an empty file of our own
        return openTemporary(part, StandardOpenOption.CREATE_NEW, mode);
    }

    private TempFile openTemporary(Path p, OpenOption create, Set<PosixFilePermission> mode) throws FileTransferException {
        Set<OpenOption> options = Set.of(create, StandardOpenOption.WRITE, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        FileAttribute<?>[] attributes = mode == null || !posix ? new FileAttribute<?>[0]
                : new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)};
        try {
            FileChannel ch = FileChannel.open(p, options, attributes);
            return new TempFile(p, ch, ch.size(), hook);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** True when {@code p} is absent, or a regular file with no other name (link count 1). */
    private static boolean soleName(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && linkCount(p) == 1;
        } catch (NoSuchFileException absent) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The number of names of a file; 1 where the platform cannot tell. */
    private static int linkCount(Path p) throws IOException {
        try {
            return (Integer) Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return 1;
        }
    }

    /**
     * Before any data: makes the parent directories of a cleaned relative name (recording them in {@code made}),
     * refusing to pass through anything that is not a real directory, and applies the collision rule as far as it
     * can be known now: {@code REJECT} refuses a taken name, {@code OVERWRITE} refuses a directory.
     */
    void prepare(OpenDirectories open, String relative, OnCollision rule, MadeDirectories made) throws FileTransferException {
        String[] parts = components(relative);
        try (CommitLock.Held held = lock.acquire()) {
            TreeDirectory parent = walk(open, parts, made);
            try {
                BasicFileAttributes existing = entryOrNull(parent, parts[parts.length - 1]);
                if (existing != null) checkCollision(existing, rule, relative);
            } finally {
                open.release(parent);
            }
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /**
     * Whether a cleaned relative name holds a regular file of exactly {@code size} bytes, modified at
     * {@code mtimeMillis}, whose {@code algorithm} digest is {@code digest}: the file is opened through its parent
     * directory's handle and never through a link, and only its bytes decide. Makes nothing.
     */
    boolean holdsSame(OpenDirectories open, String relative, long size, long mtimeMillis, String algorithm, byte[] digest)
            throws FileTransferException {
        String[] parts = components(relative);
        String name = parts[parts.length - 1];
        try {
            TreeDirectory parent = walk(open, parts, null);
            try {
                BasicFileAttributes a = entryOrNull(parent, name);
                if (a == null || !a.isRegularFile() || a.size() != size || a.lastModifiedTime().toMillis() != mtimeMillis) return false;
                Digests.Digester d = Digests.create(algorithm);
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(64 * 1024);
                long total = 0;
                try (java.nio.channels.SeekableByteChannel ch = parent.read(name)) {
                    for (int n; (n = ch.read(buf.clear())) > 0; total += n) d.update(buf.array(), 0, n);
                }
                return total == size && java.security.MessageDigest.isEqual(d.finish(), digest);
            } finally {
                open.release(parent);
            }
        } catch (NoSuchFileException absent) {
            return false;
        } catch (IOException e) {
            return false; // unreadable, or swapped for a link meanwhile: not the same file, so it is sent
        }
    }

    private static void checkCollision(BasicFileAttributes existing, OnCollision rule, String relative) throws FileTransferException {
        if (rule == OnCollision.REJECT) {
            throw new FileTransferException(ErrorCode.EXISTS, "a file named '" + Sanitize.forLog(relative) + "' exists already");
        }
        if (rule == OnCollision.OVERWRITE && existing.isDirectory()) {
            throw new FileTransferException(ErrorCode.EXISTS, "a directory has the name '" + Sanitize.forLog(relative) + "'");
        }
    }

    /**
     * Gives the complete temporary its final name unless that name exists: under the commit lock, a look, then
     * rename(2) through the parent directory's handle.
     *
     * @return false if the name exists (nothing changed)
     */
    boolean commitNoClobber(OpenDirectories open, Path temporary, String relative, MadeDirectories made) throws FileTransferException {
        return commit(open, temporary, relative, OnCollision.RENAME, made);
    }

    /** Replaces whatever file has the final name, atomically (rename(2)): readers see the old or the new file. */
    void commitReplacing(OpenDirectories open, Path temporary, String relative, MadeDirectories made) throws FileTransferException {
        commit(open, temporary, relative, OnCollision.OVERWRITE, made);
    }

    private boolean commit(OpenDirectories open, Path temporary, String relative, OnCollision rule, MadeDirectories made)
            throws FileTransferException {
        String[] parts = components(relative);
        String name = parts[parts.length - 1];
        try (CommitLock.Held held = lock.acquire()) {
            TreeDirectory parent = walk(open, parts, made);
            try {
                BasicFileAttributes existing = entryOrNull(parent, name);
                if (existing != null) {
                    if (rule != OnCollision.OVERWRITE) return false;
                    checkCollision(existing, rule, relative);
                }
                parent.moveIn(temporary.getFileName().toString(), name);
                committed.committed(relative);
                if (fsync) parent.sync();
                return true;
            } finally {
                open.release(parent);
            }
        } catch (AtomicMoveNotSupportedException e) {
            throw new FileTransferException(ErrorCode.IO_ERROR, "cannot move the received file into place atomically (is the"
                    + " directory of '" + Sanitize.forLog(relative) + "' on another file system?)", e);
        } catch (IOException e) {
            throw failure(e);
        }
    }

    /** Removes the directories in {@code made} that are still empty, deepest first. Never throws. */
    void removeEmpty(OpenDirectories open, MadeDirectories made) {
        if (made.isEmpty()) return;
        try (CommitLock.Held held = lock.acquire()) {
            for (String dir : made.deepestFirst()) {
                String[] parts = components(dir);
                try {
                    TreeDirectory parent = walk(open, parts, null);
                    try {
                        parent.removeDirectory(parts[parts.length - 1]);
                    } finally {
                        open.release(parent);
                    }
                } catch (IOException inUseOrGone) {
                    // not empty (a file arrived in it), or not there any more: leave it
                }
            }
        } catch (IOException ignored) {
            // an empty directory left behind is untidy, not harmful
        }
    }

    /** The components of a name {@link SafeNames#clean} accepted; a nested one only where it can be walked safely. */
    private String[] components(String relative) throws FileTransferException {
        String[] parts = relative.split("/");
        if (parts.length > 1 && !nestedAllowed) {
            throw new FileTransferException(ErrorCode.NAME_REJECTED, "name '" + Sanitize.forLog(relative) + "' is in a"
                    + " sub-directory, which this receiver refuses: its platform cannot open directories without following"
                    + " symbolic links (the receiver's allowNestedWithoutSecureDirectories accepts that risk)");
        }
        return parts;
    }

    /**
     * Opens the directory that holds the last component, from the root down, one component at a time, starting
     * below the levels {@code open} keeps and finds unchanged. With {@code made}, a missing directory is made and
     * recorded; without, a missing one fails. Making needs the lock. Give the result back with
     * {@link OpenDirectories#release}.
     */
    private TreeDirectory walk(OpenDirectories open, String[] parts, MadeDirectories made) throws IOException {
        return open.walk(parts, (top, parent, i) -> child(top, parent, parts, i, made));
    }

    /** Opens component {@code i} below {@code parent}: a real directory, made if missing, never a link. */
    private TreeDirectory child(TreeDirectory top, TreeDirectory parent, String[] parts, int i, MadeDirectories made)
            throws IOException, FileTransferException {
        String name = parts[i];
        String shown = Sanitize.forLog(String.join("/", java.util.Arrays.copyOf(parts, i + 1)));
        IOException last = null;
        for (int tries = 0; tries < 3; tries++) {
            BasicFileAttributes a = entryOrNull(parent, name);
            if (a == null) {
                if (made == null) throw new NoSuchFileException(shown);
                if (makeDirectory(top, parent, name)) made.add(String.join("/", java.util.Arrays.copyOf(parts, i + 1)));
                continue; // look at what is there now
            }
            if (a.isSymbolicLink()) {
                throw new FileTransferException(ErrorCode.NAME_REJECTED, "name '" + Sanitize.forLog(String.join("/", parts))
                        + "' passes through '" + shown + "', a symbolic link");
            }
            if (!a.isDirectory()) {
                throw new FileTransferException(ErrorCode.EXISTS, "name '" + Sanitize.forLog(String.join("/", parts))
                        + "' needs directory '" + shown + "', but a file of that name exists");
            }
            try {
                return parent.open(name);
            } catch (IOException changed) {
                last = changed; // swapped between the look and the open: look again
            }
        }
        if (last != null) throw last;
        throw new FileTransferException(ErrorCode.IO_ERROR, "directory '" + shown + "' kept changing while the receiver made it");
    }

    /**
     * Makes directory {@code name} in {@code parent}: mkdir in the root under a hidden name, then a rename through
     * the parent's handle (the JDK has no mkdirat). The name was free a moment ago, and the lock keeps other
     * receivers from making it meanwhile; rename(2) over an empty directory someone else made in that moment
     * replaces it, and fails on anything else, which the caller then looks at.
     *
     * @return whether this call made it
     */
    private boolean makeDirectory(TreeDirectory top, TreeDirectory parent, String name) throws IOException {
        String hidden = hiddenName("dir-");
        Files.createDirectory(root.resolve(hidden));
        try {
            parent.moveIn(hidden, name);
            return true;
        } catch (IOException taken) {
            try {
                top.removeDirectory(hidden);
            } catch (IOException ignored) {
                // an empty hidden directory: swept at a later start
            }
            if (entryOrNull(parent, name) == null) throw taken; // not a race: the rename itself failed
            return false;
        }
    }

    private static BasicFileAttributes entryOrNull(TreeDirectory dir, String name) throws IOException {
        try {
            return dir.entry(name);
        } catch (NoSuchFileException absent) {
            return null;
        }
    }

    private static String hiddenName(String kind) {
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        return SafeNames.RESERVED_PREFIX + kind + HexFormat.of().formatHex(id);
    }

    private static FileTransferException failure(IOException e) {
        return TempFile.diskFailure(e);
    }

    /**
     * Deletes ftrun's hidden leftovers when a receiver starts: temporaries and partials older than {@code age}
     * (a crashed process's, or nobody came back to resume them), and, whatever their age, what no transfer can
     * use: a hidden file that is also a stored file (a second name, left by a crash between the link and the
     * unlink of the old commit) and a resume sidecar whose partial is gone (a crash after the commit). The commit
     * lock file stays.
     */
    int sweepStale(Duration age) {
        FileTime limit = FileTime.from(Instant.now().minus(age));
        // sidecars last: whether one is still needed depends on whether its partial survived the first pass
        return sweep(SafeNames.RESERVED_PREFIX + "*", p -> !p.getFileName().toString().endsWith(".meta"), limit)
                + sweep(SafeNames.RESERVED_PREFIX + "*.meta", p -> true, limit);
    }

    private int sweep(String glob, java.util.function.Predicate<Path> which, FileTime limit) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, glob)) {
            for (Path p : entries) {
                try {
                    if (which.test(p) && isLeftover(p, limit)) {
                        Files.deleteIfExists(p); // a directory only when empty
                        removed++;
                    }
                } catch (IOException ignored) {
                    // vanished, unreadable, or a directory that is not empty: leave it
                }
            }
        } catch (IOException ignored) {
            // an unreadable directory fails loudly at the first transfer
        }
        return removed;
    }

    private static boolean isLeftover(Path p, FileTime limit) throws IOException {
        String name = p.getFileName().toString();
        if (name.equals(CommitLock.FILE)) return false;
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        boolean old = a.lastModifiedTime().compareTo(limit) < 0;
        if (a.isDirectory()) return old && name.startsWith(DIRECTORY_PREFIX);
        if (!a.isRegularFile()) return false;
        if (linkCount(p) > 1) return true;
        if (name.endsWith(".meta") && !Files.exists(p.resolveSibling(name.substring(0, name.length() - 5) + ".part"), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        return old;
    }
}
