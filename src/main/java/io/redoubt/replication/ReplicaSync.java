package io.redoubt.replication;

import io.redoubt.config.DirectiveRegistry;
import io.redoubt.net.Client;
import io.redoubt.persistence.KeyspaceImage;
import io.redoubt.persistence.RdbOptions;
import io.redoubt.server.Server;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's answer to PSYNC and SYNC: a partial resync from the backlog when the replica's history is ours
 * (+CONTINUE), otherwise a full one (+FULLRESYNC, an RDB snapshot of the keyspace, then the live stream).
 * The snapshot is an image of the keyspace taken with the keyspace lock held, so it is exactly the data at the
 * announced offset; it is encoded in the background while the stream that follows it is held for the replica.
 * It goes as {@code $<len>} (disk-based) or, with repl-diskless-sync and a replica that has capa eof, as
 * {@code $EOF:<mark>} ... {@code <mark>}, after repl-diskless-sync-delay seconds so that more replicas can
 * share it.
 */
final class ReplicaSync {
    private static final Logger log = LoggerFactory.getLogger(ReplicaSync.class);
    private static final String MARK_CHARS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private final Replication repl;
    private final Server server;
    private final DirectiveRegistry directives;
    private boolean snapshotScheduled;

    ReplicaSync(Replication repl, Server server) {
        this.repl = repl;
        this.server = server;
        this.directives = server.directives();
    }

    /**
     * PSYNC replid offset, or SYNC when {@code replid} is null (lock held). Writes nothing through the command's
     * reply: everything goes through the replica's ordered sends.
     */
    void psync(Client client, String replid, long offset) {
        boolean psync = replid != null;
        if (psync && tryPartial(client, replid, offset)) {
            return;
        }
        if (psync && !replid.equals("?")) {
            repl.syncPartialErr++;
        }
        repl.syncFull++;
        ReplicaPeer peer = repl.attach(client);
        peer.psync = psync;
        log.info("Replica {} asks for synchronization", peer.client.address());
        if (repl.backlog() == null) {
            // Redis starts a new history when the first replica of a master without a backlog arrives
            repl.shiftToFreshHistory();
        }
        boolean diskless = directives.get("repl-diskless-sync").asBool() && peer.capaEof;
        long delay = diskless ? directives.get("repl-diskless-sync-delay").asLong() : 0;
        if (delay <= 0) {
            snapshotNow();
        } else if (!snapshotScheduled) {
            snapshotScheduled = true;
            client.channel().eventLoop().schedule(this::delayedSnapshot, delay, TimeUnit.SECONDS);
        }
    }

    private boolean tryPartial(Client client, String replid, long offset) {
        ReplicationBacklog backlog = repl.backlog();
        boolean ours = replid.equals(repl.replid())
            || replid.equals(repl.replid2()) && offset <= repl.secondOffset();
        if (!ours || backlog == null || !backlog.holdsFrom(offset)) {
            if (!replid.equals("?")) {
                log.info("Partial resynchronization not accepted: {} {}", replid, offset);
            }
            return false;
        }
        if (repl.isReplica() && !repl.link().connected()) {
            return false; // Redis answers a full resync request the same way: after our own sync
        }
        ReplicaPeer peer = repl.attach(client);
        peer.state = ReplicaPeer.State.ONLINE;
        peer.ackTimeMs = System.currentTimeMillis();
        peer.send(StreamEncoding.ascii(peer.capaPsync2 ? "+CONTINUE " + repl.replid() + "\r\n" : "+CONTINUE\r\n"));
        byte[] missing = backlog.from(offset);
        if (missing.length > 0) {
            peer.send(missing);
        }
        repl.syncPartialOk++;
        log.info("Partial resynchronization request from {} accepted. Sending {} bytes of backlog starting from "
            + "offset {}.", client.address(), missing.length, offset);
        return true;
    }

    private void delayedSnapshot() {
        ReentrantLock lock = server.keyspace().lock();
        lock.lock();
        try {
            snapshotNow();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Snapshots the keyspace once for every replica waiting for one (lock held): an image now, at the offset
     * announced in +FULLRESYNC, encoded in the background; the stream from that offset on is held for them.
     */
    private void snapshotNow() {
        snapshotScheduled = false;
        List<ReplicaPeer> waiting = new ArrayList<>();
        for (ReplicaPeer peer : repl.replicas()) {
            if (peer.state == ReplicaPeer.State.WAIT_BGSAVE && peer.channel().isActive()) {
                waiting.add(peer);
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        KeyspaceImage image = KeyspaceImage.of(server.keyspace());
        Map<String, String> aux = RdbTransfer.aux(repl);
        RdbOptions options = RdbOptions.from(directives);
        byte[] fullResync = StreamEncoding.ascii("+FULLRESYNC " + repl.replid() + " " + repl.offset() + "\r\n");
        for (ReplicaPeer peer : waiting) {
            peer.state = ReplicaPeer.State.SEND_BULK;
            peer.held = new ArrayList<>();
            if (peer.psync) {
                peer.send(fullResync);
            }
        }
        repl.forceSelect(); // the replica loads with database 0 selected: the stream after it starts with a SELECT
        Thread encoder = new Thread(() -> {
            byte[] rdb = null;
            try {
                rdb = RdbTransfer.encode(options, image, aux);
            } catch (RuntimeException e) {
                log.warn("Could not encode the RDB for a full sync: {}", e.toString());
            } finally {
                image.release();
            }
            ReentrantLock lock = server.keyspace().lock();
            lock.lock();
            try {
                if (rdb != null) {
                    deliver(waiting, rdb);
                } else {
                    abandon(waiting);
                }
            } finally {
                lock.unlock();
            }
        }, "redoubt-sync-rdb");
        encoder.setDaemon(true);
        encoder.start();
    }

    /** Sends the RDB, then the stream held since it was taken, to each replica still waiting (lock held). */
    private void deliver(List<ReplicaPeer> peers, byte[] rdb) {
        for (ReplicaPeer peer : peers) {
            List<byte[]> held = peer.held;
            peer.held = null;
            if (peer.state != ReplicaPeer.State.SEND_BULK || !peer.channel().isActive()) {
                continue;
            }
            boolean diskless = directives.get("repl-diskless-sync").asBool() && peer.capaEof;
            if (diskless) {
                String mark = eofMark();
                peer.send(StreamEncoding.ascii("$EOF:" + mark + "\r\n"));
                peer.send(rdb);
                peer.send(StreamEncoding.ascii(mark));
            } else {
                peer.send(StreamEncoding.ascii("$" + rdb.length + "\r\n"));
                peer.send(rdb);
            }
            for (byte[] b : held) {
                peer.send(b);
            }
            log.info("Synchronization with replica {} succeeded ({} bytes, {})", peer.client.address(), rdb.length,
                diskless ? "diskless" : "disk-based framing");
            peer.ackOffset = 0;
            peer.ackTimeMs = System.currentTimeMillis();
            peer.state = ReplicaPeer.State.ONLINE;
        }
    }

    /** No RDB to send: the replicas waiting for it are disconnected, as Redis does when its BGSAVE fails. */
    private static void abandon(List<ReplicaPeer> peers) {
        for (ReplicaPeer peer : peers) {
            peer.held = null;
            peer.channel().close();
        }
    }

    private static String eofMark() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sb.append(MARK_CHARS.charAt(r.nextInt(MARK_CHARS.length())));
        }
        return sb.toString();
    }
}
