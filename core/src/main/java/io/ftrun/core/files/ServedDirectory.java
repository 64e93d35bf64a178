package io.ftrun.core.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The server's side of a download: which files a GET or LIST of a path covers, and how each is opened. Nothing is
 * reached through a symbolic link: the tree is walked without following links, and every file is opened component by
 * component from the served root with directory handles that refuse links ({@link TreeDirectory}), so a local user
 * who swaps a directory for a link between the listing and the read gets an error, not a file outside the root.
 */
final class ServedDirectory {
    private final ServeConfig config;
    private final Path root;
    private final LinkFreeAccess access;

    ServedDirectory(ServeConfig config) {
        this.config = config;
        try {
            this.root = config.directory().toRealPath();
            if (!Files.isDirectory(root)) throw new IOException(root + " is not a directory");
            this.access = new LinkFreeAccess(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + config.directory() + ": " + e.getMessage(), e);
        }
    }

    /** Opens the served files of one GET, from one thread, keeping directories open between them; close it after. */
    LinkFreeAccess openFiles() {
        return access.keeping();
    }

    ServeConfig config() {
        return config;
    }

    /**
     * The files a GET of {@code request} sends, in order: a file under its own name, a directory's files with the
     * directory's name first ({@code docs/a.txt}), the whole root ({@code ""}) under their paths in it.
     */
    List<LocalFiles.Entry> entries(String request, LocalFiles.Access files) throws FileTransferException {
        List<LocalFiles.Entry> out = new ArrayList<>();
        for (Found f : walk(request)) out.add(new LocalFiles.Entry(f.file, f.name, files));
        return out;
    }

    /** What a LIST of {@code request} answers: the same files as {@link #entries}, with their sizes and times. */
    List<Messages.Listed> list(String request) throws FileTransferException {
        List<Messages.Listed> out = new ArrayList<>();
        for (Found f : walk(request)) out.add(new Messages.Listed(f.name, f.attrs.size(), f.attrs.lastModifiedTime().toMillis()));
        return out;
    }

    private record Found(Path file, String name, BasicFileAttributes attrs) {
    }

    private List<Found> walk(String request) throws FileTransferException {
        Path start = resolve(request);
        BasicFileAttributes top = attributesOf(start, request);
        String prefix = request.isEmpty() ? "" : start.getFileName() + "/";
        List<Found> out = new ArrayList<>();
        if (top.isRegularFile()) {
            if (!config.allows(request)) throw notFound(request); // as if absent: what is not allowed is not shown
            out.add(new Found(start, start.getFileName().toString(), top));
        } else if (top.isDirectory()) {
            try {
                Files.walkFileTree(start, new SimpleFileVisitor<>() { // links are not followed: a link is neither file nor directory
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(start) && SafeNames.isReserved(dir.getFileName().toString())
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (!attrs.isRegularFile() || SafeNames.isReserved(file.getFileName().toString())) return FileVisitResult.CONTINUE;
                        String rel = slashed(root.relativize(file));
                        if (config.allows(rel)) out.add(new Found(file, prefix + slashed(start.relativize(file)), attrs));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE; // unreadable: not served, as if absent
                    }
                });
            } catch (IOException e) {
                throw new FileTransferException(ErrorCode.IO_ERROR, "cannot list '" + request + "': " + e.getMessage(), e);
            }
            out.sort((a, b) -> a.name.compareTo(b.name));
        } else {
            throw notFound(request);
        }
        return out;
    }

    /** The requested path below the root: the same rules as a received name, each component a directory, not a link. */
    private Path resolve(String request) throws FileTransferException {
        if (request.isEmpty()) return root;
        String clean;
        try {
            clean = SafeNames.clean(request);
        } catch (FileTransferException e) {
            throw new FileTransferException(ErrorCode.NAME_REJECTED, e.getMessage());
        }
        if (!clean.equals(request)) throw notFound(request); // a neutralised name is another name: never served
        Path p = root;
        String[] parts = request.split("/");
        for (int i = 0; i < parts.length; i++) {
            p = p.resolve(parts[i]);
            if (i < parts.length - 1 && !attributesOf(p, request).isDirectory()) throw notFound(request);
        }
        return p;
    }

    private BasicFileAttributes attributesOf(Path p, String request) throws FileTransferException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw notFound(request);
        }
    }

    private static FileTransferException notFound(String request) {
        return new FileTransferException(ErrorCode.NOT_FOUND, "'" + io.ftrun.core.event.Sanitize.forLog(request)
                + "' is not served here");
    }

    private static String slashed(Path rel) {
        List<String> parts = new ArrayList<>();
        for (Path part : rel) parts.add(part.toString());
        return String.join("/", parts);
    }
}
