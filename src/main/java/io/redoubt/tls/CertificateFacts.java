package io.redoubt.tls;

import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Facts about a certificate in the forms INFO and logs show them. */
public final class CertificateFacts {
    private CertificateFacts() {
    }

    /** Serial number as upper-case hex, like {@code openssl x509 -serial} and Valkey's INFO tls. */
    public static String serial(X509Certificate c) {
        return c.getSerialNumber().toString(16).toUpperCase();
    }

    /** Seconds until notAfter (negative once expired). */
    public static long expiresInSeconds(X509Certificate c) {
        return (c.getNotAfter().getTime() - System.currentTimeMillis()) / 1000;
    }

    public static String sha256Fingerprint(X509Certificate c) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
