package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.config.DirectiveCatalog;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.tls.CertificateGenerator.KeyFormat;
import io.redoubt.tls.CertificateGenerator.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loading and validating key material: every key format, and every reason Redoubt refuses material. */
class TlsMaterialTest {
    final TestCerts certs = TestCerts.shared();
    final Path dir = TestCerts.tempDir("material");

    TlsMaterial load(Map<String, String> directives) {
        DirectiveRegistry r = DirectiveCatalog.create();
        r.load("tls-port", "6380");
        r.load("tls-cert-file", certs.serverCert.toString());
        r.load("tls-key-file", certs.serverKey.toString());
        r.load("tls-ca-cert-file", certs.caCert.toString());
        directives.forEach(r::load);
        return TlsMaterial.load(TlsSettings.from(r));
    }

    @ParameterizedTest
    @EnumSource(KeyFormat.class)
    void everyKeyFormatLoads(KeyFormat format) {
        Path cert = dir.resolve(format + ".crt");
        Path key = dir.resolve(format + ".key");
        certs.writeLeaf("Format", Usage.SERVER, cert, key, format, "secret");
        TlsMaterial m = load(Map.of("tls-cert-file", cert.toString(), "tls-key-file", key.toString(),
            "tls-key-file-pass", "secret"));
        assertThat(m.serverKey().getAlgorithm()).isIn("RSA", "EC", "ECDSA");
        if (format == KeyFormat.SEC1) {
            assertThat(m.serverKey().getAlgorithm()).isIn("EC", "ECDSA");
        }
    }

    @Test
    void keyOfAnotherCertificateIsRefusedNamingTheFiles() {
        Path key = dir.resolve("other.key");
        certs.writeLeaf("Other", Usage.SERVER, dir.resolve("other.crt"), key, KeyFormat.PKCS1, null);
        assertThatThrownBy(() -> load(Map.of("tls-key-file", key.toString())))
            .isInstanceOf(TlsException.class)
            .hasMessageContaining(key.toString())
            .hasMessageContaining("does not match the certificate in " + certs.serverCert);
    }

    @Test
    void expiredAndNotYetValidServerCertificatesAreRefused() {
        Path expired = dir.resolve("expired.crt");
        Path expiredKey = dir.resolve("expired.key");
        Instant now = Instant.now();
        certs.writeLeaf("Expired", Usage.SERVER, expired, expiredKey, KeyFormat.PKCS1, null,
            now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> load(Map.of("tls-cert-file", expired.toString(), "tls-key-file", expiredKey.toString())))
            .hasMessageContaining(expired.toString()).hasMessageContaining("expired on");
        Path future = dir.resolve("future.crt");
        Path futureKey = dir.resolve("future.key");
        certs.writeLeaf("Future", Usage.SERVER, future, futureKey, KeyFormat.PKCS1, null,
            now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
        assertThatThrownBy(() -> load(Map.of("tls-cert-file", future.toString(), "tls-key-file", futureKey.toString())))
            .hasMessageContaining(future.toString()).hasMessageContaining("is not valid before");
    }

    @Test
    void caIsRequiredExactlyWhenRedisRequiresIt() {
        String msg = "Either tls-ca-cert-file or tls-ca-cert-dir must be specified when tls-cluster, "
            + "tls-replication or tls-auth-clients are enabled!";
        assertThatThrownBy(() -> load(Map.of("tls-ca-cert-file", ""))).hasMessage(msg);
        assertThatThrownBy(() -> load(Map.of("tls-ca-cert-file", "", "tls-auth-clients", "optional"))).hasMessage(msg);
        assertThatThrownBy(() -> load(Map.of("tls-ca-cert-file", "", "tls-auth-clients", "no",
            "tls-replication", "yes"))).hasMessage(msg);
        assertThat(load(Map.of("tls-ca-cert-file", "", "tls-auth-clients", "no")).caCertificates()).isEmpty();
    }

    @Test
    void missingCertificateOrKeyUsesRedisWording() {
        assertThatThrownBy(() -> load(Map.of("tls-cert-file", ""))).hasMessage("No tls-cert-file configured!");
        assertThatThrownBy(() -> load(Map.of("tls-key-file", ""))).hasMessage("No tls-key-file configured!");
        assertThatThrownBy(() -> load(Map.of("tls-key-file", "/nonexistent/key.pem")))
            .hasMessageContaining("/nonexistent/key.pem").hasMessageContaining("no such file");
    }

    @Test
    void caBundleWithSeveralCertificatesAndTheEarliestExpiry() throws Exception {
        TestCerts other = TestCerts.fresh();
        Path bundle = dir.resolve("bundle.crt");
        Files.writeString(bundle, Files.readString(certs.caCert) + Files.readString(other.caCert));
        TlsMaterial m = load(Map.of("tls-ca-cert-file", bundle.toString()));
        assertThat(m.caCertificates()).hasSize(2);
        assertThat(m.earliestExpiringCa()).isNotNull();
    }

    @Test
    void clientPairIsUsedWhenBothFilesAreSetElseTheServerPair() {
        assertThat(load(Map.of()).clientChain()).isEqualTo(load(Map.of()).serverChain());
        TlsMaterial m = load(Map.of("tls-client-cert-file", certs.clientCert.toString(),
            "tls-client-key-file", certs.clientKey.toString()));
        assertThat(m.clientChain().get(0).getSubjectX500Principal().getName()).contains("CN=Client");
    }

    @Test
    void badMaterialStopsStartUpWithAMessageNamingTheFile() {
        Path key = dir.resolve("mismatch.key");
        certs.writeLeaf("Mismatch", Usage.SERVER, dir.resolve("mismatch.crt"), key, KeyFormat.PKCS1, null);
        assertThatThrownBy(() -> TestServer.start(certs.serverDirectives(TestServer.freePort(),
            "tls-key-file=" + key)))
            .hasRootCauseInstanceOf(TlsException.class)
            .rootCause().hasMessageContaining(key.toString());
    }

    @Test
    void dhParametersAreReadAndChecked() {
        Path dh = dir.resolve("redis.dh");
        CertificateGenerator.writeDhParameters(dh);
        assertThat(load(Map.of("tls-dh-params-file", dh.toString())).dhParameters()[0].bitLength()).isEqualTo(2048);
        assertThatThrownBy(() -> load(Map.of("tls-dh-params-file", certs.caCert.toString())))
            .hasMessageContaining("no DH PARAMETERS block");
    }
}
