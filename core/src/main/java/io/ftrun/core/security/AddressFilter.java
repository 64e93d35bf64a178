package io.ftrun.core.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which remote addresses a server talks to: allow and deny lists of addresses and CIDR ranges, IPv4 and IPv6.
 * A denied address is refused even if allowed (deny wins); with a non-empty allow list, an address must be on it.
 * An IPv4-mapped IPv6 address ({@code ::ffff:10.0.0.7}) is judged as the IPv4 address it is. Immutable.
 */
public final class AddressFilter {
    /** Lets everyone in. */
    public static final AddressFilter ALLOW_ALL = new AddressFilter(List.of(), List.of());

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final List<Range> allow;
    private final List<Range> deny;

    private AddressFilter(List<Range> allow, List<Range> deny) {
        this.allow = List.copyOf(allow);
        this.deny = List.copyOf(deny);
    }

    /** A filter with these lists; each entry an address ({@code 10.0.0.7}, {@code ::1}) or a range ({@code 10.0.0.0/8}). */
    public static AddressFilter of(List<String> allow, List<String> deny) {
        List<Range> a = new ArrayList<>();
        List<Range> d = new ArrayList<>();
        for (String s : allow) a.add(Range.parse(s));
        for (String s : deny) d.add(Range.parse(s));
        return new AddressFilter(a, d);
    }

    public boolean isAllowAll() {
        return allow.isEmpty() && deny.isEmpty();
    }

    /** True when {@code address} may connect. */
    public boolean permits(InetAddress address) {
        byte[] a = normalise(address);
        for (Range r : deny) if (r.contains(a)) return false;
        if (allow.isEmpty()) return true;
        for (Range r : allow) if (r.contains(a)) return true;
        return false;
    }

    public List<String> allowed() {
        return allow.stream().map(Range::toString).toList();
    }

    public List<String> denied() {
        return deny.stream().map(Range::toString).toList();
    }

    @Override
    public String toString() {
        return "allow " + allowed() + " deny " + denied();
    }

    /** The address's bytes, with an IPv4-mapped IPv6 address turned into its 4 IPv4 bytes. */
    static byte[] normalise(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16 && isV4Mapped(b)) {
            byte[] v4 = new byte[4];
            System.arraycopy(b, 12, v4, 0, 4);
            return v4;
        }
        return b;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** One address or CIDR range. */
    record Range(byte[] network, int prefix, String text) {
        static Range parse(String spec) {
            Objects.requireNonNull(spec, "address");
            String s = spec.trim();
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            if (!IPV4.matcher(host).matches() && !(host.indexOf(':') >= 0 && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':'))) {
                // literals only: a host name would need a DNS lookup, done once at start and silently stale after
                throw new IllegalArgumentException("'" + spec + "' is not an IP address or CIDR range (like 10.0.0.0/8 or fd00::/8)");
            }
            byte[] addr;
            try {
                addr = normalise(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + spec + "' is not an IP address or CIDR range (like 10.0.0.0/8 or fd00::/8)");
            }
            int bits = addr.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("'" + spec + "': the prefix length must be 0.." + bits);
                }
            }
            byte[] net = addr.clone();
            for (int i = 0; i < net.length; i++) net[i] &= mask(prefix, i);
            return new Range(net, prefix, slash < 0 ? s : s.substring(0, slash) + "/" + prefix);
        }

        boolean contains(byte[] a) {
            if (a.length != network.length) return false;
            for (int i = 0; i < a.length; i++) {
                if ((a[i] & mask(prefix, i)) != (network[i] & 0xff)) return false;
            }
            return true;
        }

        private static int mask(int prefix, int byteIndex) {
            int bitsHere = Math.max(0, Math.min(8, prefix - byteIndex * 8));
            return (0xff00 >> bitsHere) & 0xff;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
