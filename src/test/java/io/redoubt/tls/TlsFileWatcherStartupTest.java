package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.config.DirectiveCatalog;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.support.TestCerts;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * As the application starts: the watcher's thread runs before the start-up load (Spring starts beans before
 * the server), and files beside the TLS files change. Neither may cause a reload when the TLS files did not.
 */
class TlsFileWatcherStartupTest {
    @Test
    void unchangedFilesAreNotReloadedAfterStartUp() throws Exception {
        TestCerts certs = TestCerts.fresh(); // a directory of its own
        DirectiveRegistry d = DirectiveCatalog.create();
        d.load("tls-port", "6380");
        d.load("tls-cert-file", certs.serverCert.toString());
        d.load("tls-key-file", certs.serverKey.toString());
        d.load("tls-ca-cert-file", certs.caCert.toString());
        TlsReloader reloader = new TlsReloader(d, "auto");
        TlsFileWatcher watcher = new TlsFileWatcher(reloader, d, true, Duration.ofMillis(200));
        try {
            watcher.start();
            Thread.sleep(300); // the watcher has looked once, before anything was loaded
            reloader.reload("startup");
            Files.writeString(certs.dir.resolve("server.log"), "a neighbour changes"); // an unrelated file, same directory
            Thread.sleep(2500); // past the quiet period and a safety check
            assertThat(reloader.current().generation()).isEqualTo(1);
            assertThat(reloader.current().trigger()).isEqualTo("startup");
        } finally {
            watcher.close();
        }
    }
}
