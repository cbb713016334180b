package io.redoubt.replication;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.redoubt.command.CommandExecutor;
import io.redoubt.command.CommandSpec;
import io.redoubt.config.Directive;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.config.OutputBufferLimits;
import io.redoubt.net.Client;
import io.redoubt.net.Transport;
import io.redoubt.propagation.PropagationConsumer;
import io.redoubt.server.Server;
import io.redoubt.util.Bytes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server's place in replication: its replication IDs and offset (PSYNC2's history: replid, and replid2 up
 * to second_repl_offset), the backlog, the replicas attached to it, and, when it is itself a replica, the link
 * to its master. Master and replica share the same stream bookkeeping: a master appends the commands it
 * propagates; a replica appends, byte for byte, what it applied from its master, so its offsets are its
 * master's and its own replicas can continue from it after a failover. Mutated with the keyspace lock held.
 */
public final class Replication implements PropagationConsumer {
    private static final Logger log = LoggerFactory.getLogger(Replication.class);
    static final String NO_ID = "0".repeat(40);
    private static final byte[][] PING = {Bytes.utf8("PING")};

    private final Server server;
    private final DirectiveRegistry directives;
    /** Read before every write command (min-replicas-to-write), so held rather than looked up. */
    private final Directive minReplicasToWrite;
    private final Directive minReplicasMaxLag;
    final ReplicaSync sync;
    final WaitingClients waits;
    private String replid = randomId();
    private String replid2 = NO_ID;
    private long masterOffset;
    private long secondOffset = -1;
    private ReplicationBacklog backlog;
    /** Registered with the propagation feed (while a backlog exists). */
    private boolean feeding;
    /** The database the stream last selected; -1 forces a SELECT before the next command. */
    private int streamDb = -1;
    private final List<ReplicaPeer> replicas = new CopyOnWriteArrayList<>();
    /** REPLCONF state of connections that have not sent PSYNC yet. */
    private final Map<Long, ReplicaPeer> handshakes = new ConcurrentHashMap<>();
    private long noReplicasSinceMs = System.currentTimeMillis();
    private long lastPingMs = System.currentTimeMillis();
    private long lastNewlineMs;
    private volatile MasterLink link;
    private Transport transport;
    private CommandExecutor executor;
    private ScheduledFuture<?> cronTask;
    long syncFull;
    long syncPartialOk;
    long syncPartialErr;

    public Replication(Server server) {
        this.server = server;
        this.directives = server.directives();
        this.minReplicasToWrite = directives.get("min-replicas-to-write");
        this.minReplicasMaxLag = directives.get("min-replicas-max-lag");
        this.sync = new ReplicaSync(this, server);
        this.waits = new WaitingClients(this, server);
        directives.onChange(() -> {
            if (backlog != null) {
                backlog.resize(directives.get("repl-backlog-size").asLong());
            }
        }, "repl-backlog-size");
    }

