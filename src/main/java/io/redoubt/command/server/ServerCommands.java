package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import java.time.Instant;

/**
 * The server family: DBSIZE TIME FLUSHDB FLUSHALL SWAPDB here, and INFO COMMAND SLOWLOG DEBUG SHUTDOWN
 * SAVE BGSAVE LASTSAVE from their own classes.
 */
public final class ServerCommands {
    private ServerCommands() {
    }

    public static void register(CommandTable t) {
        t.add("dbsize", 1, "readonly fast", 0, 0, 0, "@keyspace @read @fast", c -> c.reply.integer(c.db().size()))
            .tips("request_policy:all_shards response_policy:agg_sum")
            .doc("Returns the number of keys in the database.", "1.0.0", "server", "O(1)");
        t.add("time", 1, "loading stale fast", 0, 0, 0, "@fast", ServerCommands::time)
            .tips("nondeterministic_output")
            .doc("Returns the server time.", "2.6.0", "server", "O(1)");
        t.add("flushdb", -1, "write", 0, 0, 0, "@keyspace @write @slow @dangerous", ServerCommands::flushDb)
            .tips("request_policy:all_shards response_policy:all_succeeded")
            .doc("Removes all keys from the current database.", "1.0.0", "server",
                "O(N) where N is the number of keys in the selected database");
        t.add("flushall", -1, "write", 0, 0, 0, "@keyspace @write @slow @dangerous", ServerCommands::flushAll)
            .tips("request_policy:all_shards response_policy:all_succeeded")
            .doc("Removes all keys from all databases.", "1.0.0", "server",
                "O(N) where N is the total number of keys in all databases");
        t.add("swapdb", 3, "write fast", 0, 0, 0, "@keyspace @write @fast @dangerous", ServerCommands::swapDb)
            .doc("Swaps two Redis databases.", "4.0.0", "server",
                "O(N) where N is the count of clients watching or blocking on keys from both databases.");
        InfoCommand.register(t);
        CommandCommand.register(t);
        SlowlogCommand.register(t);
        DebugCommand.register(t);
        ShutdownCommand.register(t);
        PersistenceCommands.register(t);
    }

    static void time(CommandContext c) {
        Instant now = Instant.now();
        c.reply.array(2);
        c.reply.bulk(now.getEpochSecond());
        c.reply.bulk(now.getNano() / 1000);
    }

    static void flushDb(CommandContext c) {
        checkFlushMode(c);
        c.db().clear();
        c.reply.ok();
    }

    static void flushAll(CommandContext c) {
        checkFlushMode(c);
        c.keyspace().flushAll();
        c.server.snapshots().afterFlushAll(); // with save points set, Redis saves the empty dataset at once
        c.reply.ok();
    }

    /** [ASYNC|SYNC]: both accepted; freeing is the garbage collector's job either way. */
    private static void checkFlushMode(CommandContext c) {
        if (c.argc() > 2 || c.argc() == 2 && !c.argIs(1, "async") && !c.argIs(1, "sync")) {
            throw RedisError.SYNTAX;
        }
    }

    static void swapDb(CommandContext c) {
        long a = c.longArg(1, "ERR invalid first DB index");
        long b = c.longArg(2, "ERR invalid second DB index");
        int count = c.keyspace().count();
        if (a < 0 || a >= count || b < 0 || b >= count) {
            throw RedisError.DB_INDEX;
        }
        c.keyspace().swap((int) a, (int) b);
        c.reply.ok();
    }
}
