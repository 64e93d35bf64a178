package io.ftrun.dsl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which watched files have stopped changing. A file seen new or changed waits here until its size and time have
 * stayed the same for the stable period; then it is ready to send. A file sent, or refused for good, leaves and comes
 * back only when it changes again. Time is passed in (nanoseconds, any origin), so the rule is tested without sleeping.
 */
final class StableFiles {
    private record Pending(Path file, long size, long modified, long since) {
    }

    private final long stableNanos;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    StableFiles(java.time.Duration stableFor) {
        this.stableNanos = stableFor.toNanos();
    }

    /** The file was found new or changed at {@code now}; the same size and time as already noted changes nothing. */
    void seen(String name, Path file, long size, long modified, long now) {
        Pending p = pending.get(name);
        if (p != null && p.size == size && p.modified == modified) return;
        pending.put(name, new Pending(file, size, modified, now));
    }

    /** The file is gone: nothing to send. */
    void gone(String name) {
        pending.remove(name);
    }

    /** Sent (or refused for good): it waits for its next change. */
    void done(String name) {
        pending.remove(name);
    }

    /** Name → file of those unchanged for the stable period at {@code now}, in name order. */
    Map<String, Path> ready(long now) {
        Map<String, Path> out = new TreeMap<>();
        pending.forEach((name, p) -> {
            if (now - p.since >= stableNanos) out.put(name, p.file);
        });
        return out;
    }

    /** How many files are waiting, ready or not. */
    int waiting() {
        return pending.size();
    }
}
