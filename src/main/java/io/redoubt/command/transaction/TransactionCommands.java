package io.redoubt.command.transaction;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.KeySpec;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.WatchRegistry;
import java.util.List;

/**
 * MULTI EXEC DISCARD WATCH UNWATCH. Queueing itself happens in the executor (a command after MULTI is
 * checked, then queued instead of run); EXEC runs the queue in one call, so under one hold of the keyspace
 * lock, and clients blocked on keys are served once, after it.
 */
public final class TransactionCommands {
    private TransactionCommands() {
    }

    public static void register(CommandTable t) {
        String fast = "@fast @transaction";
        t.add("multi", 1, "noscript loading stale fast allow_busy", 0, 0, 0, fast, TransactionCommands::multi)
            .doc("Starts a transaction.", "1.2.0", "transactions", "O(1)");
        t.add("exec", 1, "noscript loading stale skip_slowlog", 0, 0, 0, "@slow @transaction",
                TransactionCommands::exec)
            .doc("Executes all commands in a transaction.", "1.2.0", "transactions",
                "Depends on commands in the transaction");
        t.add("discard", 1, "noscript loading stale fast allow_busy", 0, 0, 0, fast, TransactionCommands::discard)
            .doc("Discards a transaction.", "2.0.0", "transactions",
                "O(N), when N is the number of queued commands");
        t.add("watch", -2, "noscript loading stale fast allow_busy", 1, -1, 1, fast, TransactionCommands::watch)
            .keySpec(KeySpec.range("RO", 1, -1, 1, 0))
            .doc("Monitors changes to keys to determine the execution of a transaction.", "2.2.0",
                "transactions", "O(1) for every key.");
        t.add("unwatch", 1, "noscript loading stale fast allow_busy", 0, 0, 0, fast, TransactionCommands::unwatch)
            .doc("Forgets about watched keys of a transaction.", "2.2.0", "transactions", "O(1)");
    }

    static void multi(CommandContext c) {
        Transaction tx = c.transaction();
        if (tx.active()) {
            throw new RedisError("ERR MULTI calls can not be nested");
        }
        tx.begin();
        c.reply.ok();
    }

    static void exec(CommandContext c) {
        Transaction tx = c.transaction();
        if (!tx.active()) {
            throw new RedisError("ERR EXEC without MULTI");
        }
        WatchRegistry watches = c.keyspace().watches();
        if (tx.refused()) {
            tx.reset(watches);
            throw new RedisError("EXECABORT Transaction discarded because of previous errors.");
        }
        boolean dirty = tx.watching() && watches.isDirty(tx.watcher());
        // unwatch before running: the transaction's own writes must not mark anything
        List<byte[][]> queued = tx.end();
        if (tx.watching()) {
            watches.unwatchAll(tx.watcher());
        }
        if (dirty) {
            c.reply.nullArray();
            return;
        }
        c.reply.array(queued.size());
        tx.executing(true);
        try {
            for (byte[][] args : queued) {
                c.runQueued(args);
            }
        } finally {
            tx.executing(false);
            c.client.lastCommand("exec"); // CLIENT LIST cmd= shows exec, not the last queued command
        }
    }

    static void discard(CommandContext c) {
        Transaction tx = c.transaction();
        if (!tx.active()) {
            throw new RedisError("ERR DISCARD without MULTI");
        }
        tx.reset(c.keyspace().watches());
        c.reply.ok();
    }

    static void watch(CommandContext c) {
        if (c.transaction().active()) {
            throw new RedisError("ERR WATCH inside MULTI is not allowed");
        }
        WatchRegistry watches = c.keyspace().watches();
        for (int i = 1; i < c.argc(); i++) {
            watches.watch(c.transaction().watcher(), c.client.db(), c.arg(i));
        }
        c.reply.ok();
    }

    static void unwatch(CommandContext c) {
        Transaction tx = c.transaction();
        if (tx.watching()) {
            c.keyspace().watches().unwatchAll(tx.watcher());
        }
        c.reply.ok();
    }
}
