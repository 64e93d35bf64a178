package io.ftrun.core.files;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a framed server offers for download (docs/PROTOCOL.md, "Downloads"): the regular files below
 * {@link #directory()}, read-only, never through a symbolic link, never its temporaries ({@code .ftrun-*}); only
 * those whose path matches one of {@link #allow()} (glob patterns relative to the directory; all when empty); and
 * only to sessions with {@link #token()} when one is set.
 */
public final class ServeConfig {
    private final Path directory;
    private final String token;
    private final List<String> allow;

    private ServeConfig(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "directory").toAbsolutePath().normalize();
        this.token = b.token;
        this.allow = List.copyOf(b.allow);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path directory() { return directory; }
    public String token() { return token; }
    public List<String> allow() { return allow; }

    /** Whether a file's path relative to the directory may be fetched. */
    boolean allows(String relative) {
        if (allow.isEmpty()) return true;
        Path p = Path.of(relative);
        for (String glob : allow) {
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            if (m.matches(p)) return true;
        }
        return false;
    }

    public static final class Builder {
        private Path directory;
        private String token;
        private final List<String> allow = new ArrayList<>();

        private Builder() {
        }

        /** The directory served; it must exist when the server starts. */
        public Builder directory(Path dir) { this.directory = Objects.requireNonNull(dir, "directory"); return this; }
        /** The shared secret a session must present to download (it may differ from the receiving side's). */
        public Builder token(String token) { this.token = token == null || token.isEmpty() ? null : token; return this; }

        /** Glob patterns ({@code *.pdf}, {@code docs/**}) of the paths that may be fetched; none: everything. */
        public Builder allow(String... globs) {
            for (String g : globs) {
                FileSystems.getDefault().getPathMatcher("glob:" + Objects.requireNonNull(g, "allow")); // a bad glob fails now
                allow.add(g);
            }
            return this;
        }

        public ServeConfig build() {
            return new ServeConfig(this);
        }
    }
}
