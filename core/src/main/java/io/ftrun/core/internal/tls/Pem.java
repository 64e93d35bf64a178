package io.ftrun.core.internal.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM files with the JDK alone: X.509 certificates, and PKCS#8 private keys (RSA, EC, Ed25519/Ed448). Other
 * key formats get an error that says how to convert them, rather than a second parser.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "EdDSA", "RSASSA-PSS"};

    private Pem() {
    }

    /** Every certificate in the file, in order (ours first, for a chain). */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (var c : cf.generateCertificates(in)) out.add((X509Certificate) c);
        } catch (CertificateException e) {
            throw new IOException("cannot read certificates from " + file + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) throw new IOException("no certificate (-----BEGIN CERTIFICATE-----) in " + file);
        return out;
    }

    /** The PKCS#8 private key in the file ({@code -----BEGIN PRIVATE KEY-----}). */
    public static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("PRIVATE KEY")) return pkcs8(Base64.getMimeDecoder().decode(m.group(2)), file);
            if (type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new IOException(file + " holds an encrypted key; use a PKCS#12 key store with a password instead,"
                        + " or decrypt it: openssl pkcs8 -in " + file.getFileName() + " -out key.pem");
            }
            if (type.endsWith("PRIVATE KEY")) { // RSA PRIVATE KEY (PKCS#1), EC PRIVATE KEY (SEC 1)
                throw new IOException(file + " holds a " + type + "; convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in "
                        + file.getFileName() + " -out key.pem");
            }
        }
        throw new IOException("no private key (-----BEGIN PRIVATE KEY-----) in " + file);
    }

    private static PrivateKey pkcs8(byte[] der, Path file) throws IOException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException wrongAlgorithm) {
                // try the next family
            }
        }
        throw new IOException("cannot read the private key in " + file + " (not an RSA, EC or EdDSA PKCS#8 key)");
    }
}
