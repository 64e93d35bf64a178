package io.ftrun.core.files;

import java.time.Duration;
import java.util.Objects;

/** How {@link FileSender#send} sends files with the framed protocol. Immutable; build with {@link #builder()}. */
public final class SendOptions {
    /** The default size of one DATA message: 256 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 256 * 1024;

    private final String digest;
    private final boolean digestChosen;
    private final boolean resume;
    private final ProgressListener progress;
    private final Duration progressInterval;
    private final String token;
    private final int chunkSize;
    private final boolean skipUnchanged;
    private final int reconnects;
    private final Duration reconnectBackoff;
    private final boolean compress;

    private SendOptions(Builder b) {
        this.digest = b.digest != null ? b.digest : b.resume ? Digests.SHA256 : Digests.DEFAULT;
        this.digestChosen = b.digest != null;
        this.resume = b.resume;
        this.progress = b.progress;
        this.progressInterval = b.progressInterval;
        this.token = b.token;
        this.chunkSize = b.chunkSize;
        this.skipUnchanged = b.skipUnchanged;
        this.reconnects = b.reconnects;
        this.reconnectBackoff = b.reconnectBackoff;
        this.compress = b.compress;
    }

    public static SendOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The digest algorithm, one of {@link Digests#supported()}; the receiver must accept it. Unless one is chosen:
     * {@value Digests#SHA256} with {@link #resume()} (only SHA-256 transfers resume), {@value Digests#DEFAULT}
     * without, and {@value Digests#DEFAULT} also when the receiver does not accept SHA-256.
     */
    public String digest() { return digest; }

    /** Whether {@link #digest()} was chosen ({@link Builder#digest}) rather than picked by default. */
    boolean digestChosen() { return digestChosen; }
    /**
     * Whether to ask the receiver to continue a partial copy left by an interrupted transfer of the same file.
     * Only {@value Digests#SHA256} transfers resume (docs/PROTOCOL.md, "Resume"): with another digest chosen,
     * every file is sent from its start.
     */
    public boolean resume() { return resume; }
    /**
     * An extra receiver of progress, e.g. a progress bar. Progress events are emitted to the connection's own
     * listeners ({@link io.ftrun.core.Connection#emit}) anyway, so do not pass {@code connection::emit} here:
     * every event would be reported twice.
     */
    public ProgressListener progress() { return progress; }
    /** How often progress is reported at most (the end of each file is always reported). */
    public Duration progressInterval() { return progressInterval; }
    /** The shared secret the receiver asks for, or null. */
    public String token() { return token; }
    /** Bytes per DATA message. */
    public int chunkSize() { return chunkSize; }

    /**
     * Whether the receiver may answer SKIP for a file it holds unchanged (same path, size and mtime, as rsync's
     * quick check, and the same SHA-256, so no other file is taken for it), so sending a folder again sends only what
     * changed. Files up to 64 MiB; on by default; protocol version 2.
     */
    public boolean skipUnchanged() { return skipUnchanged; }

    /** How many times a session that breaks is continued over a new connection (3 by default; 0: never). */
    public int reconnects() { return reconnects; }

    /** The first wait before connecting again; it doubles with each attempt, up to 30 s. */
    public Duration reconnectBackoff() { return reconnectBackoff; }

    /**
     * Compress the data (DEFLATE, per DATA frame) where the receiver takes it (protocol version 2); chunks that do not
     * shrink go as they are, and after two in a row the rest of that file is not tried. For a fetch: ask the server
     * to compress. Off by default: it pays on slow links with text-like data, and costs CPU on fast ones.
     */
    public boolean compress() { return compress; }

    public static final class Builder {
        private String digest; // null: decided by resume at build()
        private boolean resume = true;
        private boolean skipUnchanged = true;
        private int reconnects = 3;
        private Duration reconnectBackoff = Duration.ofMillis(500);
        private boolean compress;
        private ProgressListener progress = ProgressListener.NONE;
        private Duration progressInterval = Duration.ofMillis(500);
        private String token;
        private int chunkSize = DEFAULT_CHUNK_SIZE;

        private Builder() {
        }

        public Builder digest(String algorithm) {
            this.digest = Digests.canonical(algorithm);
            return this;
        }

        public Builder resume(boolean on) { this.resume = on; return this; }
        public Builder skipUnchanged(boolean on) { this.skipUnchanged = on; return this; }
        public Builder compress(boolean on) { this.compress = on; return this; }

        public Builder reconnects(int times) {
            if (times < 0) throw new IllegalArgumentException("reconnects must be 0 or more, was " + times);
            this.reconnects = times;
            return this;
        }

        public Builder reconnectBackoff(Duration first) {
            if (first.isNegative()) throw new IllegalArgumentException("reconnectBackoff must not be negative, was " + first);
            this.reconnectBackoff = first;
            return this;
        }
        public Builder progress(ProgressListener l) { this.progress = Objects.requireNonNull(l, "progress"); return this; }

        public Builder progressInterval(Duration d) {
            Objects.requireNonNull(d, "progressInterval");
            if (d.isNegative()) throw new IllegalArgumentException("progressInterval must not be negative, was " + d);
            this.progressInterval = d;
            return this;
        }

        public Builder token(String token) { this.token = token; return this; }

        public Builder chunkSize(int size) {
            if (size < 1 || size > Protocol.MAX_DATA) {
                throw new IllegalArgumentException("chunkSize must be 1.." + Protocol.MAX_DATA + " bytes, was " + size);
            }
            this.chunkSize = size;
            return this;
        }

        public SendOptions build() {
            return new SendOptions(this);
        }
    }
}
