package io.ftrun.core.files;

import io.ftrun.core.internal.Sanitize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The receiver's target directory: where temporaries are created, and how a complete temporary becomes a final
 * file. Temporaries live directly in the directory (same file system as the final names, so the commit is a link
 * or rename, never a copy) under the reserved hidden prefix {@code .ftrun-}.
 */
final class TargetDirectory {
    private final Path root;
    private final FileReceiverConfig.WriteHook hook;

    private TargetDirectory(Path root, FileReceiverConfig.WriteHook hook) {
        this.root = root;
        this.hook = hook;
    }

    /** Creates the directory if needed and resolves it to its real path (so a symlinked directory is fine). */
    static TargetDirectory open(Path dir, FileReceiverConfig.WriteHook hook) {
        try {
            Files.createDirectories(dir);
            Path real = dir.toRealPath();
            if (!Files.isWritable(real)) throw new IOException("not writable");
            return new TargetDirectory(real, hook);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot receive files into " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    /** A fresh, empty hidden temporary. */
    TempFile newTemporary() throws FileTransferException {
        byte[] id = new byte[8];
        ThreadLocalRandom.current().nextBytes(id);
        Path p = root.resolve(SafeNames.RESERVED_PREFIX + "tmp-" + HexFormat.of().formatHex(id) + ".part");
        return openTemporary(p, true);
    }

    /** Opens a temporary for writing at its end; {@code createNew} refuses an existing file. */
    TempFile openTemporary(Path p, boolean createNew) throws FileTransferException {
        try {
            FileChannel ch = createNew
                    ? FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ)
                    : FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            return new TempFile(p, ch, ch.size(), hook);
        } catch (IOException e) {
            throw TempFile.diskFailure(e);
        }
    }

    /**
     * Makes the parent directories of a cleaned relative name, refusing to pass through anything that is not a
     * real directory inside the root (a symbolic link planted in the tree could point anywhere).
     *
     * @return the absolute path for {@code relative}
     */
    Path prepare(String relative) throws FileTransferException {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new FileTransferException(ErrorCode.NAME_REJECTED, "name '" + Sanitize.forLog(relative) + "' leaves the target directory");
        }
        Path dir = root;
        Path parent = target.getParent();
        for (Path part : root.relativize(parent)) {
            if (part.toString().isEmpty()) break; // the file is directly in the root
            dir = dir.resolve(part);
            ensureDirectory(dir, relative);
        }
        return target;
    }

    private void ensureDirectory(Path dir, String relative) throws FileTransferException {
        for (int tries = 0; tries < 3; tries++) {
            try {
                BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isSymbolicLink()) {
                    throw new FileTransferException(ErrorCode.NAME_REJECTED, "name '" + Sanitize.forLog(relative)
                            + "' passes through " + Sanitize.forLog(root.relativize(dir).toString()) + ", a symbolic link");
                }
                if (!a.isDirectory()) {
                    throw new FileTransferException(ErrorCode.EXISTS, "name '" + Sanitize.forLog(relative) + "' needs directory "
                            + Sanitize.forLog(root.relativize(dir).toString()) + ", but a file of that name exists");
                }
                return;
            } catch (NoSuchFileException missing) {
                try {
                    Files.createDirectory(dir);
                    return;
                } catch (FileAlreadyExistsException raced) {
                    // another transfer created it (or something else) just now: look again
                } catch (IOException e) {
                    throw TempFile.diskFailure(e);
                }
            } catch (FileTransferException e) {
                throw e;
            } catch (IOException e) {
                throw TempFile.diskFailure(e);
            }
        }
        throw new FileTransferException(ErrorCode.IO_ERROR, "cannot create directory " + Sanitize.forLog(root.relativize(dir).toString()));
    }

    /**
     * Gives the complete temporary its final name unless that name exists: a hard link, which the kernel refuses
     * atomically if the name is taken, then the temporary's name is removed. Where hard links are not supported,
     * an atomic rename after an existence check (a tiny window remains there).
     *
     * @return false if the name exists (nothing changed)
     */
    boolean commitNoClobber(Path temporary, Path target) throws FileTransferException {
        try {
            Files.createLink(target, temporary);
        } catch (FileAlreadyExistsException exists) {
            return false;
        } catch (UnsupportedOperationException | IOException noLinks) {
            // no hard links here (some network and FUSE file systems): check, then rename atomically. Never a
            // plain move, which across devices would copy into the final name, visible half-written.
            try {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) return false;
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (AtomicMoveNotSupportedException e) {
                throw new FileTransferException(ErrorCode.IO_ERROR, "cannot move the received file into place atomically"
                        + " (is " + Sanitize.forLog(root.relativize(target.getParent()).toString()) + " on another file system?)", e);
            } catch (IOException e) {
                throw TempFile.diskFailure(e);
            }
        }
        try {
            Files.delete(temporary);
        } catch (IOException ignored) {
            // the final name is in place; a leftover hidden link is swept at the next start
        }
        return true;
    }

    /** Replaces whatever has the final name, atomically (rename(2)): readers see the old or the new file. */
    void commitReplacing(Path temporary, Path target) throws FileTransferException {
        try {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new FileTransferException(ErrorCode.EXISTS, "a directory has the name " + Sanitize.forLog(root.relativize(target).toString()));
            }
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileTransferException e) {
            throw e;
        } catch (IOException e) {
            throw TempFile.diskFailure(e);
        }
    }

    /** Forces a directory's entries to the disk (after a commit, when fsync is on). Best effort. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some file systems cannot sync directories; the data itself was forced already
        }
    }

    /** Deletes ftrun's hidden files older than {@code age}: leftovers of a crash, or partials nobody resumed. */
    int sweepStale(Duration age) {
        int removed = 0;
        FileTime limit = FileTime.from(Instant.now().minus(age));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, SafeNames.RESERVED_PREFIX + "*")) {
            for (Path p : entries) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (a.isRegularFile() && a.lastModifiedTime().compareTo(limit) < 0) {
                        Files.deleteIfExists(p);
                        removed++;
                    }
                } catch (IOException ignored) {
                    // vanished or unreadable: leave it
                }
            }
        } catch (IOException ignored) {
            // an unreadable directory fails loudly at the first transfer
        }
        return removed;
    }
}
