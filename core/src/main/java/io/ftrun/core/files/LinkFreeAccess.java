package io.ftrun.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Files below a root, each opened component by component from the root with directory handles that refuse links
 * ({@link TreeDirectory}): a local user who swaps a file or a directory on the way for a link between the listing and
 * the read gets an error, never the content of a file outside the root. Used for a served directory and for a watched
 * one, whose files anyone with write access there may replace.
 */
final class LinkFreeAccess implements LocalFiles.Access, AutoCloseable {
    private final Path root;
    private final boolean secure;
    /** The directories of the files opened last, kept for the next ones; null: each open walks from the root. */
    private final OpenDirectories kept;

    /** @param root a real path (links resolved), a directory */
    LinkFreeAccess(Path root) throws IOException {
        this(root, TreeDirectory.secureStreamsAt(root), false);
    }

    private LinkFreeAccess(Path root, boolean secure, boolean keeping) {
        this.root = root;
        this.secure = secure;
        this.kept = keeping ? new OpenDirectories(root, secure) : null;
    }

    /**
     * The same files, for one thread that opens many of them in a row (the files of one GET): directories stay open
     * between files ({@link OpenDirectories}, checked before each use) until {@link #close}.
     */
    LinkFreeAccess keeping() {
        return new LinkFreeAccess(root, secure, true);
    }

    @Override
    public void close() {
        if (kept != null) kept.close();
    }

    @Override
    public FileChannel open(Path file) throws IOException {
        Path rel = root.relativize(file);
        int n = rel.getNameCount();
        if (n == 0 || rel.startsWith("..")) throw new IOException(file + " is not below " + root);
        String[] parts = new String[n];
        for (int i = 0; i < n; i++) parts[i] = rel.getName(i).toString();
        if (kept != null) return read(kept, parts, file);
        try (OpenDirectories once = OpenDirectories.forOneWalk(root, secure)) {
            return read(once, parts, file);
        }
    }

    private static FileChannel read(OpenDirectories dirs, String[] parts, Path file) throws IOException {
        TreeDirectory at = dirs.walk(parts, (top, parent, i) -> parent.open(parts[i]));
        try {
            SeekableByteChannel ch = at.read(parts[parts.length - 1]);
            if (ch instanceof FileChannel fc) return fc;
            ch.close();
            throw new IOException("cannot read " + file + " by position on this platform");
        } finally {
            dirs.release(at);
        }
    }

    /** Mode and time of the file itself (a link put in its place is reported as the link, whose content is never read). */
    @Override
    public LocalFiles.Attributes attributes(Path file) throws IOException {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new LocalFiles.Attributes(PosixMode.mode(a.permissions()), a.lastModifiedTime().toMillis());
        } catch (UnsupportedOperationException e) {
            return new LocalFiles.Attributes(-1, Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis());
        }
    }
}
