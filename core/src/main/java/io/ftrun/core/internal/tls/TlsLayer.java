package io.ftrun.core.internal.tls;

import io.ftrun.core.security.TlsConfig;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * A {@link TlsConfig} turned into a ready {@link SSLContext}, built once when a server or client starts (so a bad
 * file fails there, by name), and the step that layers TLS over one connected socket.
 */
public final class TlsLayer {
    /** Protects the in-memory key store built from PEM files; it never leaves this process. */
    private static final char[] IN_MEMORY = "ftrun-in-memory".toCharArray();

    private final TlsConfig config;
    private final SSLContext context;
    private final boolean client;
    private final boolean checkHostname;

    private TlsLayer(TlsConfig config, SSLContext context, boolean client, boolean checkHostname) {
        this.config = config;
        this.context = context;
        this.client = client;
        this.checkHostname = checkHostname;
    }

    public static TlsLayer forServer(TlsConfig config) throws IOException {
        if (!config.hasIdentity()) {
            throw new IOException("a TLS server needs a certificate and key (PEM files or a PKCS#12 key store)");
        }
        if (!config.pins().isEmpty()) throw new IOException("pins are for clients: a server checks client certificates against its trust");
        TrustManager[] trust = config.trust() == null ? null : trustManagers(config);
        return new TlsLayer(config, context(keyManagers(config), trust), false, false);
    }

    public static TlsLayer forClient(TlsConfig config) throws IOException {
        KeyManager[] keys = config.hasIdentity() ? keyManagers(config) : null;
        boolean pinsOnly = config.trust() == null && !config.pins().isEmpty();
        X509ExtendedTrustManager delegate = pinsOnly ? null : (X509ExtendedTrustManager) trustManagers(config)[0];
        TrustManager tm = config.pins().isEmpty() ? delegate : new PinningTrustManager(delegate, config.pins());
        // With pins alone the pinned key is the anchor: there is no authority whose name check would mean anything.
        return new TlsLayer(config, context(keys, new TrustManager[]{tm}), true, config.verifyHostname() && !pinsOnly);
    }

    public Duration handshakeTimeout() {
        return config.handshakeTimeout();
    }

    /**
     * TLS over a connected socket, not handshaken yet. Closing the TLS socket closes {@code socket}. On a server,
     * {@code consumed} are bytes already read from the socket (they are the start of the client's handshake).
     */
    public SSLSocket layer(Socket socket, String peerHost, int peerPort, byte[] consumed) throws IOException {
        SSLSocket s;
        if (client) {
            s = (SSLSocket) context.getSocketFactory().createSocket(socket, peerHost, peerPort, true);
        } else {
            InputStream replay = consumed == null || consumed.length == 0 ? null : new ByteArrayInputStream(consumed);
            s = (SSLSocket) context.getSocketFactory().createSocket(socket, replay, true);
        }
        s.setUseClientMode(client);
        SSLParameters p = s.getSSLParameters();
        p.setProtocols(config.protocols().toArray(new String[0]));
        if (!client && config.requireClientCertificate()) p.setNeedClientAuth(true);
        if (checkHostname) p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        return s;
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsConfig config) throws IOException {
        KeyStore ks;
        char[] password;
        if (config.keyStore() != null) {
            password = config.keyStorePassword();
            try (InputStream in = Files.newInputStream(config.keyStore())) {
                ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
            } catch (IOException | GeneralSecurityException e) {
                // "keystore password was incorrect" and the like; the password itself is never part of the message
                throw new IOException("cannot open the PKCS#12 key store " + config.keyStore() + ": " + e.getMessage(), e);
            }
        } else {
            List<X509Certificate> chain = Pem.certificates(config.certificateChain());
            PrivateKey key = Pem.privateKey(config.privateKey());
            checkPair(key, chain.get(0), config);
            password = IN_MEMORY;
            try {
                ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("ftrun", key, password, chain.toArray(new Certificate[0]));
            } catch (IOException | GeneralSecurityException e) {
                throw new IOException("cannot use the key " + config.privateKey() + ": " + e.getMessage(), e);
            }
        }
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, password);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS key: " + e.getMessage(), e);
        }
    }

    /** A key that does not belong to the certificate fails every handshake obscurely; say so at start instead. */
    private static void checkPair(PrivateKey key, X509Certificate cert, TlsConfig config) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "Ed448", "EdDSA" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) return;
        try {
            byte[] probe = "ftrun key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(cert.getPublicKey());
            s.update(probe);
            if (s.verify(sig)) return;
        } catch (GeneralSecurityException e) {
            // a key of another type than the certificate's lands here too
        }
        throw new IOException("the private key " + config.privateKey() + " does not belong to the first certificate in "
                + config.certificateChain());
    }

    private static TrustManager[] trustManagers(TlsConfig config) throws IOException {
        try {
            KeyStore ks = null;
            if (config.trust() != null) {
                ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                int i = 0;
                for (X509Certificate c : Pem.certificates(config.trust())) ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks); // null: the JDK's own authorities
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the trusted certificates " + config.trust() + ": " + e.getMessage(), e);
        }
    }
}
