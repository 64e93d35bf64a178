package io.ftrun.core.internal.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Public-key pins in the HPKP/OkHttp format: {@code sha256/} and the base64 SHA-256 of the SubjectPublicKeyInfo. */
public final class Pins {
    private Pins() {
    }

    public static String of(X509Certificate certificate) {
        try {
            // getEncoded() of a certificate's public key is its DER SubjectPublicKeyInfo
            byte[] spki = certificate.getPublicKey().getEncoded();
            return "sha256/" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
