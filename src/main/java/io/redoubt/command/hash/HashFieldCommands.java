package io.redoubt.command.hash;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.RedisHash;

/** HSET HMSET HSETNX HGET HMGET HDEL HLEN HSTRLEN HEXISTS: commands on named fields. */
final class HashFieldCommands {
    private HashFieldCommands() {
    }

    static void hset(CommandContext c) {
        int created = setPairs(c);
        c.notifyKeyEvent(KeyEvents.HASH, "hset", c.arg(1));
        c.reply.integer(created);
    }

    static void hmset(CommandContext c) {
        setPairs(c);
        c.notifyKeyEvent(KeyEvents.HASH, "hset", c.arg(1));
        c.reply.ok();
    }

    /** Sets every field/value pair from argument 2 on; returns how many fields were new. */
    private static int setPairs(CommandContext c) {
        if (c.argc() % 2 != 0) {
            throw new RedisError("ERR wrong number of arguments for '" + c.spec().fullName() + "' command");
        }
        RedisHash h = HashAccess.writeOrCreate(c);
        CollectionLimits limits = c.collectionLimits();
        h.prepareFor((c.argc() - 2) / 2, limits);
        int created = 0;
        for (int i = 2; i < c.argc(); i += 2) {
            if (h.put(c.arg(i), c.arg(i + 1), limits)) {
                created++;
            }
        }
        return created;
    }

    static void hsetnx(CommandContext c) {
        RedisHash h = HashAccess.writeOrCreate(c);
        if (h.get(c.arg(2)) != null) {
            c.propagateNothing();
            c.reply.integer(0);
            return;
        }
        h.put(c.arg(2), c.arg(3), c.collectionLimits());
        c.notifyKeyEvent(KeyEvents.HASH, "hset", c.arg(1));
        c.reply.integer(1);
    }

    static void hget(CommandContext c) {
        RedisHash h = HashAccess.read(c);
        byte[] v = h == null ? null : h.get(c.arg(2));
        if (v == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(v);
        }
    }

    static void hmget(CommandContext c) {
        RedisHash h = HashAccess.read(c);
        c.reply.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            byte[] v = h == null ? null : h.get(c.arg(i));
            if (v == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(v);
            }
        }
    }

    static void hdel(CommandContext c) {
        RedisHash h = HashAccess.write(c);
        int deleted = 0;
        if (h != null) {
            for (int i = 2; i < c.argc() && h.size() > 0; i++) {
                if (h.remove(c.arg(i))) {
                    deleted++;
                }
            }
            if (deleted > 0) {
                c.notifyKeyEvent(KeyEvents.HASH, "hdel", c.arg(1));
                HashAccess.deleteIfEmpty(c, h);
            }
        }
        if (deleted == 0) {
            c.propagateNothing();
        }
        c.reply.integer(deleted);
    }

    static void hlen(CommandContext c) {
        RedisHash h = HashAccess.read(c);
        c.reply.integer(h == null ? 0 : h.size());
    }

    static void hstrlen(CommandContext c) {
        RedisHash h = HashAccess.read(c);
        byte[] v = h == null ? null : h.get(c.arg(2));
        c.reply.integer(v == null ? 0 : v.length);
    }

    static void hexists(CommandContext c) {
        RedisHash h = HashAccess.read(c);
        c.reply.integer(h != null && h.get(c.arg(2)) != null ? 1 : 0);
    }
}
