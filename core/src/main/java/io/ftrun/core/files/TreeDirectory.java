package io.ftrun.core.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * One directory of the target tree, the root or one below it, and the few operations a receiver does in it. Every
 * name is one path component. The secure form is an open directory handle ({@link SecureDirectoryStream}:
 * {@code fstatat}, {@code openat}, {@code renameat}, {@code unlinkat} relative to it, never following a link), so
 * what a name means cannot change between a check and the step that relies on it. The path form is for platforms
 * without such handles; there every step resolves its path anew.
 */
abstract class TreeDirectory implements Closeable {
    /** Whether this platform's directory streams are secure (Linux and macOS: yes; Windows: no). */
    static boolean secureStreamsAt(Path root) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            return ds instanceof SecureDirectoryStream;
        }
    }

    /** Opens the root of the tree (its path is trusted: it was resolved when the receiver started). */
    static TreeDirectory openRoot(Path root, boolean secure) throws IOException {
        return secure ? Secure.root((SecureDirectoryStream<Path>) Files.newDirectoryStream(root)) : new ByPath(root, root);
    }

    /** The attributes of the entry {@code name} itself (a link is reported as a link); NoSuchFileException if none. */
    abstract BasicFileAttributes entry(String name) throws IOException;

    /** This directory's own file key (device and inode), read through the handle: null where the platform has none. */
    abstract Object key() throws IOException;

    /** Opens the sub-directory {@code name}; fails if it is a link or not a directory (secure form). */
    abstract TreeDirectory open(String name) throws IOException;

    /** Opens regular file {@code name} here for reading, never through a link. */
    abstract java.nio.channels.SeekableByteChannel read(String name) throws IOException;

    /**
     * Renames the root's entry {@code rootEntry} to {@code name} here, replacing a file of that name: rename(2),
     * atomic, and never through a link.
     */
    abstract void moveIn(String rootEntry, String name) throws IOException;

    /** Removes the directory {@code name} here if it is empty. */
    abstract void removeDirectory(String name) throws IOException;

    /** Forces this directory's entries to the disk. Best effort: some file systems cannot. */
    abstract void sync();

    private static final class Secure extends TreeDirectory {
        private final SecureDirectoryStream<Path> handle;
        /** The root's handle, where temporaries live: the source of every {@link #moveIn}. */
        private final SecureDirectoryStream<Path> root;

        private Secure(SecureDirectoryStream<Path> handle, SecureDirectoryStream<Path> root) {
            this.handle = handle;
            this.root = root;
        }

        static Secure root(SecureDirectoryStream<Path> handle) {
            return new Secure(handle, handle);
        }

        private static Path name(String s) {
            return Path.of(s);
        }

        @Override
        BasicFileAttributes entry(String name) throws IOException {
            return handle.getFileAttributeView(name(name), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        }

        @Override
        Object key() throws IOException {
            return handle.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
        }

        @Override
        TreeDirectory open(String name) throws IOException {
            return new Secure(handle.newDirectoryStream(name(name), LinkOption.NOFOLLOW_LINKS), root);
        }

        @Override
        java.nio.channels.SeekableByteChannel read(String name) throws IOException {
            return handle.newByteChannel(name(name), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
        }

        @Override
        void moveIn(String rootEntry, String name) throws IOException {
            root.move(name(rootEntry), handle, name(name));
        }

        @Override
        void removeDirectory(String name) throws IOException {
            handle.deleteDirectory(name(name));
        }

        @Override
        void sync() {
            // "." through the handle is this very directory, whatever its path has become
            try (var ch = handle.newByteChannel(name("."), Set.of(StandardOpenOption.READ))) {
                if (ch instanceof FileChannel) ((FileChannel) ch).force(true);
            } catch (IOException | UnsupportedOperationException ignored) {
                // some file systems cannot sync directories; the data itself was forced already
            }
        }

        /** Closes this handle; the root's handle must stay open until every directory opened below it is closed. */
        @Override
        public void close() throws IOException {
            handle.close();
        }
    }

    /**
     * Without secure handles: each step resolves its path from the root again, so a directory swapped for a link
     * in between is followed. Used for names directly in the root (no component below it to swap), and for
     * nested names only when the receiver opted in.
     */
    private static final class ByPath extends TreeDirectory {
        private final Path dir;
        private final Path root;

        ByPath(Path dir, Path root) {
            this.dir = dir;
            this.root = root;
        }

        @Override
        BasicFileAttributes entry(String name) throws IOException {
            return Files.readAttributes(dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        Object key() throws IOException {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        }

        @Override
        TreeDirectory open(String name) throws IOException {
            if (!entry(name).isDirectory()) throw new java.nio.file.NotDirectoryException(name);
            return new ByPath(dir.resolve(name), root);
        }

        @Override
        java.nio.channels.SeekableByteChannel read(String name) throws IOException {
            return Files.newByteChannel(dir.resolve(name), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        void moveIn(String rootEntry, String name) throws IOException {
            Files.move(root.resolve(rootEntry), dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        void removeDirectory(String name) throws IOException {
            if (entry(name).isDirectory()) Files.delete(dir.resolve(name)); // deletes a directory only when empty
        }

        @Override
        void sync() {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException | UnsupportedOperationException ignored) {
                // some file systems cannot sync directories; the data itself was forced already
            }
        }

        @Override
        public void close() {
            // nothing is held open
        }
    }
}
