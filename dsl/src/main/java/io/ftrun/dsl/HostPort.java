package io.ftrun.dsl;

/**
 * {@code HOST:PORT} as users write it on a command line: {@code localhost:9999}, {@code 10.0.0.7:9999},
 * {@code [::1]:9999}. The built-in commands' {@code --to} and {@code fetch HOST:PORT} read it with {@link #parse}.
 */
public record HostPort(String host, int port) {
    public static HostPort parse(String text, String what) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        String host = colon < 0 ? "" : t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        else if (host.contains(":")) host = "";   // an IPv6 address needs its brackets: [::1]:9999
        if (host.isEmpty() || colon == t.length() - 1) {
            throw new DslException(what + " takes HOST:PORT (localhost:9999, [::1]:9999), not '" + t + "'");
        }
        String port = t.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) throw new NumberFormatException();
            return new HostPort(host, p);
        } catch (NumberFormatException e) {
            throw new DslException(what + ": the port is 1 to 65535, not '" + port + "'");
        }
    }
}
