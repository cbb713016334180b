package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;

/** What RENAME, MOVE and COPY share: placing a value under a key with an expiry, and reading a DB index. */
final class KeyTransfer {
    static final RedisError SAME_OBJECT = new RedisError("ERR source and destination objects are the same");

    private KeyTransfer() {
    }

    /** Adds a key known to be absent from {@code db}, with the given expiry (0 = none). */
    static Dict.Entry place(Database db, byte[] key, Object value, long expireAt) {
        Dict.Entry e = db.add(key, value);
        if (expireAt != 0) {
            db.setExpire(e, expireAt);
        }
        return e;
    }

    /**
     * Moves an entry to {@code key} in {@code to}, which must be free there. The value is the same object,
     * so it keeps its expiry and its access time (OBJECT IDLETIME), as in Redis.
     */
    static void relocate(Database from, Dict.Entry e, Database to, byte[] key) {
        Dict.Entry moved = place(to, key, e.value, e.expireAt);
        moved.lruSeconds = e.lruSeconds;
        from.remove(e);
    }

    /** A DB index argument: an int, else "not an integer"; then within range, else "DB index is out of range". */
    static Database dbArg(CommandContext c, int i) {
        long n = c.longArg(i);
        if (n != (int) n) {
            throw RedisError.NOT_INTEGER;
        }
        if (n < 0 || n >= c.keyspace().count()) {
            throw RedisError.DB_INDEX;
        }
        return c.keyspace().db((int) n);
    }
}
