package io.ftrun.core.files;

import java.io.IOException;
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

    /** A file to send and the relative name the receiver gets. */
    record Entry(Path file, String name) {
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
