package io.redoubt.command.zset;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.SortedSet;
import java.util.concurrent.ThreadLocalRandom;

/**
 * ZPOPMIN ZPOPMAX ZMPOP ZRANDMEMBER. The blocking forms (BZPOPMIN, BZPOPMAX, BZMPOP) wait for the blocking
 * facility of the lists work and are not here yet.
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
        ZsetAccess.deleteIfEmpty(c.db(), e, z);
        return out;
    }

    /** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]: pops from the first non-empty key. */
    static void zmpop(CommandContext c) {
        long numkeys = c.longArg(1, NUMKEYS.getMessage());
        if (numkeys < 1) {
            throw NUMKEYS;
        }
        if (numkeys >= c.argc()) { // also keeps 2 + numkeys from overflowing
            throw RedisError.SYNTAX;
        }
        long whereAt = 2 + numkeys;
        if (whereAt >= c.argc()) {
            throw RedisError.SYNTAX;
        }
        boolean max;
        if (c.argIs((int) whereAt, "min")) {
            max = false;
        } else if (c.argIs((int) whereAt, "max")) {
            max = true;
        } else {
            throw RedisError.SYNTAX;
        }
        long count = -1;
        for (int j = (int) whereAt + 1; j < c.argc(); j++) {
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
        if (count == -1) {
            count = 1;
        }
        for (int k = 2; k < whereAt; k++) {
            Dict.Entry e = c.db().lookupWrite(c.arg(k));
            SortedSet z = ZsetAccess.value(e);
            if (z != null) {
                Elements popped = pop(c, e, z, max, count);
                c.reply.array(2);
                c.reply.bulk(c.arg(k));
                popped.replyPairs(c.reply);
                return;
            }
        }
        c.reply.nullArray();
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
