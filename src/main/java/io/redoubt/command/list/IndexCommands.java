package io.redoubt.command.list;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.ListValue;
import java.util.Arrays;

/** Lists by position and content: LLEN LRANGE LINDEX LSET LINSERT LREM LTRIM LPOS. */
final class IndexCommands {
    private static final RedisError OUT_OF_RANGE = new RedisError("ERR index out of range");
    private static final RedisError RANK_ZERO = new RedisError("ERR RANK can't be zero: use 1 to start from the "
        + "first match, 2 from the second ... or use negative to start from the end of the list");
    private static final RedisError RANK_RANGE = new RedisError(
        "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
    private static final RedisError COUNT_NEGATIVE = new RedisError("ERR COUNT can't be negative");
    private static final RedisError MAXLEN_NEGATIVE = new RedisError("ERR MAXLEN can't be negative");

    private IndexCommands() {
    }

    static void llen(CommandContext c) {
        ListValue l = ListAccess.read(c, 1);
        c.reply.integer(l == null ? 0 : l.size());
    }

    static void lrange(CommandContext c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        ListValue l = ListAccess.read(c, 1);
        if (l == null) {
            c.reply.array(0);
            return;
        }
        ListAccess.Range r = ListAccess.Range.of(start, end, l.size());
        if (r.isEmpty()) {
            c.reply.array(0);
            return;
        }
        c.reply.array(r.end() - r.start() + 1);
        for (int i = r.start(); i <= r.end(); i++) {
            c.reply.bulk(l.get(i));
        }
    }

    /** The position {@code index} names in a list of {@code size} (negative: from the tail), or -1 outside. */
    private static int position(long index, int size) {
        long i = index < 0 ? size + index : index;
        return i < 0 || i >= size ? -1 : (int) i;
    }

    /** LINDEX: the key is looked up before the index is read, as in Redis. */
    static void lindex(CommandContext c) {
        ListValue l = ListAccess.read(c, 1);
        if (l == null) {
            c.reply.nullBulk();
            return;
        }
        int i = position(c.longArg(2), l.size());
        if (i < 0) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(l.get(i));
        }
    }

    /** LSET: like Redis, a listpack grows into a quicklist for the new value even when the index is refused. */
    static void lset(CommandContext c) {
        ListValue l = ListAccess.write(c, c.arg(1));
        if (l == null) {
            throw RedisError.NO_SUCH_KEY;
        }
        long index = c.longArg(2);
        byte[] value = c.arg(3);
        l.growing(value.length, 1, c.listNodeLimit());
        int i = position(index, l.size());
        if (i < 0) {
            throw OUT_OF_RANGE;
        }
        l.set(i, value);
        l.shrunk(c.listNodeLimit());
        c.notifyKeyEvent(KeyEvents.LIST, "lset", c.arg(1));
        c.reply.ok();
    }

    /** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
    static void linsert(CommandContext c) {
        boolean after;
        if (c.argIs(2, "after")) {
            after = true;
        } else if (c.argIs(2, "before")) {
            after = false;
        } else {
            throw RedisError.SYNTAX;
        }
        ListValue l = ListAccess.write(c, c.arg(1));
        if (l == null) {
            c.propagateNothing();
            c.reply.integer(0);
            return;
        }
        byte[] value = c.arg(4);
        l.growing(value.length, 1, c.listNodeLimit());
        for (int i = 0; i < l.size(); i++) {
            if (Arrays.equals(l.get(i), c.arg(3))) {
                l.insert(i, after, value);
                c.notifyKeyEvent(KeyEvents.LIST, "linsert", c.arg(1));
                c.reply.integer(l.size());
                return;
            }
        }
        c.propagateNothing(); // no pivot: nothing inserted
        c.reply.integer(-1);
    }

    /** LREM key count element: count > 0 from the head, < 0 from the tail, 0 all. */
    static void lrem(CommandContext c) {
        long toRemove = c.longArg(2);
        byte[] key = c.arg(1);
        ListValue l = ListAccess.write(c, key);
        if (l == null) {
            c.propagateNothing();
            c.reply.integer(0);
            return;
        }
        byte[] value = c.arg(3);
        long limit = toRemove == 0 ? Long.MAX_VALUE : Math.abs(toRemove);
        long removed = 0;
        if (toRemove >= 0) {
            for (int i = 0; i < l.size() && removed < limit; ) {
                if (Arrays.equals(l.get(i), value)) {
                    l.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = l.size() - 1; i >= 0 && removed < limit; i--) {
                if (Arrays.equals(l.get(i), value)) {
                    l.remove(i);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            c.notifyKeyEvent(KeyEvents.LIST, "lrem", key);
            ListAccess.removed(c, key, l);
        } else {
            c.propagateNothing();
        }
        c.reply.integer(removed);
    }

    static void ltrim(CommandContext c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        byte[] key = c.arg(1);
        ListValue l = ListAccess.write(c, key);
        if (l == null) {
            c.propagateNothing();
            c.reply.ok();
            return;
        }
        ListAccess.Range r = ListAccess.Range.of(start, end, l.size());
        if (r.isEmpty()) {
            l.clear();
        } else {
            l.trim(r.start(), r.end());
        }
        c.notifyKeyEvent(KeyEvents.LIST, "ltrim", key);
        ListAccess.removed(c, key, l);
        c.reply.ok();
    }

    /**
     * LPOS key element [RANK rank] [COUNT num] [MAXLEN len]: positions (from the head) of matches, searching
     * from the tail for a negative rank; options are checked before the key, as in Redis 7.2.
     */
    static void lpos(CommandContext c) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int i = 3; i < c.argc(); i++) {
            boolean more = i + 1 < c.argc();
            if (c.argIs(i, "rank") && more) {
                rank = c.longArg(++i);
                if (rank == Long.MIN_VALUE) {
                    throw RANK_RANGE; // Redis 7.2 refuses a rank it cannot negate
                }
                if (rank == 0) {
                    throw RANK_ZERO;
                }
            } else if (c.argIs(i, "count") && more) {
                count = c.longArg(++i, COUNT_NEGATIVE.getMessage());
                if (count < 0) {
                    throw COUNT_NEGATIVE;
                }
            } else if (c.argIs(i, "maxlen") && more) {
                maxlen = c.longArg(++i, MAXLEN_NEGATIVE.getMessage());
                if (maxlen < 0) {
                    throw MAXLEN_NEGATIVE;
                }
            } else {
                throw RedisError.SYNTAX;
            }
        }
        ListValue l = ListAccess.read(c, 1);
        if (l == null) {
            if (count != -1) {
                c.reply.array(0);
            } else {
                c.reply.nullBulk();
            }
            return;
        }
        boolean fromTail = rank < 0;
        long skip = Math.abs(rank) - 1;
        long limit = count == 0 ? Long.MAX_VALUE : Math.max(count, 1);
        int size = l.size();
        long scanned = 0;
        long[] found = new long[(int) Math.min(limit, size)];
        int n = 0;
        byte[] element = c.arg(2);
        for (int k = 0; k < size && (maxlen == 0 || scanned < maxlen) && n < limit; k++, scanned++) {
            int i = fromTail ? size - 1 - k : k;
            if (Arrays.equals(l.get(i), element)) {
                if (skip > 0) {
                    skip--;
                } else {
                    found[n++] = i;
                }
            }
        }
        if (count == -1) {
            if (n == 0) {
                c.reply.nullBulk();
            } else {
                c.reply.integer(found[0]);
            }
            return;
        }
        c.reply.array(n);
        for (int j = 0; j < n; j++) {
            c.reply.integer(found[j]);
        }
    }
}
