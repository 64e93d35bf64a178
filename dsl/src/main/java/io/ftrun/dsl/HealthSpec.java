package io.ftrun.dsl;

import io.ftrun.core.Concurrency;
import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.health.Drain;
import io.ftrun.core.health.DrainAccess;
import io.ftrun.core.health.HealthHandler;
import io.ftrun.core.health.ServerMetrics;
import io.ftrun.dsl.internal.Values;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code health { port 8081 }}: a port for the load balancer's health check and for monitoring, answering
 * {@code GET /health} (200, or 503 while draining), {@code GET /metrics} (Prometheus text) and {@code POST /drain}
 * (stop accepting, let transfers in flight finish within {@code drainTimeout}, then end the run).
 * <p>It listens on loopback unless {@code host} says otherwise, and only loopback may drain unless
 * {@code drainFrom} says otherwise: a drain takes the receiver out of service, so reaching the port to check it
 * must not be enough to stop it.
 */
public final class HealthSpec extends Spec {
    private final ServerHandle handle = new ServerHandle("health");
    private final ServerConfig.Builder builder = ServerConfig.builder().name("health")
            // one short request per connection: a stuck checker must not hold a thread for long
            .idleTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5)).shutdownGrace(Duration.ofSeconds(1))
            .concurrency(Concurrency.threads()).maxConnections(64).host("127.0.0.1");
    private Duration drainTimeout = Duration.ofMinutes(5);
    private List<String> drainFrom = List.of();
    private String drainToken;
    private boolean portSet;

    HealthSpec(ScriptModel model) {
        super(model, "health");
    }

    /**
     * The address to listen on: 127.0.0.1 by default. A balancer on another machine must reach it, so give the
     * address of the interface it uses ({@code host '10.0.0.11'}), not {@code 0.0.0.0}, where you can.
     */
    public void host(String host) {
        set("host", () -> builder.host(host));
    }

    /** The port: {@code port 8081}; 0 picks a free one (then {@code connect health} finds it). */
    public void port(Object port) {
        set("port", () -> builder.port(Values.port(port, "port")));
        portSet = true;
    }

    /** How long transfers in flight may take to finish after {@code POST /drain} before they are aborted (5 min by default). */
    public void drainTimeout(Object d) {
        set("drainTimeout", () -> drainTimeout = Values.duration(d, "drainTimeout"));
    }

    /** Who may {@code POST /drain}: {@code drainFrom '10.0.0.5', '10.1.0.0/16'} (addresses or CIDR ranges; loopback by default). */
    public void drainFrom(String... addressesOrRanges) {
        set("drainFrom", () -> {
            List<String> from = List.of(addressesOrRanges);
            DrainAccess.of(from, drainToken); // checks the addresses now, at the script line
            drainFrom = from;
        });
    }

    /** A drain must also carry {@code Authorization: Bearer <token>}: {@code drainToken new File('/etc/ftrun/drain.token').text.trim()}. */
    public void drainToken(String token) {
        set("drainToken", () -> {
            DrainAccess.of(drainFrom, token);
            drainToken = token;
        });
    }

    DrainAccess drainAccess() {
        return DrainAccess.of(drainFrom, drainToken);
    }

    ServerHandle handle() {
        return handle;
    }

    void validate() {
        if (!portSet) throw new DslException("health { } needs a port, e.g. health { port 8081 }");
    }

    Duration drainTimeout() {
        return drainTimeout;
    }

    /** Starts the endpoint; its own connections are not logged (a balancer checks every few seconds). */
    Server start(ServerMetrics metrics, Drain drain, Consumer<String> warnings) throws IOException {
        HealthHandler handler = new HealthHandler(metrics, drain, drainAccess(), warnings);
        Server s = Server.start(builder.handler(handler).build());
        handle.started(s);
        return s;
    }
}
