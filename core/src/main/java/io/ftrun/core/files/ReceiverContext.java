package io.ftrun.core.files;

import io.ftrun.core.Connection;
import io.ftrun.core.event.Sanitize;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * What all connections of one receiver share: the configuration, the target directory, resume data, and the
 * step that gives a complete temporary its final name.
 */
final class ReceiverContext {
    /** Proposals tried before a RENAME policy gives up (a policy that keeps proposing taken names). */
    static final int MAX_NAME_ATTEMPTS = 10_000;
    /** Raw transfers re-check free space after this many bytes (their size is not known up front). */
    static final long RAW_SPACE_CHECK_BYTES = 16L << 20;

    final FileReceiverConfig config;
    final TargetDirectory dir;
    final ResumeStore resume;
    /** The naming for raw connections: the configured one, unless it needs a sender's name raw cannot give. */
    final NamingPolicy rawNaming;
    /**
     * The target directory's file store, looked up once: {@code Files.getFileStore} reads the mount table and resolves
     * the path every time (a dozen system calls), while {@code getUsableSpace} on it is one statvfs of the directory.
     * Null when it cannot be determined; then every check looks it up again.
     */
    private final FileStore store;

    ReceiverContext(FileReceiverConfig config) {
        this.config = config;
        this.dir = TargetDirectory.open(config);
        this.resume = new ResumeStore(dir, config.instance());
        this.rawNaming = config.naming().needsOriginalName() ? NamingPolicies.counter("file_%d") : config.naming();
        this.store = fileStore(dir.root());
        dir.sweepStale(config.staleTemporaries());
    }

    NameRequest request(Connection c, String original, long size, FileProtocol protocol, Instant started) {
        return new NameRequest(dir.root(), c.remoteAddress(), original, size, c.id(), started, protocol, config.instance());
    }

    /**
     * Where a file is to go: its name, decided before any data arrives (null: at the commit), and the directories
     * made for it, which {@link #release} takes away again when they stay empty.
     */
    record Placement(String name, MadeDirectories made) {
    }

    /**
     * Decides what can be decided before any data arrives: the authorisation rule, free space for {@code size}
     * bytes (-1: unknown), and the name. A framed file's name is proposed now, its directories made and its
     * collision rule checked as far as it can be ({@link TargetDirectory#prepare}), so a refusal comes before READY.
     * A raw file is named at the commit (a counter then counts stored files, not connections), except under a
     * policy that refuses existing names, which is checked now.
     */
    Placement preflight(OpenDirectories open, NameRequest req, NamingPolicy naming) throws FileTransferException {
        authorize(req);
        checkSpace(Math.max(0, req.size()));
        if (req.protocol() == FileProtocol.RAW && naming.onCollision() != OnCollision.REJECT) {
            return new Placement(null, new MadeDirectories());
        }
        Placement p = new Placement(SafeNames.clean(propose(naming, req, 0)), new MadeDirectories());
        try {
            dir.prepare(open, p.name(), naming.onCollision(), p.made());
        } catch (FileTransferException e) {
            release(open, p);
            throw e;
        }
        return p;
    }

    /** The authorisation rule: refused files learn nothing more (not even whether the name exists). */
    void authorize(NameRequest req) throws FileTransferException {
        if (!config.authorize().test(req)) {
            throw new FileTransferException(ErrorCode.NOT_AUTHORISED, "the receiver does not accept "
                    + (req.originalName() == null ? "files" : "'" + Sanitize.forLog(req.originalName()) + "'") + " from " + req.remoteHost());
        }
    }

    /**
     * The stored name when this receiver holds the file unchanged: a regular file (not a link) under the sender's
     * own path, of the same size and modification time (rsync's quick check) and with the same SHA-256 as the
     * sender's (so a file someone else stored under that name, size and time is never taken for it). Null
     * otherwise, and always under a naming policy that does not keep the sender's path, or when attributes are not
     * preserved (the times would never match).
     */
    String unchanged(OpenDirectories open, NameRequest req, NamingPolicy naming, Messages.FileHeader h) throws FileTransferException {
        if (!naming.keepsSendersPath() || !config.preserveAttributes() || req.originalName() == null) return null;
        if (!Digests.SHA256.equals(h.algorithm()) || h.skipDigest().length == 0) return null;
        authorize(req);
        String name = SafeNames.clean(propose(naming, req, 0));
        long mtime = FramedReceiver.settableTime(h.mtime()).toMillis();
        return dir.holdsSame(open, name, h.size(), mtime, h.algorithm(), h.skipDigest()) ? name : null;
    }

