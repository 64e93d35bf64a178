package io.ftrun.core.files;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Partial data of interrupted framed transfers, kept hidden for a resume. Each partial
 * ({@code .ftrun-resume-KEY.part}) has a sidecar ({@code .ftrun-resume-KEY.meta}) recording the identity of its
 * source (the sender's path, size, modification time and digest algorithm) and, sealed, its {@link PartialOwner}.
 * A resume needs the identity and the owner to match; the sender then proves the prefix itself before anything is
 * appended ({@link ResumeProof}; a crash may leave garbage at the end of a partial, so its length alone is never
 * trusted). A claim by another owner never touches the partial: that transfer gets a private temporary.
 */
final class ResumeStore {
    private final TargetDirectory dir;
    /**
     * {@code resume-} plus the receiver's instance: receivers sharing a directory never append to each other's
     * partials (their claims are per process), so a resume continues only on the instance that holds the partial.
     */
    private final String prefix;
    /** Identities being received right now: a second transfer of the same file gets a private temporary instead. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    ResumeStore(TargetDirectory dir, String instance) {
        this.dir = dir;
        this.prefix = SafeNames.RESERVED_PREFIX + "resume-" + (instance == null ? "" : instance + "-");
    }

    /**
     * What identifies a source file across connections. {@code mtime} is null when the sender did not send it (any
     * long is a valid time: -1 is 1969-12-31T23:59:59.999Z).
     */
    record Identity(String path, long size, Long mtime, String algorithm) {
        String key() {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                String s = path + "\u0000" + size + "\u0000" + mtimeText() + "\u0000" + algorithm;
                return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)), 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String mtimeText() {
            return mtime == null ? "none" : String.valueOf(mtime);
        }
    }

    /**
     * A file this small with nothing to resume is written to a private temporary, which becomes its partial (with a
     * sidecar) only if the transfer breaks ({@link Claim#keepForResume}): creating a sidecar for every file doubled
     * the cost of a tree of small files, and a receiver killed outright loses at most this much of a partial (that
     * file starts over). A private name also means that another receiver of the same file, on this directory
     * without an instance of its own, never meets bytes in flight under the shared partial's name.
     */
    static final long EAGER_SIDECAR_SIZE = 1 << 20;

    /** A partial claimed by one transfer; {@link #release()} when the transfer is over, whatever happened. */
    final class Claim {
        final Identity identity;
        final PartialOwner owner;
        final String key;
        final Path part;
        final Path meta;
        /** Whether the data goes to a private temporary, not to {@link #part} (see {@link #EAGER_SIDECAR_SIZE}). */
        private boolean privately;

        Claim(Identity identity, PartialOwner owner, String key) {
            this.identity = identity;
            this.owner = owner;
            this.key = key;
            this.part = dir.root().resolve(prefix + key + ".part");
            this.meta = dir.root().resolve(prefix + key + ".meta");
        }

        /**
         * Opens the partial for appending: the existing one if its sidecar matches this identity, else a new empty
         * one (any stale data under the key is dropped first), or for a small file a private temporary.
         */
        TempFile open(Set<PosixFilePermission> mode) throws FileTransferException {
            if (!matchingSidecar()) {
                if (identity.size() < EAGER_SIDECAR_SIZE) {
                    privately = true;
                    return dir.newTemporary(mode);
                }
                removeKeyFiles();
                writeSidecar();
            }
            TempFile t = dir.openPartial(part, mode);
            if (t.size() > identity.size()) { // cannot be ours: start over
                t.truncate(0);
            }
            return t;
        }

        /** The bytes {@link #open} would continue after, looked at without opening anything: 0 when nothing matches. */
        long partialSize() {
            if (!matchingSidecar()) return 0;
            try {
                long n = Files.size(part);
                return n > identity.size() ? 0 : n;
            } catch (IOException e) {
                return 0;
            }
        }

        private boolean matchingSidecar() {
            Properties p = sidecar();
            return p != null && Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) && sameIdentity(p) && sameOwner(p);
        }

        /** A partial of this very file that someone else made: not ours to continue, nor to throw away. */
        boolean heldByAnotherOwner() {
            Properties p = sidecar();
            return p != null && Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) && sameIdentity(p) && !sameOwner(p);
        }

        /** The sidecar's fields, or null when there is none or it cannot be read (then the partial is stale). */
        private Properties sidecar() {
            if (!Files.isRegularFile(meta, LinkOption.NOFOLLOW_LINKS)) return null;
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(Files.newInputStream(meta, LinkOption.NOFOLLOW_LINKS), StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                return null;
            }
            return p;
        }

        private boolean sameIdentity(Properties p) {
            return identity.path().equals(p.getProperty("path"))
                    && String.valueOf(identity.size()).equals(p.getProperty("size"))
                    && identity.mtimeText().equals(p.getProperty("mtime"))
                    && identity.algorithm().equals(p.getProperty("algorithm"));
        }

        private boolean sameOwner(Properties p) {
            return owner.sealedAs(p.getProperty("owner.salt"), p.getProperty("owner"));
        }

        private void writeSidecar() throws FileTransferException {
            Properties p = new Properties();
            p.setProperty("path", identity.path());
            p.setProperty("size", String.valueOf(identity.size()));
            p.setProperty("mtime", identity.mtimeText());
            p.setProperty("algorithm", identity.algorithm());
            String salt = PartialOwner.newSalt();
            p.setProperty("owner.salt", salt);
            p.setProperty("owner", owner.seal(salt));
            Path tmp = meta.resolveSibling(meta.getFileName() + ".new");
            try {
                Files.deleteIfExists(tmp); // a stale one, or a link someone put there: create our own, never write through
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    p.store(w, "ftrun resume data: the source of " + part.getFileName());
                }
                Files.move(tmp, meta, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // swept at the next start
                }
                throw TempFile.diskFailure(e);
            }
        }

        /**
         * The transfer broke: makes {@code written} (closed) the resumable partial, with its sidecar. False if it
         * cannot be (another owner keeps a partial of this file, or the disk failed); then it is to be discarded.
         */
        boolean keepForResume(TempFile written) {
            if (!privately) return true; // the partial and its sidecar are in place already
            if (heldByAnotherOwner()) return false;
            try {
                removeKeyFiles(); // a stale partial of this file
                writeSidecar();
                Files.move(written.path(), part, StandardCopyOption.ATOMIC_MOVE); // rename(2): replaces a planted link itself
                privately = false;
                return true;
            } catch (IOException e) {
                removeKeyFiles();
                return false;
            }
        }

        /**
         * Removes this claim's partial and sidecar (after a commit, a digest mismatch, or a disk failure); nothing
         * while it writes privately: the names under its key are not its own then.
         */
        void discardFiles() {
            if (!privately) removeKeyFiles();
        }

        private void removeKeyFiles() {
            try {
                Files.deleteIfExists(meta);
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // swept at the next start
            }
        }

        void release() {
            busy.remove(key);
        }
    }

    /**
     * Claims the identity for {@code owner}'s transfer, or null (the transfer then gets a private temporary) if
     * another connection is receiving the same file now or another owner's partial of it is kept.
     */
    Claim claim(Identity identity, PartialOwner owner) {
        String key = identity.key();
        if (!busy.add(key)) return null;
        Claim c = new Claim(identity, owner, key);
        if (c.heldByAnotherOwner()) {
            c.release();
            return null;
        }
        return c;
    }
}
