package io.redoubt.server;

import io.redoubt.command.CommandExecutor;
import io.redoubt.config.ConfigException;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.net.ClientChannelInitializer;
import io.redoubt.net.Listener;
import io.redoubt.net.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts and stops the network side: event loops, the client listener on {@code bind}/{@code port}, and the
 * cron. Rebinds at runtime when CONFIG SET changes port or bind. Ends start-up with Redis's
 * "Ready to accept connections".
 */
public final class ServerLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ServerLifecycle.class);

    private final Server server;
    private final CommandExecutor executor;
    private Transport transport;
    private Listener plain;
    private ServerCron cron;
    private volatile boolean running;

    public ServerLifecycle(Server server, CommandExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    @Override
    public void start() {
        DirectiveRegistry d = server.directives();
        transport = new Transport(Math.max(1, Runtime.getRuntime().availableProcessors()));
        server.ioEngine(transport.engine());
        plain = new Listener("tcp", transport, d.get("tcp-backlog").asInt(),
            new ClientChannelInitializer(server, executor, "tcp"));
        try {
            plain.bind(d.get("bind").value(), d.get("port").asInt());
        } catch (ConfigException e) {
            transport.close();
            throw e;
        }
        d.onChange("port", (dir, old) -> rebind("Unable to listen on this port. Check server logs."));
        d.onChange("bind", (dir, old) -> rebind("Failed to bind to specified addresses."));
        refreshListening();
        cron = new ServerCron(server);
        cron.start();
        running = true;
        logStartup();
    }

    public Listener plainListener() {
        return plain;
    }

    /** Applies a new port or bind list; on failure the old sockets stay and CONFIG SET gets Redis's text. */
    private void rebind(String failure) {
        DirectiveRegistry d = server.directives();
        try {
            plain.bind(d.get("bind").value(), d.get("port").asInt());
        } catch (ConfigException e) {
            log.warn("{}", e.getMessage());
            log.warn("Failed applying new configuration. Restoring previous settings.");
            throw new ConfigException(failure);
        } finally {
            refreshListening();
        }
    }

    private void refreshListening() {
        server.listening().clear();
        server.listening().addAll(plain.addresses());
    }

    private void logStartup() {
        log.info("Redoubt {} (Redis {} compatible) starting, pid={}", Server.REDOUBT_VERSION, Server.REDIS_VERSION,
            ProcessHandle.current().pid());
        log.info("Configuration from: {}", String.join(", ", server.directives().sources()));
        log.info("Network engine: {}, {} I/O threads, {} databases", transport.engine(),
            Runtime.getRuntime().availableProcessors(), server.keyspace().count());
        if (server.listening().isEmpty()) {
            log.warn("No listener is open (port 0): no client can connect");
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
        if (plain != null) {
            plain.close();
        }
        if (transport != null) {
            transport.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
