package io.redoubt.command.zset;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.SortedSet;

/** What every sorted-set command does with a stored value: type check, thresholds, deleting an emptied key. */
final class ZsetAccess {
    private ZsetAccess() {
    }

    /** The sorted set held by an entry, null for a missing key, WRONGTYPE for any other type. */
    static SortedSet value(Dict.Entry e) {
        if (e == null) {
            return null;
        }
        if (e.value instanceof SortedSet z) {
            return z;
        }
        throw RedisError.WRONGTYPE;
    }

    /** The sorted set at a key read by a read-only command (counts a hit or miss). */
    static SortedSet read(CommandContext c, byte[] key) {
        return value(c.db().read(key));
    }

    static SortedSet.Limits limits(CommandContext c) {
        return new SortedSet.Limits(c.server.directives().get("zset-max-listpack-entries").asLong(),
            c.server.directives().get("zset-max-listpack-value").asLong());
    }

    /**
     * After a command removed members and reported its event: Redis deletes a key whose set became empty, a
     * "del" event.
     */
    static void removed(CommandContext c, Dict.Entry e, SortedSet z) {
        if (z.size() == 0) {
            c.db().remove(e);
            c.notifyKeyEvent(KeyEvents.GENERIC, "del", e.key);
        }
    }

    /** Writes a result set to dst (clearing its time to live) or deletes dst when the result is empty. */
    static void store(CommandContext c, byte[] dst, Elements result) {
        Database db = c.db();
        if (result.size() == 0) {
            if (db.delete(dst)) {
                c.notifyKeyEvent(KeyEvents.GENERIC, "del", dst);
            }
        } else {
            SortedSet.Limits limits = limits(c);
            SortedSet z = SortedSet.create(result.size(), result.maxMemberLength(), limits);
            for (int i = 0; i < result.size(); i++) {
                z.put(result.member(i), result.score(i), limits);
            }
            db.put(dst, z, false);
            c.notifyKeyEvent(KeyEvents.ZSET, c.spec().name(), dst); // zunionstore, zinterstore, zdiffstore, zrangestore
        }
        c.reply.integer(result.size());
    }
}
