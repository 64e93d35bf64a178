package io.ftrun.core.event;

import io.ftrun.core.CloseReason;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The engine's events. Each is an immutable record; {@link Event#fields()} gives its data in a stable order. */
public final class Events {
    private Events() {
    }

    /**
     * {@code host:port} as logs and events show it: {@code 127.0.0.1:9999}, {@code [::1]:9999}, and a wildcard bind
     * as {@code 0.0.0.0:9999}. Null stays null.
     */
    public static String address(InetSocketAddress a) {
        if (a == null) return null;
        java.net.InetAddress ip = a.getAddress();
        if (ip == null) return a.getHostString() + ":" + a.getPort();
        if (ip.isAnyLocalAddress()) return "0.0.0.0:" + a.getPort();
        String host = ip.getHostAddress();
        return (ip instanceof java.net.Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** An event's fields from name/value pairs, in order; null values are left out. */
    public static Map<String, Object> fields(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public record ServerStarted(Instant time, String server, InetSocketAddress address, String concurrency) implements Event {
        public String type() {
            return "server-started";
        }

        public Map<String, Object> fields() {
            return Events.fields("server", server, "address", Events.address(address), "port", address.getPort(), "concurrency", concurrency);
        }
    }

    public record ServerStopped(Instant time, String server, int completed, int aborted) implements Event {
        public String type() {
            return "server-stopped";
        }

        public Map<String, Object> fields() {
            return Events.fields("server", server, "completed", completed, "aborted", aborted);
        }
    }

    /** @param proxiedBy the load balancer that reported {@code remote} in a PROXY header; null for a direct peer */
    public record ConnectionOpened(Instant time, String owner, long id, InetSocketAddress remote, InetSocketAddress local,
                                   InetSocketAddress proxiedBy) implements Event {
        public ConnectionOpened(Instant time, String owner, long id, InetSocketAddress remote, InetSocketAddress local) {
            this(time, owner, id, remote, local, null);
        }

        public String type() {
            return "connection-opened";
        }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", id, "remote", Events.address(remote), "local", Events.address(local), "proxiedBy", Events.address(proxiedBy));
        }
    }

    public record ConnectionClosed(Instant time, String owner, long id, InetSocketAddress remote, CloseReason reason,
                                   long bytesIn, long bytesOut, Duration duration, String error) implements Event {
        public String type() {
            return "connection-closed";
        }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", id, "remote", Events.address(remote), "reason", reason.name().toLowerCase().replace('_', '-'),
                    "bytesIn", bytesIn, "bytesOut", bytesOut, "millis", duration.toMillis(), "error", error);
        }
    }

    /**
     * Bytes moved so far on one connection, emitted at most once per progress interval while bytes flow (never
     * when nobody listens). For progress bars and live metrics; the final totals are in {@link ConnectionClosed}.
     */
    public record Progress(Instant time, String owner, long id, InetSocketAddress remote, long bytesIn, long bytesOut) implements Event {
        public String type() {
            return "progress";
        }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "id", id, "remote", Events.address(remote), "bytesIn", bytesIn, "bytesOut", bytesOut);
        }
    }

    public record ConnectionRefused(Instant time, String server, InetSocketAddress remote, String why) implements Event {
        public String type() {
            return "connection-refused";
        }

        public Map<String, Object> fields() {
            return Events.fields("server", server, "remote", Events.address(remote), "why", why);
        }
    }

    /** A problem that did not end a connection by itself: accept failures, listener failures, warnings. */
    public record Problem(Instant time, String owner, String phase, String message, boolean warning) implements Event {
        public String type() {
            return warning ? "warning" : "error";
        }

        public Map<String, Object> fields() {
            return Events.fields("owner", owner, "phase", phase, "message", message);
        }
    }

    public static Problem warning(String owner, String phase, String message) {
        return new Problem(Instant.now(), owner, phase, message, true);
    }

    public static Problem error(String owner, String phase, String message) {
        return new Problem(Instant.now(), owner, phase, message, false);
    }
}
