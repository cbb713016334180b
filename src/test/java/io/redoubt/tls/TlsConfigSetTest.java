package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.OpenSsl;
import io.redoubt.support.OpenSslTool;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RedisTools;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;

/**
 * Which CONFIG SETs read the TLS files again, as Redis 7 decides it: the file directives always (setting the
 * same path is how users rotate), the other TLS directives only when their value changes, tls-auth-clients and
 * tls-port never. So a rotation caught half-written (a new certificate beside the old key) fails only what
 * reads the files. Also tls-protocols, checked when contexts are built as Redis checks it.
 */
class TlsConfigSetTest {
    private static final String UNABLE = " - Unable to update TLS configuration. Check server logs.";

    private static RawConnection.Error refused(String argument) {
        return new RawConnection.Error("ERR CONFIG SET failed (possibly related to argument '" + argument + "')" + UNABLE);
    }

    @Test
    void aHalfWrittenRotationFailsOnlyWhatReadsTheFiles() throws Exception {
        TestCerts mine = TestCerts.fresh(); // files of its own, to break
        int tlsPort = TestServer.freePort();
        try (TestServer s = TestServer.start(mine.serverDirectives(tlsPort, "--redoubt.tls-auto-reload=false"));
             RawConnection c = new RawConnection(s.port())) {
            TestCerts other = TestCerts.fresh();
            Files.copy(other.serverCert, mine.serverCert, StandardCopyOption.REPLACE_EXISTING); // its key is not there yet
            long generation = generation(s);

            assertThat(c.call("CONFIG", "SET", "tls-auth-clients", "optional")).isEqualTo("OK");
            assertThat(RedisTools.cliTls(mine, tlsPort, false, "PING")).as("optional is in force").isEqualTo("PONG");
            int newPort = TestServer.freePort();
            assertThat(c.call("CONFIG", "SET", "tls-port", Integer.toString(newPort))).isEqualTo("OK");
            assertThat(RedisTools.cliTls(mine, newPort, true, "PING")).isEqualTo("PONG");
            assertThat(c.call("CONFIG", "SET", "tls-key-file-pass", "")).as("unchanged").isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "tls-session-cache-size", "20480")).as("unchanged").isEqualTo("OK");

