package io.ftrun.core.internal;

import java.io.IOException;

/** A connection's PROXY protocol header is missing, malformed, or of a version the server does not accept. */
public final class ProxyHeaderException extends IOException {
    public ProxyHeaderException(String message) {
        super(message);
    }
}
