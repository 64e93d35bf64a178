package io.ftrun.core.support;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** PROXY protocol headers as a load balancer writes them, for tests that play the balancer. */
public final class ProxyHeaders {
    public static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeaders() {
    }

    /** {@code PROXY TCP4 src dst sport dport\r\n} (or TCP6 for IPv6 addresses). */
    public static byte[] v1(InetSocketAddress src, InetSocketAddress dst) {
        String family = src.getAddress().getAddress().length == 4 ? "TCP4" : "TCP6";
        return ("PROXY " + family + " " + src.getAddress().getHostAddress() + " " + dst.getAddress().getHostAddress()
                + " " + src.getPort() + " " + dst.getPort() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A v2 PROXY command over TCP, with {@code tlv} appended after the addresses (HAProxy adds such extras). */
    public static byte[] v2(InetSocketAddress src, InetSocketAddress dst, byte[] tlv) {
        byte[] s = src.getAddress().getAddress();
        byte[] d = dst.getAddress().getAddress();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(s);
        body.writeBytes(d);
        body.write(src.getPort() >> 8);
        body.write(src.getPort());
        body.write(dst.getPort() >> 8);
        body.write(dst.getPort());
        body.writeBytes(tlv);
        return v2Raw(0x21, s.length == 4 ? 0x11 : 0x21, body.toByteArray());
    }

    /** The v2 LOCAL command a balancer uses for its own health checks: no addresses. */
    public static byte[] v2Local() {
        return v2Raw(0x20, 0x00, new byte[0]);
    }

    /** Any v2 header: version/command byte, family/transport byte, and the bytes after the length. */
    public static byte[] v2Raw(int versionCommand, int familyTransport, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(V2_SIGNATURE);
        out.write(versionCommand);
        out.write(familyTransport);
        out.write(body.length >> 8);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }

    public static InetSocketAddress address(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    public static byte[] concat(byte[] a, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