    static String randomId() {
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** Starts the cron and, when {@code replicaof} is configured, the link to the master. */
    public void start(Transport transport, CommandExecutor executor) {
        this.transport = transport;
        this.executor = executor;
        EventLoopGroup loops = transport.workers();
        cronTask = loops.next().scheduleAtFixedRate(this::cron, 100, 100, TimeUnit.MILLISECONDS);
        String configured = directives.get("replicaof").value().trim();
        if (!configured.isEmpty()) {
            String[] hp = configured.split("\\s+");
            withLock(() -> replicaOf(hp[0], Integer.parseInt(hp[1])));
        }
    }

    public void stop() {
        if (cronTask != null) {
            cronTask.cancel(false);
        }
        MasterLink l = link;
        if (l != null) {
            l.close();
        }
    }

    Server server() {
        return server;
    }

    Transport transport() {
        return transport;
    }

    CommandExecutor executor() {
        return executor;
    }

    private void withLock(Runnable r) {
        ReentrantLock lock = server.keyspace().lock();
        lock.lock();
        try {
            r.run();
        } finally {
            lock.unlock();
        }
    }

    // ---- identity and stream ----

    public String replid() {
        return replid;
    }

    public String replid2() {
        return replid2;
    }

    public long offset() {
        return masterOffset;
    }

    public long secondOffset() {
        return secondOffset;
    }

    public boolean isReplica() {
        return link != null;
    }

    MasterLink link() {
        return link;
    }

    /**
     * A write to propagate (lock held): to the backlog and the replicas, after a SELECT when the database differs
     * from the stream's. A replica propagates nothing of its own: its stream is its master's.
     */
    @Override
    public void propagate(int db, byte[][] argv) {
        feed(db, argv);
    }

    @Override
    public boolean feedsReplicas() {
        return true;
    }

    public void feed(int db, byte[][] argv) {
        if (link != null || (backlog == null && replicas.isEmpty())) {
            return;
        }
        if (db != streamDb && db >= 0) {
            append(StreamEncoding.encode(new byte[][] {Bytes.utf8("SELECT"), Bytes.fromLong(db)}));
            streamDb = db;
        }
        append(StreamEncoding.encode(argv));
    }

    /** Appends bytes to the stream: backlog, offset, every replica that is online, and those waiting for their RDB. */
    void append(byte[] bytes) {
        if (backlog == null) {
            newBacklog();
        }
        backlog.append(bytes, 0, bytes.length);
        masterOffset += bytes.length;
        for (ReplicaPeer r : replicas) {
            if (r.state == ReplicaPeer.State.ONLINE) {
                r.send(bytes);
            } else if (r.held != null) {
                r.held.add(bytes);
            }
        }
    }

    /** Replica side: a command applied from the master goes on, unchanged, to our backlog and our replicas. */
    void proxy(byte[][] argv) {
        append(StreamEncoding.encode(argv));
    }

    /** After a full sync the stream restarts with a SELECT (the replica loaded the data with database 0 selected). */
    void forceSelect() {
        streamDb = -1;
    }

    ReplicationBacklog backlog() {
        return backlog;
    }

    /** Replica side after a full sync: the master's ID and offset become ours, with a fresh history. */
    void adoptMaster(String id, long offset) {
        replid = id;
        masterOffset = offset;
        replid2 = NO_ID;
        secondOffset = -1;
        newBacklog();
    }

    /** A master's first replica when it has no backlog: a new ID, no second one, and a backlog from now on. */
    void shiftToFreshHistory() {
        if (link == null) {
            replid = randomId();
            replid2 = NO_ID;
            secondOffset = -1;
        }
        newBacklog();
    }

    /**
     * A backlog from the current offset. From then on the offset must follow every write, replicas attached or
     * not, so the propagation feed is listened to until the backlog is freed.
     */
    private void newBacklog() {
        backlog = new ReplicationBacklog(directives.get("repl-backlog-size").asLong(), masterOffset);
        if (!feeding) {
            feeding = true;
            server.propagator().register(this);
        }
    }

    /** PSYNC2's shift: our current ID becomes the second one, valid up to the current offset; a new ID begins. */
    void shiftId(String newId) {
        replid2 = replid;
        secondOffset = masterOffset + 1;
        replid = newId;
    }

    // ---- replicas attached to this server ----

    ReplicaPeer handshake(Client client) {
        return handshakes.computeIfAbsent(client.id(), id -> {
            client.channel().closeFuture().addListener(f -> handshakes.remove(id));
            return new ReplicaPeer(client);
        });
    }

    ReplicaPeer peerOf(Client client) {
        for (ReplicaPeer r : replicas) {
            if (r.client == client) {
                return r;
            }
        }
        return null;
    }

    /** PSYNC accepted: the connection becomes a replica (flag S, CLIENT KILL TYPE replica). */
    ReplicaPeer attach(Client client) {
        ReplicaPeer peer = handshakes.remove(client.id());
        if (peer == null) {
            peer = new ReplicaPeer(client);
        }
        ReplicaPeer p = peer;
        client.replica(true);
        replicas.add(p);
        client.channel().closeFuture().addListener(f -> detach(p));
        return p;
    }

    private void detach(ReplicaPeer peer) {
        if (replicas.remove(peer)) {
            log.info("Connection with replica {} lost.", peer.client.address());
            if (replicas.isEmpty()) {
                noReplicasSinceMs = System.currentTimeMillis();
            }
        }
    }

    List<ReplicaPeer> replicas() {
        return replicas;
    }

    /** Drops every replica (their next PSYNC learns our new ID or master). */
    void disconnectReplicas() {
        for (ReplicaPeer r : replicas) {
            r.channel().close();
        }
    }

    /** Replicas online that acknowledged within min-replicas-max-lag seconds. */
    int goodReplicas(long nowMs) {
        long maxLag = directives.get("min-replicas-max-lag").asLong();
        int n = 0;
        for (ReplicaPeer r : replicas) {
            if (r.state == ReplicaPeer.State.ONLINE && (nowMs - r.ackTimeMs) / 1000 <= maxLag) {
                n++;
            }
        }
        return n;
    }

    /** Replicas that acknowledged the stream up to {@code offset} (WAIT). */
    int acknowledged(long offset) {
        int n = 0;
        for (ReplicaPeer r : replicas) {
            if (r.state == ReplicaPeer.State.ONLINE && r.ackOffset >= offset) {
                n++;
            }
        }
        return n;
    }

    /** Asks every replica for its offset now (REPLCONF GETACK *), as WAIT does. */
    void requestAcks() {
        if (!replicas.isEmpty()) {
            append(StreamEncoding.encode(new byte[][] {
                Bytes.utf8("REPLCONF"), Bytes.utf8("GETACK"), Bytes.utf8("*")}));
        }
    }

    /** REPLCONF ACK from a replica (lock held). */
    void acked(ReplicaPeer peer, long offset) {
        if (offset > peer.ackOffset) {
            peer.ackOffset = offset;
        }
        peer.ackTimeMs = System.currentTimeMillis();
        waits.acked();
    }

    // ---- checks before commands run ----

    /**
     * Redis's replication refusals in processCommand's order, or null: NOREPLICAS (min-replicas-to-write),
     * READONLY (a write on a read-only replica), MASTERDOWN (stale data not served).
     */
    public String refusal(Client client, CommandSpec spec) {
        if (client.master()) {
            return null;
        }
        boolean write = spec.isWrite();
        MasterLink l = link;
        if (write && l == null) {
            long min = minReplicasToWrite.asLong();
            if (min > 0 && minReplicasMaxLag.asLong() > 0
                    && goodReplicas(System.currentTimeMillis()) < min) {
                return "NOREPLICAS Not enough good replicas to write.";
            }
        }
        if (l != null && write && directives.get("replica-read-only").asBool()) {
            return "READONLY You can't write against a read only replica.";
        }
        if (l != null && !l.connected() && !directives.get("replica-serve-stale-data").asBool()
                && !spec.hasFlag("stale")) {
            return "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
        }
        return null;
    }

    // ---- role changes ----

    /** REPLICAOF host port (lock held); false when already replicating from that master. */
    public boolean replicaOf(String host, int port) {
        MasterLink old = link;
        if (old != null && old.host().equalsIgnoreCase(host) && old.port() == port) {
            return false;
        }
        if (old != null) {
            old.close();
        }
        // our replicas must learn about the change; they can continue from us once we have synced
        disconnectReplicas();
        waits.failAll();
        link = new MasterLink(this, server, host, port);
        log.info("Connecting to MASTER {}:{}", host, port);
        link.connect();
        return true;
    }

    /** REPLICAOF NO ONE (lock held): becomes a master, keeping the old ID as replid2 (PSYNC2). */
    public void promote() {
        MasterLink old = link;
        if (old == null) {
            return;
        }
        link = null;
        old.close();
        shiftId(randomId());
        disconnectReplicas();
        streamDb = -1;
        log.info("MASTER MODE enabled (user request from '{}')", "REPLICAOF NO ONE");
    }

    // ---- periodic work ----

    private void cron() {
        try {
            withLock(this::cronLocked);
        } catch (RuntimeException e) {
            log.error("replication cron failed", e);
        }
    }

    private void cronLocked() {
        long now = System.currentTimeMillis();
        MasterLink l = link;
        if (l != null) {
            l.cron(now);
        }
        long period = directives.get("repl-ping-replica-period").asLong() * 1000;
        if (!replicas.isEmpty() && l == null && period > 0 && now - lastPingMs >= period) {
            lastPingMs = now;
            feed(streamDb < 0 ? 0 : streamDb, PING); // keeps idle replicas' timeouts from firing
        }
        long timeout = directives.get("repl-timeout").asLong() * 1000;
        boolean newline = now - lastNewlineMs >= 1000;
        if (newline) {
            lastNewlineMs = now;
        }
        List<ReplicaPeer> drop = new ArrayList<>();
        for (ReplicaPeer r : replicas) {
            if (r.state == ReplicaPeer.State.WAIT_BGSAVE && newline) {
                r.send(new byte[] {'\n'}); // Redis's keepalive while the snapshot is prepared
            }
            if (r.state == ReplicaPeer.State.ONLINE && now - r.ackTimeMs > timeout) {
                log.warn("Disconnecting timedout replica (streaming sync): {}", r.client.address());
                drop.add(r);
            } else if (r.client.output() != null) {
                r.client.output().enforceLimit(); // the slave class of client-output-buffer-limit; closes and logs
            }
        }
        drop.forEach(r -> r.channel().close());
        long ttl = directives.get("repl-backlog-ttl").asLong() * 1000;
        if (l == null && backlog != null && replicas.isEmpty() && ttl > 0 && now - noReplicasSinceMs > ttl) {
            // as Redis: a master without replicas for the TTL frees its backlog and starts a new history
            replid = randomId();
            replid2 = NO_ID;
            secondOffset = -1;
            backlog = null;
            feeding = false;
            server.propagator().unregister(this);
        }
        waits.expire();
    }

    // ---- INFO and ROLE ----

    /** The fields of INFO replication, in Redis 7's order. */
    public void info(BiConsumer<String, Object> field) {
        long now = System.currentTimeMillis();
        MasterLink l = link;
        field.accept("role", l == null ? "master" : "slave");
        if (l != null) {
            l.info(field, now);
            field.accept("slave_priority", directives.get("replica-priority").asLong());
            field.accept("slave_read_only", directives.get("replica-read-only").asBool() ? 1 : 0);
            field.accept("replica_announced", directives.get("replica-announced").asBool() ? 1 : 0);
        }
        field.accept("connected_slaves", replicas.size());
        if (l == null) {
            long min = directives.get("min-replicas-to-write").asLong();
            if (min > 0 && directives.get("min-replicas-max-lag").asLong() > 0) {
                field.accept("min_slaves_good_slaves", goodReplicas(now));
            }
        }
        int i = 0;
        for (ReplicaPeer r : replicas) {
            field.accept("slave" + i++, "ip=" + r.ip() + ",port=" + r.listeningPort + ",state=" + r.state.info
                + ",offset=" + r.ackOffset + ",lag=" + (now - r.ackTimeMs) / 1000);
        }
        field.accept("master_failover_state", "no-failover");
        field.accept("master_replid", replid);
        field.accept("master_replid2", replid2);
        field.accept("master_repl_offset", masterOffset);
        field.accept("second_repl_offset", secondOffset);
        field.accept("repl_backlog_active", backlog == null ? 0 : 1);
        field.accept("repl_backlog_size", directives.get("repl-backlog-size").asLong());
        field.accept("repl_backlog_first_byte_offset", backlog == null ? 0 : backlog.firstOffset());
        field.accept("repl_backlog_histlen", backlog == null ? 0 : backlog.histlen());
    }

    public long syncFull() {
        return syncFull;
    }

    public long syncPartialOk() {
        return syncPartialOk;
    }

    public long syncPartialErr() {
        return syncPartialErr;
    }

    /** The replication link for the Actuator tls endpoint, or null when this server is a master. */
    public LinkView linkView() {
        MasterLink l = link;
        return l == null ? null : l.view();
    }

    /** What the Actuator shows of the link to the master. */
    public record LinkView(String host, int port, boolean tls, String status, String presentedCertificate,
                           String masterCertificate) {
    }
}
