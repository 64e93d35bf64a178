package io.ftrun.core.files;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The directories one transfer made (relative to the target directory), so that when the file fails, or lands
 * elsewhere, the ones still empty are taken away again. Directories that existed before are never recorded.
 * Not thread-safe: one transfer owns it.
 */
final class MadeDirectories {
    private final Set<String> made = new LinkedHashSet<>();

    void add(String relative) {
        made.add(relative);
    }

    boolean isEmpty() {
        return made.isEmpty();
    }

    /** Deepest first: a parent can only be removed once its children are gone. */
    List<String> deepestFirst() {
        List<String> out = new ArrayList<>(made);
        out.sort(Comparator.comparingLong((String d) -> d.chars().filter(c -> c == '/').count()).reversed());
        return out;
    }
}
