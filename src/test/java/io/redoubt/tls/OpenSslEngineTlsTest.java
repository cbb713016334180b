package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.OpenSslTool;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import org.junit.jupiter.api.Test;

/** The TLS listener tests with the OpenSSL (BoringSSL) engine, and what only that engine does. */
class OpenSslEngineTlsTest extends TlsListenerTestBase {
    @Override
    String engine() {
        return "openssl";
    }

    /** As from Redis (OpenSSL): the refusal says why, where BoringSSL alone would send "internal error". */
    @Test
    void aClientCertificateFromAnUntrustedCaGetsTheUnknownCaAlert() {
        TestCerts stranger = TestCerts.fresh();
        try (TestServer s = start()) {
            for (String version : new String[] {"-tls1_2", "-tls1_3"}) {
                String out = OpenSslTool.sClient(tlsPort(s), certs, false, version, "-cert",
                    stranger.clientCert.toString(), "-key", stranger.clientKey.toString());
                assertThat(OpenSslTool.ponged(out)).isFalse();
                assertThat(out).as(version).contains("alert unknown ca");
            }
        }
    }
}
