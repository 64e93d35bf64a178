package io.ftrun.dsl;

import io.ftrun.dsl.internal.Values;


/**
 * {@code client { tls { trust 'ca.pem'; pin 'sha256/...' } }}: check the server against these authorities (the
 * JDK's public ones when not given) and, if pinned, its public key. {@code certificate} and {@code key} present a
 * client certificate to a server that asks for one.
 */
public final class ClientTlsSpec extends TlsSpec {
    ClientTlsSpec(ScriptModel model) {
        super(model);
    }

    /** The authorities (PEM) the server's certificate must come from. */
    public void trust(Object caPem) {
        set("trust", () -> builder.trust(path(caPem)));
    }

    /** Accepts only a server with this public key: {@code pin 'sha256/BASE64'}. Alone, it trusts that key and nothing else. */
    public void pin(String pin) {
        set("pin", () -> builder.pin(pin));
    }

    /** Whether the server's certificate must name the host connected to (on by default). */
    public void verifyHostname(Object on) {
        set("verifyHostname", () -> builder.verifyHostname(Values.bool(on, "verifyHostname")));
    }
}
