package io.ftrun.core.health;

import io.ftrun.core.Connection;
import io.ftrun.core.Handler;
import io.ftrun.core.codec.Codec;
import io.ftrun.core.codec.Codecs;
import io.ftrun.core.Message;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A tiny HTTP/1.0 responder for load balancers and monitoring, run by an ordinary {@link io.ftrun.core.Server} on
 * its own port: one request per connection, then close.
 * <ul>
 *   <li>{@code GET /health}: 200 {@code ok}, or 503 {@code draining} once drain mode started (HAProxy's
 *       {@code option httpchk GET /health}, or a plain TCP check, both work)</li>
 *   <li>{@code GET /metrics}: the {@link ServerMetrics} in the Prometheus text format</li>
 *   <li>{@code POST /drain}: starts drain mode (202); the health check turns 503 at once. Only peers that
 *       {@link DrainAccess} allows may drain (loopback by default): others get 403, or 401 without the token,
 *       and each such attempt is reported as a warning.</li>
 * </ul>
 * Anything else is 404 (405 for a wrong method). Requests are bounded: an 8 KiB line, 100 header lines.
 */
public final class HealthHandler implements Handler {
    private static final Codec LINES = Codecs.lines("\n", StandardCharsets.US_ASCII, 8192);
    private static final int MAX_HEADERS = 100;
    private static final long MAX_BODY = 64 * 1024;

    private final ServerMetrics metrics;
    private final Drain drain;
    private final DrainAccess access;
    private final Consumer<String> warnings;

    /** Drain only from this machine; refused attempts are not reported. */
    public HealthHandler(ServerMetrics metrics, Drain drain) {
        this(metrics, drain, DrainAccess.LOCAL, message -> { });
    }

    /** @param warnings told of every refused drain attempt (who, and why) */
    public HealthHandler(ServerMetrics metrics, Drain drain, DrainAccess access, Consumer<String> warnings) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.drain = Objects.requireNonNull(drain, "drain");
        this.access = Objects.requireNonNull(access, "drain access");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
    }

    @Override
    public void handle(Connection conn) throws Exception {
        Message requestLine = conn.receive(LINES);
        if (requestLine == null) return; // a plain TCP health check: connect, close
        String[] parts = requestLine.text().split(" ");
        long body = 0;
        String authorization = null;
        for (int i = 0; i < MAX_HEADERS; i++) {
            Message h = conn.receive(LINES);
            if (h == null || h.text().isEmpty()) break;
            String header = h.text().toLowerCase(Locale.ROOT);
            if (header.startsWith("content-length:")) body = parseLength(header.substring(15).trim());
            if (header.startsWith("authorization:")) authorization = h.text().substring(14);
        }
        if (parts.length < 2) {
            respond(conn, 400, "Bad Request", "text/plain", "bad request\n", null);
            return;
        }
        // Read what a POST carries (we need none of it): closing with unread bytes would reset the connection
        // and could destroy the answer before the client reads it.
        byte[] sink = new byte[4096];
        for (long left = Math.min(body, MAX_BODY); left > 0; ) {
            int n = conn.input().read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) break;
            left -= n;
        }
        String method = parts[0];
        String path = parts[1].contains("?") ? parts[1].substring(0, parts[1].indexOf('?')) : parts[1];
        boolean read = method.equals("GET") || method.equals("HEAD");
        switch (path) {
            case "/health":
                if (!read) respond(conn, 405, "Method Not Allowed", "text/plain", "use GET\n", "Allow: GET, HEAD");
                else if (drain.isDraining()) respond(conn, 503, "Service Unavailable", "text/plain", "draining\n", null, method);
                else respond(conn, 200, "OK", "text/plain", "ok\n", null, method);
                break;
            case "/metrics":
                if (!read) respond(conn, 405, "Method Not Allowed", "text/plain", "use GET\n", "Allow: GET, HEAD");
                else respond(conn, 200, "OK", "text/plain; version=0.0.4", metrics.prometheus(drain.isDraining()), null, method);
                break;
            case "/drain":
                if (!method.equals("POST")) {
                    respond(conn, 405, "Method Not Allowed", "text/plain", "use POST to start draining\n", "Allow: POST");
                } else {
                    drainIfAllowed(conn, authorization);
                }
                break;
            default:
                respond(conn, 404, "Not Found", "text/plain", "not found: try /health, /metrics or POST /drain\n", null);
        }
    }

    private void drainIfAllowed(Connection conn, String authorization) throws Exception {
        java.net.InetAddress peer = conn.remoteAddress().getAddress();
        switch (access.decide(peer, authorization)) {
            case ALLOWED -> {
                drain.start();
                respond(conn, 202, "Accepted", "text/plain", "draining\n", null);
            }
            case FORBIDDEN -> {
                warnings.accept("health: refused POST /drain from " + peer.getHostAddress()
                        + ": only " + String.join(", ", access.allowedFrom()) + " may drain (see drainFrom)");
                respond(conn, 403, "Forbidden", "text/plain", "drain is not allowed from this address\n", null);
            }
            case UNAUTHORIZED -> {
                warnings.accept("health: refused POST /drain from " + peer.getHostAddress() + ": "
                        + (authorization == null ? "no" : "a wrong") + " drain token");
                respond(conn, 401, "Unauthorized", "text/plain", "a drain needs the token: Authorization: Bearer <token>\n",
                        "WWW-Authenticate: Bearer");
            }
        }
    }

    private static long parseLength(String v) {
        try {
            return Math.max(0, Long.parseLong(v));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void respond(Connection conn, int status, String reason, String type, String body, String extraHeader) throws Exception {
        respond(conn, status, reason, type, body, extraHeader, "GET");
    }

    private static void respond(Connection conn, int status, String reason, String type, String body, String extraHeader, String method) throws Exception {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.0 " + status + " " + reason + "\r\n"
                + "Content-Type: " + type + "; charset=utf-8\r\n"
                + "Content-Length: " + content.length + "\r\n"
                + (extraHeader == null ? "" : extraHeader + "\r\n")
                + "Cache-Control: no-store\r\n"
                + "Connection: close\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        conn.write(h, 0, h.length);
        if (!method.equals("HEAD")) conn.write(content, 0, content.length);
        conn.shutdownOutput();
    }
}
