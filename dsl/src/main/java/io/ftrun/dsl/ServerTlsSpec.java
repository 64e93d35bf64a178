package io.ftrun.dsl;


/**
 * {@code server { tls { certificate 'server.pem'; key 'server.key'; clientCertificates 'ca.pem' } }}: every
 * connection speaks TLS; with {@code clientCertificates}, only clients holding a certificate from those
 * authorities get in (mutual TLS).
 */
public final class ServerTlsSpec extends TlsSpec {
    ServerTlsSpec(ScriptModel model) {
        super(model);
    }

    /** Asks every client for a certificate signed by one of these authorities (PEM): mutual TLS. */
    public void clientCertificates(Object caPem) {
        set("clientCertificates", () -> builder.trust(path(caPem)));
    }

    @Override
    io.ftrun.core.security.TlsConfig toConfig() {
        io.ftrun.core.security.TlsConfig c = super.toConfig();
        if (!c.hasIdentity()) throw new DslException("a TLS server needs its certificate and key (or a keyStore)");
        return c;
    }
}
