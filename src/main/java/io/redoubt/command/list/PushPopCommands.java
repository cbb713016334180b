package io.redoubt.command.list;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.command.list.ListAccess.End;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.ListValue;
import io.redoubt.propagation.Words;
import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Both ends of a list: LPUSH RPUSH LPUSHX RPUSHX LPOP RPOP LMPOP LMOVE RPOPLPUSH and their blocking forms
 * BLPOP BRPOP BLMPOP BLMOVE BRPOPLPUSH. A blocking form first tries what the plain one does; finding nothing,
 * it asks to block on its keys and runs again from the start when one of them gets a list.
 */
final class PushPopCommands {
    private static final RedisError COUNT_NOT_POSITIVE = new RedisError("ERR value is out of range, must be positive");
    private static final RedisError NUMKEYS = new RedisError("ERR numkeys should be greater than 0");
    private static final RedisError MPOP_COUNT = new RedisError("ERR count should be greater than 0");

    private PushPopCommands() {
    }

    static void push(CommandContext c, End end) {
        byte[] key = c.arg(1);
        ListValue l = ListAccess.write(c, key);
        c.reply.integer(ListAccess.push(c, key, l, end, 2));
    }

    /** LPUSHX/RPUSHX: only onto an existing list. */
    static void pushx(CommandContext c, End end) {
        byte[] key = c.arg(1);
        ListValue l = ListAccess.write(c, key);
        if (l == null) {
            c.propagateNothing();
        }
        c.reply.integer(l == null ? 0 : ListAccess.push(c, key, l, end, 2));
    }

    /** LPOP/RPOP key [count]: one element as a bulk, or with a count an array (null forms differ). */
    static void pop(CommandContext c, End end) {
        if (c.argc() > 3) {
            throw new RedisError("ERR wrong number of arguments for '" + c.spec().fullName() + "' command");
        }
        boolean hasCount = c.argc() == 3;
        long count = hasCount ? positive(c, 2) : 1;
        byte[] key = c.arg(1);
        ListValue l = ListAccess.write(c, key);
        if (l == null || count == 0) {
            c.propagateNothing();
        }
        if (l == null) {
            if (hasCount) {
                c.reply.nullArray();
            } else {
                c.reply.nullBulk();
            }
            return;
        }
        if (!hasCount) {
            c.reply.bulk(ListAccess.popOne(l, end));
            c.notifyKeyEvent(KeyEvents.LIST, ListAccess.popEvent(end), key);
            ListAccess.removed(c, key, l);
        } else if (count == 0) {
            c.reply.array(0);
        } else {
            ListAccess.popRange(c, key, l, end, count);
        }
    }

    /** Redis's getPositiveLongFromObjectOrReply with LPOP's message for both kinds of bad count. */
    private static long positive(CommandContext c, int i) {
        long n = c.longArg(i, COUNT_NOT_POSITIVE.getMessage());
        if (n < 0) {
            throw COUNT_NOT_POSITIVE;
        }
        return n;
    }

