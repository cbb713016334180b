package io.redoubt.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.Http;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.support.TlsClients;
import io.redoubt.tls.CertificateFacts;
import io.redoubt.tls.CertificateGenerator.Issued;
import io.redoubt.tls.CertificateGenerator.KeyFormat;
import io.redoubt.tls.CertificateGenerator.Usage;
import io.redoubt.tls.PemFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** GET and POST /actuator/tls over real HTTP against a real server with real certificate files. */
class TlsEndpointTest {
    final TestCerts certs = TestCerts.shared();

    /** A server whose certificate and key are copies, so that a test may replace them. */
    TestServer start(Path dir, String... more) throws Exception {
        Files.copy(certs.serverCert, dir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certs.serverKey, dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
        String[] base = {"tls-port=" + TestServer.freePort(), "tls-cert-file=" + dir.resolve("server.crt"),
            "tls-key-file=" + dir.resolve("server.key"), "tls-ca-cert-file=" + certs.caCert,
            "--redoubt.tls-auto-reload=false", "--redoubt.tls-expiry-warning=7d"}; // test certificates live 30 days
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return TestServer.start(all);
    }

    static int tlsPort(TestServer s) {
        return s.server().directives().get("tls-port").asInt();
    }

    SSLContext clientContext() {
        return TlsClients.context(certs.caCert, certs.clientCert, certs.clientKey);
    }

    @Test
    void withoutTlsTheEndpointSaysSo() {
        try (TestServer s = TestServer.start()) {
            Http.Response r = Http.get(s, "/actuator/tls");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("enabled").asBoolean()).isFalse();
            assertThat(r.json().get("message").asString()).contains("not in use");
            assertThat(Http.post(s, "/actuator/tls", "{\"action\":\"reload\"}").status()).isEqualTo(409);
            JsonNode info = Http.get(s, "/actuator/info").json().get("redoubt");
            assertThat(info.get("redisVersion").asString()).isEqualTo("7.2.4");
            assertThat(info.get("tlsEngine").asString()).isEqualTo("none");
        }
    }

    @Test
    void showsListenerCertificatesFilesGenerationAndConnections() throws Exception {
        Path dir = TestCerts.tempDir("tls-endpoint");
        try (TestServer s = start(dir)) {
            X509Certificate server = PemFiles.certificates(certs.serverCert).get(0);
            SSLContext ctx = clientContext();
            try (SSLSocket live = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", tlsPort(s))) {
                live.startHandshake();
                live.getOutputStream().write("PING\r\n".getBytes());
                assertThat(new String(live.getInputStream().readNBytes(7))).isEqualTo("+PONG\r\n");

                JsonNode tls = Http.get(s, "/actuator/tls").json();
                assertThat(tls.get("enabled").asBoolean()).isTrue();
                JsonNode listener = tls.get("listeners").get(0);
                assertThat(listener.get("name").asString()).isEqualTo("client");
                assertThat(listener.get("port").asInt()).isEqualTo(tlsPort(s));
                assertThat(listener.get("clientAuth").asString()).isEqualTo("yes");
                assertThat(listener.get("engine").asString()).isNotEmpty();
                assertThat(listener.get("protocols").toString()).contains("TLSv1.2", "TLSv1.3");

                JsonNode cert = tls.get("certificates").get("server");
                assertThat(cert.get("serial").asString()).isEqualTo(CertificateFacts.serial(server));
                assertThat(cert.get("subject").asString()).contains("CN=Server");
                assertThat(cert.get("issuer").asString()).contains("CN=Test CA");
                assertThat(cert.get("keyAlgorithm").asString()).isEqualTo("RSA");
                assertThat(cert.get("keySize").asInt()).isEqualTo(2048);
                assertThat(cert.get("sha256Fingerprint").asString()).isEqualTo(CertificateFacts.sha256Fingerprint(server));
                assertThat(cert.get("status").asString()).isEqualTo("VALID");
                assertThat(cert.get("secondsToExpiry").asLong()).isPositive();
                assertThat(cert.get("subjectAltNames").toString()).contains("DNS:localhost", "IP:127.0.0.1");
                assertThat(tls.get("certificates").get("ca").get(0).get("subject").asString()).contains("CN=Test CA");
                assertThat(tls.get("certificates").get("client").get("serial").asString())
                    .isEqualTo(CertificateFacts.serial(server)); // no client pair: the server pair is used

                assertThat(tls.get("files").toString()).contains("tls-cert-file", "tls-key-file", "tls-ca-cert-file",
                    dir.resolve("server.crt").toRealPath().toString());
                assertThat(tls.get("generation").asLong()).isEqualTo(1);
                assertThat(tls.get("trigger").asString()).isEqualTo("startup");
                assertThat(tls.get("loadedAt").asString()).isNotEmpty();
                assertThat(tls.get("connectionsByGeneration").get("1").asInt()).isEqualTo(1);
            }
        }
    }

