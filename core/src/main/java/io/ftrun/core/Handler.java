package io.ftrun.core;

/**
 * Serves one connection. Runs on the thread the server's {@link Concurrency} gives it; the connection is closed
 * when it returns or throws. An exception ends only this connection, never the server.
 */
@FunctionalInterface
public interface Handler {
    void handle(Connection connection) throws Exception;

    /** How this handler's peers are treated when the server is at a limit; by default they read a refusal line. */
    default AtLimit atLimit() {
        return AtLimit.refuse();
    }

    /** This handler, with another {@link AtLimit} policy. */
    default Handler withAtLimit(AtLimit policy) {
        Handler self = this;
        return new Handler() {
            @Override
            public void handle(Connection connection) throws Exception {
                self.handle(connection);
            }

            @Override
            public AtLimit atLimit() {
                return policy;
            }
        };
    }
}