    /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]. */
    static void lmpop(CommandContext c) {
        MpopArgs a = MpopArgs.parse(c, 1);
        if (!mpopFirst(c, a)) {
            c.reply.nullArray();
        }
    }

    /** BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: the arguments are checked first. */
    static void blmpop(CommandContext c) {
        MpopArgs a = MpopArgs.parse(c, 2);
        long deadline = c.timeoutArg(1);
        if (!mpopFirst(c, a)) {
            c.block(a.keys(), "list", deadline);
        }
    }

    /** Pops from the first non-empty list of the keys; false when there is none. */
    private static boolean mpopFirst(CommandContext c, MpopArgs a) {
        for (byte[] key : a.keys()) {
            ListValue l = ListAccess.write(c, key);
            if (l != null) {
                if (c.propagating()) { // Redis replicates [B]LMPOP as LPOP/RPOP key count
                    c.propagateAs(popWord(a.end()), key, Bytes.fromLong(Math.min(a.count(), l.size())));
                }
                ListAccess.popRangeWithKey(c, key, l, a.end(), a.count());
                return true;
            }
        }
        c.propagateNothing();
        return false;
    }

    /** BLPOP/BRPOP key [key ...] timeout: [key, element] from the first non-empty list. */
    static void bpop(CommandContext c, End end) {
        long deadline = c.timeoutArg(c.argc() - 1);
        List<byte[]> keys = new ArrayList<>();
        for (int i = 1; i < c.argc() - 1; i++) {
            byte[] key = c.arg(i);
            ListValue l = ListAccess.write(c, key);
            if (l != null) {
                c.reply.array(2);
                c.reply.bulk(key);
                c.reply.bulk(ListAccess.popOne(l, end));
                c.notifyKeyEvent(KeyEvents.LIST, ListAccess.popEvent(end), key);
                ListAccess.removed(c, key, l);
                c.propagateAs(popWord(end), key);
                return;
            }
            keys.add(key);
        }
        c.block(keys, "list", deadline);
    }

    private static byte[] popWord(End end) {
        return end == End.LEFT ? Words.LPOP : Words.RPOP;
    }

    static void lmove(CommandContext c) {
        End from = ListAccess.end(c, 3);
        End to = ListAccess.end(c, 4);
        move(c, from, to);
    }

    static void rpoplpush(CommandContext c) {
        move(c, End.RIGHT, End.LEFT);
    }

    static void blmove(CommandContext c) {
        End from = ListAccess.end(c, 3);
        End to = ListAccess.end(c, 4);
        if (blockingMove(c, from, to, c.timeoutArg(5))) {
            c.propagateAs(Words.LMOVE, c.arg(1), c.arg(2), c.arg(3), c.arg(4));
        }
    }

    static void brpoplpush(CommandContext c) {
        if (blockingMove(c, End.RIGHT, End.LEFT, c.timeoutArg(3))) {
            c.propagateAs(Words.RPOPLPUSH, c.arg(1), c.arg(2));
        }
    }

    /** Moves, or blocks when the source is empty; true when it moved. */
    private static boolean blockingMove(CommandContext c, End from, End to, long deadline) {
        if (ListAccess.write(c, c.arg(1)) == null) {
            c.block(List.of(c.arg(1)), "list", deadline);
            return false;
        }
        move(c, from, to);
        return true;
    }

    /**
     * Moves one element from the source's {@code from} end to the destination's {@code to} end, the same key
     * included (a rotation). The destination's type is checked before anything is popped.
     */
    private static void move(CommandContext c, End from, End to) {
        byte[] srcKey = c.arg(1);
        byte[] dstKey = c.arg(2);
        ListValue src = ListAccess.write(c, srcKey);
        if (src == null) {
            c.propagateNothing();
            c.reply.nullBulk();
            return;
        }
        ListValue dst = ListAccess.write(c, dstKey);
        byte[] value = ListAccess.popOne(src, from);
        if (dst == null) {
            dst = new ListValue();
            dst.growing(ListValue.checkedBytes(value), 1, c.listNodeLimit());
            ListAccess.pushOne(dst, to, value);
            c.db().add(dstKey, dst);
        } else {
            dst.growing(ListValue.checkedBytes(value), 1, c.listNodeLimit());
            ListAccess.pushOne(dst, to, value);
        }
        // Redis's order: the push, then the pop, then the emptied source's deletion
        c.notifyKeyEvent(KeyEvents.LIST, ListAccess.pushEvent(to), dstKey);
        c.notifyKeyEvent(KeyEvents.LIST, ListAccess.popEvent(from), srcKey);
        ListAccess.removed(c, srcKey, src);
        c.reply.bulk(value);
    }

    /** The arguments LMPOP and BLMPOP share, from numkeys on. */
    private record MpopArgs(List<byte[]> keys, End end, long count) {
        static MpopArgs parse(CommandContext c, int numkeysArg) {
            long numkeys = c.longArg(numkeysArg, NUMKEYS.getMessage());
            if (numkeys <= 0) {
                throw NUMKEYS;
            }
            if (numkeys >= c.argc() - numkeysArg - 1) {
                throw RedisError.SYNTAX; // no room left for LEFT|RIGHT
            }
            int whereArg = numkeysArg + (int) numkeys + 1;
            End end = ListAccess.end(c, whereArg);
            long count = -1;
            for (int i = whereArg + 1; i < c.argc(); i++) {
                if (count == -1 && c.argIs(i, "count") && i + 1 < c.argc()) {
                    count = c.longArg(++i, MPOP_COUNT.getMessage());
                    if (count <= 0) {
                        throw MPOP_COUNT;
                    }
                } else {
                    throw RedisError.SYNTAX;
                }
            }
            List<byte[]> keys = new ArrayList<>();
            for (int i = numkeysArg + 1; i < whereArg; i++) {
                keys.add(c.arg(i));
            }
            return new MpopArgs(keys, end, count == -1 ? 1 : count);
        }
    }
}
