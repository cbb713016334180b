package io.redoubt.replication;

import io.redoubt.command.CommandContext;
import io.redoubt.server.Blocking;
import io.redoubt.server.Server;
import java.util.ArrayList;
import java.util.List;

/**
 * WAIT numreplicas timeout: the client blocks (through {@link Blocking}, with no keys) until enough replicas
 * acknowledged the stream up to the offset of the WAIT, or the timeout passes; either way it is answered with
 * the number of replicas that acknowledged. The replicas are asked for their offset (REPLCONF GETACK) at once.
 * Used with the keyspace lock held.
 */
final class WaitingClients {
    private record Waiter(long clientId, long offset, long needed) {
    }

    private final Replication repl;
    private final Server server;
    private final List<Waiter> waiters = new ArrayList<>();

    WaitingClients(Replication repl, Server server) {
        this.repl = repl;
        this.server = server;
    }

    void waitFor(CommandContext c, long needed, long timeoutMs) {
        long offset = repl.offset();
        int acked = repl.acknowledged(offset);
        if (acked >= needed || c.transaction().executing()) {
            c.reply.integer(acked);
            return;
        }
        long deadline = timeoutMs == 0 ? 0 : server.keyspace().now() + timeoutMs;
        c.block(new Blocking.Request(List.of(), "wait", deadline, r -> r.integer(repl.acknowledged(offset))));
        if (c.blockPending()) {
            waiters.add(new Waiter(c.client.id(), offset, needed));
            repl.requestAcks();
        }
    }

    /** An acknowledgement arrived: answers the clients whose count is reached. */
    void acked() {
        if (waiters.isEmpty()) {
            return;
        }
        for (Waiter w : new ArrayList<>(waiters)) {
            int acked = repl.acknowledged(w.offset);
            if (acked >= w.needed) {
                waiters.remove(w);
                server.blocking().unblock(w.clientId, r -> r.integer(acked));
            }
        }
    }

    /** Forgets waits that ended otherwise (timeout, CLIENT UNBLOCK, disconnect). */
    void expire() {
        waiters.removeIf(w -> server.clients().byId(w.clientId) == null || !server.clients().byId(w.clientId).blocked());
    }

    /** The server became a replica: WAIT ends for everyone with what was acknowledged. */
    void failAll() {
        for (Waiter w : new ArrayList<>(waiters)) {
            server.blocking().unblock(w.clientId, r -> r.integer(repl.acknowledged(w.offset)));
        }
        waiters.clear();
    }
}
