package io.ftrun.core.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away certificates for TLS tests, made when a test run first asks for them, with the JDK's {@code keytool}
 * (no private key is ever committed). Short-lived (2 days), EC P-256, for 127.0.0.1 and localhost only:
 * <pre>
 *   ca.pem                     the test authority
 *   server.pem, server.key     server chain (server, ca) and PKCS#8 key; server.p12 (password in server.p12.pass)
 *   client.pem, client.key     a client certificate from the same authority (mutual TLS)
 *   client2.pem, client2.key   a second client of that authority, with another name
 *   rogue.pem, rogue.key       a self-signed server certificate nobody trusts
 *   other-ca.pem               an authority that signed none of these
 * </pre>
 */
public final class TestPki {
    private static final String PASS = "test-only-" + Long.toHexString(System.nanoTime());
    private static Path made;

    private final Path dir;

    private TestPki(Path dir) {
        this.dir = dir;
    }

    /** The PKI of this test run (made once, under target/). */
    public static synchronized TestPki get() {
        try {
            if (made == null) made = make(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "test-pki-"));
            return new TestPki(made);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make test certificates: " + e.getMessage(), e);
        }
    }

    public Path dir() { return dir; }
    public Path ca() { return dir.resolve("ca.pem"); }
    public Path serverChain() { return dir.resolve("server.pem"); }
    public Path serverKey() { return dir.resolve("server.key"); }
    public Path serverP12() { return dir.resolve("server.p12"); }
    public Path serverP12PasswordFile() { return dir.resolve("server.p12.pass"); }
    public Path clientChain() { return dir.resolve("client.pem"); }
    public Path clientKey() { return dir.resolve("client.key"); }
    public Path secondClientChain() { return dir.resolve("client2.pem"); }
    public Path secondClientKey() { return dir.resolve("client2.key"); }
    public Path rogueChain() { return dir.resolve("rogue.pem"); }
    public Path rogueKey() { return dir.resolve("rogue.key"); }
    public Path otherCa() { return dir.resolve("other-ca.pem"); }

    public X509Certificate serverCertificate() {
        return first(serverChain());
    }

    public X509Certificate rogueCertificate() {
        return first(rogueChain());
    }

    private static X509Certificate first(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificates(in).iterator().next();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path make(Path d) throws IOException {
        String san = "san=ip:127.0.0.1,dns:localhost";
        // independent key pairs in parallel: each keytool is a JVM start
        await(keytool(d, "-genkeypair", "-alias", "ca", "-dname", "CN=ftrun test CA", "-ext", "bc:c", "-keystore", "ca.p12"),
                keytool(d, "-genkeypair", "-alias", "server", "-dname", "CN=localhost", "-keystore", "server-self.p12"),
                keytool(d, "-genkeypair", "-alias", "client", "-dname", "CN=ftrun test client", "-keystore", "client-self.p12"),
                keytool(d, "-genkeypair", "-alias", "client2", "-dname", "CN=ftrun second client", "-keystore", "client2-self.p12"),
                keytool(d, "-genkeypair", "-alias", "rogue", "-dname", "CN=localhost", "-ext", san, "-keystore", "rogue.p12"),
                keytool(d, "-genkeypair", "-alias", "other", "-dname", "CN=another CA", "-ext", "bc:c", "-keystore", "other.p12"));
        await(keytool(d, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem"),
                keytool(d, "-exportcert", "-rfc", "-alias", "other", "-keystore", "other.p12", "-file", "other-ca.pem"),
                keytool(d, "-exportcert", "-rfc", "-alias", "rogue", "-keystore", "rogue.p12", "-file", "rogue.pem"),
                keytool(d, "-certreq", "-alias", "server", "-keystore", "server-self.p12", "-file", "server.csr"),
                keytool(d, "-certreq", "-alias", "client", "-keystore", "client-self.p12", "-file", "client.csr"),
                keytool(d, "-certreq", "-alias", "client2", "-keystore", "client2-self.p12", "-file", "client2.csr"));
        await(keytool(d, "-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.crt",
                        "-ext", san, "-ext", "eku=serverAuth"),
                keytool(d, "-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "client.csr", "-outfile", "client.crt",
                        "-ext", "eku=clientAuth"),
                keytool(d, "-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-infile", "client2.csr", "-outfile", "client2.crt",
                        "-ext", "eku=clientAuth"));
        String caPem = Files.readString(d.resolve("ca.pem"));
        Files.writeString(d.resolve("server.pem"), Files.readString(d.resolve("server.crt")) + caPem);
        Files.writeString(d.resolve("client.pem"), Files.readString(d.resolve("client.crt")) + caPem);
        Files.writeString(d.resolve("client2.pem"), Files.readString(d.resolve("client2.crt")) + caPem);
        PrivateKey serverKey = key(d.resolve("server-self.p12"), "server");
        writeKey(serverKey, d.resolve("server.key"));
        writeKey(key(d.resolve("client-self.p12"), "client"), d.resolve("client.key"));
        writeKey(key(d.resolve("client2-self.p12"), "client2"), d.resolve("client2.key"));
        writeKey(key(d.resolve("rogue.p12"), "rogue"), d.resolve("rogue.key"));
        writeP12(serverKey, d, d.resolve("server.p12"));
        Files.writeString(d.resolve("server.p12.pass"), PASS + "\n");
        return d;
    }

    private static Process keytool(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-Xshare:auto"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS, "-noprompt"));
        if (args[0].equals("-genkeypair")) cmd.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2"));
        if (args[0].equals("-gencert")) cmd.addAll(List.of("-validity", "2"));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    private static void await(Process... ps) throws IOException {
        for (Process p : ps) {
            try {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private static PrivateKey key(Path p12, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASS.toCharArray());
            Key k = ks.getKey(alias, PASS.toCharArray());
            return (PrivateKey) k;
        } catch (Exception e) {
            throw new IOException("cannot read " + p12 + ": " + e, e);
        }
    }

    private static void writeKey(PrivateKey key, Path file) throws IOException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + b64 + "\n-----END PRIVATE KEY-----\n");
    }

    private static void writeP12(PrivateKey key, Path d, Path out) throws IOException {
        try (InputStream server = Files.newInputStream(d.resolve("server.crt")); InputStream ca = Files.newInputStream(d.resolve("ca.pem"));
             OutputStream o = Files.newOutputStream(out)) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Certificate[] chain = {cf.generateCertificate(server), cf.generateCertificate(ca)};
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", key, PASS.toCharArray(), chain);
            ks.store(o, PASS.toCharArray());
        } catch (Exception e) {
            throw new IOException("cannot write " + out + ": " + e, e);
        }
    }
}
