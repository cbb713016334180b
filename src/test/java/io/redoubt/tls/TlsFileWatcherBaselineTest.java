package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.config.DirectiveCatalog;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.support.KubeSecretDir;
import io.redoubt.support.TestCerts;
import io.redoubt.tls.CertificateGenerator.Issued;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watcher compares the files with what the reloader read, not with what it finds when it gets round to
 * looking: a rotation that lands between the load and the watcher's first look is still picked up.
 */
class TlsFileWatcherBaselineTest {
    @Test
    void aRotationBeforeTheWatcherFirstLooksIsReloaded() throws Exception {
        Issued first = TlsRotationTest.leaf("Baseline-1");
        KubeSecretDir secret = new KubeSecretDir(TestCerts.tempDir("secret"), List.of("tls.crt", "tls.key", "ca.crt"),
            TlsRotationTest.pair(first, first));
        DirectiveRegistry d = DirectiveCatalog.create();
        d.load("tls-port", "6380");
        d.load("tls-cert-file", secret.file("tls.crt").toString());
        d.load("tls-key-file", secret.file("tls.key").toString());
        d.load("tls-ca-cert-file", secret.file("ca.crt").toString());
        TlsReloader reloader = new TlsReloader(d, "auto");
        TlsFileWatcher watcher = new TlsFileWatcher(reloader, d, true, Duration.ofMillis(100));
        try {
            reloader.reload("startup");
            Issued second = TlsRotationTest.leaf("Baseline-2");
            secret.update(TlsRotationTest.pair(second, second)); // before the watcher thread has run at all
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
