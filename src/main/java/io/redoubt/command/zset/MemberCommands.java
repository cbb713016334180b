package io.redoubt.command.zset;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.SortedSet;

/** ZADD ZINCRBY ZREM ZCARD ZSCORE ZMSCORE ZRANK ZREVRANK: commands about single members. */
final class MemberCommands {
    private static final RedisError XX_AND_NX =
        new RedisError("ERR XX and NX options at the same time are not compatible");
    private static final RedisError GT_LT_NX =
        new RedisError("ERR GT, LT, and/or NX options at the same time are not compatible");
    private static final RedisError INCR_PAIRS =
        new RedisError("ERR INCR option supports a single increment-element pair");
    private static final RedisError NAN_SCORE = new RedisError("ERR resulting score is not a number (NaN)");

    private MemberCommands() {
    }

    /** ZADD's options, as Redis's zadd flags. */
    private record Options(boolean nx, boolean xx, boolean gt, boolean lt, boolean ch, boolean incr) {
    }

    static void zincrby(CommandContext c) {
        add(c, new Options(false, false, false, false, false, true), 2);
    }

    /** Reads ZADD's leading options up to the first score, then adds. */
    static void zadd(CommandContext c) {
        boolean[] f = new boolean[6];
        String[] words = {"nx", "xx", "gt", "lt", "ch", "incr"};
        int at = 2;
        outer:
        while (at < c.argc()) {
            for (int k = 0; k < words.length; k++) {
                if (c.argIs(at, words[k])) {
                    f[k] = true;
                    at++;
                    continue outer;
                }
            }
            break;
        }
        add(c, new Options(f[0], f[1], f[2], f[3], f[4], f[5]), at);
    }

    private static void add(CommandContext c, Options o, int scoreAt) {
        int elements = c.argc() - scoreAt;
        if (elements % 2 != 0 || elements == 0) {
            throw RedisError.SYNTAX;
        }
        elements /= 2;
        if (o.nx && o.xx) {
            throw XX_AND_NX;
        }
        if (o.gt && o.nx || o.lt && o.nx || o.gt && o.lt) {
            throw GT_LT_NX;
        }
        if (o.incr && elements > 1) {
            throw INCR_PAIRS;
        }
        double[] scores = new double[elements];
        int maxLength = 0;
        for (int i = 0; i < elements; i++) {
            scores[i] = Scores.parse(c.arg(scoreAt + 2 * i));
            maxLength = Math.max(maxLength, c.arg(scoreAt + 2 * i + 1).length);
        }

        Database db = c.db();
        Dict.Entry e = db.lookupWrite(c.arg(1));
        SortedSet z = ZsetAccess.value(e);
        SortedSet.Limits limits = ZsetAccess.limits(c);
        int added = 0;
        int updated = 0;
        int processed = 0;
        double result = 0;
        if (z == null && !o.xx) {
            z = SortedSet.create(elements, maxLength, limits);
            e = db.add(c.arg(1), z);
        }
        for (int i = 0; z != null && i < elements; i++) {
            byte[] member = c.arg(scoreAt + 2 * i + 1);
            double score = scores[i];
            double current = z.score(member);
            if (Double.isNaN(current)) {
                if (o.xx) {
                    continue;
                }
                z.put(member, score, limits);
                added++;
            } else {
                if (o.nx) {
                    continue;
                }
                if (o.incr) {
                    score += current;
                    if (Double.isNaN(score)) {
                        throw NAN_SCORE;
                    }
                }
                if (o.lt && score >= current || o.gt && score <= current) {
                    continue;
                }
                if (score != current) {
                    z.put(member, score, limits);
                    updated++;
                }
            }
            result = score;
            processed++;
        }
        if (added + updated > 0) {
            c.notifyKeyEvent(KeyEvents.ZSET, o.incr ? "zincr" : "zadd", c.arg(1));
        } else {
            c.propagateNothing(); // as Redis's dirty count: nothing added or changed
        }
        if (o.incr) {
            if (processed > 0) {
                Scores.reply(c.reply, result);
            } else {
                c.reply.nullBulk();
            }
        } else {
            c.reply.integer(o.ch ? added + updated : added);
        }
    }

    static void zrem(CommandContext c) {
        Dict.Entry e = c.db().lookupWrite(c.arg(1));
        SortedSet z = ZsetAccess.value(e);
        if (z == null) {
            c.propagateNothing();
            c.reply.integer(0);
            return;
        }
        int removed = 0;
        for (int i = 2; i < c.argc() && z.size() > 0; i++) {
            if (z.remove(c.arg(i))) {
                removed++;
            }
        }
        if (removed > 0) {
            c.notifyKeyEvent(KeyEvents.ZSET, "zrem", c.arg(1));
            ZsetAccess.removed(c, e, z);
        } else {
            c.propagateNothing();
        }
        c.reply.integer(removed);
    }

    static void zcard(CommandContext c) {
        SortedSet z = ZsetAccess.read(c, c.arg(1));
        c.reply.integer(z == null ? 0 : z.size());
    }

    static void zscore(CommandContext c) {
        SortedSet z = ZsetAccess.read(c, c.arg(1));
        double score = z == null ? Double.NaN : z.score(c.arg(2));
        if (Double.isNaN(score)) {
            c.reply.nullBulk();
        } else {
            Scores.reply(c.reply, score);
        }
    }

    static void zmscore(CommandContext c) {
        SortedSet z = ZsetAccess.read(c, c.arg(1));
        c.reply.array(c.argc() - 2);
        for (int i = 2; i < c.argc(); i++) {
            double score = z == null ? Double.NaN : z.score(c.arg(i));
            if (Double.isNaN(score)) {
                c.reply.nullBulk();
            } else {
                Scores.reply(c.reply, score);
            }
        }
    }

    static void zrank(CommandContext c) {
        rank(c, false);
    }

    static void zrevrank(CommandContext c) {
        rank(c, true);
    }

    private static void rank(CommandContext c, boolean reverse) {
        if (c.argc() > 4 || c.argc() == 4 && !c.argIs(3, "withscore")) {
            throw RedisError.SYNTAX;
        }
        boolean withScore = c.argc() == 4;
        SortedSet z = ZsetAccess.read(c, c.arg(1));
        int rank = z == null ? -1 : z.rank(c.arg(2));
        if (rank < 0) {
            if (withScore) {
                c.reply.nullArray();
            } else {
                c.reply.nullBulk();
            }
            return;
        }
        long r = reverse ? z.size() - 1 - rank : rank;
        if (withScore) {
            c.reply.array(2);
            c.reply.integer(r);
            Scores.reply(c.reply, z.score(c.arg(2)));
        } else {
            c.reply.integer(r);
        }
    }
}
