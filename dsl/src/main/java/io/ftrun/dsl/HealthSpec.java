package io.ftrun.dsl;

import io.ftrun.core.Concurrency;
import io.ftrun.core.Server;
import io.ftrun.core.ServerConfig;
import io.ftrun.core.health.Drain;
import io.ftrun.core.health.HealthHandler;
import io.ftrun.core.health.ServerMetrics;
import io.ftrun.dsl.internal.Values;

import java.io.IOException;
import java.time.Duration;

/**
 * {@code health { port 8081 }}: a port for the load balancer's health check and for monitoring, answering
 * {@code GET /health} (200, or 503 while draining), {@code GET /metrics} (Prometheus text) and {@code POST /drain}
 * (stop accepting, let transfers in flight finish within {@code drainTimeout}, then end the run).
 */
public final class HealthSpec extends Spec {
    private final ServerHandle handle = new ServerHandle("health");
    private final ServerConfig.Builder builder = ServerConfig.builder().name("health")
            // one short request per connection: a stuck checker must not hold a thread for long
            .idleTimeout(Duration.ofSeconds(5)).writeTimeout(Duration.ofSeconds(5)).shutdownGrace(Duration.ofSeconds(1))
            .concurrency(Concurrency.threads()).maxConnections(64);
    private Duration drainTimeout = Duration.ofMinutes(5);
    private boolean portSet;

    HealthSpec(ScriptModel model) {
        super(model, "health");
    }

    /** The address to listen on; all interfaces by default (the balancer must reach it). */
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
    Server start(ServerMetrics metrics, Drain drain) throws IOException {
        Server s = Server.start(builder.handler(new HealthHandler(metrics, drain)).build());
        handle.started(s);
        return s;
    }
}
