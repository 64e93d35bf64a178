package io.ftrun.core.files;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories one session's files went into (or, serving a GET, came from), kept open for its next files. A
 * tree goes directory by directory, and opening every component anew cost about eight system calls a level, three
 * times a file on a receiver (the look for SKIP, the preparation, the commit) and twice on a server that serves
 * (the header, the data): most of a small file's cost.
 *
 * <p>A kept handle is used only after a look through its parent's handle ({@code fstatat}, never following a link)
 * finds the same directory (device and inode) under the same name, level by level from the root's path down; a
 * directory moved, removed or swapped for a link since is dropped and opened anew, as on a first walk. So keeping
 * changes nothing of what a walk guarantees: each step still relies on a look made just before it. Keeping needs
 * secure handles (without them every step resolves its path anyway, and costs nothing to redo).
 *
 * <p>Not thread-safe: one session owns it and closes it when the session ends.
 */
final class OpenDirectories implements Closeable {
    /**
     * Levels kept at most (two descriptors each, so a session holds at most ten, the root's included, for as long
     * as it lasts); deeper ones are opened for one step, as without keeping.
     */
    static final int MAX_KEPT = 4;

    private final Path rootPath;
    private final boolean secure;
    private final int maxKept;
    private TreeDirectory root;
    private Object rootKey;
    /** Level i is the directory named {@code names[0]/.../names[i]} below the root. */
    private final List<String> names = new ArrayList<>();
    private final List<TreeDirectory> dirs = new ArrayList<>();
    private final List<Object> keys = new ArrayList<>();

    OpenDirectories(Path rootPath, boolean secure) {
        this(rootPath, secure, MAX_KEPT);
    }

    private OpenDirectories(Path rootPath, boolean secure, int maxKept) {
        this.rootPath = rootPath;
        this.secure = secure;
        this.maxKept = maxKept;
    }

    /** For one walk only: nothing is kept but the root, which {@link #close} closes. */
    static OpenDirectories forOneWalk(Path rootPath, boolean secure) {
        return new OpenDirectories(rootPath, secure, 0);
    }

    /** One step of a {@link #walk}: opens component {@code i} of the walk's parts below {@code parent}. */
    interface Step {
        /** @param top the root's handle, which a step that makes directories needs */
        TreeDirectory open(TreeDirectory top, TreeDirectory parent, int i) throws IOException;
    }

    /**
     * Opens the directory that holds the last of {@code parts}, from the root down, one {@code step} a component,
     * starting below the levels kept and found unchanged, and keeps what it opens where it may. Give the result back
     * with {@link #release}.
     */
    TreeDirectory walk(String[] parts, Step step) throws IOException {
        TreeDirectory top = root();
        int k = kept(parts);
        TreeDirectory at = at(k);
        try {
            for (int i = k; i < parts.length - 1; i++) {
                TreeDirectory next = step.open(top, at, i);
                keep(i, parts[i], next);
                release(at);
                at = next;
            }
            return at;
        } catch (IOException | RuntimeException e) {
            release(at);
            throw e;
        }
    }

    /** The root's handle, opened at first use, and again if the root's path now names another directory. */
    private TreeDirectory root() throws IOException {
        if (root != null) {
            if (secure && rootKey != null && rootKey.equals(Files.readAttributes(rootPath, BasicFileAttributes.class).fileKey())) return root;
            close();
        }
        root = TreeDirectory.openRoot(rootPath, secure);
        rootKey = secure ? root.key() : null;
        return root;
    }

    /**
     * How many leading directories of {@code parts} (all components but the last) are kept and still where they
     * were. Kept levels past the first one that differs are closed.
     */
    private int kept(String[] parts) {
        int n = 0;
        while (n < dirs.size() && n < parts.length - 1) {
            if (!names.get(n).equals(parts[n]) || !stillThere(n)) {
                drop(n);
                break;
            }
            n++;
        }
        return n;
    }

    /** The directory holding the first {@code n} components, as {@link #kept} found it: the root for 0. */
    private TreeDirectory at(int n) {
        return n == 0 ? root : dirs.get(n - 1);
    }

    /**
     * Keeps {@code dir}, just opened as level {@code i} below the levels kept, unless it is too deep or its key
     * cannot be read.
     *
     * @return whether it is kept (then {@link #release} leaves it open)
     */
    private boolean keep(int i, String name, TreeDirectory dir) {
        if (!secure || i >= maxKept || i != dirs.size()) return false;
        Object key;
        try {
            key = dir.key();
        } catch (IOException e) {
            return false;
        }
        if (key == null) return false;
        names.add(name);
        dirs.add(dir);
        keys.add(key);
        return true;
    }

    /** Done with a directory from a walk: closed unless it is kept. Never throws, so a caller's step never leaks. */
    void release(TreeDirectory dir) {
        if (dir != root && !dirs.contains(dir)) closeQuietly(dir);
    }

    private boolean stillThere(int i) {
        try {
            BasicFileAttributes a = at(i).entry(names.get(i));
            return a.isDirectory() && !a.isSymbolicLink() && keys.get(i).equals(a.fileKey());
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            return false; // opened anew, which reports the problem if it persists
        }
    }

    /** Closes levels {@code from} and deeper, deepest first. */
    private void drop(int from) {
        for (int i = dirs.size() - 1; i >= from; i--) {
            closeQuietly(dirs.remove(i));
            names.remove(i);
            keys.remove(i);
        }
    }

    private static void closeQuietly(TreeDirectory d) {
        try {
            d.close();
        } catch (IOException ignored) {
            // a directory handle: nothing written through it is lost by a failed close
        }
    }

    /** Closes every kept directory, then the root (whose handle the others' renames start from). */
    @Override
    public void close() {
        drop(0);
        if (root != null) closeQuietly(root);
        root = null;
        rootKey = null;
    }
}
