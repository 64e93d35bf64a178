package io.ftrun.core.files;

import io.ftrun.core.event.Event;
import io.ftrun.core.event.Events;
import io.ftrun.core.event.Sanitize;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Events of file transfers, reported through the owning server's or client's listeners (via
 * {@link io.ftrun.core.Connection#emit}). File names in them are peer-controlled text and already passed through
 * {@link Sanitize#forLog}, so they are safe to print.
 */
public final class FileEvents {
    private FileEvents() {
    }

    /** Log-safe form of a peer-controlled name (null stays null). */
    static String safe(String name) {
        return Sanitize.forLog(name);
    }

    /**
     * A file transfer began.
     *
     * @param direction {@code receive} or {@code send}
     * @param name      the sender's name (framed), or the temporary's description (raw)
     * @param size      announced size, -1 if unknown (raw)
     * @param offset    bytes already present and verified (resume), else 0
     */
    public record TransferStarted(Instant time, String owner, long connectionId, InetSocketAddress remote,
                                  String direction, String name, long size, long offset) implements Event {
        public TransferStarted {
            name = safe(name);
        }

        public String type() { return "transfer-started"; }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", connectionId, "remote", Events.address(remote), "direction", direction, "name", name,
                    "size", size < 0 ? null : size, "offset", offset);
        }
    }

    /**
     * How far a transfer is.
     *
     * @param bytes          bytes of the file transferred so far (including a resumed prefix)
     * @param total          the file's size, or -1 when unknown (raw)
     * @param bytesPerSecond average rate of this transfer so far
     * @param eta            estimated time left, or null when unknown
     */
    public record TransferProgress(Instant time, String owner, long connectionId, String direction, String name,
                                   long bytes, long total, double bytesPerSecond, Duration eta) implements Event {
        public TransferProgress {
            name = safe(name);
        }

        public String type() { return "transfer-progress"; }

        /** Percentage done (0..100), or -1 when the total is unknown. */
        public double percent() {
            return total <= 0 ? (total == 0 ? 100 : -1) : Math.min(100.0, bytes * 100.0 / total);
        }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", connectionId, "direction", direction, "name", name, "bytes", bytes,
                    "total", total < 0 ? null : total, "rate", Math.round(bytesPerSecond),
                    "etaMillis", eta == null ? null : eta.toMillis(),
                    "percent", total < 0 ? null : Math.round(percent() * 10) / 10.0);
        }
    }

    /**
     * A file is complete, verified and stored under its final name.
     *
     * @param name        the stored name, relative to the receiver's directory
     * @param original    the sender's name (framed), null for raw
     * @param resumedFrom bytes that were already present from an interrupted transfer
     */
    public record FileReceived(Instant time, String owner, long connectionId, InetSocketAddress remote, String name,
                               String original, long bytes, String algorithm, String digest, Duration duration,
                               long resumedFrom) implements Event {
        public FileReceived {
            name = safe(name);
            original = safe(original);
        }

        public String type() { return "file-received"; }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", connectionId, "remote", Events.address(remote), "name", name, "original", original,
                    "bytes", bytes, "algorithm", algorithm, "digest", digest, "millis", duration.toMillis(),
                    "resumedFrom", resumedFrom == 0 ? null : resumedFrom);
        }
    }

    /** A file was refused before any of its data was accepted (bad name, too large, no space, not authorised...). */
    public record FileRejected(Instant time, String owner, long connectionId, InetSocketAddress remote, String name,
                               ErrorCode code, String message) implements Event {
        public FileRejected {
            name = safe(name);
            message = safe(message);
        }

        public String type() { return "file-rejected"; }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", connectionId, "remote", Events.address(remote), "name", name, "code", code.label(),
                    "message", message);
        }
    }

    /**
     * A transfer broke off: nothing was stored under a final name. The partial data was removed, or kept hidden for
     * a resume when {@code keptForResume}.
     */
    public record TransferFailed(Instant time, String owner, long connectionId, InetSocketAddress remote, String name,
                                 long bytes, ErrorCode code, String message, boolean keptForResume) implements Event {
        public TransferFailed {
            name = safe(name);
            message = safe(message);
        }

        public String type() { return "transfer-failed"; }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", connectionId, "remote", Events.address(remote), "name", name, "bytes", bytes,
                    "code", code.label(), "message", message, "keptForResume", keptForResume);
        }
    }

    /** A sender asked to skip a file the receiver holds unchanged (same path, size, mtime, SHA-256): nothing was sent. */
    public record FileSkipped(Instant time, String owner, long connectionId, InetSocketAddress remote, String name,
                              long bytes) implements Event {
        public FileSkipped {
            name = safe(name);
        }

        public String type() { return "file-skipped"; }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", connectionId, "remote", Events.address(remote), "name", name, "bytes", bytes);
        }
    }

    /** The sender's view of one file: confirmed by the receiver, or refused with a code and message. */
    public record FileSent(Instant time, String owner, long connectionId, InetSocketAddress remote,
                           SendReport.FileResult result) implements Event {
        public String type() { return "file-sent"; }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", connectionId, "remote", Events.address(remote), "name", safe(result.name()),
                    "bytes", result.bytes(), "algorithm", result.algorithm(), "digest", result.digest(),
                    "confirmed", result.confirmed(), "stored", safe(result.storedName()),
                    "code", result.error() == null ? null : result.error().label(), "message", safe(result.message()),
                    "resumedFrom", result.resumedFrom() == 0 ? null : result.resumedFrom(), "skipped", result.skipped() ? true : null);
        }
    }
}
