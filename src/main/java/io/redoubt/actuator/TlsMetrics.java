package io.redoubt.actuator;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.redoubt.keyspace.ListMemory;
import io.redoubt.net.Client;
import io.redoubt.server.Server;
import io.redoubt.tls.CertificateFacts;
import io.redoubt.tls.HandshakeFailure;
import io.redoubt.tls.TlsEvents;
import io.redoubt.tls.TlsState;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Redoubt's meters: TLS handshakes, handshake failures, reloads (counted from TlsEvents), active connections by
 * listener and protocol, seconds until each certificate in force expires, commands processed and clients.
 */
public class TlsMetrics implements MeterBinder, TlsEvents {
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private final Server server;
    private volatile MeterRegistry registry;
    private MultiGauge expiry;

    public TlsMetrics(Server server) {
        this.server = server;
    }

    @Override
    public void bindTo(MeterRegistry r) {
        registry = r;
        Gauge.builder("redoubt.connections.active", () -> active("tcp", null))
            .tags("listener", "tcp", "protocol", "none").description("Connected clients").register(r);
        for (String p : PROTOCOLS) {
            Gauge.builder("redoubt.connections.active", () -> active("tls", p))
                .tags("listener", "tls", "protocol", p).description("Connected clients").register(r);
        }
        Gauge.builder("redoubt.clients.connected", () -> server.clients().count())
            .description("Connected clients, as INFO connected_clients").register(r);
        Gauge.builder("redoubt.memory.list.nodes", ListMemory::used).baseUnit("bytes")
            .description("Memory outside the heap held by large lists, as INFO used_memory_list_nodes").register(r);
        FunctionCounter.builder("redoubt.commands.processed", server.stats(), s -> s.commandsProcessed())
            .description("Commands processed, as INFO total_commands_processed").register(r);
        expiry = MultiGauge.builder("redoubt.tls.certificate.expiry").baseUnit("seconds")
            .description("Seconds until the certificate in force expires (negative once expired)").register(r);
        refreshExpiry(server.tls().current());
        for (HandshakeFailure f : HandshakeFailure.values()) {
            failureCounter("client", f); // every reason is visible at 0, before the first failure
        }
    }

    private double active(String transport, String protocol) {
        int n = 0;
        for (Client c : server.clients().all()) {
            if (c.transport().equals(transport) && (protocol == null || protocol.equals(c.tlsProtocol()))) {
                n++;
            }
        }
        return n;
    }

    private synchronized void refreshExpiry(TlsState state) {
        if (expiry == null || state == null) {
            return;
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        rows.add(row("server", state.material().serverChain().get(0)));
        rows.add(row("client", state.material().clientChain().get(0)));
        for (X509Certificate ca : state.material().caCertificates()) {
            rows.add(row("ca", ca));
        }
        expiry.register(rows, true);
    }

    private static MultiGauge.Row<X509Certificate> row(String role, X509Certificate c) {
        return MultiGauge.Row.of(Tags.of("certificate", role, "serial", CertificateFacts.serial(c),
            "subject", c.getSubjectX500Principal().getName()), c, CertificateFacts::expiresInSeconds);
    }

    @Override
    public void handshakeSucceeded(String listener, String protocol) {
        MeterRegistry r = registry;
        if (r != null) {
            r.counter("redoubt.tls.handshakes", "listener", listener, "outcome", "success").increment();
        }
    }

    @Override
    public void handshakeFailed(String listener, HandshakeFailure why) {
        MeterRegistry r = registry;
        if (r != null) {
            r.counter("redoubt.tls.handshakes", "listener", listener, "outcome", "failure").increment();
            failureCounter(listener, why).increment();
        }
    }

    private io.micrometer.core.instrument.Counter failureCounter(String listener, HandshakeFailure why) {
        return registry.counter("redoubt.tls.handshake.failures", "listener", listener, "reason",
            why.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void reloaded(String trigger, TlsState state) {
        count(trigger, "success");
        refreshExpiry(state);
    }

    @Override
    public void reloadFailed(String trigger, String reason) {
        count(trigger, "failure");
    }

    private void count(String trigger, String outcome) {
        MeterRegistry r = registry;
        if (r != null) {
            r.counter("redoubt.tls.reloads", "trigger", trigger, "outcome", outcome).increment();
        }
    }
}
