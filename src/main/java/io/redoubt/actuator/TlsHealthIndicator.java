package io.redoubt.actuator;

import io.redoubt.server.Server;
import io.redoubt.tls.TlsState;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The "tls" health: OUT_OF_SERVICE while the server certificate in force is expired or not yet valid (clients
 * cannot connect; a restart would not help, so it belongs to readiness, never liveness), UP otherwise, with the
 * certificates that expire within redoubt.tls-expiry-warning listed.
 */
public class TlsHealthIndicator implements HealthIndicator {
    private final Server server;
    private final Duration warning;

    public TlsHealthIndicator(Server server, Duration warning) {
        this.server = server;
        this.warning = warning;
    }

    @Override
    public Health health() {
        TlsState state = server.tls().current();
        if (state == null) {
            return Health.up().withDetail("tls", "not in use").build();
        }
        Instant now = Instant.now();
        X509Certificate cert = state.material().serverChain().get(0);
        CertificateStatus serverStatus = CertificateStatus.of(cert, now, warning);
        List<String> expiringSoon = new ArrayList<>();
        note(expiringSoon, "server", cert, now);
        note(expiringSoon, "client", state.material().clientChain().get(0), now);
        for (X509Certificate ca : state.material().caCertificates()) {
            note(expiringSoon, "ca", ca, now);
        }
        Health.Builder b = serverStatus == CertificateStatus.EXPIRED || serverStatus == CertificateStatus.NOT_YET_VALID
            ? Health.outOfService() : Health.up();
        return b.withDetail("generation", state.generation())
            .withDetail("serverCertificate", serverStatus)
            .withDetail("serverNotAfter", cert.getNotAfter().toInstant())
            .withDetail("expiringSoon", expiringSoon)
            .withDetail("expiryWarning", warning.toString())
            .build();
    }

    private void note(List<String> out, String role, X509Certificate c, Instant now) {
        CertificateStatus st = CertificateStatus.of(c, now, warning);
        if (st != CertificateStatus.VALID) {
            out.add(role + " " + c.getSubjectX500Principal().getName() + " " + st + " (notAfter "
                + c.getNotAfter().toInstant() + ")");
        }
    }
}
