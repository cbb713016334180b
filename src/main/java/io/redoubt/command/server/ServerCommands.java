package io.redoubt.command.server;

import io.redoubt.command.CommandTable;

/** DBSIZE FLUSHDB FLUSHALL SWAPDB TIME INFO COMMAND SLOWLOG DEBUG SHUTDOWN: the server family. */
public final class ServerCommands {
    private ServerCommands() {
    }

    public static void register(CommandTable t) {
        t.add("dbsize", 1, "readonly fast", 0, 0, 0, "@keyspace @read @fast", c -> c.reply.integer(c.db().size()))
            .doc("Returns the number of keys in the database.", "1.0.0", "server", "O(1)");
    }
}
