package io.ftrun.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** The sender's side of the file system: which local files a send covers, under which names, and what they hold. */
final class LocalFiles {
    private LocalFiles() {
    }

    /**
     * How a file to send is opened and its attributes read: by its path (a sender's own files, links followed), or
     * below a root without following any link ({@link LinkFreeAccess}).
     */
    interface Access {
        FileChannel open(Path file) throws IOException;

        /** The permission bits as an octal-style int (-1 where the file system has none) and the mtime in ms. */
        Attributes attributes(Path file) throws IOException;
    }

    record Attributes(int mode, long mtimeMillis) {
    }

    /** The sender's own files: opened by path, as the user named them. */
    static final Access BY_PATH = new Access() {
        @Override
        public FileChannel open(Path file) throws IOException {
            return FileChannel.open(file, StandardOpenOption.READ);
        }

        @Override
        public Attributes attributes(Path file) throws IOException {
            return new Attributes(mode(file), Files.getLastModifiedTime(file).toMillis());
        }
    };

    /** A file to send, the relative name the receiver gets, and how to open it. */
    record Entry(Path file, String name, Access access) {
        Entry(Path file, String name) {
            this(file, name, BY_PATH);
        }

        FileChannel open() throws IOException {
            return access.open(file);
        }

        Attributes attributes() throws IOException {
            return access.attributes(file);
        }
    }

    /** The regular files of each root, in order (see {@link #enumerate}). */
    static List<Entry> of(Collection<Path> roots) throws IOException {
        List<Entry> all = new ArrayList<>();
        for (Path root : roots) all.addAll(enumerate(root));
        return all;
    }

    /** A regular file as itself; a directory as its regular files (sorted, symlinked files followed, symlinked directories not entered). */
    static List<Entry> enumerate(Path root) throws IOException {
        if (Files.isRegularFile(root)) return List.of(new Entry(root, root.toAbsolutePath().normalize().getFileName().toString()));
        if (!Files.isDirectory(root)) {
            if (!Files.exists(root)) throw new NoSuchFileException(root.toString(), null, "no such file or directory");
            throw new IOException("cannot send " + root + ": not a regular file or directory");
        }
        Path base = root.toAbsolutePath().normalize();
        String prefix = base.getFileName() == null ? "" : base.getFileName() + "/";
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                List<String> parts = new ArrayList<>();
                for (Path part : base.relativize(p)) parts.add(part.toString());
                out.add(new Entry(p, prefix + String.join("/", parts)));
            }
        }
        return out;
    }

    /** The file's permission bits as an octal-style int, or -1 where the file system has none. */
    static int mode(Path file) {
        PosixFileAttributeView v = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (v == null) return -1;
        try {
            return PosixMode.mode(v.readAttributes().permissions());
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }
}
