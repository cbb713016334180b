package io.redoubt.command.set;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.RandomSample;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.propagation.Words;
import java.util.List;
import java.util.function.Function;

/**
 * SRANDMEMBER and SPOP. With a count, SRANDMEMBER answers an array (a negative count may repeat members)
 * and SPOP a set, as Redis does in RESP3.
 */
final class SetRandomCommands {
    private static final String NOT_POSITIVE = "ERR value is out of range, must be positive";

    /** Redis's SPOP_MOVE_STRATEGY_MUL: when so few members remain, SPOP rebuilds the set from them. */
    private static final int SPOP_MOVE_STRATEGY_MUL = 5;

    private SetRandomCommands() {
    }

    static void srandmember(CommandContext c) {
        if (c.argc() > 3) {
            throw RedisError.SYNTAX;
        }
        if (c.argc() == 2) {
            RedisSet s = SetAccess.read(c, 1);
            if (s == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(s.random());
            }
            return;
        }
        long n = c.longArgInRange(2, -Long.MAX_VALUE, Long.MAX_VALUE); // a count Redis can negate
        RedisSet s = SetAccess.read(c, 1);
        if (s == null || n == 0) {
            c.reply.array(0);
            return;
        }
        if (n < 0) {
            c.reply.array((int) -n);
            for (long i = 0; i < -n; i++) {
                c.reply.bulk(s.random());
            }
            return;
        }
        if (n >= s.size()) {
            c.reply.array(s.size());
            s.forEach(c.reply::bulk);
            return;
        }
        List<byte[]> picked = sample(s, (int) n);
        c.reply.array(picked.size());
        picked.forEach(c.reply::bulk);
    }

    static void spop(CommandContext c) {
        if (c.argc() > 3) {
            throw RedisError.SYNTAX;
        }
        if (c.argc() == 2) {
            RedisSet s = SetAccess.write(c, 1);
            if (s == null) {
                c.propagateNothing();
                c.reply.nullBulk();
                return;
            }
            byte[] m = s.random();
            s.remove(m);
            c.notifyKeyEvent(KeyEvents.SET, "spop", c.arg(1));
            SetAccess.deleteIfEmpty(c, 1, s);
            c.propagateAs(Words.SREM, c.arg(1), m); // SPOP is replicated as SREM of what it drew
            c.reply.bulk(m);
            return;
        }
        long n = c.longArg(2, NOT_POSITIVE); // Redis gives this text for a non-number too
        if (n < 0) {
            throw new RedisError(NOT_POSITIVE);
        }
        RedisSet s = SetAccess.write(c, 1);
        if (s == null || n == 0) {
            c.propagateNothing();
            c.reply.set(0);
            return;
        }
        c.notifyKeyEvent(KeyEvents.SET, "spop", c.arg(1));
        if (n >= s.size()) {
            SetAccess.replySet(c, s);
            c.db().delete(c.arg(1));
            c.notifyKeyEvent(KeyEvents.GENERIC, "del", c.arg(1));
            c.propagateAs(Words.DEL, c.arg(1)); // the whole set went: replicated as DEL
            return;
        }
        List<byte[]> picked = sample(s, (int) n);
        c.reply.set(picked.size());
        for (byte[] m : picked) {
            s.remove(m);
            c.reply.bulk(m);
            if (c.propagating()) { // one SREM per member drawn, as Redis 7.0 replicates SPOP with a count
                c.propagateAs(Words.SREM, c.arg(1), m);
            }
        }
        if ((long) s.size() * SPOP_MOVE_STRATEGY_MUL <= n) {
            // Redis 7.2 builds a new set of the few members left, so the key may get a smaller encoding
            RedisSet rest = s.emptyLike();
            CollectionLimits limits = c.collectionLimits();
            s.forEach(m -> rest.add(m, limits));
            c.db().lookup(c.arg(1)).value = rest;
        }
    }

    private static List<byte[]> sample(RedisSet s, int count) {
        return RandomSample.distinct(s.size(), count, s::forEach, s::random, Function.identity());
    }
}
