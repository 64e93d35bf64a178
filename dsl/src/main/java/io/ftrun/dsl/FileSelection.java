package io.ftrun.dsl;

import io.ftrun.core.files.FileSender;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a {@code sendFiles} step sends: files, directories and globs ({@code 'scans/*.pdf'}, {@code 'logs/**.log'}),
 * looked up when the step runs, so a glob sees the files there by then. A file or directory is named as
 * {@code sendFile} names it; a glob's matches by their path below the glob's fixed part ({@code scans/2026/a.pdf}
 * matched by {@code scans/**.pdf} is sent as {@code 2026/a.pdf}). Matches are regular files found without following
 * links; hidden ones (a dot first) only where the glob's own part says so.
 */
final class FileSelection {
    private final List<String> patterns;
    private final ScriptModel model;

    FileSelection(List<String> patterns, ScriptModel model) {
        if (patterns.isEmpty()) throw new DslException("sendFiles needs at least one file, directory or glob: sendFiles 'scans/*.pdf'");
        this.patterns = List.copyOf(patterns);
        this.model = model;
    }

    /** Name → file, in the order given; two files under one name, or a glob that matches nothing, are errors. */
    Map<String, Path> resolve() throws IOException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String p : patterns) {
            Map<String, Path> found = isGlob(p) ? matches(p) : plain(p);
            for (Map.Entry<String, Path> e : found.entrySet()) {
                Path before = out.putIfAbsent(e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) {
                    throw new DslException("sendFiles would send two files as '" + e.getKey() + "': " + before + " and " + e.getValue());
                }
            }
        }
        return out;
    }

    /** Fails as {@link #resolve} would for a file or directory named (not a glob) that is not there. */
    void checkNamedFilesExist() {
        for (String p : patterns) {
            if (!isGlob(p) && !Files.exists(model.resolve(p))) throw noSuchFile(model.resolve(p));
        }
    }

    private Map<String, Path> plain(String p) throws IOException {
        Path path = model.resolve(p);
        if (!Files.exists(path)) throw noSuchFile(path);
        return FileSender.names(List.of(path));
    }

    /** A file to send that is not there; the cause tells {@link ExitCode} it is the command's mistake, not the peer's. */
    static DslException noSuchFile(Path path) {
        return new DslException("no such file: " + path, new java.nio.file.NoSuchFileException(path.toString()));
    }

    private Map<String, Path> matches(String glob) throws IOException {
        Watched g = glob(glob);
        Map<String, Path> out = new LinkedHashMap<>();
        if (Files.isDirectory(g.base())) {
            List<Path> found = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(g.base())) { // links are not followed, nor sent
                walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).filter(g::wants).sorted().forEach(found::add);
            }
            for (Path f : found) out.put(g.name(f), f);
        }
        if (out.isEmpty()) throw new DslException("no file matches '" + glob + "' (in " + g.base() + ")");
        return out;
    }

    /**
     * Where a {@code watch} looks, one per pattern: a directory's files are named as a sent directory's (its own name
     * first), a glob's by their path below its fixed part; a plain file cannot be watched.
     */
    List<Watched> watched() {
        List<Watched> out = new ArrayList<>();
        for (String p : patterns) {
            if (isGlob(p)) {
                out.add(glob(p));
                continue;
            }
            Path dir = model.resolve(p);
            if (!Files.isDirectory(dir)) throw new DslException("watch needs a directory or a glob: " + dir + " is not a directory");
            Path base = dir.toAbsolutePath().normalize();
            String prefix = base.getFileName() == null ? "" : base.getFileName() + "/";
            out.add(new Watched(base, prefix, FileSystems.getDefault().getPathMatcher("glob:**"), false));
        }
        return out;
    }

    private Watched glob(String glob) {
        String[] parts = glob.replace('\\', '/').split("/");
        int fixed = 0;
        while (fixed < parts.length - 1 && !isGlob(parts[fixed])) fixed++;
        Path base = model.resolve(fixed == 0 ? "." : String.join("/", java.util.Arrays.copyOf(parts, fixed)));
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, fixed, parts.length));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        return new Watched(base, "", matcher, rest.startsWith(".") || rest.contains("/."));
    }

    /** A directory and which files below it are meant, and the name each is sent under. */
    record Watched(Path base, String prefix, PathMatcher matcher, boolean hiddenAsked) {
        boolean wants(Path file) {
            Path rel = base.relativize(file);
            return matcher.matches(rel) && (hiddenAsked || !hidden(rel));
        }

        String name(Path file) {
            return prefix + base.relativize(file).toString().replace('\\', '/');
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    private static boolean isGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
