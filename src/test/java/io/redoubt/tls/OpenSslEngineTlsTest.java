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

    /** BoringSSL cannot leave a version out of the middle of a range: forced, the engine warns and accepts it. */
    @Test
    void aVersionLeftOutInTheMiddleIsAcceptedWithAWarning() {
        try (TestServer s = start("tls-protocols=TLSv1.1 TLSv1.3")) {
            assertThat(s.server().tls().current().warnings()).anyMatch(w -> w.startsWith(
                "tls-protocols leaves out TLSv1.2 between versions it enables") && w.contains("not honoured"));
            assertThat(OpenSslTool.ponged(OpenSslTool.sClient(tlsPort(s), certs, true, "-tls1_3"))).isTrue();
        }
    }
}
