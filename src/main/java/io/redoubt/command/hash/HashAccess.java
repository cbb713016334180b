package io.redoubt.command.hash;

import io.redoubt.command.CommandContext;
import io.redoubt.command.TypedValue;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.RedisHash;

/** Looking up the hash a command works on: type check, creation on first write, deletion once empty. */
final class HashAccess {
    private HashAccess() {
    }

    /** The hash at the key as a read (counts a hit or miss), null when missing, WRONGTYPE for other types. */
    static RedisHash read(CommandContext c) {
        return TypedValue.of(c.db().read(c.arg(1)), RedisHash.class);
    }

    /** The hash at the key for a write; null when missing. */
    static RedisHash write(CommandContext c) {
        return TypedValue.of(c.db().lookupWrite(c.arg(1)), RedisHash.class);
    }

    /** The hash at the key for a write, created empty (and stored) when missing. */
    static RedisHash writeOrCreate(CommandContext c) {
        Database db = c.db();
        Dict.Entry e = db.lookupWrite(c.arg(1));
        if (e == null) {
            RedisHash h = new RedisHash();
            db.add(c.arg(1), h);
            return h;
        }
        return TypedValue.of(e, RedisHash.class);
    }

    /** Redis never keeps an empty hash: its key goes with its last field. */
    static void deleteIfEmpty(CommandContext c, RedisHash h) {
        if (h.size() == 0) {
            c.db().delete(c.arg(1));
            c.notifyKeyEvent(KeyEvents.GENERIC, "del", c.arg(1));
        }
    }
}
