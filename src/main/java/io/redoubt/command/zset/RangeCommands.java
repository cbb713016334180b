package io.redoubt.command.zset;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.SortedSet;

/**
 * ZRANGE and its older forms (ZREVRANGE, ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX, ZREVRANGEBYLEX),
 * ZRANGESTORE, ZCOUNT, ZLEXCOUNT and ZREMRANGEBYRANK|SCORE|LEX: one parser and one walker, as Redis's
 * zrangeGenericCommand.
 */
final class RangeCommands {
    enum By { AUTO, RANK, SCORE, LEX }

    private static final RedisError LIMIT_NEEDS_BY = new RedisError(
        "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    private static final RedisError WITHSCORES_BYLEX = new RedisError(
        "ERR syntax error, WITHSCORES not supported in combination with BYLEX");

    private RangeCommands() {
    }

    static void zrange(CommandContext c) {
        range(c, 1, false, By.AUTO, false);
    }

    static void zrangestore(CommandContext c) {
        range(c, 2, true, By.AUTO, false);
    }

    static void zrevrange(CommandContext c) {
        range(c, 1, false, By.RANK, true);
    }

    static void zrangebyscore(CommandContext c) {
        range(c, 1, false, By.SCORE, false);
    }

    static void zrevrangebyscore(CommandContext c) {
        range(c, 1, false, By.SCORE, true);
    }

    static void zrangebylex(CommandContext c) {
        range(c, 1, false, By.LEX, false);
    }

    static void zrevrangebylex(CommandContext c) {
        range(c, 1, false, By.LEX, true);
    }

    /**
     * keyAt is the source key's index (ZRANGESTORE's destination comes before it); by and rev are fixed by
     * the older commands, left to options (BYSCORE, BYLEX, REV) by ZRANGE and ZRANGESTORE.
     */
    private static void range(CommandContext c, int keyAt, boolean store, By by, boolean rev) {
        boolean optionsChoose = by == By.AUTO;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        for (int j = keyAt + 3; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            if (!store && c.argIs(j, "withscores")) {
                withScores = true;
            } else if (c.argIs(j, "limit") && left >= 2) {
                offset = c.longArg(j + 1);
                limit = c.longArg(j + 2);
                j += 2;
            } else if (optionsChoose && !rev && c.argIs(j, "rev")) {
                rev = true;
            } else if (by == By.AUTO && c.argIs(j, "bylex")) {
                by = By.LEX;
            } else if (by == By.AUTO && c.argIs(j, "byscore")) {
                by = By.SCORE;
            } else {
                throw RedisError.SYNTAX;
            }
        }
        if (by == By.AUTO) {
            by = By.RANK;
        }
        if ((offset != 0 || limit != -1) && by == By.RANK) {
            throw LIMIT_NEEDS_BY;
        }
        if (withScores && by == By.LEX) {
            throw WITHSCORES_BYLEX;
        }
        // a reversed score or lex range is written max first
        boolean swap = rev && by != By.RANK;
        byte[] from = c.arg(swap ? keyAt + 2 : keyAt + 1);
        byte[] to = c.arg(swap ? keyAt + 1 : keyAt + 2);
        Ranges.Range range = null;
        long start = 0;
        long stop = 0;
        switch (by) {
            case RANK -> {
                start = c.longArg(keyAt + 1);
                stop = c.longArg(keyAt + 2);
            }
            case SCORE -> range = Ranges.score(from, to);
            default -> range = Ranges.lex(from, to);
        }

        SortedSet z = ZsetAccess.read(c, c.arg(keyAt));
        Elements out = new Elements();
        if (z != null) {
            if (range == null) {
                Ranges.Span span = Ranges.rank(start, stop, z.size());
                // a reversed rank range counts from the highest element
                int first = rev ? z.size() - span.end() : span.first();
                collect(z, first, span.length(), rev, out);
            } else {
                Ranges.Span span = range.in(z);
                if (offset >= 0 && offset < span.length()) {
                    long n = span.length() - offset;
                    if (limit >= 0) {
                        n = Math.min(n, limit);
                    }
                    int first = rev ? (int) (span.end() - offset - n) : (int) (span.first() + offset);
                    collect(z, first, (int) n, rev, out);
                }
            }
        }
        if (store) {
            ZsetAccess.store(c, c.arg(1), out);
        } else {
            out.reply(c.reply, withScores);
        }
    }

    /** n elements from ascending rank first, visited from the highest when rev. */
    private static void collect(SortedSet z, int first, int n, boolean rev, Elements out) {
        z.forRange(first, first + n - 1, rev, out::add);
    }

    static void zcount(CommandContext c) {
        count(c, Ranges.score(c.arg(2), c.arg(3)));
    }

    static void zlexcount(CommandContext c) {
        count(c, Ranges.lex(c.arg(2), c.arg(3)));
    }

    private static void count(CommandContext c, Ranges.Range range) {
        SortedSet z = ZsetAccess.read(c, c.arg(1));
        c.reply.integer(z == null ? 0 : range.in(z).length());
    }

    static void zremrangebyrank(CommandContext c) {
        long start = c.longArg(2);
        long stop = c.longArg(3);
        remove(c, z -> Ranges.rank(start, stop, z.size()));
    }

    static void zremrangebyscore(CommandContext c) {
        Ranges.Range range = Ranges.score(c.arg(2), c.arg(3));
        remove(c, range::in);
    }

    static void zremrangebylex(CommandContext c) {
        Ranges.Range range = Ranges.lex(c.arg(2), c.arg(3));
        remove(c, range::in);
    }

    private static void remove(CommandContext c, java.util.function.Function<SortedSet, Ranges.Span> where) {
        Dict.Entry e = c.db().lookupWrite(c.arg(1));
        SortedSet z = ZsetAccess.value(e);
        if (z == null) {
            c.reply.integer(0);
            return;
        }
        Ranges.Span span = where.apply(z);
        int removed = z.removeRange(span.first(), span.end() - 1);
        if (removed > 0) {
            c.notifyKeyEvent(KeyEvents.ZSET, c.spec().name(), c.arg(1)); // zremrangebyrank, ...byscore, ...bylex
            ZsetAccess.removed(c, e, z);
        }
        c.reply.integer(removed);
    }
}
