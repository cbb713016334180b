package io.redoubt.command.hash;

import io.redoubt.command.CommandContext;
import io.redoubt.command.generic.ScanOptions;
import io.redoubt.keyspace.RedisHash;

/** HKEYS HVALS HGETALL HSCAN: commands over the whole hash. */
final class HashAllCommands {
    private HashAllCommands() {
    }

    static void hkeys(CommandContext c) {
        RedisHash h = HashAccess.read(c);
        c.reply.array(h == null ? 0 : h.size());
        if (h != null) {
            h.forEach((f, v) -> c.reply.bulk(f));
        }
    }

    static void hvals(CommandContext c) {
        RedisHash h = HashAccess.read(c);
        c.reply.array(h == null ? 0 : h.size());
        if (h != null) {
            h.forEach((f, v) -> c.reply.bulk(v));
        }
    }

    /** A map in RESP3, a flat field, value, ... array in RESP2. */
    static void hgetall(CommandContext c) {
        RedisHash h = HashAccess.read(c);
        c.reply.map(h == null ? 0 : h.size());
        if (h != null) {
            h.forEach((f, v) -> {
                c.reply.bulk(f);
                c.reply.bulk(v);
            });
        }
    }

    /** HSCAN key cursor [MATCH pattern] [COUNT count]: checks in Redis's order, cursor, key, type, options. */
    static void hscan(CommandContext c) {
        long cursor = ScanOptions.parseCursor(c.arg(2));
        RedisHash h = HashAccess.read(c);
        if (h == null) {
            ScanOptions.replyEmpty(c.reply);
            return;
        }
        ScanOptions.parse(c, 3, false).scanAndReply(c, cursor, (cur, g) -> h.scan(cur, g::add));
    }
}