    @Test
    void postReloadInstallsNewFilesOrKeepsTheOldOnesAndSaysWhy() throws Exception {
        Path dir = TestCerts.tempDir("tls-endpoint-post");
        try (TestServer s = start(dir)) {
            Issued fresh = certs.writeLeaf("Server-2", Usage.SERVER, dir.resolve("server.crt"), dir.resolve("server.key"),
                KeyFormat.PKCS8, null);
            Http.Response ok = Http.post(s, "/actuator/tls", "{\"action\":\"reload\"}");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.json().get("reloaded").asBoolean()).isTrue();
            assertThat(ok.json().get("status").get("generation").asLong()).isEqualTo(2);
            assertThat(ok.json().get("status").get("trigger").asString()).isEqualTo("actuator");
            String serial = CertificateFacts.serial(fresh.certificate());
            assertThat(ok.json().get("status").get("certificates").get("server").get("serial").asString()).isEqualTo(serial);
            assertThat(CertificateFacts.serial(TlsClients.serverCertificate(tlsPort(s), clientContext()))).isEqualTo(serial);

            // a certificate whose key is another's: refused, generation 2 stays in force and keeps serving
            Path otherKey = dir.resolve("other.key");
            certs.writeLeaf("Other", Usage.SERVER, dir.resolve("other.crt"), otherKey, KeyFormat.PKCS8, null);
            Files.copy(otherKey, dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
            Http.Response refused = Http.post(s, "/actuator/tls", "{\"action\":\"reload\"}");
            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.json().get("reloaded").asBoolean()).isFalse();
            assertThat(refused.json().get("error").asString()).contains("does not match");
            assertThat(refused.json().get("inForce").asString()).contains("generation 2");
            JsonNode status = Http.get(s, "/actuator/tls").json();
            assertThat(status.get("generation").asLong()).isEqualTo(2);
            assertThat(status.get("lastFailure").get("trigger").asString()).isEqualTo("actuator");
            assertThat(status.get("lastFailure").get("reason").asString()).contains("does not match");
            assertThat(CertificateFacts.serial(TlsClients.serverCertificate(tlsPort(s), clientContext()))).isEqualTo(serial);

            assertThat(Http.post(s, "/actuator/tls", "{\"action\":\"explode\"}").status()).isEqualTo(400);
        }
    }

    @Test
    void prometheusShowsRedoubtMeters() throws Exception {
        Path dir = TestCerts.tempDir("tls-prometheus");
        try (TestServer s = start(dir)) {
            TlsClients.serverCertificate(tlsPort(s), clientContext()); // one handshake that succeeds
            try (RawConnection plain = new RawConnection(tlsPort(s))) { // and one that fails: plain text
                plain.send("PING\r\n");
                assertThat(plain.closedByServer()).isTrue();
            }
            Http.Response r = Http.get(s, "/actuator/prometheus");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).contains(
                "redoubt_tls_handshakes_total{listener=\"client\",outcome=\"success\"}",
                "redoubt_tls_handshakes_total{listener=\"client\",outcome=\"failure\"}",
                "redoubt_tls_handshake_failures_total{listener=\"client\",reason=\"plaintext\"} 1.0",
                "redoubt_tls_handshake_failures_total{listener=\"client\",reason=\"untrusted\"} 0.0",
                "redoubt_tls_reloads_total{outcome=\"success\",trigger=\"startup\"} 1.0",
                "redoubt_tls_certificate_expiry_seconds{certificate=\"server\"",
                "redoubt_tls_certificate_expiry_seconds{certificate=\"ca\"",
                "redoubt_connections_active{listener=\"tls\",protocol=\"TLSv1.3\"}",
                "redoubt_connections_active{listener=\"tcp\",protocol=\"none\"}",
                "redoubt_commands_processed_total",
                "redoubt_clients_connected",
                "redoubt_memory_list_nodes_bytes");
        }
    }
}
