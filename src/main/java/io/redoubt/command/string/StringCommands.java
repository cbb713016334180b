package io.redoubt.command.string;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Dict;

/** The string family: GET SET and friends. */
public final class StringCommands {
    private StringCommands() {
    }

    public static void register(CommandTable t) {
        t.add("get", 2, "readonly fast", 1, 1, 1, "@read @string @fast", StringCommands::get)
            .doc("Returns the string value of a key.", "1.0.0", "string", "O(1)");
        t.add("set", -3, "write denyoom", 1, 1, 1, "@write @string @slow", StringCommands::set)
            .doc("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
                "1.0.0", "string", "O(1)");
    }

    static void get(CommandContext c) {
        Dict.Entry e = c.db().read(c.arg(1));
        if (e == null) {
            c.reply.nullBulk();
            return;
        }
        if (!(e.value instanceof byte[] v)) {
            throw RedisError.WRONGTYPE;
        }
        c.reply.bulk(v);
    }

    static void set(CommandContext c) {
        c.db().put(c.arg(1), c.arg(2), false);
        c.reply.ok();
    }
}
