package io.redoubt.actuator;

import io.redoubt.net.Client;
import io.redoubt.replication.Replication;
import io.redoubt.server.Server;
import io.redoubt.tls.TlsMaterial;
import io.redoubt.tls.TlsReloader;
import io.redoubt.tls.TlsSettings;
import io.redoubt.tls.TlsState;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code GET /actuator/tls} answers: listeners, certificates, files, generation and reload history, and the
 * replication link to a master when this server is a replica (null otherwise).
 */
public record TlsStatus(boolean enabled, String message, List<ListenerView> listeners, Certificates certificates,
                        List<FileView> files, long generation, Instant loadedAt, String trigger,
                        List<String> warnings, TlsReloader.Failure lastFailure, Map<Long, Integer> connectionsByGeneration,
                        Replication.LinkView replication) {

    public record ListenerView(String name, boolean enabled, int port, String engine, List<String> protocols,
                               String ciphers, String ciphersuites, String clientAuth) {
    }

    public record Certificates(CertificateView server, CertificateView client, List<CertificateView> ca) {
    }

    /** A configured file and what it resolves to once symlinks (Kubernetes' ..data) are followed. */
    public record FileView(String directive, String path, String resolved) {
    }

    static TlsStatus of(Server server, Duration warning) {
        TlsReloader tls = server.tls();
        TlsState state = tls.current();
        TlsSettings configured = TlsSettings.from(server.directives());
        if (state == null) {
            String why = configured.inUse() ? "TLS is configured but no material could be loaded yet"
                : "TLS is not in use (tls-port 0, tls-replication and tls-cluster off)";
            return new TlsStatus(false, why, List.of(), null, files(configured), 0, null, null, List.of(),
                tls.lastFailure(), Map.of(), server.replication().linkView());
        }
        TlsSettings s = state.settings();
        TlsMaterial m = state.material();
        int port = configured.port();
        ListenerView client = new ListenerView("client", port != 0, port, state.engine().displayName(), s.enabledProtocols(),
            s.ciphers(), s.ciphersuites(), s.authClients().directiveValue());
        List<CertificateView> ca = new ArrayList<>();
        for (X509Certificate c : m.caCertificates()) {
            ca.add(CertificateView.of(c, warning));
        }
        Certificates certs = new Certificates(CertificateView.of(m.serverChain().get(0), warning),
            CertificateView.of(m.clientChain().get(0), warning), ca);
        return new TlsStatus(configured.inUse(), configured.inUse() ? null : "TLS is no longer in use; last material shown",
            List.of(client), certs, files(configured), state.generation(), state.loadedAt(), state.trigger(),
            state.warnings(), tls.lastFailure(), connectionsByGeneration(server), server.replication().linkView());
    }

    static Map<Long, Integer> connectionsByGeneration(Server server) {
        Map<Long, Integer> out = new TreeMap<>();
        for (Client c : server.clients().all()) {
            if (c.tlsGeneration() != 0) {
                out.merge(c.tlsGeneration(), 1, Integer::sum);
            }
        }
        return out;
    }

    private static List<FileView> files(TlsSettings s) {
        List<FileView> out = new ArrayList<>();
        file(out, "tls-cert-file", s.certFile());
        file(out, "tls-key-file", s.keyFile());
        file(out, "tls-client-cert-file", s.clientCertFile());
        file(out, "tls-client-key-file", s.clientKeyFile());
        file(out, "tls-ca-cert-file", s.caCertFile());
        file(out, "tls-ca-cert-dir", s.caCertDir());
        file(out, "tls-dh-params-file", s.dhParamsFile());
        return out;
    }

    private static void file(List<FileView> out, String directive, String path) {
        if (path.isEmpty()) {
            return;
        }
        String resolved;
        try {
            resolved = Path.of(path).toRealPath().toString();
        } catch (IOException e) {
            resolved = "unresolvable: " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
        out.add(new FileView(directive, path, resolved));
    }
}
