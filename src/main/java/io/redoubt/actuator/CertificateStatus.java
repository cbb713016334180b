package io.redoubt.actuator;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Where a certificate stands in its validity period, judged at one instant against the warning threshold. */
public enum CertificateStatus {
    VALID, EXPIRING_SOON, EXPIRED, NOT_YET_VALID;

    public static CertificateStatus of(X509Certificate c, Instant now, Duration warning) {
        if (now.isBefore(c.getNotBefore().toInstant())) {
            return NOT_YET_VALID;
        }
        Instant notAfter = c.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return EXPIRED;
        }
        return now.plus(warning).isAfter(notAfter) ? EXPIRING_SOON : VALID;
    }
}
