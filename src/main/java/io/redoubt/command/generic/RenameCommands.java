package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import java.util.Arrays;

/** RENAME and RENAMENX: the key keeps its value, its time to live and its access time. */
final class RenameCommands {
    private RenameCommands() {
    }

    static void register(CommandTable t) {
        t.add("rename", 3, "write", 1, 2, 1, "@keyspace @write @slow", c -> rename(c, false))
            .doc("Renames a key and overwrites the destination.", "1.0.0", "generic", "O(1)");
        t.add("renamenx", 3, "write fast", 1, 2, 1, "@keyspace @write @fast", c -> rename(c, true))
            .doc("Renames a key only when the target key name doesn't exist.", "1.0.0", "generic", "O(1)");
    }

    static void rename(CommandContext c, boolean nx) {
        Database db = c.db();
        byte[] to = c.arg(2);
        Dict.Entry src = db.lookup(c.arg(1));
        if (src == null) {
            throw RedisError.NO_SUCH_KEY;
        }
        if (Arrays.equals(src.key, to)) {
            answer(c, nx, false);
            return;
        }
        Dict.Entry dst = db.lookup(to);
        if (dst != null) {
            if (nx) {
                answer(c, true, false);
                return;
            }
            db.remove(dst);
        }
        KeyTransfer.relocate(db, src, db, to);
        c.notifyKeyEvent(KeyEvents.GENERIC, "rename_from", c.arg(1));
        c.notifyKeyEvent(KeyEvents.GENERIC, "rename_to", to);
        answer(c, nx, true);
    }

    /** RENAME answers OK (when it did not fail); RENAMENX 1 or 0. */
    private static void answer(CommandContext c, boolean nx, boolean renamed) {
        if (!renamed) {
            c.propagateNothing();
        }
        if (nx) {
            c.reply.integer(renamed ? 1 : 0);
        } else {
            c.reply.ok();
        }
    }
}
