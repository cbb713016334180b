package io.redoubt.command.zset;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.propagation.Words;
import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ZPOPMIN ZPOPMAX ZMPOP ZRANDMEMBER, and the blocking BZPOPMIN BZPOPMAX BZMPOP, which wait through the
 * server's blocking facility when every key is empty and run again when one becomes ready.
 */
final class PopCommands {
    private static final RedisError NOT_POSITIVE = new RedisError("ERR value is out of range, must be positive");
    private static final RedisError NUMKEYS = new RedisError("ERR numkeys should be greater than 0");
    private static final RedisError COUNT = new RedisError("ERR count should be greater than 0");
    private static final RedisError OUT_OF_RANGE = new RedisError("ERR value is out of range");

    private PopCommands() {
    }

    static void zpopmin(CommandContext c) {
        zpop(c, false);
    }

    static void zpopmax(CommandContext c) {
        zpop(c, true);
    }

    private static void zpop(CommandContext c, boolean max) {
        if (c.argc() > 3) {
            throw RedisError.SYNTAX;
        }
        boolean counted = c.argc() == 3;
        long count = 1;
        if (counted) {
            count = c.longArg(2, NOT_POSITIVE.getMessage());
            if (count < 0) {
                throw NOT_POSITIVE;
            }
        }
        Dict.Entry e = c.db().lookupWrite(c.arg(1));
        SortedSet z = ZsetAccess.value(e);
        if (z == null || count == 0) {
            c.propagateNothing();
            c.reply.array(0);
            return;
        }
        Elements popped = pop(c, e, z, max, count);
        if (counted) {
            popped.reply(c.reply, true);
        } else {
            // a single pop is one flat [member, score] in both protocols
            c.reply.array(2);
            c.reply.bulk(popped.member(0));
            Scores.reply(c.reply, popped.score(0));
        }
    }

    /** Removes up to count lowest (or highest) elements, deleting the key when the set empties. */
    private static Elements pop(CommandContext c, Dict.Entry e, SortedSet z, boolean max, long count) {
        int n = (int) Math.min(count, z.size());
        Elements out = new Elements();
        int first = max ? z.size() - n : 0;
        z.forRange(first, first + n - 1, max, out::add);
        z.removeRange(first, first + n - 1);
        c.notifyKeyEvent(KeyEvents.ZSET, max ? "zpopmax" : "zpopmin", e.key);
        ZsetAccess.removed(c, e, z);
        return out;
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: pops from the first non-empty key. */
    static void zmpop(CommandContext c) {
        if (!mpopFirst(c, MpopArgs.parse(c, 1))) {
            c.reply.nullArray();
        }
    }

    /** BZMPOP timeout numkeys key [key ...] MIN|MAX [COUNT count]: the timeout is checked last, as in Redis. */
    static void bzmpop(CommandContext c) {
        MpopArgs a = MpopArgs.parse(c, 2);
        long deadline = c.timeoutArg(1);
        if (!mpopFirst(c, a)) {
            c.block(a.keys, "zset", deadline);
        }
    }

    /** BZPOPMIN/BZPOPMAX key [key ...] timeout: [key, member, score] from the first non-empty set. */
    static void bzpop(CommandContext c, boolean max) {
        long deadline = c.timeoutArg(c.argc() - 1);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 1; i < c.argc() - 1; i++) {
            Dict.Entry e = c.db().lookupWrite(c.arg(i));
            SortedSet z = ZsetAccess.value(e);
            if (z != null) {
                Elements popped = pop(c, e, z, max, 1);
                c.propagateAs(popWord(max), c.arg(i)); // replicated as the non-blocking pop
                c.reply.array(3);
                c.reply.bulk(c.arg(i));
                c.reply.bulk(popped.member(0));
                Scores.reply(c.reply, popped.score(0));
                return;
            }
            keys.add(c.arg(i));
        }
        c.block(keys, "zset", deadline);
    }

