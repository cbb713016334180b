package io.redoubt.command.transaction;

import io.redoubt.keyspace.WatchRegistry;
import io.redoubt.net.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One connection's MULTI state: the queued command lines, whether one was refused (EXEC then answers
 * EXECABORT), whether EXEC is running them, and the connection's watched keys. Used with the keyspace lock held.
 */
public final class Transaction {
    /** Commands that run at once even inside MULTI, as in Redis's processCommand. */
    private static final Set<String> NOT_QUEUED = Set.of("exec", "discard", "multi", "watch", "quit", "reset");

    private final Client client;
    private final WatchRegistry.Watcher watcher = new WatchRegistry.Watcher();
    private final List<byte[][]> queue = new ArrayList<>();
    private boolean active;
    private boolean refused;
    private boolean executing;

    public Transaction(Client client) {
        this.client = client;
    }

    public boolean active() {
        return active;
    }

    /** Whether a command of this (lower-case) name is queued rather than run now. */
    public boolean queues(String lowerName) {
        return active && !NOT_QUEUED.contains(lowerName);
    }

    void begin() {
        active = true;
        refused = false;
        queue.clear();
        client.multiQueued(0);
    }

    public void queue(byte[][] args) {
        queue.add(args);
        client.multiQueued(queue.size());
    }

    /** A command was refused before it could be queued: EXEC will fail with EXECABORT. */
    public void flagRefused() {
        if (active) {
            refused = true;
        }
    }

    boolean refused() {
        return refused;
    }

    /** Leaves MULTI, handing back what was queued. */
    List<byte[][]> end() {
        List<byte[][]> q = new ArrayList<>(queue);
        queue.clear();
        active = false;
        refused = false;
        client.multiQueued(-1);
        return q;
    }

    /** EXEC is running the queued commands: blocking commands must answer as if timed out. */
    public boolean executing() {
        return executing;
    }

    void executing(boolean v) {
        executing = v;
    }

    WatchRegistry.Watcher watcher() {
        return watcher;
    }

    /** DISCARD, RESET, a closed connection: leaves MULTI and drops the watches (lock held). */
    public void reset(WatchRegistry watches) {
        end();
        if (watcher.watching()) {
            watches.unwatchAll(watcher);
        }
    }

    public boolean watching() {
        return watcher.watching();
    }
}
