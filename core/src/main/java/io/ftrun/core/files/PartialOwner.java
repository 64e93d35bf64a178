package io.ftrun.core.files;

import io.ftrun.core.internal.BigEndian;
import io.ftrun.core.Connection;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Who made a resumable partial, as far as the receiver can tell, and so who may continue it: the session's token
 * (when the receiver has one), the name mutual TLS gave the peer (when it named one), and the resume tag of the
 * sender's file (only a holder of the file's first bytes can compute it, see {@link ResumeProof}). The sidecar
 * keeps a salted SHA-256 of these, never the token or the tag themselves.
 */
final class PartialOwner {
    private static final int SALT_BYTES = 16;

    private final byte[] canonical;

    private PartialOwner(String token, Object tlsPeer, byte[] tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part(out, token == null ? "" : "token " + token);
        part(out, tlsPeer == null ? "" : "tls " + tlsPeer);
        part(out, "tag " + HexFormat.of().formatHex(tag));
        this.canonical = out.toByteArray();
    }

    /** The owner of what {@code conn} sends now: {@code token} is the receiver's (a session got past HELLO with it). */
    static PartialOwner of(Connection conn, String token, byte[] resumeTag) {
        return new PartialOwner(token, conn.attributes().get(Connection.TLS_PEER), resumeTag);
    }

    static String newSalt() {
        return HexFormat.of().formatHex(ResumeProof.randomBytes(SALT_BYTES));
    }

    /** The form the sidecar keeps, under {@code salt} (hex). */
    String seal(String salt) {
        Digests.Digester d = Digests.create(Digests.SHA256);
        byte[] s = salt.getBytes(StandardCharsets.US_ASCII);
        d.update(s, 0, s.length);
        d.update(canonical, 0, canonical.length);
        return HexFormat.of().formatHex(d.finish());
    }

    /** Whether {@code sealed} (from a sidecar) is this owner under {@code salt}; constant time. */
    boolean sealedAs(String salt, String sealed) {
        if (salt == null || sealed == null) return false;
        return MessageDigest.isEqual(seal(salt).getBytes(StandardCharsets.US_ASCII), sealed.getBytes(StandardCharsets.US_ASCII));
    }

    /** Length-prefixed, so no two different owners have the same canonical bytes. */
    private static void part(ByteArrayOutputStream out, String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(BigEndian.bytes(b.length));
        out.writeBytes(b);
    }
}
