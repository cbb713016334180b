package io.redoubt.command.list;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.ListValue;
import io.redoubt.net.Reply;

/** What every list command does: type checks, creating and deleting keys, ends, indexes, popping. */
final class ListAccess {
    /** An end of a list: LEFT is the head, RIGHT the tail. */
    enum End { LEFT, RIGHT }

    private ListAccess() {
    }

    /** The list held by an entry, null for a missing key, WRONGTYPE for any other type. */
    static ListValue value(Dict.Entry e) {
        if (e == null) {
            return null;
        }
        if (!(e.value instanceof ListValue l)) {
            throw RedisError.WRONGTYPE;
        }
        return l;
    }

    /** A list read by a read-only command (counts a hit or miss). */
    static ListValue read(CommandContext c, int keyArg) {
        return value(c.db().read(c.arg(keyArg)));
    }

    /** A list about to be changed (no hit or miss counted, as Redis's lookupKeyWrite). */
    static ListValue write(CommandContext c, byte[] key) {
        return value(c.db().lookupWrite(key));
    }

    /** LEFT or RIGHT, case-insensitive; anything else is a syntax error, as Redis's getListPositionFromObject. */
    static End end(CommandContext c, int i) {
        if (c.argIs(i, "left")) {
            return End.LEFT;
        }
        if (c.argIs(i, "right")) {
            return End.RIGHT;
        }
        throw RedisError.SYNTAX;
    }

    /**
     * Pushes elements {@code args[from..]} one by one at an end of the list under {@code key}, creating it when
     * {@code list} is null (a new key wakes clients blocked on it). Returns the new length.
     */
    static int push(CommandContext c, byte[] key, ListValue list, End end, int from) {
        long raw = 0;
        for (int i = from; i < c.argc(); i++) {
            raw += c.arg(i).length;
        }
        ListValue l = list == null ? new ListValue() : list;
        // one check for the whole command, as Redis's listTypeTryConversionAppend
        l.growing(raw, c.argc() - from, c.listNodeLimit());
        for (int i = from; i < c.argc(); i++) {
            pushOne(l, end, c.arg(i));
        }
        if (list == null) {
            c.db().add(key, l);
        }
        c.notifyKeyEvent(KeyEvents.LIST, pushEvent(end), key);
        return l.size();
    }

    static void pushOne(ListValue l, End end, byte[] value) {
        if (end == End.LEFT) {
            l.pushHead(value);
        } else {
            l.pushTail(value);
        }
    }

    static byte[] popOne(ListValue l, End end) {
        return end == End.LEFT ? l.popHead() : l.popTail();
    }

    static String pushEvent(End end) {
        return end == End.LEFT ? "lpush" : "rpush";
    }

    static String popEvent(End end) {
        return end == End.LEFT ? "lpop" : "rpop";
    }

    /**
     * After elements were removed (the command has reported its own event): deletes the key once its list is
     * empty, a "del" event, else lets the encoding shrink.
     */
    static void removed(CommandContext c, byte[] key, ListValue l) {
        if (l.isEmpty()) {
            c.db().delete(key);
            c.notifyKeyEvent(KeyEvents.GENERIC, "del", key);
        } else {
            l.shrunk(c.listNodeLimit());
        }
    }

    /** Pops up to {@code count} elements from one end and answers them as an array. */
    static void popRange(CommandContext c, byte[] key, ListValue l, End end, long count) {
        int n = (int) Math.min(count, l.size());
        Reply r = c.reply;
        r.array(n);
        for (int i = 0; i < n; i++) {
            r.bulk(popOne(l, end));
        }
        c.notifyKeyEvent(KeyEvents.LIST, popEvent(end), key);
        removed(c, key, l);
    }

    /** LMPOP's and BLMPOP's answer: [key, [elements...]]. */
    static void popRangeWithKey(CommandContext c, byte[] key, ListValue l, End end, long count) {
        c.reply.array(2);
        c.reply.bulk(key);
        popRange(c, key, l, end, count);
    }

    /** A start..end range of a list of {@code size} with Redis's rules for negative and overflowing indexes. */
    record Range(int start, int end) {
        boolean isEmpty() {
            return start > end;
        }

        static Range of(long start, long end, int size) {
            if (start < 0) {
                start = size + start;
            }
            if (end < 0) {
                end = size + end;
            }
            if (start < 0) {
                start = 0;
            }
            if (start > end || start >= size) {
                return new Range(0, -1);
            }
            return new Range((int) start, (int) Math.min(end, size - 1));
        }
    }
}
