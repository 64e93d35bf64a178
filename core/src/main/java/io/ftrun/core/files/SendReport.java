package io.ftrun.core.files;

import java.time.Duration;
import java.util.List;

/**
 * What happened to every file of a {@link FileSender#send}. A sender must treat the transfer as failed (exit
 * non-zero) unless {@link #allConfirmed()}.
 */
public record SendReport(List<FileResult> files, Duration duration) {
    public SendReport {
        files = List.copyOf(files);
    }

    /**
     * One file's outcome.
     *
     * @param name        the relative path sent ('/'-separated)
     * @param bytes       the file's size
     * @param algorithm   the digest algorithm
     * @param digest      the digest the sender computed (hex), or null if it never got that far
     * @param confirmed   true when the receiver computed the same digest and stored the file
     * @param error       why not, when not confirmed
     * @param message     the receiver's (or the sender's own) explanation, when not confirmed
     * @param storedName  the name the receiver stored the file under (relative to its directory), when confirmed
     * @param resumedFrom bytes the receiver already had and verified (0 when sent from the start)
     * @param skipped     the receiver held the file unchanged (same path, size, mtime and SHA-256), so nothing was sent;
     *                    it counts as confirmed
     */
    public record FileResult(String name, long bytes, String algorithm, String digest, boolean confirmed,
                             ErrorCode error, String message, String storedName, long resumedFrom, boolean skipped) {
    }

    /** True when the receiver confirmed every file (an empty directory confirms vacuously). */
    public boolean allConfirmed() {
        return files.stream().allMatch(FileResult::confirmed);
    }

    public List<FileResult> failed() {
        return files.stream().filter(f -> !f.confirmed()).toList();
    }

    public long skipped() {
        return files.stream().filter(FileResult::skipped).count();
    }

    public long confirmedBytes() {
        return files.stream().filter(FileResult::confirmed).mapToLong(FileResult::bytes).sum();
    }
}
