package io.ftrun.core.files;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Why a receiver cannot store files in a directory, in words: the JDK's own exceptions often carry only the path
 * ({@code FileAlreadyExistsException: x} for a file where the directory should be, {@code NoSuchFileException} for a
 * directory under /proc).
 */
final class UnusableDirectory {
    private UnusableDirectory() {
    }

    /** The reason {@code dir} could not be made or used, {@code e} being what the attempt threw. */
    static String reason(Path dir, IOException e) {
        Path absolute = dir.toAbsolutePath();
        if (Files.exists(absolute) && !Files.isDirectory(absolute)) return notADirectory(absolute, "it");
        for (Path p = absolute.getParent(); p != null; p = p.getParent()) {
            if (!Files.exists(p)) continue;
            if (!Files.isDirectory(p)) return notADirectory(p, p.toString());
            if (!Files.exists(absolute) && e instanceof NoSuchFileException) {
                return "directories cannot be made in " + p + " (its file system takes no new files, as /proc and /sys do)";
            }
            break;
        }
        if (e instanceof AccessDeniedException a) return "permission denied" + (a.getFile() == null ? "" : " for " + a.getFile());
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return io.ftrun.core.internal.Reasons.of(e);
    }

    private static String notADirectory(Path p, String what) {
        return what + (Files.isRegularFile(p) ? " is a file, not a directory" : " is not a directory");
    }

    /** What a writability probe's failure means: {@code Files.isWritable} says yes to root, even on /proc. */
    static String notWritable(IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "its file system takes no new files"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return "it is not writable: a file cannot be created in it (" + why + ")";
    }
}
