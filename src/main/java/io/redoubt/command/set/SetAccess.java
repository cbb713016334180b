package io.redoubt.command.set;

import io.redoubt.command.CommandContext;
import io.redoubt.command.TypedValue;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.KeyEvents;

/** Looking up the set a command works on: type check, and deletion once empty. */
final class SetAccess {
    private SetAccess() {
    }

    /** The set at argument i as a read (counts a hit or miss), null when missing, WRONGTYPE for other types. */
    static RedisSet read(CommandContext c, int i) {
        return TypedValue.of(c.db().read(c.arg(i)), RedisSet.class);
    }

    /** The set at argument i for a write; null when missing. */
    static RedisSet write(CommandContext c, int i) {
        return TypedValue.of(c.db().lookupWrite(c.arg(i)), RedisSet.class);
    }

    /** Redis never keeps an empty set: its key goes with its last member. */
    static void deleteIfEmpty(CommandContext c, int i, RedisSet s) {
        if (s.size() == 0) {
            c.db().delete(c.arg(i));
            c.notifyKeyEvent(KeyEvents.GENERIC, "del", c.arg(i));
        }
    }

    /** Members as a set reply: RESP3's set type, an array in RESP2. */
    static void replySet(CommandContext c, RedisSet s) {
        c.reply.set(s == null ? 0 : s.size());
        if (s != null) {
            s.forEach(c.reply::bulk);
        }
    }
}
