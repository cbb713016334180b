package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.Values;
import java.util.Arrays;

/** COPY (a deep copy, to the same or another database) and MOVE (the key itself, to another database). */
final class CopyCommands {
    private CopyCommands() {
    }

    static void register(CommandTable t) {
        t.add("copy", -3, "write denyoom", 1, 2, 1, "@keyspace @write @slow", CopyCommands::copy)
            .doc("Copies the value of a key to a new key.", "6.2.0", "generic",
                "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.");
        t.add("move", 3, "write fast", 1, 1, 1, "@keyspace @write @fast", CopyCommands::move)
            .doc("Moves a key to another database.", "1.0.0", "generic", "O(1)");
    }

    /** COPY source destination [DB db] [REPLACE]. The copy gets the source's expiry and a fresh access time. */
    static void copy(CommandContext c) {
        Database src = c.db();
        Database dst = src;
        boolean replace = false;
        for (int i = 3; i < c.argc(); i++) {
            if (c.argIs(i, "replace")) {
                replace = true;
            } else if (c.argIs(i, "db") && i + 1 < c.argc()) {
                dst = KeyTransfer.dbArg(c, ++i);
            } else {
                throw RedisError.SYNTAX;
            }
        }
        byte[] to = c.arg(2);
        if (src == dst && Arrays.equals(c.arg(1), to)) {
            throw KeyTransfer.SAME_OBJECT;
        }
        Dict.Entry e = src.read(c.arg(1));
        if (e == null) {
            c.reply.integer(0);
            return;
        }
        Dict.Entry old = dst.lookup(to);
        if (old != null) {
            if (!replace) {
                c.reply.integer(0);
                return;
            }
            dst.remove(old);
        }
        KeyTransfer.place(dst, to, Values.copy(e.value), e.expireAt);
        c.keyspace().watches().touch(dst.index(), to); // the executor marks keys in the client's db only
        c.notifyKeyEvent(KeyEvents.GENERIC, "copy_to", to, dst.index());
        c.reply.integer(1);
    }

    static void move(CommandContext c) {
        Database src = c.db();
        Database dst = KeyTransfer.dbArg(c, 2);
        if (dst == src) {
            throw KeyTransfer.SAME_OBJECT;
        }
        Dict.Entry e = src.lookup(c.arg(1));
        if (e == null || dst.lookup(e.key) != null) {
            c.reply.integer(0);
            return;
        }
        KeyTransfer.relocate(src, e, dst, e.key);
        c.keyspace().watches().touch(dst.index(), e.key); // the executor marks keys in the client's db only
        c.notifyKeyEvent(KeyEvents.GENERIC, "move_from", c.arg(1), src.index());
        c.notifyKeyEvent(KeyEvents.GENERIC, "move_to", c.arg(1), dst.index());
        c.reply.integer(1);
    }
}
