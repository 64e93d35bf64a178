package io.ftrun.dsl;

import io.ftrun.dsl.internal.Values;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code watch} step's options: how long a file must stay unchanged before it is sent ({@code stableFor}, 2 s),
 * how often the directories are looked at ({@code every}, 500 ms), when the watch ends by itself ({@code stopAfter};
 * none: until the run is stopped), and whether the files already there are sent too ({@code existing}, true).
 */
record WatchSettings(Duration stableFor, Duration every, Duration stopAfter, boolean existing) {
    private static final Set<String> OPTIONS = Set.of("stableFor", "every", "stopAfter", "existing");

    static WatchSettings of(Map<String, ?> options) {
        for (String k : options.keySet()) {
            if (!OPTIONS.contains(k)) throw new DslException("unknown watch option '" + k + "' (expected " + String.join(", ", new TreeSet<>(OPTIONS)) + ")");
        }
        Duration stable = positive(options.containsKey("stableFor") ? options.get("stableFor") : "2s", "stableFor");
        Duration every = positive(options.containsKey("every") ? options.get("every") : "500ms", "every");
        Duration stop = options.containsKey("stopAfter") ? positive(options.get("stopAfter"), "stopAfter") : null;
        boolean existing = !options.containsKey("existing") || Values.bool(options.get("existing"), "existing");
        return new WatchSettings(stable, every, stop, existing);
    }

    private static Duration positive(Object v, String what) {
        Duration d = Values.duration(v, "watch " + what);
        if (d.isNegative() || d.isZero()) throw new DslException("watch " + what + " must be more than zero, not '" + v + "'");
        return d;
    }
}
