package io.ftrun.core.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/** How a {@link FileReceiver} stores files. Immutable; build with {@link #builder()}. */
public final class FileReceiverConfig {
    private final Path directory;
    private final NamingPolicy naming;
    private final FileProtocol protocol;
    private final long maxFileSize;
    private final long minFreeSpace;
    private final boolean fsync;
    private final boolean allowResume;
    private final Set<String> digests;
    private final String token;
    private final Predicate<NameRequest> authorize;
    private final boolean preserveAttributes;
    private final boolean keepEmptyRaw;
    private final Duration progressInterval;
    private final Duration staleTemporaries;
    private final WriteHook writeHook;
    private final CommitHook commitHook;
    private final boolean confirmBeforeEvents;
    private final boolean allowNestedWithoutSecureDirectories;
    private final boolean secureDirectories;
    private final String instance;
    private final Duration headerTimeout;
    private final long minRate;
    private final Duration minRateGrace;

    private FileReceiverConfig(Builder b) {
        this.directory = Objects.requireNonNull(b.directory, "file receiver has no directory");
        this.protocol = b.protocol;
        this.naming = b.naming != null ? b.naming
                : protocol == FileProtocol.RAW ? NamingPolicies.counter("file_%d") : NamingPolicies.original(OnCollision.RENAME);
        if (protocol == FileProtocol.RAW && naming.needsOriginalName()) {
            throw new IllegalArgumentException("naming policy " + naming.describe() + " uses the sender's file name, which raw"
                    + " connections do not send: use protocol FRAMED (or AUTO), or another naming policy such as counter(\"file_%d\")");
        }
        this.maxFileSize = b.maxFileSize;
        this.minFreeSpace = b.minFreeSpace;
        this.fsync = b.fsync;
        this.allowResume = b.allowResume;
        this.digests = Set.copyOf(b.digests);
        this.token = b.token;
        this.authorize = b.authorize;
        this.preserveAttributes = b.preserveAttributes;
        this.keepEmptyRaw = b.keepEmptyRaw;
        this.progressInterval = b.progressInterval;
        this.staleTemporaries = b.staleTemporaries;
        this.writeHook = b.writeHook;
        this.commitHook = b.commitHook;
        this.confirmBeforeEvents = b.confirmBeforeEvents;
        this.allowNestedWithoutSecureDirectories = b.allowNestedWithoutSecureDirectories;
        this.secureDirectories = b.secureDirectories;
        this.instance = b.instance;
        this.headerTimeout = b.headerTimeout;
        this.minRate = b.minRate;
        this.minRateGrace = b.minRateGrace;
        if (instance == null && naming.requiresInstance()) {
            throw new IllegalArgumentException("naming policy " + naming.describe() + " uses {instance}, but the receiver has"
                    + " no instance identity: set one, e.g. instance(\"rx-1\")");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long a framed session's HELLO, and each header after it, may take to arrive whole; zero = no deadline. */
    public Duration headerTimeout() { return headerTimeout; }
    /** The slowest a sender may send a file's data, in bytes per second on average; 0 = no minimum. */
    public long minRate() { return minRate; }
    /** How long into a file's data the minimum rate starts to count. */
    public Duration minRateGrace() { return minRateGrace; }

    /** This receiver's identity among several sharing a directory (see {@link Builder#instance}), or null. */
    public String instance() { return instance; }

    /** Where files go. Created if missing. Every stored name is resolved inside it. */
    public Path directory() { return directory; }
    /**
     * How stored files are named. Default: {@code counter("file_%d")} for raw receiving (the tutorial's
     * {@code file_1}, {@code file_2}...), {@code original(RENAME)} for framed and auto.
     */
    public NamingPolicy naming() { return naming; }
    public FileProtocol protocol() { return protocol; }
    /** Largest file accepted, in bytes. */
    public long maxFileSize() { return maxFileSize; }
    /** Bytes that must stay free on the target file system after a file is stored. */
    public long minFreeSpace() { return minFreeSpace; }
    /** Whether each file (and its directory entry) is forced to the disk before it is reported as received. */
    public boolean fsync() { return fsync; }
    /** Whether interrupted framed transfers keep their partial data hidden so the sender can resume. */
    public boolean allowResume() { return allowResume; }
    /** Digest algorithms framed senders may choose (wire names, see {@link Digests}). */
    public Set<String> digests() { return digests; }
    /** The shared secret framed senders must present, or null for none. Sent in clear text: not a password. */
    public String token() { return token; }
    /** Decides whether a sender may send a file; a refusal answers {@link ErrorCode#NOT_AUTHORISED}. */
    public Predicate<NameRequest> authorize() { return authorize; }
    /** Whether a framed sender's mode bits and modification time are applied to the stored file. */
    public boolean preserveAttributes() { return preserveAttributes; }
    /** Whether a raw connection that sends no byte at all still stores an empty file (default: no file). */
    public boolean keepEmptyRaw() { return keepEmptyRaw; }
    /** How often progress events are emitted per transfer at most. Zero: never (only start and end). */
    public Duration progressInterval() { return progressInterval; }
    /**
     * Hidden temporaries and resume data older than this are deleted when the receiver starts: leftovers of a
     * crashed process, or partials no sender came back for.
     */
    public Duration staleTemporaries() { return staleTemporaries; }

    /**
     * Whether names in sub-directories are accepted on a platform without secure directory handles (Windows), where
     * a local user who can write in the target directory could swap a directory for a link between the receiver's
     * check and its write. Linux and macOS have the handles and accept nested names regardless. Default: false.
     */
    public boolean allowNestedWithoutSecureDirectories() { return allowNestedWithoutSecureDirectories; }

    WriteHook writeHook() { return writeHook; }
    CommitHook commitHook() { return commitHook; }
    public boolean confirmBeforeEvents() { return confirmBeforeEvents; }
    /** Test seam: false makes the receiver behave as on a platform without secure directory handles. */
    boolean secureDirectories() { return secureDirectories; }

    /** Test seam: runs before every write to a temporary file, so a test can make the disk "fill up". */
    @FunctionalInterface
    interface WriteHook {
        void beforeWrite(Path temporary, long position, int length) throws java.io.IOException;

        WriteHook NONE = (t, p, l) -> {
        };
    }

    /**
     * Test seam: runs the moment a received file has its final name, before anything is cleaned up (the resume
     * sidecar, the temporary's name), so a test can kill the receiver exactly there.
     */
    @FunctionalInterface
    interface CommitHook {
        void committed(String stored) throws java.io.IOException;

        CommitHook NONE = stored -> {
        };
    }

    private static final java.util.regex.Pattern INSTANCE = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** 1 KiB/s: far below any real link, far above a slowloris trickle. */
    public static final long DEFAULT_MIN_RATE = 1024;
    public static final Duration DEFAULT_MIN_RATE_GRACE = Duration.ofSeconds(10);

    public static final class Builder {
        private Path directory;
        private NamingPolicy naming;
        private FileProtocol protocol = FileProtocol.RAW;
        private long maxFileSize = Long.MAX_VALUE;
        private long minFreeSpace = 0;
        private boolean fsync = false;
        private boolean allowResume = true;
        private final Set<String> digests = new LinkedHashSet<>(Digests.supported());
        private String token;
        private Predicate<NameRequest> authorize = r -> true;
        private boolean preserveAttributes = true;
        private boolean keepEmptyRaw = false;
        private Duration progressInterval = Duration.ofSeconds(1);
        private Duration staleTemporaries = Duration.ofDays(7);
        private WriteHook writeHook = WriteHook.NONE;
        private CommitHook commitHook = CommitHook.NONE;
        private boolean confirmBeforeEvents = false;
        private boolean allowNestedWithoutSecureDirectories = false;
        private boolean secureDirectories = true;
        private String instance;
        private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
        private long minRate = DEFAULT_MIN_RATE;
        private Duration minRateGrace = DEFAULT_MIN_RATE_GRACE;

        private Builder() {
        }

        /**
         * This receiver's identity when several receivers (behind a load balancer) write into one shared directory:
         * {@code counter} and {@code timestamp} names then carry it ({@code file_%d.pdf} gives {@code file_rx-1_7.pdf}),
         * each instance numbering only its own files; templates place it with {@code {instance}}. Letters, digits,
         * {@code .}, {@code _} and {@code -}, at most 64, starting with a letter or digit; null for none (the default).
         */
        public Builder instance(String id) {
            if (id != null && !INSTANCE.matcher(id).matches()) {
                throw new IllegalArgumentException("instance must be 1 to 64 letters, digits, '.', '_' or '-', starting with a"
                        + " letter or digit (it becomes part of file names), not '" + id + "'");
            }
            this.instance = id;
            return this;
        }

        public Builder directory(Path dir) { this.directory = Objects.requireNonNull(dir, "directory"); return this; }
        public Builder naming(NamingPolicy policy) { this.naming = Objects.requireNonNull(policy, "naming"); return this; }
        public Builder protocol(FileProtocol p) { this.protocol = Objects.requireNonNull(p, "protocol"); return this; }

        public Builder maxFileSize(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("maxFileSize must not be negative, was " + bytes);
            this.maxFileSize = bytes;
            return this;
        }

        public Builder minFreeSpace(long bytes) {
            if (bytes < 0) throw new IllegalArgumentException("minFreeSpace must not be negative, was " + bytes);
            this.minFreeSpace = bytes;
            return this;
        }

        public Builder fsync(boolean on) { this.fsync = on; return this; }

        /**
         * Sends each file's confirmation (framed DONE) before the event saying it was stored, rather than with the
         * next batch of answers: for a listener that takes its time over each file (a script's {@code onFile}), which
         * would otherwise hold the sender's confirmation, and so its window, until it returns. One more write a file.
         */
        public Builder confirmBeforeEvents(boolean on) { this.confirmBeforeEvents = on; return this; }
        public Builder allowResume(boolean on) { this.allowResume = on; return this; }

        /** Replaces the accepted digest algorithms (at least one). */
        public Builder digests(String... algorithms) {
            return digests(List.of(algorithms));
        }

        public Builder digests(java.util.Collection<String> algorithms) {
            if (algorithms.isEmpty()) throw new IllegalArgumentException("at least one digest algorithm must be accepted");
            digests.clear();
            for (String a : algorithms) digests.add(Digests.canonical(a));
            return this;
        }

        public Builder token(String token) { this.token = token == null || token.isEmpty() ? null : token; return this; }
        public Builder authorize(Predicate<NameRequest> rule) { this.authorize = Objects.requireNonNull(rule, "authorize"); return this; }
        public Builder preserveAttributes(boolean on) { this.preserveAttributes = on; return this; }
        public Builder keepEmptyRaw(boolean on) { this.keepEmptyRaw = on; return this; }

        public Builder progressInterval(Duration d) {
            Objects.requireNonNull(d, "progressInterval");
            if (d.isNegative()) throw new IllegalArgumentException("progressInterval must not be negative, was " + d);
            this.progressInterval = d;
            return this;
        }

        public Builder staleTemporaries(Duration d) {
            Objects.requireNonNull(d, "staleTemporaries");
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("staleTemporaries must be positive, was " + d);
            this.staleTemporaries = d;
            return this;
        }

        /**
         * The deadline for a framed session's HELLO (from the connection's start, after any TLS handshake) and for
         * each FILE, END or START after it (from its first byte): a peer that trickles a header holds a slot for at
         * most this long, however often a byte arrives. Zero turns it off.
         */
        public Builder headerTimeout(Duration d) {
            Objects.requireNonNull(d, "headerTimeout");
            if (d.isNegative()) throw new IllegalArgumentException("headerTimeout must not be negative, was " + d);
            this.headerTimeout = d;
            return this;
        }

        /**
         * The minimum average rate of a file's data, in bytes per second, counted after {@code grace} (raw: from the
         * connection's start; framed: from READY to END of each file). Slower senders are cut off, as Apache's
         * mod_reqtimeout {@code MinRate} does. 0 turns it off.
         */
        public Builder minRate(long bytesPerSecond, Duration grace) {
            if (bytesPerSecond < 0) throw new IllegalArgumentException("minRate must not be negative, was " + bytesPerSecond);
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) throw new IllegalArgumentException("minRate grace must not be negative, was " + grace);
            this.minRate = bytesPerSecond;
            this.minRateGrace = grace;
            return this;
        }

        Builder writeHook(WriteHook hook) { this.writeHook = Objects.requireNonNull(hook); return this; }
        Builder commitHook(CommitHook hook) { this.commitHook = Objects.requireNonNull(hook); return this; }
        Builder secureDirectories(boolean use) { this.secureDirectories = use; return this; }

        /** See {@link FileReceiverConfig#allowNestedWithoutSecureDirectories()}. */
        public Builder allowNestedWithoutSecureDirectories(boolean on) { this.allowNestedWithoutSecureDirectories = on; return this; }

        public FileReceiverConfig build() {
            return new FileReceiverConfig(this);
        }
    }
}
