package io.ftrun.dsl;

import io.ftrun.core.security.TlsConfig;
import io.ftrun.dsl.internal.SecretValues;
import io.ftrun.dsl.internal.Values;

import java.nio.file.Path;
import java.util.Map;

/**
 * What servers and clients both say inside {@code tls { }}: their certificate and key (PEM files, or a PKCS#12 key
 * store whose password comes from a file or the environment), the protocol versions and the handshake timeout.
 */
public abstract class TlsSpec extends Spec {
    protected final TlsConfig.Builder builder = TlsConfig.builder();
    private Path certificate;
    private Path key;

    TlsSpec(ScriptModel model) {
        super(model, "tls");
    }

    protected Path path(Object file) {
        return model.resolve(file);
    }

    /** Our certificate chain, PEM, ours first: {@code certificate 'server.pem'}. Goes with {@code key}. */
    public void certificate(Object chainPem) {
        set("certificate", () -> certificate = path(chainPem));
    }

    /** Our PKCS#8 private key, PEM ({@code -----BEGIN PRIVATE KEY-----}): {@code key 'server.key'}. */
    public void key(Object keyPem) {
        set("key", () -> key = path(keyPem));
    }

    /** Our identity from PKCS#12: {@code keyStore 'server.p12', passwordFile: 'p12.pass'} (or {@code passwordEnv: 'P12_PASSWORD'}). */
    public void keyStore(Map<String, ?> options, Object p12) {
        set("keyStore", () -> {
            for (String k : options.keySet()) {
                if (!k.equals("passwordFile") && !k.equals("passwordEnv")) {
                    throw new DslException("unknown keyStore option '" + k + "' (expected passwordFile or passwordEnv)");
                }
            }
            String password = SecretValues.read(options, "keyStore password", "passwordFile", "passwordEnv", model::resolve);
            builder.keyStore(path(p12), password.toCharArray());
        });
    }

    /** The versions offered: {@code protocols 'TLSv1.3'}; both TLS 1.3 and 1.2 by default, nothing older ever. */
    public void protocols(String... versions) {
        set("protocols", () -> builder.protocols(versions));
    }

    /** How long a peer may take to complete the handshake: {@code handshakeTimeout '5s'} (10 s by default). */
    public void handshakeTimeout(Object d) {
        set("handshakeTimeout", () -> builder.handshakeTimeout(Values.duration(d, "handshakeTimeout")));
    }

    TlsConfig toConfig() {
        if ((certificate == null) != (key == null)) {
            throw new DslException("tls needs both certificate and key (or a keyStore)");
        }
        if (certificate != null) builder.certificate(certificate, key);
        return builder.build();
    }
}
