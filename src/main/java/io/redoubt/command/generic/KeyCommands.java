package io.redoubt.command.generic;

import io.redoubt.command.CommandTable;

/** The generic (keyspace) family: DEL EXISTS TYPE KEYS SCAN EXPIRE TTL and friends. */
public final class KeyCommands {
    private KeyCommands() {
    }

    public static void register(CommandTable t) {
        t.add("del", -2, "write", 1, -1, 1, "@keyspace @write @slow", c -> {
            int n = 0;
            for (int i = 1; i < c.argc(); i++) {
                if (c.db().delete(c.arg(i))) {
                    n++;
                }
            }
            c.reply.integer(n);
        }).doc("Deletes one or more keys.", "1.0.0", "generic", "O(N)");
    }
}
