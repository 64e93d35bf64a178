package io.ftrun.dsl;

import io.ftrun.core.Server;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code server { }} returns: a reference to the server that will run. Its port is known once the server
 * has started, so a client can {@code connect inbox} to a server on port 0 (resolved lazily at connect time).
 */
public final class ServerHandle {
    private final String name;
    private final AtomicReference<Server> running = new AtomicReference<>();

    ServerHandle(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    /** The bound port; only known once the server has started. */
    public int getPort() {
        return server().port();
    }

    /** The address clients should use: loopback when the server listens on all interfaces. */
    public String getHost() {
        String h = server().address().getAddress().getHostAddress();
        return h.equals("0.0.0.0") || h.equals("::") || h.equals("0:0:0:0:0:0:0:0") ? "127.0.0.1" : h;
    }

    /** The running server, for code that needs the engine directly. */
    public Server server() {
        Server s = running.get();
        if (s == null) {
            throw new DslException("server '" + name + "' has not started yet: use its port inside a client,"
                    + " handler or afterClients block, which run once the servers are up");
        }
        return s;
    }

    void started(Server s) {
        running.set(s);
    }

    @Override
    public String toString() {
        Server s = running.get();
        return "server '" + name + "'" + (s == null ? "" : " on port " + s.port());
    }
}
