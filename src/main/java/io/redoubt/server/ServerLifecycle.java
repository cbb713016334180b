package io.redoubt.server;

import io.redoubt.command.CommandExecutor;
import io.redoubt.config.ConfigException;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.net.ClientChannelInitializer;
import io.redoubt.net.Listener;
import io.redoubt.net.Transport;
import io.redoubt.persistence.aof.ExecutorReplayer;
import io.redoubt.tls.TlsReloader;
import io.redoubt.tls.TlsSettings;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the network side: event loops, the plain listener on {@code port} and the TLS listener on
 * {@code tls-port} (both on every {@code bind} address, serving the same keyspace), and the cron. Loads TLS
 * material before the TLS listener binds, rebinds at runtime when CONFIG SET changes port, tls-port or bind,
 * and rebuilds TLS contexts when a tls-* directive changes. Ends start-up with "Ready to accept connections".
 */
public final class ServerLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ServerLifecycle.class);

    private final Server server;
    private final CommandExecutor executor;
    private final TlsReloader tls;
    private Transport transport;
    private Listener plain;
    private Listener secure;
    private ServerCron cron;
    private final ProcessFiles processFiles = new ProcessFiles();
    private volatile boolean running;

    /** How long an idle I/O loop polls before it sleeps (redoubt.io-spin). */
    private final long spinNanos;

    public ServerLifecycle(Server server, CommandExecutor executor, TlsReloader tls, long spinNanos) {
        this.server = server;
        this.spinNanos = spinNanos;
        this.executor = executor;
        this.tls = tls;
    }

    @Override
    public void start() {
        // logfile, daemonize's warning and the pidfile, before anything else is logged
        processFiles.start(server.directives());
        try {
            startServing();
        } catch (RuntimeException | Error e) {
            processFiles.stop(); // Spring stops only a running lifecycle: a failed start-up removes its pid file here
            throw e;
        }
    }

    private void startServing() {
        DirectiveRegistry d = server.directives();
        if (TlsSettings.from(d).inUse()) {
            tls.reload("startup"); // fails start-up, naming the file and reason, before anything listens
        }
        if (!d.get("appendonly").asBool()) { // as Redis: the AOF, when on, is the data set loaded at start-up
            server.snapshots().loadAtStartup(); // a bad RDB stops start-up, naming the file, offset and reason
        }
        // the AOF is loaded (or created) before anything listens; a bad one stops start-up with Redis's reason
        server.aof().startUp(new ExecutorReplayer(server, executor));
        transport = new Transport(d.get("io-threads").asInt(), spinNanos);
        server.ioEngine(transport.engine());
        int backlog = d.get("tcp-backlog").asInt();
        plain = new Listener("tcp", transport, backlog, new ClientChannelInitializer(server, executor, null));
        secure = new Listener("tls", transport, backlog, new ClientChannelInitializer(server, executor, tls));
        try {
            plain.bind(d.get("bind").value(), d.get("port").asInt());
            secure.bind(d.get("bind").value(), d.get("tls-port").asInt());
        } catch (ConfigException e) {
            plain.close();
            transport.close();
            throw e;
        }
        // order matters: TLS contexts are built before a TLS listener that needs them is bound
        d.onChange(tls::applyConfigSet, TlsSettings.RELOADING_DIRECTIVES);
        d.onChange(tls::applyAuthClients, "tls-auth-clients");
        d.onChange(tls::applyPortChange, "tls-port");
        String portFailure = "Unable to listen on this port. Check server logs.";
        d.onChange(() -> rebind(plain, "port", portFailure), "port");
        d.onChange(() -> rebind(secure, "tls-port", portFailure), "tls-port");
        d.onChange(() -> {
            rebind(plain, "port", "Failed to bind to specified addresses.");
            rebind(secure, "tls-port", "Failed to bind to specified addresses.");
        }, "bind");
        refreshListening();
        cron = new ServerCron(server);
        cron.start();
        server.replication().start(transport, executor); // replicaof: the link to the master starts now
        running = true;
        logStartup();
    }

    /** Applies a new port or bind list; on failure the old sockets stay and CONFIG SET gets Redis's text. */
    private void rebind(Listener listener, String portDirective, String failure) {
        DirectiveRegistry d = server.directives();
        try {
            listener.bind(d.get("bind").value(), d.get(portDirective).asInt());
        } catch (ConfigException e) {
            log.warn("{}", e.getMessage());
            log.warn("Failed applying new configuration. Restoring previous settings.");
            throw new ConfigException(failure);
        } finally {
            refreshListening();
        }
    }

    private void refreshListening() {
        List<String> all = new ArrayList<>(plain.addresses());
        all.addAll(secure.addresses());
        server.listening().clear();
        server.listening().addAll(all);
    }

    private void logStartup() {
        log.info("Redoubt {} (Redis {} compatible) starting, pid={}", Server.REDOUBT_VERSION, Server.REDIS_VERSION,
            ProcessHandle.current().pid());
        log.info("Configuration from: {}", String.join(", ", server.directives().sources()));
        log.info("Network engine: {}, {} I/O threads, {} databases", transport.engine(),
            server.directives().get("io-threads").asInt(), server.keyspace().count());
        if (tls.current() != null) {
            log.info("TLS engine: {}, client authentication: {}", tls.current().engine().displayName(),
                tls.current().settings().authClients().directiveValue());
        }
        if (server.listening().isEmpty()) {
            log.warn("No listener is open (port 0 and tls-port 0): no client can connect");
        }
        for (String a : server.listening()) {
            log.info("Listening on {}", a);
        }
        log.info("Ready to accept connections");
    }

    @Override
    public void stop() {
        running = false;
        if (cron != null) {
            cron.close();
        }
        server.replication().stop();
        if (plain != null) {
            plain.close();
            secure.close();
        }
        if (transport != null) {
            transport.close();
        }
        try {
            server.aof().shutdown();
        } finally {
            processFiles.stop(); // the pid file goes even when the AOF could not be closed cleanly
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
