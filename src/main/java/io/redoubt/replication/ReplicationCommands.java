package io.redoubt.replication;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.net.Client;
import java.util.List;

/** REPLCONF, PSYNC, SYNC, REPLICAOF, SLAVEOF, ROLE and WAIT, with Redis 7's metadata and replies. */
public final class ReplicationCommands {
    private ReplicationCommands() {
    }

    public static void register(CommandTable t) {
        String admin = "@admin @slow @dangerous";
        t.add("replconf", -1, "admin noscript loading stale allow_busy", 0, 0, 0, admin, ReplicationCommands::replconf)
            .doc("An internal command for configuring the replication stream.", "3.0.0", "server", "O(1)");
        t.add("psync", -3, "admin noscript no_async_loading no_multi", 0, 0, 0, admin, ReplicationCommands::psync)
            .doc("An internal command used in replication.", "2.8.0", "server", null);
        t.add("sync", 1, "admin noscript no_async_loading no_multi", 0, 0, 0, admin, ReplicationCommands::sync)
            .doc("An internal command used in replication.", "1.0.0", "server", null);
        t.add("replicaof", 3, "admin noscript stale no_async_loading", 0, 0, 0, admin, ReplicationCommands::replicaOf)
            .doc("Configures a server as replica of another, or promotes it to a master.", "5.0.0", "server", "O(1)");
        t.add("slaveof", 3, "admin noscript stale no_async_loading", 0, 0, 0, admin, ReplicationCommands::replicaOf)
            .doc("Sets a Redis server as a replica of another, or promotes it to being a master.", "1.0.0", "server",
                "O(1)");
        t.add("role", 1, "noscript loading stale fast", 0, 0, 0, "@admin @fast @dangerous", ReplicationCommands::role)
            .doc("Returns the replication role.", "2.8.12", "server", "O(1)");
        t.add("wait", 3, "noscript", 0, 0, 0, "@slow @connection", ReplicationCommands::waitCommand)
            .tips("request_policy:all_shards response_policy:agg_min")
            .doc("Blocks until the asynchronous replication of all preceding write commands sent by the connection "
                + "is completed.", "3.0.0", "generic", "O(1)");
    }

    private static Replication repl(CommandContext c) {
        return c.server.replication();
    }

    static void replconf(CommandContext c) {
        if (c.argc() % 2 == 0) {
            throw RedisError.SYNTAX;
        }
        Replication repl = repl(c);
        Client client = c.client;
        for (int i = 1; i < c.argc(); i += 2) {
            String option = c.option(i);
            switch (option) {
                case "listening-port" -> {
                    long port = c.longArg(i + 1);
                    repl.handshake(client).listeningPort = (int) port;
                }
                case "ip-address" -> repl.handshake(client).announcedIp = c.argString(i + 1);
                case "capa" -> {
                    ReplicaPeer peer = repl.handshake(client);
                    if (c.argIs(i + 1, "eof")) {
                        peer.capaEof = true;
                    } else if (c.argIs(i + 1, "psync2")) {
                        peer.capaPsync2 = true;
                    }
                }
                case "ack" -> {
                    ReplicaPeer peer = repl.peerOf(client);
                    if (peer != null) { // a client that is not a replica gets nothing: no reply at all
                        repl.acked(peer, c.longArg(i + 1));
                    }
                    return; // never answered
                }
                case "getack" -> {
                    MasterLink link = repl.link();
                    if (client.master() && link != null) {
                        link.sendAck();
                    }
                    return; // only a master asks, and the answer is an ACK, not a reply
                }
                case "rdb-only", "rdb-filter-only" -> {
                    // accepted as Redis does for redis-cli --rdb; a full sync sends the whole RDB anyway
                }
                default -> throw new RedisError("ERR Unrecognized REPLCONF option: " + c.argString(i));
            }
        }
        c.reply.ok();
    }

    static void psync(CommandContext c) {
        long offset = c.longArg(2);
        startSync(c, c.argString(1), offset);
    }

    static void sync(CommandContext c) {
        startSync(c, null, -1);
    }

    private static void startSync(CommandContext c, String replid, long offset) {
        Replication repl = repl(c);
        if (c.client.replica()) {
            return; // a replica asking again on the same link is ignored, as in Redis
        }
        if (repl.isReplica() && !repl.link().connected()) {
            throw new RedisError("NOMASTERLINK Can't SYNC while not connected with my master");
        }
        repl.sync.psync(c.client, replid, offset);
    }

    static void replicaOf(CommandContext c) {
        Replication repl = repl(c);
        if (c.argIs(1, "no") && c.argIs(2, "one")) {
            repl.promote();
            c.reply.ok();
            return;
        }
        if (c.client.replica()) {
            throw new RedisError("ERR Command is not valid when client is a replica.");
        }
        long port;
        try {
            port = c.longArg(2);
        } catch (RedisError e) {
            throw new RedisError("ERR Invalid master port");
        }
        if (port < 0 || port > 65535) {
            throw new RedisError("ERR Invalid master port");
        }
        if (!repl.replicaOf(c.argString(1), (int) port)) {
            c.reply.simple("OK Already connected to specified master");
            return;
        }
        c.reply.ok();
    }

    static void role(CommandContext c) {
        Replication repl = repl(c);
        MasterLink link = repl.link();
        if (link == null) {
            List<ReplicaPeer> replicas = repl.replicas().stream()
                .filter(r -> r.state == ReplicaPeer.State.ONLINE).toList();
            c.reply.array(3);
            c.reply.bulk("master");
            c.reply.integer(repl.offset());
            c.reply.array(replicas.size());
            for (ReplicaPeer r : replicas) {
                c.reply.array(3);
                c.reply.bulk(r.ip());
                c.reply.bulk(Integer.toString(r.listeningPort));
                c.reply.bulk(Long.toString(r.ackOffset));
            }
            return;
        }
        c.reply.array(5);
        c.reply.bulk("slave");
        c.reply.bulk(link.host());
        c.reply.integer(link.port());
        c.reply.bulk(link.state().role);
        c.reply.integer(link.connected() ? repl.offset() : -1);
    }

    static void waitCommand(CommandContext c) {
        if (repl(c).isReplica()) {
            throw new RedisError("ERR WAIT cannot be used with replica instances. Please also note that since Redis "
                + "4.0 if a replica is configured to be writable (which is not the default) writes to replicas are "
                + "just local and are not propagated.");
        }
        long needed = c.longArg(1);
        long timeout = c.longArg(2, "ERR timeout is not an integer or out of range");
        if (timeout < 0) {
            throw new RedisError("ERR timeout is negative");
        }
        repl(c).waits.waitFor(c, needed, timeout);
    }
}
