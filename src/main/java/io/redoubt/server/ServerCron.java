package io.redoubt.server;

import io.redoubt.net.Client;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis's serverCron: {@code hz} times a second, active expiry and rehashing with the keyspace lock held,
 * the ops-per-second sample, the {@code save} points, and once a second the idle-client {@code timeout} check.
 */
public final class ServerCron implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerCron.class);

    private final Server server;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "redoubt-cron");
        t.setDaemon(true);
        return t;
    });
    private long lastClientCheck;

    public ServerCron(Server server) {
        this.server = server;
    }

    public void start() {
        scheduleNext();
    }

    private void scheduleNext() {
        int hz = (int) Math.max(1, Math.min(500, server.directives().get("hz").asLong()));
        scheduler.schedule(this::tick, 1000 / hz, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            int hz = (int) Math.max(1, Math.min(500, server.directives().get("hz").asLong()));
            ReentrantLock lock = server.keyspace().lock();
            lock.lock();
            try {
                server.keyspace().cron(hz);
                server.stats().sampleOps(System.currentTimeMillis());
                server.snapshots().cron();
                server.aof().cron();
            } finally {
                lock.unlock();
            }
            long now = System.currentTimeMillis();
            if (now - lastClientCheck >= 1000) {
                lastClientCheck = now;
                closeIdleClients(now);
            }
        } catch (RuntimeException e) {
            log.error("server cron failed", e);
        } finally {
            if (!scheduler.isShutdown()) {
                scheduleNext();
            }
        }
    }

    private void closeIdleClients(long now) {
        long timeout = server.directives().get("timeout").asLong();
        if (timeout <= 0) {
            return;
        }
        for (Client c : server.clients().all()) {
            // as Redis, blocked clients, replicas and the link from our master are spared
            if (!c.blocked() && !c.replica() && !c.master() && now - c.lastInteractionMs() > timeout * 1000) {
                log.debug("Closing idle client {}", c.address());
                c.channel().close();
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
