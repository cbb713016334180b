package io.redoubt.command.hash;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.RandomSample;
import io.redoubt.keyspace.RedisHash;
import java.util.List;

/**
 * HRANDFIELD key [count [WITHVALUES]]. A positive count gives distinct fields (the whole hash at most), a
 * negative one may repeat them. With WITHVALUES, RESP2 gets a flat field, value array and RESP3 an array
 * of [field, value] pairs.
 */
final class HashRandomField {
    private HashRandomField() {
    }

    static void hrandfield(CommandContext c) {
        if (c.argc() == 2) {
            RedisHash h = HashAccess.read(c);
            if (h == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(h.random()[0]);
            }
            return;
        }
        long n = c.longArgInRange(2, -Long.MAX_VALUE, Long.MAX_VALUE); // a count Redis can negate
        if (c.argc() > 4 || (c.argc() == 4 && !c.argIs(3, "withvalues"))) {
            throw RedisError.SYNTAX;
        }
        boolean withValues = c.argc() == 4;
        if (withValues && (n < -Long.MAX_VALUE / 2 || n > Long.MAX_VALUE / 2)) {
            throw new RedisError("ERR value is out of range"); // count * 2 replies must not overflow
        }
        RedisHash h = HashAccess.read(c);
        if (h == null || n == 0) {
            c.reply.array(0);
            return;
        }
        if (n < 0) {
            long count = -n;
            replyLength(c, count, withValues);
            for (long i = 0; i < count; i++) {
                byte[][] pair = h.random();
                replyPair(c, pair[0], pair[1], withValues);
            }
            return;
        }
        int size = h.size();
        if (n >= size) {
            replyLength(c, size, withValues);
            h.forEach((f, v) -> replyPair(c, f, v, withValues));
            return;
        }
        List<byte[][]> picked = RandomSample.distinct(size, (int) n,
            visit -> h.forEach((f, v) -> visit.accept(new byte[][] {f, v})), h::random, pair -> pair[0]);
        replyLength(c, picked.size(), withValues);
        picked.forEach(pair -> replyPair(c, pair[0], pair[1], withValues));
    }

    private static void replyLength(CommandContext c, long count, boolean withValues) {
        c.reply.array((int) (withValues && !c.reply.resp3() ? count * 2 : count));
    }

    private static void replyPair(CommandContext c, byte[] field, byte[] value, boolean withValues) {
        if (withValues && c.reply.resp3()) {
            c.reply.array(2);
        }
        c.reply.bulk(field);
        if (withValues) {
            c.reply.bulk(value);
        }
    }
}
