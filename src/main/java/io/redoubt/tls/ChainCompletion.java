package io.redoubt.tls;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Completes a certificate chain from the CA certificates, as OpenSSL's automatic chain building does for
 * Redis: a tls-cert-file holding only the leaf is sent with its intermediates (and root), so a client that
 * trusts only the root can verify it.
 */
final class ChainCompletion {
    private ChainCompletion() {
    }

    /**
     * The chain with the issuer of its last certificate appended while one is found among the CAs (same
     * name, and its key verifies the signature), preferring a CA within its dates. Stops at a self-signed
     * certificate or when no issuer is found; a certificate never appears twice, so cross-signed CAs cannot
     * make it loop.
     */
    static List<X509Certificate> complete(List<X509Certificate> chain, List<X509Certificate> cas) {
        List<X509Certificate> out = new ArrayList<>(chain);
        X509Certificate last = out.get(out.size() - 1);
        while (!selfSigned(last)) {
            X509Certificate issuer = issuerOf(last, cas, out);
            if (issuer == null) {
                break;
            }
            out.add(issuer);
            last = issuer;
        }
        return out;
    }

    private static X509Certificate issuerOf(X509Certificate cert, List<X509Certificate> cas,
                                            List<X509Certificate> taken) {
        X509Certificate outOfDates = null;
        Date now = new Date();
        for (X509Certificate ca : cas) {
            if (taken.contains(ca) || !ca.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                || !signedBy(cert, ca)) {
                continue;
            }
            if (now.before(ca.getNotBefore()) || now.after(ca.getNotAfter())) {
                if (outOfDates == null) {
                    outOfDates = ca;
                }
                continue;
            }
            return ca;
        }
        return outOfDates;
    }

    static boolean selfSigned(X509Certificate cert) {
        return cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, cert);
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (Exception notThisIssuer) {
            return false;
        }
    }
}
