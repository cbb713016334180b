package io.redoubt.actuator;

import io.redoubt.tls.CertificateFacts;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** One certificate as the tls endpoint shows it. */
public record CertificateView(String subject, String issuer, String serial, List<String> subjectAltNames,
                              String keyAlgorithm, int keySize, String sha256Fingerprint, Instant notBefore,
                              Instant notAfter, long secondsToExpiry, CertificateStatus status) {

    public static CertificateView of(X509Certificate c, Duration warning) {
        Instant now = Instant.now();
        return new CertificateView(c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
            CertificateFacts.serial(c), subjectAltNames(c), c.getPublicKey().getAlgorithm(), keySize(c.getPublicKey()),
            CertificateFacts.sha256Fingerprint(c), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
            CertificateFacts.expiresInSeconds(c), CertificateStatus.of(c, now, warning));
    }

    /** "DNS:localhost", "IP:127.0.0.1", ... as openssl prints them. */
    static List<String> subjectAltNames(X509Certificate c) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = c.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> n : names) {
                    out.add(sanType((Integer) n.get(0)) + ":" + n.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            out.add("unparsable: " + e.getMessage());
        }
        return out;
    }

    private static String sanType(int type) {
        return switch (type) {
            case 1 -> "email";
            case 2 -> "DNS";
            case 6 -> "URI";
            case 7 -> "IP";
            default -> "type" + type;
        };
    }

    static int keySize(PublicKey key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        return switch (key.getAlgorithm()) {
            case "Ed25519" -> 255;
            case "Ed448" -> 448;
            default -> -1;
        };
    }
}
