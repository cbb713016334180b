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
        Instant now = Instant.now();
        Leaf expired = leafValid("expired", "Expired", Usage.SERVER, now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> load(Map.of("tls-cert-file", expired.cert().toString(), "tls-key-file", expired.key().toString())))
            .hasMessageStartingWith("tls-cert-file " + expired.cert() + ": server certificate").hasMessageContaining("expired on");
        Leaf future = leafValid("future", "Future", Usage.SERVER, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
        assertThatThrownBy(() -> load(Map.of("tls-cert-file", future.cert().toString(), "tls-key-file", future.key().toString())))
            .hasMessageStartingWith("tls-cert-file " + future.cert() + ": server certificate")
            .hasMessageContaining("is not valid before");
    }

    /** A leaf certificate and its key, written as NAME.crt and NAME.key. */
    record Leaf(Path cert, Path key) {
    }

    /** A leaf certificate of the shared CA valid only from..to. */
    Leaf leafValid(String name, String cn, Usage usage, Instant from, Instant to) {
        Leaf leaf = new Leaf(dir.resolve(name + ".crt"), dir.resolve(name + ".key"));
        certs.writeLeaf(cn, usage, leaf.cert(), leaf.key(), KeyFormat.PKCS8, null, from, to);
        return leaf;
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

    @Test
    void dhParametersBelow2048BitsAreRefusedLikeOpenSslOnDebian() {
        Path dh = dir.resolve("weak.dh");
        CertificateGenerator.writeDhParameters(dh, org.bouncycastle.crypto.agreement.DHStandardGroups.rfc2409_1024);
        assertThatThrownBy(() -> load(Map.of("tls-dh-params-file", dh.toString())))
            .hasMessage("tls-dh-params-file " + dh + ": DH parameters of 1024 bits are too small "
                + "(dh key too small; at least 2048 bits are needed)");
    }

    @Test
    void failuresNameTheDirectiveAndTheFile() {
        assertThatThrownBy(() -> load(Map.of("tls-ca-cert-file", "/nonexistent/ca.crt")))
            .hasMessage("tls-ca-cert-file /nonexistent/ca.crt: not a readable PEM certificate file (no such file)");
        assertThatThrownBy(() -> load(Map.of("tls-cert-file", "/nonexistent/server.crt")))
            .hasMessage("tls-cert-file /nonexistent/server.crt: not a readable PEM certificate file (no such file)");
        assertThatThrownBy(() -> load(Map.of("tls-key-file", "/nonexistent/server.key")))
            .hasMessage("tls-key-file /nonexistent/server.key: not a readable PEM private key (no such file)");
        assertThatThrownBy(() -> load(Map.of("tls-client-cert-file", certs.clientCert.toString(),
            "tls-client-key-file", "/nonexistent/client.key")))
            .hasMessage("tls-client-key-file /nonexistent/client.key: not a readable PEM private key (no such file)");
        assertThatThrownBy(() -> load(Map.of("tls-ca-cert-file", certs.serverKey.toString())))
            .hasMessage("tls-ca-cert-file " + certs.serverKey + ": no certificate found");
        assertThatThrownBy(() -> load(Map.of("tls-ca-cert-dir", "/nonexistent/cadir")))
            .hasMessage("tls-ca-cert-dir /nonexistent/cadir: not a directory");
    }

    @Test
    void combinedCertificateAndKeyFileInEitherOrderAlsoEncrypted() throws Exception {
        for (KeyFormat format : new KeyFormat[] {KeyFormat.PKCS1, KeyFormat.ENCRYPTED_LEGACY, KeyFormat.ENCRYPTED_PKCS8}) {
            Path cert = dir.resolve("combined-" + format + ".crt");
            Path key = dir.resolve("combined-" + format + ".key");
            certs.writeLeaf("Combined", Usage.SERVER, cert, key, format, "secret");
            Path certFirst = dir.resolve("cert-first-" + format + ".pem");
            Files.writeString(certFirst, Files.readString(cert) + Files.readString(key));
            Path keyFirst = dir.resolve("key-first-" + format + ".pem");
            Files.writeString(keyFirst, Files.readString(key) + Files.readString(cert));
            for (Path combined : new Path[] {certFirst, keyFirst}) {
                TlsMaterial m = load(Map.of("tls-cert-file", combined.toString(), "tls-key-file", combined.toString(),
                    "tls-key-file-pass", "secret"));
                assertThat(m.serverChain().get(0).getSubjectX500Principal().getName()).contains("CN=Combined");
                assertThat(m.serverKey().getAlgorithm()).isEqualTo("RSA");
            }
        }
    }

    @Test
    void keyReaderSkipsEveryBlockThatIsNotAKey() throws Exception {
        Path key = dir.resolve("noisy.key");
        certs.writeLeaf("Noisy", Usage.SERVER, dir.resolve("noisy.crt"), key, KeyFormat.SEC1, null);
        Path noisy = dir.resolve("noisy.pem");
        Path dh = dir.resolve("noisy.dh");
        CertificateGenerator.writeDhParameters(dh);
        Files.writeString(noisy, Files.readString(dh) + "-----BEGIN SOMETHING ELSE-----\nAAAA\n-----END SOMETHING ELSE-----\n"
            + Files.readString(certs.caCert) + Files.readString(key));
        assertThat(PemFiles.privateKey(noisy, null, "tls-key-file-pass").getAlgorithm()).isIn("EC", "ECDSA");
        assertThat(PemFiles.certificates(noisy)).hasSize(1);
        assertThatThrownBy(() -> PemFiles.privateKey(certs.caCert, null, "tls-key-file-pass"))
            .hasMessage(certs.caCert + ": no private key found");
    }

    @Test
    void serverAndClientChainsAreCompletedFromTheCaCertificates() {
        TestCerts.Chain c = TestCerts.chain(dir);
        TlsMaterial m = load(Map.of("tls-cert-file", c.leafCert().toString(), "tls-key-file", c.leafKey().toString(),
            "tls-ca-cert-file", c.intermediateAndRoot().toString()));
        assertThat(m.serverChain()).containsExactly(c.leaf().certificate(), c.intermediate().certificate(),
            c.root().certificate());
        assertThat(m.clientChain()).isEqualTo(m.serverChain());

        // the client pair of outgoing links too
        TlsMaterial withClient = load(Map.of("tls-ca-cert-file", c.intermediateAndRoot().toString(),
            "tls-auth-clients", "no", "tls-client-cert-file", c.leafCert().toString(),
            "tls-client-key-file", c.leafKey().toString()));
        assertThat(withClient.clientChain()).containsExactly(c.leaf().certificate(), c.intermediate().certificate(),
            c.root().certificate());
        // an issuer that is not among the CAs ends the chain where it is
        assertThat(withClient.serverChain()).hasSize(1);

        // as OpenSSL: a file holding more than the leaf is sent as written
        Path leafAndIntermediate = dir.resolve("leaf-and-intermediate.crt");
        CertificateGenerator.writeCertificates(leafAndIntermediate, c.leaf().certificate(),
            c.intermediate().certificate());
        TlsMaterial asWritten = load(Map.of("tls-cert-file", leafAndIntermediate.toString(),
            "tls-key-file", c.leafKey().toString(), "tls-ca-cert-file", c.intermediateAndRoot().toString()));
        assertThat(asWritten.serverChain()).containsExactly(c.leaf().certificate(), c.intermediate().certificate());
    }

    @Test
    void crossSignedCasCannotMakeTheChainLoop() {
        Instant now = Instant.now().minus(Duration.ofMinutes(5));
        Instant later = now.plus(Duration.ofDays(30));
        var keysA = CertificateGenerator.rsa(2048);
        var keysB = CertificateGenerator.rsa(2048);
        CertificateGenerator.Issued a = CertificateGenerator.ca("CN=A", keysA, now, later);
        CertificateGenerator.Issued b = CertificateGenerator.ca("CN=B", keysB, now, later);
        CertificateGenerator.Issued aByB = CertificateGenerator.intermediate(b, "CN=A", keysA, now, later);
        CertificateGenerator.Issued bByA = CertificateGenerator.intermediate(a, "CN=B", keysB, now, later);
        CertificateGenerator.Issued leaf = CertificateGenerator.leaf(a, "CN=Leaf", CertificateGenerator.rsa(2048),
            Usage.SERVER, now, later);
        assertThat(ChainCompletion.complete(java.util.List.of(leaf.certificate()),
            java.util.List.of(aByB.certificate(), bByA.certificate())))
            .containsExactly(leaf.certificate(), aByB.certificate(), bByA.certificate());
        // a self-signed issuer ends the chain
        assertThat(ChainCompletion.complete(java.util.List.of(leaf.certificate()),
            java.util.List.of(a.certificate(), bByA.certificate())))
            .containsExactly(leaf.certificate(), a.certificate());
    }

    @Test
    void expiredAndNotYetValidCaCertificatesAreAcceptedWithAWarningNamingTheirFile() throws Exception {
        Instant now = Instant.now();
        CertificateGenerator.Issued expired = CertificateGenerator.ca("O=Redoubt Test,CN=Expired CA",
            CertificateGenerator.rsa(2048), now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(1)));
        CertificateGenerator.Issued future = CertificateGenerator.ca("O=Redoubt Test,CN=Future CA",
            CertificateGenerator.rsa(2048), now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)));
        Path bundle = dir.resolve("system-bundle.crt");
        CertificateGenerator.writeCertificates(bundle, expired.certificate(), certs.ca.certificate());
        Path caDir = Files.createDirectories(dir.resolve("ca-dir-with-future"));
        CertificateGenerator.writeCertificates(caDir.resolve("future.pem"), future.certificate());

        TlsMaterial m = load(Map.of("tls-ca-cert-file", bundle.toString(), "tls-ca-cert-dir", caDir.toString()));
        assertThat(m.caCertificates()).hasSize(3);
        assertThat(m.warnings()).containsExactly(
            bundle + ": CA certificate CN=Expired CA,O=Redoubt Test expired on "
                + expired.certificate().getNotAfter().toInstant() + "; loaded anyway, but no chain through it verifies",
            caDir.resolve("future.pem") + ": CA certificate CN=Future CA,O=Redoubt Test is not valid before "
                + future.certificate().getNotBefore().toInstant() + "; loaded anyway, but no chain through it verifies");
    }

    @Test
    void expiredClientCertificateIsStillRefused() {
        Instant now = Instant.now();
        Leaf expired = leafValid("expired-client", "Expired Client", Usage.CLIENT, now.minus(Duration.ofDays(10)),
            now.minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> load(Map.of("tls-client-cert-file", expired.cert().toString(),
            "tls-client-key-file", expired.key().toString())))
            .hasMessageStartingWith("tls-client-cert-file " + expired.cert() + ": client certificate CN=Expired Client,O=Redoubt Test expired on");
    }

    @Test
    void emptyCaDirectoryIsAcceptedBesideACaFileAndRefusedAlone() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-ca-dir"));
        Files.writeString(empty.resolve("README"), "no certificates here");
        TlsMaterial m = load(Map.of("tls-ca-cert-dir", empty.toString()));
        assertThat(m.caCertificates()).containsExactly(certs.ca.certificate());
        assertThat(m.warnings()).containsExactly("tls-ca-cert-dir " + empty
            + ": no CA certificate found in the directory (the certificates of tls-ca-cert-file are used)");

        assertThatThrownBy(() -> load(Map.of("tls-ca-cert-file", "", "tls-ca-cert-dir", empty.toString())))
            .hasMessage("tls-ca-cert-dir " + empty + ": no CA certificate found in the directory");
        // no CA needed: accepted, with the warning
        assertThat(load(Map.of("tls-ca-cert-file", "", "tls-ca-cert-dir", empty.toString(), "tls-auth-clients", "no"))
            .warnings()).containsExactly("tls-ca-cert-dir " + empty + ": no CA certificate found in the directory");
    }
}
