package io.ftrun.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

/** SO_TIMEOUT speaks int milliseconds, where 0 means "wait forever"; ftrun's durations do too (zero is off). */
final class SocketTimeouts {
    private SocketTimeouts() {
    }

    /** Zero stays zero (no timeout); anything else is at least 1 ms, so a tiny timeout never turns into none. */
    static int millis(Duration d) {
        return d.isZero() ? 0 : (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    /**
     * What a failed read or write says: {@code explained}, why ftrun cut the connection off, when it did; else, for a
     * read past the socket's timeout, whom it waited for and how long ({@code no answer from 127.0.0.1:9999 for 5 s})
     * instead of the JDK's bare "Read timed out"; else {@code e} as it is.
     */
    static IOException named(IOException explained, IOException e, InetSocketAddress from, Duration waited) {
        if (explained != e || !(e instanceof SocketTimeoutException)) return explained;
        long ms = waited.toMillis();
        SocketTimeoutException named = new SocketTimeoutException("no answer from " + from.getAddress().getHostAddress() + ":"
                + from.getPort() + " for " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
        named.initCause(e);
        return named;
    }
}