            assertThat(c.call("CONFIG", "SET", "tls-cert-file", mine.serverCert.toString())).isEqualTo(refused("tls-cert-file"));
            assertThat(c.call("CONFIG", "SET", "tls-auth-clients", "no", "tls-cert-file", mine.serverCert.toString()))
                .as("the error names the directive that read the files").isEqualTo(refused("tls-cert-file"));
            assertThat(c.call("CONFIG", "GET", "tls-auth-clients")).isEqualTo(java.util.List.of("tls-auth-clients", "optional"));
            assertThat(generation(s)).as("one new generation: tls-auth-clients optional").isEqualTo(generation + 1);
            assertThat(RedisTools.cliTls(mine, newPort, true, "PING")).as("the old material still serves").isEqualTo("PONG");
        }
    }

    @Test
    void tlsAuthClientsSetWhileTlsIsOffHoldsWhenTlsComesBack() throws Exception {
        TestCerts certs = TestCerts.shared();
        int tlsPort = TestServer.freePort();
        try (TestServer s = TestServer.start(certs.serverDirectives(tlsPort, "tls-auth-clients=no"));
             RawConnection c = new RawConnection(s.port())) {
            assertThat(RedisTools.cliTls(certs, tlsPort, false, "PING")).isEqualTo("PONG");
            assertThat(c.call("CONFIG", "SET", "tls-port", "0")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "tls-auth-clients", "yes")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "tls-port", Integer.toString(tlsPort))).isEqualTo("OK");
            assertThat(RedisTools.cliTls(certs, tlsPort, false, "PING")).doesNotContain("PONG");
            assertThat(RedisTools.cliTls(certs, tlsPort, true, "PING")).isEqualTo("PONG");
        }
    }

    @Test
    void aValueSetToWhatItIsRebuildsNothingButAFilePathRereadsTheFile() throws Exception {
        TestCerts certs = TestCerts.shared();
        try (TestServer s = TestServer.start(certs.serverDirectives(TestServer.freePort()));
             RawConnection c = new RawConnection(s.port())) {
            long generation = generation(s);
            assertThat(c.call("CONFIG", "SET", "tls-ciphers", "", "tls-auth-clients", "yes")).isEqualTo("OK");
            assertThat(generation(s)).isEqualTo(generation);
            assertThat(c.call("CONFIG", "SET", "tls-cert-file", certs.serverCert.toString())).isEqualTo("OK");
            assertThat(generation(s)).isEqualTo(generation + 1);
        }
    }

    @Test
    void tlsProtocolsIsCheckedWhenContextsAreBuilt() throws Exception {
        TestCerts certs = TestCerts.shared();
        try (TestServer s = TestServer.start(certs.serverDirectives(TestServer.freePort()));
             RawConnection c = new RawConnection(s.port())) {
            for (String bad : new String[] {"TLSv1.4", "SSLv3", "TLSv1.2,TLSv1.3", "TLSv1.2  TLSv1.3", " ", " TLSv1.2"}) {
                assertThat(c.call("CONFIG", "SET", "tls-protocols", bad)).as(bad).isEqualTo(refused("tls-protocols"));
            }
            assertThat(c.call("CONFIG", "GET", "tls-protocols")).isEqualTo(java.util.List.of("tls-protocols", ""));
            assertThat(c.call("CONFIG", "SET", "tls-protocols", "tlsv1.2 TLSv1.3")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "tls-protocols", "")).isEqualTo("OK");
        }
        // with TLS off nothing is built, so anything is stored, as in Redis; turning TLS on then fails
        int tlsPort = TestServer.freePort();
        try (TestServer s = TestServer.start("tls-cert-file=" + certs.serverCert, "tls-key-file=" + certs.serverKey,
                 "tls-ca-cert-file=" + certs.caCert);
             RawConnection c = new RawConnection(s.port())) {
            assertThat(c.call("CONFIG", "SET", "tls-protocols", "TLSv1.4")).isEqualTo("OK");
            assertThat(c.call("CONFIG", "SET", "tls-port", Integer.toString(tlsPort))).isEqualTo(refused("tls-port"));
            assertThat(c.call("CONFIG", "GET", "tls-port")).isEqualTo(java.util.List.of("tls-port", "0"));
            assertThat(c.call("CONFIG", "SET", "tls-protocols", "TLSv1.3", "tls-port", Integer.toString(tlsPort))).isEqualTo("OK");
            assertThat(RedisTools.cliTls(certs, tlsPort, true, "PING")).isEqualTo("PONG");
        }
    }

    /** As OpenSSL in Redis disables each version left out; BoringSSL would enable the whole range, so auto takes the JDK. */
    @Test
    void aVersionLeftOutBetweenTwoEnabledOnesIsRefused() throws Exception {
        TestCerts certs = TestCerts.shared();
        int tlsPort = TestServer.freePort();
        try (TestServer s = TestServer.start(certs.serverDirectives(tlsPort, "tls-protocols=TLSv1.1 TLSv1.3"))) {
            assertThat(OpenSslTool.ponged(OpenSslTool.sClient(tlsPort, certs, true, "-tls1_2"))).isFalse();
            assertThat(OpenSslTool.ponged(OpenSslTool.sClient(tlsPort, certs, true, "-tls1_3"))).isTrue();
            assertThat(s.server().tls().current().engine()).isEqualTo(TlsEngine.JDK);
            assertThat(s.server().tls().current().warnings())
                .anyMatch(w -> w.startsWith("tls-protocols leaves out TLSv1.2 between versions it enables")
                    && w.endsWith("using the JDK TLS engine, which honours it"));
            // without the gap the default engine is back at the reload, and TLS 1.2 with it
            assertThat(RedisTools.cli(s.port(), "CONFIG", "SET", "tls-protocols", "TLSv1.2 TLSv1.3")).isEqualTo("OK");
            assertThat(s.server().tls().current().engine())
                .isEqualTo(OpenSsl.isAvailable() ? TlsEngine.OPENSSL : TlsEngine.JDK);
            assertThat(OpenSslTool.ponged(OpenSslTool.sClient(tlsPort, certs, true, "-tls1_2"))).isTrue();
        }
    }

    @Test
    void unknownTls13SuiteNamesAreSkippedAsOpenSslSkipsThem() throws Exception {
        TestCerts certs = TestCerts.shared();
        try (TestServer s = TestServer.start(certs.serverDirectives(TestServer.freePort()));
             RawConnection c = new RawConnection(s.port())) {
            assertThat(c.call("CONFIG", "SET", "tls-ciphersuites", "TLS_AES_256_GCM_SHA384:BOGUS")).isEqualTo("OK");
            assertThat(s.server().tls().current().warnings()).anyMatch(w -> w.contains("'BOGUS'"));
            assertThat(c.call("CONFIG", "SET", "tls-ciphersuites", "BOGUS")).isEqualTo(refused("tls-ciphersuites"));
        }
    }

    @Test
    void infoTlsShowsNoCertificatesOnceTlsIsOff() throws Exception {
        TestCerts certs = TestCerts.shared();
        try (TestServer s = TestServer.start(certs.serverDirectives(TestServer.freePort()));
             RawConnection c = new RawConnection(s.port())) {
            assertThat(RedisTools.cli(s.port(), "INFO", "tls")).doesNotContain("tls_server_cert_serial:none");
            assertThat(c.call("CONFIG", "SET", "tls-port", "0")).isEqualTo("OK");
            assertThat(RedisTools.cli(s.port(), "INFO", "tls")).contains("tls_server_cert_serial:none")
                .contains("tls_client_cert_serial:none").contains("tls_ca_cert_serial:none")
                .contains("tls_server_cert_expires_in_seconds:0");
        }
    }

    @Test
    void sessionCachingNoResumesNoSessionOfEitherVersion() throws Exception {
        TestCerts certs = TestCerts.shared();
        Path dir = TestCerts.tempDir("sessions");
        for (String caching : new String[] {"yes", "no"}) {
            int tlsPort = TestServer.freePort();
            try (TestServer s = TestServer.start(certs.serverDirectives(tlsPort, "tls-session-caching=" + caching))) {
                for (String version : new String[] {"-tls1_2", "-tls1_3"}) {
                    Path session = dir.resolve(caching + version);
                    OpenSslTool.sClient(tlsPort, certs, true, version, "-sess_out", session.toString());
                    boolean resumed = Files.exists(session)
                        && OpenSslTool.sClient(tlsPort, certs, true, version, "-sess_in", session.toString()).contains("Reused,");
                    assertThat(resumed).as("tls-session-caching " + caching + " " + version).isEqualTo(caching.equals("yes"));
                }
            }
        }
    }

    private static long generation(TestServer s) {
        return s.server().tls().current().generation();
    }
}
