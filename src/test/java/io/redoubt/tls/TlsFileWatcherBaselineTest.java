package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.config.DirectiveCatalog;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.support.KubeSecretDir;
import io.redoubt.support.TestCerts;
import io.redoubt.tls.CertificateGenerator.Issued;
import io.redoubt.tls.CertificateGenerator.KeyFormat;
import io.redoubt.tls.CertificateGenerator.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watcher compares the files with what the reloader read, not with what it finds when it gets round to
 * looking: a rotation that lands between the load and the watcher's first look is still picked up.
 */
class TlsFileWatcherBaselineTest {
    final TestCerts certs = TestCerts.shared();

    KubeSecretDir.Writer pair(Issued leaf) {
        return into -> {
            CertificateGenerator.writeCertificates(into.resolve("tls.crt"), leaf.certificate());
            CertificateGenerator.writeKey(into.resolve("tls.key"), leaf.key(), KeyFormat.PKCS8, null);
            Files.copy(certs.caCert, into.resolve("ca.crt"));
        };
    }

    Issued leaf(String cn) {
        Path scratch = TestCerts.tempDir("leaf");
        return certs.writeLeaf(cn, Usage.SERVER, scratch.resolve("c"), scratch.resolve("k"), KeyFormat.PKCS8, null);
    }

    @Test
    void aRotationBeforeTheWatcherFirstLooksIsReloaded() throws Exception {
        KubeSecretDir secret = new KubeSecretDir(TestCerts.tempDir("secret"), List.of("tls.crt", "tls.key", "ca.crt"),
            pair(leaf("Baseline-1")));
        DirectiveRegistry d = DirectiveCatalog.create();
        d.load("tls-port", "6380");
        d.load("tls-cert-file", secret.file("tls.crt").toString());
        d.load("tls-key-file", secret.file("tls.key").toString());
        d.load("tls-ca-cert-file", secret.file("ca.crt").toString());
        TlsReloader reloader = new TlsReloader(d, "auto");
        TlsFileWatcher watcher = new TlsFileWatcher(reloader, d, true, Duration.ofMillis(100));
        try {
            reloader.reload("startup");
            Issued second = leaf("Baseline-2");
            secret.update(pair(second)); // before the watcher thread has run at all
            watcher.start();
            long end = System.currentTimeMillis() + 15_000;
            while (reloader.current().generation() < 2 && System.currentTimeMillis() < end) {
                Thread.sleep(50);
            }
            assertThat(reloader.current().generation()).isEqualTo(2);
            assertThat(CertificateFacts.serial(reloader.current().material().serverChain().get(0)))
                .isEqualTo(CertificateFacts.serial(second.certificate()));
        } finally {
            watcher.close();
        }
    }
}