    private static boolean mpopFirst(CommandContext c, MpopArgs a) {
        for (byte[] key : a.keys) {
            Dict.Entry e = c.db().lookupWrite(key);
            SortedSet z = ZsetAccess.value(e);
            if (z != null) {
                if (c.propagating()) { // [B]ZMPOP is replicated as ZPOPMIN/ZPOPMAX key count
                    c.propagateAs(popWord(a.max), key, Bytes.fromLong(Math.min(a.count, z.size())));
                }
                Elements popped = pop(c, e, z, a.max, a.count);
                c.reply.array(2);
                c.reply.bulk(key);
                popped.replyPairs(c.reply);
                return true;
            }
        }
        c.propagateNothing();
        return false;
    }

    private static byte[] popWord(boolean max) {
        return max ? Words.ZPOPMAX : Words.ZPOPMIN;
    }

    /** The arguments of ZMPOP and BZMPOP from numkeys on: keys, MIN|MAX, COUNT. */
    private record MpopArgs(List<byte[]> keys, boolean max, long count) {
        static MpopArgs parse(CommandContext c, int numkeysAt) {
            long numkeys = c.longArg(numkeysAt, NUMKEYS.getMessage());
            if (numkeys < 1) {
                throw NUMKEYS;
            }
            if (numkeys >= c.argc() - numkeysAt) { // also keeps the sums below from overflowing
                throw RedisError.SYNTAX;
            }
            int whereAt = numkeysAt + 1 + (int) numkeys;
            if (whereAt >= c.argc()) {
                throw RedisError.SYNTAX;
            }
            boolean max;
            if (c.argIs(whereAt, "min")) {
                max = false;
            } else if (c.argIs(whereAt, "max")) {
                max = true;
            } else {
                throw RedisError.SYNTAX;
            }
            long count = -1;
            for (int j = whereAt + 1; j < c.argc(); j++) {
                if (count == -1 && c.argIs(j, "count") && j + 1 < c.argc()) {
                    count = c.longArg(j + 1, COUNT.getMessage());
                    if (count < 1) {
                        throw COUNT;
                    }
                    j++;
                } else {
                    throw RedisError.SYNTAX;
                }
            }
            List<byte[]> keys = new ArrayList<>();
            for (int k = numkeysAt + 1; k < whereAt; k++) {
                keys.add(c.arg(k));
            }
            return new MpopArgs(keys, max, count == -1 ? 1 : count);
        }
    }

    /** ZRANDMEMBER key [count [WITHSCORES]]: distinct members for a positive count, repeats for a negative one. */
    static void zrandmember(CommandContext c) {
        if (c.argc() > 4 || c.argc() == 4 && !c.argIs(3, "withscores")) {
            throw RedisError.SYNTAX;
        }
        if (c.argc() == 2) {
            SortedSet z = ZsetAccess.read(c, c.arg(1));
            if (z == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(z.memberAt(ThreadLocalRandom.current().nextInt(z.size())));
            }
            return;
        }
        boolean withScores = c.argc() == 4;
        long count = c.longArg(2);
        if (count == Long.MIN_VALUE) {
            throw new RedisError("ERR value is out of range, value must between " + -Long.MAX_VALUE + " and "
                + Long.MAX_VALUE);
        }
        if (withScores && (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2)) {
            throw OUT_OF_RANGE;
        }
        SortedSet z = ZsetAccess.read(c, c.arg(1));
        Elements out = new Elements();
        if (z == null || count == 0) {
            out.reply(c.reply, withScores);
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int size = z.size();
        if (count < 0) {
            for (long i = 0; i < -count; i++) {
                int r = random.nextInt(size);
                out.add(z.memberAt(r), z.scoreAt(r));
            }
        } else if (count >= size) {
            z.forEach(out::add);
        } else {
            // a partial Fisher-Yates shuffle of the ranks picks count distinct ones
            int[] ranks = new int[size];
            for (int i = 0; i < size; i++) {
                ranks[i] = i;
            }
            for (int i = 0; i < count; i++) {
                int j = i + random.nextInt(size - i);
                int t = ranks[i];
                ranks[i] = ranks[j];
                ranks[j] = t;
                out.add(z.memberAt(ranks[i]), z.scoreAt(ranks[i]));
            }
        }
        out.reply(c.reply, withScores);
    }
}
