package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** How a failed handshake is classified and logged, from the exceptions the engines raise. */
class HandshakeFailureTest {
    @Test
    void aRefusalByTheTrustManagerIsUntrustedAndLoggedInItsOwnWords() {
        // what the OpenSSL engine raises when the trust manager refused: its own message, ours as the cause
        Throwable openssl = new SSLHandshakeException("General OpenSslEngine problem").initCause(
            new CertificateException("certificate verify failed: unsupported certificate purpose (Extended key usage "
                + "does not permit use for TLS client authentication)"));
        assertThat(HandshakeFailure.classify(openssl)).isEqualTo(HandshakeFailure.UNTRUSTED);
        assertThat(HandshakeFailure.reason(openssl)).startsWith("certificate verify failed: unsupported certificate purpose");
    }

    @Test
    void otherFailuresKeepTheirMessage() {
        Throwable noCert = new SSLHandshakeException("error:100000c0:SSL routines:OPENSSL_internal:PEER_DID_NOT_RETURN_A_CERTIFICATE");
        assertThat(HandshakeFailure.classify(noCert)).isEqualTo(HandshakeFailure.NO_CLIENT_CERTIFICATE);
        assertThat(HandshakeFailure.reason(noCert)).isEqualTo(noCert.getMessage());
        Throwable plain = new NotSslRecordException("not an SSL/TLS record: 50494e470d0a");
        assertThat(HandshakeFailure.classify(plain)).isEqualTo(HandshakeFailure.PLAINTEXT);
    }
}
