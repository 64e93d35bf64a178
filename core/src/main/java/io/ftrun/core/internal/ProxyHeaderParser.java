package io.ftrun.core.internal;

import io.ftrun.core.event.Sanitize;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses PROXY protocol headers, versions 1 and 2, as HAProxy's {@code proxy-protocol.txt} specifies them. Pure
 * functions over bytes already read: {@link ProxyHeaderReader} decides how many bytes belong to the header.
 * Addresses are parsed as literals only; nothing here ever resolves a host name.
 */
public final class ProxyHeaderParser {
    /** The v2 signature: chosen so that no v1 header and no common protocol can start with it. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    /** The longest v1 header, CRLF included ({@code PROXY TCP6} with two full IPv6 addresses and ports). */
    static final int V1_MAX = 107;
    /** The shortest header of either version: {@code PROXY UNKNOWN\r\n} is 15 bytes, a v2 header at least 16. */
    static final int MIN_HEADER = 15;
    /** Signature, version/command, family/transport and the 2-byte length. */
    static final int V2_FIXED = 16;

    private static final int V2_INET_BYTES = 12;
    private static final int V2_INET6_BYTES = 36;

    private ProxyHeaderParser() {
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** The length of the v2 address block and TLVs that follow the fixed 16 bytes. */
    static int v2Length(byte[] fixed) {
        return ((fixed[14] & 0xFF) << 8) | (fixed[15] & 0xFF);
    }

    /** Parses a v1 line, given without its CRLF, e.g. {@code PROXY TCP4 192.0.2.1 198.51.100.1 56324 443}. */
    public static ProxyHeader parseV1(byte[] line) throws ProxyHeaderException {
        for (byte b : line) {
            if (b < 0x20 || b > 0x7E) throw new ProxyHeaderException("PROXY v1 header holds a control or non-ASCII byte");
        }
        String text = new String(line, StandardCharsets.US_ASCII);
        String[] f = text.split(" ", -1);
        if (f.length < 2 || !f[0].equals("PROXY")) throw new ProxyHeaderException("not a PROXY v1 header: '" + Sanitize.forLog(text) + "'");
        // UNKNOWN: the balancer could not tell (or will not say); the rest of the line is to be ignored.
        if (f[1].equals("UNKNOWN")) return new ProxyHeader(1, null, null);
        boolean v4 = f[1].equals("TCP4");
        if (!v4 && !f[1].equals("TCP6")) throw new ProxyHeaderException("PROXY v1 protocol must be TCP4, TCP6 or UNKNOWN, not '" + Sanitize.forLog(f[1]) + "'");
        if (f.length != 6) throw new ProxyHeaderException("PROXY v1 " + f[1] + " header needs source, destination and two ports: '" + Sanitize.forLog(text) + "'");
        InetAddress src = v4 ? ipv4(f[2]) : ipv6(f[2]);
        InetAddress dst = v4 ? ipv4(f[3]) : ipv6(f[3]);
        return new ProxyHeader(1, new InetSocketAddress(src, port(f[4])), new InetSocketAddress(dst, port(f[5])));
    }

    /**
     * Parses a v2 header: its fixed 16 bytes and the {@link #v2Length} bytes after them. TLVs after the addresses
     * (TLS details, unique ids, ...) are skipped.
     */
    public static ProxyHeader parseV2(byte[] fixed, byte[] rest) throws ProxyHeaderException {
        if (!startsWith(fixed, V2_SIGNATURE)) throw new ProxyHeaderException("not a PROXY v2 signature");
        int version = (fixed[12] & 0xF0) >> 4;
        int command = fixed[12] & 0x0F;
        if (version != 2) throw new ProxyHeaderException("PROXY v2 header with version " + version);
        if (command == 0) return new ProxyHeader(2, null, null); // LOCAL: the balancer speaking for itself (health checks)
        if (command != 1) throw new ProxyHeaderException("PROXY v2 header with unknown command " + command);
        int family = (fixed[13] & 0xF0) >> 4;
        int transport = fixed[13] & 0x0F;
        switch (family) {
            case 0: // UNSPEC: no address to report
            case 3: // UNIX: the client is local to the balancer, with no IP address to report
                return new ProxyHeader(2, null, null);
            case 1:
            case 2:
                break;
            default:
                throw new ProxyHeaderException("PROXY v2 header with unknown address family " + family);
        }
        if (transport != 1) throw new ProxyHeaderException("PROXY v2 header for transport " + transport + ", not a TCP stream");
        int addressLength = family == 1 ? 4 : 16;
        int needed = family == 1 ? V2_INET_BYTES : V2_INET6_BYTES;
        if (rest.length < needed) throw new ProxyHeaderException("PROXY v2 address block of " + rest.length + " bytes, needs " + needed);
        try {
            InetAddress src = InetAddress.getByAddress(Arrays.copyOfRange(rest, 0, addressLength));
            InetAddress dst = InetAddress.getByAddress(Arrays.copyOfRange(rest, addressLength, 2 * addressLength));
            int sport = ((rest[2 * addressLength] & 0xFF) << 8) | (rest[2 * addressLength + 1] & 0xFF);
            int dport = ((rest[2 * addressLength + 2] & 0xFF) << 8) | (rest[2 * addressLength + 3] & 0xFF);
            return new ProxyHeader(2, new InetSocketAddress(src, sport), new InetSocketAddress(dst, dport));
        } catch (UnknownHostException e) {
            throw new ProxyHeaderException("PROXY v2 address: " + e.getMessage()); // cannot happen for 4 or 16 bytes
        }
    }

    private static InetAddress ipv4(String s) throws ProxyHeaderException {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) throw new ProxyHeaderException("not an IPv4 address: '" + Sanitize.forLog(s) + "'");
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new ProxyHeaderException("not an IPv4 address: '" + Sanitize.forLog(s) + "'");
            }
            int v = Integer.parseInt(p);
            if (v > 255) throw new ProxyHeaderException("not an IPv4 address: '" + Sanitize.forLog(s) + "'");
            b[i] = (byte) v;
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new ProxyHeaderException(e.getMessage());
        }
    }

    private static InetAddress ipv6(String s) throws ProxyHeaderException {
        // Only hex digits, ':' and '.' (an embedded IPv4 tail), and at least one ':': InetAddress then parses a
        // literal and never asks DNS.
        if (s.isEmpty() || s.indexOf(':') < 0 || !s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw new ProxyHeaderException("not an IPv6 address: '" + Sanitize.forLog(s) + "'");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new ProxyHeaderException("not an IPv6 address: '" + Sanitize.forLog(s) + "'");
        }
    }

    private static int port(String s) throws ProxyHeaderException {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new ProxyHeaderException("not a port number: '" + Sanitize.forLog(s) + "'");
        }
        int p = Integer.parseInt(s);
        if (p > 65535) throw new ProxyHeaderException("not a port number: '" + s + "'");
        return p;
    }
}
