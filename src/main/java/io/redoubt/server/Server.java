package io.redoubt.server;

import io.redoubt.command.CommandTable;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.net.ClientRegistry;
import io.redoubt.persistence.Snapshots;
import io.redoubt.persistence.aof.AppendOnlyFile;
import io.redoubt.propagation.Propagator;
import io.redoubt.pubsub.KeyspaceNotifier;
import io.redoubt.pubsub.PubSub;
import io.redoubt.replication.Replication;
import io.redoubt.tls.TlsReloader;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every command may reach: directives, keyspace, clients, the command table, counters and the
 * slow log, plus facts about this process that INFO reports.
 */
public final class Server {
    /** The Redis version Redoubt answers as, for clients that check features by version. */
    public static final String REDIS_VERSION = "7.2.4";
    public static final String REDOUBT_VERSION = "0.1.0";

    private final DirectiveRegistry directives;
    private final Keyspace keyspace;
    private final ClientRegistry clients = new ClientRegistry();
    private final CommandTable commands;
    private final ServerStats stats = new ServerStats();
    private final SlowLog slowLog = new SlowLog();
    private final ClientPause pause = new ClientPause();
    private final Propagator propagator = new Propagator();
    private final AppendOnlyFile aof;
    private final Blocking blocking;
    private final PubSub pubsub = new PubSub();
    private final Snapshots snapshots;
    private final long startMs = System.currentTimeMillis();
    private final String runId;
    private final Replication replication;
    private final List<String> listening = new CopyOnWriteArrayList<>();
    private volatile String ioEngine = "nio";
    private volatile Runnable shutdownAction = () -> { };

    private final TlsReloader tls;

    public Server(DirectiveRegistry directives, Keyspace keyspace, CommandTable commands, TlsReloader tls) {
        this.directives = directives;
        this.keyspace = keyspace;
        this.commands = commands;
        this.tls = tls;
        this.blocking = new Blocking(keyspace);
        keyspace.events(new KeyspaceNotifier(pubsub, directives.get("notify-keyspace-events")));
        this.snapshots = new Snapshots(directives, keyspace);
        keyspace.expiryListener(propagator);
        this.aof = new AppendOnlyFile(directives, keyspace, propagator);
        propagator.lazyfreeExpire(() -> directives.get("lazyfree-lazy-expire").asBool());
        this.runId = randomHex40();
        this.replication = new Replication(this);
    }

    private static String randomHex40() {
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The append-only file (Redis 7 multi-part AOF). */
    public AppendOnlyFile aof() {
        return aof;
    }

    /** The command propagation feed (AOF, replicas). */
    public Propagator propagator() {
        return propagator;
    }

    /** The TLS reload component, whose current state INFO tls and CLIENT LIST report. */
    public TlsReloader tls() {
        return tls;
    }

    public DirectiveRegistry directives() {
        return directives;
    }

    public Keyspace keyspace() {
        return keyspace;
    }

    public ClientRegistry clients() {
        return clients;
    }

    public CommandTable commands() {
        return commands;
    }

    public ServerStats stats() {
        return stats;
    }

    public SlowLog slowLog() {
        return slowLog;
    }

    public ClientPause pause() {
        return pause;
    }

    /** Clients blocked on keys (BLPOP and friends). */
    public Blocking blocking() {
        return blocking;
    }

    /** Channel, pattern and shard-channel subscriptions. */
    public PubSub pubsub() {
        return pubsub;
    }

    /** RDB snapshots: SAVE, BGSAVE, save points, the change counter, loading. */
    public Snapshots snapshots() {
        return snapshots;
    }

    public long startMs() {
        return startMs;
    }

    public String runId() {
        return runId;
    }

    /** The replication ID (INFO master_replid); Redis draws it apart from the run ID. */
    public String replicationId() {
        return replication.replid();
    }

    /** Replication: IDs, offset, backlog, attached replicas and the link to a master. */
    public Replication replication() {
        return replication;
    }

    /** Addresses the listeners are bound to, for the start-up block and INFO. */
    public List<String> listening() {
        return listening;
    }

    public String ioEngine() {
        return ioEngine;
    }

    public void ioEngine(String engine) {
        this.ioEngine = engine;
    }

    public void onShutdown(Runnable action) {
        this.shutdownAction = action;
    }

    /** Stops the process as SHUTDOWN asks. */
    public void shutdown() {
        shutdownAction.run();
    }
}
