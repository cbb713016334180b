package io.redoubt.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What SHUTDOWN does: closes the Spring context (listeners, event loops, cron) and, when Redoubt runs as its
 * own process, exits with status 0. Closing happens on a thread of its own: SHUTDOWN arrives on an I/O
 * thread, and closing waits for the I/O threads to end.
 */
public final class ServerShutdown implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ServerShutdown.class);

    private final ConfigurableApplicationContext context;
    private final boolean exitProcess;

    /** @param exitProcess true only from {@code main}: an embedded server (tests) must not end the JVM */
    public ServerShutdown(ConfigurableApplicationContext context, boolean exitProcess) {
        this.context = context;
        this.exitProcess = exitProcess;
    }

    @Override
    public void run() {
        Thread t = new Thread(() -> {
            context.close();
            log.warn("Redoubt is now ready to exit, bye bye...");
            if (exitProcess) {
                System.exit(0);
            }
        }, "redoubt-shutdown");
        t.start();
    }
}