    /** The transfer is over, whatever happened: the directories made for it that stayed empty go. */
    void release(OpenDirectories open, Placement p) {
        if (p != null) dir.removeEmpty(open, p.made());
    }

    private static FileStore fileStore(Path dir) {
        try {
            return Files.getFileStore(dir);
        } catch (IOException e) {
            return null;
        }
    }

    /** Refuses when storing {@code bytes} more would leave less than the configured free space. */
    void checkSpace(long bytes) throws FileTransferException {
        long usable;
        try {
            usable = (store != null ? store : Files.getFileStore(dir.root())).getUsableSpace();
        } catch (IOException e) {
            return; // cannot tell: the write itself will fail if the disk is full
        }
        if (usable - bytes < config.minFreeSpace()) {
            throw new FileTransferException(ErrorCode.NO_SPACE, "not enough free space: " + usable + " bytes free, "
                    + (bytes > 0 ? bytes + " bytes needed and " : "") + config.minFreeSpace() + " bytes must stay free");
        }
    }

    /**
     * Gives a complete temporary its final name, as the naming policy says, never clobbering unless the policy
     * overwrites. The temporary is closed already.
     *
     * @return the stored name relative to the target directory
     */
    String store(OpenDirectories open, Path temporary, NameRequest req, NamingPolicy naming, Placement placement) throws FileTransferException {
        for (int attempt = 0; attempt < MAX_NAME_ATTEMPTS; attempt++) {
            String rel = attempt == 0 && placement.name() != null ? placement.name() : SafeNames.clean(propose(naming, req, attempt));
            switch (naming.onCollision()) {
                case OVERWRITE:
                    dir.commitReplacing(open, temporary, rel, placement.made());
                    return rel;
                case REJECT:
                    if (dir.commitNoClobber(open, temporary, rel, placement.made())) return rel;
                    throw new FileTransferException(ErrorCode.EXISTS, "a file named '" + Sanitize.forLog(rel) + "' exists already");
                default:
                    if (dir.commitNoClobber(open, temporary, rel, placement.made())) return rel;
            }
        }
        throw new FileTransferException(ErrorCode.EXISTS, "no free name after " + MAX_NAME_ATTEMPTS + " attempts with " + naming.describe());
    }

    private static String propose(NamingPolicy naming, NameRequest req, int attempt) throws FileTransferException {
        String name;
        try {
            name = naming.propose(req, attempt);
        } catch (RuntimeException e) {
            throw new FileTransferException(ErrorCode.INTERNAL, "naming policy " + naming.describe() + " failed: " + e, e);
        }
        if (name == null) {
            throw new FileTransferException(ErrorCode.NAME_REJECTED, "the naming policy " + naming.describe() + " refused the file");
        }
        return name;
    }

    /** Feeds the first {@code length} bytes of {@code file} to {@code digester}, through the given buffer. */
    static void digestPrefix(Path file, long length, Digests.Digester digester, ByteBuffer buffer) throws FileTransferException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            digestPrefix(ch, length, digester, buffer);
        } catch (IOException e) {
            throw TempFile.diskFailure(e);
        }
    }

    /** Feeds the first {@code length} bytes read from {@code ch} to {@code digester}, through the given buffer. */
    static void digestPrefix(FileChannel ch, long length, Digests.Digester digester, ByteBuffer buffer) throws IOException {
        long pos = 0;
        while (pos < length) {
            buffer.clear();
            if (length - pos < buffer.capacity()) buffer.limit((int) (length - pos));
            int n = ch.read(buffer, pos);
            if (n < 0) throw new IOException("partial file is shorter than expected");
            buffer.flip();
            digester.update(buffer);
            pos += n;
        }
    }
}
