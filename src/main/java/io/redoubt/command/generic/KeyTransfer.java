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

    private static final RedisError NOT_AN_INT =
        new RedisError("ERR value is out of range, value must between -2147483648 and 2147483647");

    /**
     * A DB index argument, read like Redis's getIntFromObjectOrReply (an integer, then one that fits an int),
     * then checked against the number of databases.
     */
    static Database dbArg(CommandContext c, int i) {
        long n = c.longArg(i);
        if (n != (int) n) {
            throw NOT_AN_INT;
        }
        if (n < 0 || n >= c.keyspace().count()) {
            throw RedisError.DB_INDEX;
        }
        return c.keyspace().db((int) n);
    }
}
