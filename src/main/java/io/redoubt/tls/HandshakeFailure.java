package io.redoubt.tls;

import io.netty.handler.ssl.NotSslRecordException;
import java.util.Locale;

/** Why a TLS handshake failed, in the few classes operators act on (and metrics count). */
public enum HandshakeFailure {
    PLAINTEXT("plain text on the TLS port"),
    NO_CLIENT_CERTIFICATE("no client certificate"),
    UNTRUSTED("certificate not trusted"),
    PROTOCOL("no common protocol version"),
    CIPHER("no common cipher"),
    TIMEOUT("handshake timed out"),
    OTHER("handshake failed");

    private final String description;

    HandshakeFailure(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static HandshakeFailure classify(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof NotSslRecordException) {
                return PLAINTEXT;
            }
            if (t instanceof java.security.cert.CertificateException) {
                return UNTRUSTED; // the trust manager refused the peer's chain
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (m.contains("timed out")) {
                return TIMEOUT;
            }
            if (m.contains("certificate_required") || m.contains("peer_did_not_return_a_certificate")
                || m.contains("did not return a certificate") || m.contains("empty client certificate chain")
                || m.contains("no_certificate")) {
                return NO_CLIENT_CERTIFICATE;
            }
            if (m.contains("unknown_ca") || m.contains("certificate_verify_failed") || m.contains("pkix")
                || m.contains("bad_certificate") || m.contains("certificate_unknown") || m.contains("unable to find valid certification path")) {
                return UNTRUSTED;
            }
            if (m.contains("protocol_version") || m.contains("unsupported_protocol") || m.contains("version_too")
                || m.contains("no appropriate protocol") || m.contains("client requested protocol")) {
                return PROTOCOL;
            }
            if (m.contains("no_shared_cipher") || m.contains("no cipher suites in common") || m.contains("cipher")) {
                return CIPHER;
            }
        }
        return OTHER;
    }

    /**
     * What to log: the trust manager's own words when it refused the chain ("unable to get local issuer
     * certificate", "Extended key usage does not permit..."), which an OpenSSL engine wraps in "General
     * OpenSslEngine problem"; else the failure's message.
     */
    public static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.security.cert.CertificateException && t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return cause.getMessage();
    }
}
