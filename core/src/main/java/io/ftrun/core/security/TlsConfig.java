package io.ftrun.core.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * TLS for a server or a client (TLS 1.3, and 1.2 for older peers; nothing older). Immutable; build with
 * {@link #builder()} and pass it to {@code ServerConfig.builder().tls(...)} or {@code ClientConfig.builder().tls(...)}.
 *
 * <ul>
 *   <li><b>identity</b> — our certificate and key: a PEM certificate chain with a PEM (PKCS#8) private key, or a
 *       PKCS#12 key store. A server needs one; a client only for mutual TLS.</li>
 *   <li><b>trust</b> — PEM certificates of the authorities we accept. On a server, setting it asks every client for a
 *       certificate signed by one of them (mutual TLS). On a client it replaces the JDK's public authorities.</li>
 *   <li><b>pins</b> (client) — {@code sha256/BASE64} of the server's public key (its SubjectPublicKeyInfo, the
 *       HPKP/OkHttp format). With trust as well, the chain must be valid <em>and</em> the key pinned; with pins
 *       alone, the pinned key itself is the trust anchor (a self-signed server is fine, no host name check).</li>
 * </ul>
 * Files are read when the server or client starts, so a missing or broken file fails there with its name.
 */
public final class TlsConfig {
    /** The protocol versions offered: TLS 1.3 first, TLS 1.2 for peers without 1.3. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    private static final Pattern PIN = Pattern.compile("sha256/[A-Za-z0-9+/]{43}=");

    private final Path certificateChain;
    private final Path privateKey;
    private final Path keyStore;
    private final char[] keyStorePassword;
    private final Path trust;
    private final boolean requireClientCertificate;
    private final List<String> pins;
    private final boolean verifyHostname;
    private final Duration handshakeTimeout;
    private final List<String> protocols;

    private TlsConfig(Builder b) {
        if ((b.certificateChain == null) != (b.privateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate chain and its private key (or a PKCS#12 key store)");
        }
        if (b.certificateChain != null && b.keyStore != null) {
            throw new IllegalArgumentException("TLS identity given twice: use PEM files or a PKCS#12 key store, not both");
        }
        this.certificateChain = b.certificateChain;
        this.privateKey = b.privateKey;
        this.keyStore = b.keyStore;
        this.keyStorePassword = b.keyStorePassword == null ? new char[0] : b.keyStorePassword.clone();
        this.trust = b.trust;
        this.requireClientCertificate = b.trust != null;
        this.pins = List.copyOf(b.pins);
        this.verifyHostname = b.verifyHostname;
        this.handshakeTimeout = b.handshakeTimeout;
        this.protocols = List.copyOf(b.protocols);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** PEM file with our certificate first, then any intermediates; null when the identity is a key store or absent. */
    public Path certificateChain() { return certificateChain; }
    /** PEM file with our PKCS#8 private key ({@code BEGIN PRIVATE KEY}). */
    public Path privateKey() { return privateKey; }
    /** PKCS#12 file holding our key and certificate chain. */
    public Path keyStore() { return keyStore; }
    /** The key store's password (a copy). */
    public char[] keyStorePassword() { return keyStorePassword.clone(); }
    /** True when a certificate and key (PEM or PKCS#12) are configured. */
    public boolean hasIdentity() { return certificateChain != null || keyStore != null; }
    /** PEM file of trusted authorities; null: the JDK's (client) or no client certificates (server). */
    public Path trust() { return trust; }
    /** Server: whether clients must present a certificate signed by {@link #trust()} (set together with it). */
    public boolean requireClientCertificate() { return requireClientCertificate; }
    /** Client: accepted server keys, {@code sha256/BASE64}. */
    public List<String> pins() { return pins; }
    /** Client: whether the server's certificate must name the host connected to (when it is checked against trust). */
    public boolean verifyHostname() { return verifyHostname; }
    /** How long a peer may take to complete the handshake before it is cut off. */
    public Duration handshakeTimeout() { return handshakeTimeout; }
    /** Enabled protocol versions, a subset of {@link #PROTOCOLS}. */
    public List<String> protocols() { return protocols; }

    /**
     * The pin of the (first) certificate in a PEM file, {@code sha256/BASE64}: what a client's {@code pin} expects.
     * The same as {@code openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst
     * -sha256 -binary | base64}.
     */
    public static String pinOf(Path certificatePem) throws java.io.IOException {
        return io.ftrun.core.internal.tls.Pins.of(io.ftrun.core.internal.tls.Pem.certificates(certificatePem).get(0));
    }

    @Override
    public String toString() {
        // never the password; paths only
        return "TLS(" + String.join("/", protocols) + (hasIdentity() ? ", identity " + (keyStore != null ? keyStore : certificateChain) : "")
                + (trust != null ? ", trust " + trust : "") + (pins.isEmpty() ? "" : ", " + pins.size() + " pin(s)") + ")";
    }

    public static final class Builder {
        private Path certificateChain;
        private Path privateKey;
        private Path keyStore;
        private char[] keyStorePassword;
        private Path trust;
        private final List<String> pins = new ArrayList<>();
        private boolean verifyHostname = true;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private final List<String> protocols = new ArrayList<>(PROTOCOLS);

        private Builder() {
        }

        /** Our identity from PEM: the certificate chain (ours first) and the PKCS#8 private key. */
        public Builder certificate(Path chainPem, Path privateKeyPem) {
            this.certificateChain = Objects.requireNonNull(chainPem, "certificate chain");
            this.privateKey = Objects.requireNonNull(privateKeyPem, "private key");
            return this;
        }

        /** Our identity from a PKCS#12 file; the password comes from a file or the environment ({@link Secrets}). */
        public Builder keyStore(Path pkcs12, char[] password) {
            this.keyStore = Objects.requireNonNull(pkcs12, "key store");
            this.keyStorePassword = password == null ? new char[0] : password.clone();
            return this;
        }

        /** Authorities we trust (PEM). On a server this turns on mutual TLS: clients must present a certificate. */
        public Builder trust(Path caPem) {
            this.trust = Objects.requireNonNull(caPem, "trust");
            return this;
        }

        /** Client: accept only a server whose public key has this pin, {@code sha256/BASE64}. May be given several times. */
        public Builder pin(String pin) {
            Objects.requireNonNull(pin, "pin");
            if (!PIN.matcher(pin.trim()).matches()) {
                throw new IllegalArgumentException("a pin looks like sha256/ followed by 44 base64 characters"
                        + " (the SHA-256 of the server's public key), not '" + pin + "'");
            }
            this.pins.add(pin.trim());
            return this;
        }

        public Builder verifyHostname(boolean on) { this.verifyHostname = on; return this; }

        public Builder handshakeTimeout(Duration d) {
            Objects.requireNonNull(d, "handshakeTimeout");
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("handshakeTimeout must be positive, was " + d);
            this.handshakeTimeout = d;
            return this;
        }

        /** Restricts the versions, e.g. {@code protocols("TLSv1.3")}. Only TLS 1.3 and 1.2 exist here. */
        public Builder protocols(String... versions) {
            List<String> chosen = new ArrayList<>();
            for (String v : versions) {
                String canonical = canonicalProtocol(v);
                if (!chosen.contains(canonical)) chosen.add(canonical);
            }
            if (chosen.isEmpty()) throw new IllegalArgumentException("at least one TLS protocol version is needed");
            protocols.clear();
            protocols.addAll(chosen);
            return this;
        }

        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }

    private static String canonicalProtocol(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        switch (s) {
            case "tlsv1.3": case "tls1.3": case "1.3": return "TLSv1.3";
            case "tlsv1.2": case "tls1.2": case "1.2": return "TLSv1.2";
            default: throw new IllegalArgumentException("TLS protocol '" + v + "' is not offered (only TLSv1.3 and TLSv1.2)");
        }
    }
}
