package io.ftrun.dsl;

import io.ftrun.core.files.FileSender;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
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

    private Map<String, Path> plain(String p) throws IOException {
        Path path = model.resolve(p);
        if (!Files.exists(path)) throw new DslException("no such file: " + path);
        return FileSender.names(List.of(path));
    }

    private Map<String, Path> matches(String glob) throws IOException {
        String[] parts = glob.replace('\\', '/').split("/");
        int fixed = 0;
        while (fixed < parts.length - 1 && !isGlob(parts[fixed])) fixed++;
        Path base = model.resolve(fixed == 0 ? "." : String.join("/", java.util.Arrays.copyOf(parts, fixed)));
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, fixed, parts.length));
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        boolean hiddenAsked = rest.startsWith(".") || rest.contains("/.");
        Map<String, Path> out = new LinkedHashMap<>();
        if (Files.isDirectory(base)) {
            List<Path> found = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(base)) { // links are not followed
                walk.filter(Files::isRegularFile).filter(f -> matcher.matches(base.relativize(f)))
                        .filter(f -> hiddenAsked || !hidden(base.relativize(f))).sorted().forEach(found::add);
            }
            for (Path f : found) out.put(base.relativize(f).toString().replace('\\', '/'), f);
        }
        if (out.isEmpty()) throw new DslException("no file matches '" + glob + "' (in " + base + ")");
        return out;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) if (part.toString().startsWith(".")) return true;
        return false;
    }

    private static boolean isGlob(String s) {
        return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }
}
