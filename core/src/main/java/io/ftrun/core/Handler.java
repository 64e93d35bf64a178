package io.ftrun.core;

/**
 * Serves one connection. Runs on the thread the server's {@link Concurrency} gives it; the connection is closed
 * when it returns or throws. An exception ends only this connection, never the server.
 */
@FunctionalInterface
public interface Handler {
    void handle(Connection connection) throws Exception;
}
