package io.redoubt.command.server;

import io.redoubt.command.CommandTable;

/** BGREWRITEAOF: the append-only file's command (see persistence/aof). */
public final class AofCommands {
    private AofCommands() {
    }

    public static void register(CommandTable t) {
        t.add("bgrewriteaof", 1, "admin noscript no_async_loading", 0, 0, 0, "@admin @slow @dangerous",
                c -> c.reply.simple(c.server.aof().bgrewriteaof(c.transaction().executing())))
            .doc("Asynchronously rewrites the append-only file to disk.", "1.0.0", "server", "O(1)");
    }
}
