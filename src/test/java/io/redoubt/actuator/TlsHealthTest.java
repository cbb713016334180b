package io.redoubt.actuator;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.Http;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.tls.CertificateGenerator.KeyFormat;
import io.redoubt.tls.CertificateGenerator.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The tls health indicator through the Kubernetes probe groups: in readiness, never in liveness. */
class TlsHealthTest {
    final TestCerts certs = TestCerts.shared();

    TestServer start(Path dir, String warning) throws Exception {
        Files.copy(certs.serverCert, dir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(certs.serverKey, dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
        return TestServer.start("tls-port=" + TestServer.freePort(), "tls-cert-file=" + dir.resolve("server.crt"),
            "tls-key-file=" + dir.resolve("server.key"), "tls-ca-cert-file=" + certs.caCert,
            "--redoubt.tls-auto-reload=false", "--redoubt.tls-expiry-warning=" + warning);
    }

    @Test
    void validCertificatesAreUpAndOnlyReadinessLooksAtThem() throws Exception {
        try (TestServer s = start(TestCerts.tempDir("health-valid"), "7d")) {
            Http.Response ready = Http.get(s, "/actuator/health/readiness");
            assertThat(ready.status()).isEqualTo(200);
            JsonNode tls = ready.json().get("components").get("tls");
            assertThat(tls.get("status").asString()).isEqualTo("UP");
            assertThat(tls.get("details").get("serverCertificate").asString()).isEqualTo("VALID");
            assertThat(tls.get("details").get("expiringSoon").size()).isZero();
            Http.Response live = Http.get(s, "/actuator/health/liveness");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.body()).doesNotContain("\"tls\"");
        }
    }

    @Test
    void expiringSoonUnderTheThresholdIsStillUpWithTheCertificatesListed() throws Exception {
        try (TestServer s = start(TestCerts.tempDir("health-soon"), "3650d")) {
            JsonNode tls = Http.get(s, "/actuator/health").json().get("components").get("tls");
            assertThat(tls.get("status").asString()).isEqualTo("UP");
            assertThat(tls.get("details").get("serverCertificate").asString()).isEqualTo("EXPIRING_SOON");
            assertThat(tls.get("details").get("expiringSoon").toString()).contains("server", "client", "ca", "CN=Test CA");
        }
    }

    @Test
    void aServerCertificateThatExpiresTakesTheServerOutOfServiceButKeepsItAlive() throws Exception {
        Path dir = TestCerts.tempDir("health-expired");
        try (TestServer s = start(dir, "1d")) {
            Instant notAfter = Instant.now().plus(Duration.ofSeconds(4));
            certs.writeLeaf("Short-lived", Usage.SERVER, dir.resolve("server.crt"), dir.resolve("server.key"),
                KeyFormat.PKCS8, null, Instant.now().minus(Duration.ofMinutes(5)), notAfter);
            assertThat(Http.post(s, "/actuator/tls", "{\"action\":\"reload\"}").status()).isEqualTo(200);
            assertThat(Http.get(s, "/actuator/health/readiness").status()).isEqualTo(200);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), notAfter).toMillis()) + 1500);

            Http.Response ready = Http.get(s, "/actuator/health/readiness");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().get("components").get("tls").get("status").asString()).isEqualTo("OUT_OF_SERVICE");
            assertThat(ready.json().get("components").get("tls").get("details").get("serverCertificate").asString())
                .isEqualTo("EXPIRED");
            assertThat(Http.get(s, "/actuator/health/liveness").status()).isEqualTo(200);
            assertThat(Http.get(s, "/actuator/tls").json().get("certificates").get("server").get("status").asString())
                .isEqualTo("EXPIRED");
        }
    }
}
