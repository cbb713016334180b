package io.redoubt.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development convenience: when {@code redoubt.dev-certs-dir} is set (the project's top-level application.yml
 * does; production configuration never should), a CA and certificates are generated there on first start
 * if missing, so a newcomer has TLS working at once.
 */
public final class DevCertificates {
    private static final Logger log = LoggerFactory.getLogger(DevCertificates.class);

    private DevCertificates() {
    }

    public static void ensure(String dir, int tlsPort) {
        if (dir == null || dir.isBlank()) {
            return;
        }
        Path d = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.exists(d.resolve("ca.crt"))) {
            log.warn("Generating DEVELOPMENT TLS certificates in {} (redoubt.dev-certs-dir); never use them in "
                + "production", d);
            CertificateGenerator.generateSet(d, 2048, Duration.ofDays(365));
        }
        log.info("Development TLS certificates in {}. Connect with: redis-cli --tls -p {} --cacert {}/ca.crt "
            + "--cert {}/client.crt --key {}/client.key", d, tlsPort, d, d, d);
    }
}
