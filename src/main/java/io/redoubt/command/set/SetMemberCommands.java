package io.redoubt.command.set;

import io.redoubt.command.CommandContext;
import io.redoubt.command.generic.ScanOptions;
import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.RedisSet;

/** SADD SREM SCARD SISMEMBER SMISMEMBER SMEMBERS SMOVE SSCAN: commands on one set's members. */
final class SetMemberCommands {
    private SetMemberCommands() {
    }

    /**
     * A new set gets the encoding Redis picks from its first member and the number of members given; an
     * existing compact set given more members than it may hold becomes a hashtable first, as in Redis 7.2.
     */
    static void sadd(CommandContext c) {
        RedisSet s = SetAccess.write(c, 1);
        CollectionLimits limits = c.collectionLimits();
        if (s == null) {
            s = RedisSet.create(c.arg(2), c.argc() - 2, limits);
            c.db().add(c.arg(1), s);
        } else {
            s.maybeConvert(c.argc() - 2, limits);
        }
        int added = 0;
        for (int i = 2; i < c.argc(); i++) {
            if (s.add(c.arg(i), limits)) {
                added++;
            }
        }
        if (added > 0) {
            c.notifyKeyEvent(KeyEvents.SET, "sadd", c.arg(1));
        } else {
            c.propagateNothing();
        }
        c.reply.integer(added);
    }

    static void srem(CommandContext c) {
        RedisSet s = SetAccess.write(c, 1);
        int removed = 0;
        if (s != null) {
            for (int i = 2; i < c.argc() && s.size() > 0; i++) {
                if (s.remove(c.arg(i))) {
                    removed++;
                }
            }
            if (removed > 0) {
                c.notifyKeyEvent(KeyEvents.SET, "srem", c.arg(1));
                SetAccess.deleteIfEmpty(c, 1, s);
            }
        }
        if (removed == 0) {
            c.propagateNothing();
        }
        c.reply.integer(removed);
    }

    static void scard(CommandContext c) {
        RedisSet s = SetAccess.read(c, 1);
        c.reply.integer(s == null ? 0 : s.size());
    }

    static void sismember(CommandContext c) {
        RedisSet s = SetAccess.read(c, 1);
        c.reply.integer(s != null && s.contains(c.arg(2)) ? 1 : 0);
    }

    static void smismember(CommandContext c) {
        RedisSet s = SetAccess.read(c, 1);
        c.reply.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            c.reply.integer(s != null && s.contains(c.arg(i)) ? 1 : 0);
        }
    }

    static void smembers(CommandContext c) {
        SetAccess.replySet(c, SetAccess.read(c, 1));
    }

    /**
     * SMOVE source destination member, in Redis's order: a missing source answers 0 before any type check;
     * moving within one set only tells whether the member is there.
     */
    static void smove(CommandContext c) {
        Database db = c.db();
        RedisSet src = SetAccess.write(c, 1);
        if (src == null) {
            // Redis looks the destination up too, then answers 0 whatever its type
            db.lookupWrite(c.arg(2));
            c.propagateNothing();
            c.reply.integer(0);
            return;
        }
        RedisSet dst = SetAccess.write(c, 2);
        byte[] member = c.arg(3);
        if (src == dst) {
            c.propagateNothing();
            c.reply.integer(src.contains(member) ? 1 : 0);
            return;
        }
        if (!src.remove(member)) {
            c.propagateNothing();
            c.reply.integer(0);
            return;
        }
        c.notifyKeyEvent(KeyEvents.SET, "srem", c.arg(1));
        SetAccess.deleteIfEmpty(c, 1, src);
        CollectionLimits limits = c.collectionLimits();
        if (dst == null) {
            dst = RedisSet.create(member, 1, limits);
            db.add(c.arg(2), dst);
        }
        if (dst.add(member, limits)) {
            c.notifyKeyEvent(KeyEvents.SET, "sadd", c.arg(2));
        }
        c.reply.integer(1);
    }

    /** SSCAN key cursor [MATCH pattern] [COUNT count]: checks in Redis's order, cursor, key, type, options. */
    static void sscan(CommandContext c) {
        long cursor = ScanOptions.parseCursor(c.arg(2));
        RedisSet s = SetAccess.read(c, 1);
        if (s == null) {
            ScanOptions.replyEmpty(c.reply);
            return;
        }
        ScanOptions.parse(c, 3, false).scanAndReply(c, cursor, (cur, g) -> s.scan(cur, g::add));
    }
}
