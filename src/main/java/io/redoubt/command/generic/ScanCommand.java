package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Values;
import io.redoubt.util.Bytes;
import io.redoubt.util.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] over {@link Dict#scan}, whose reverse-binary cursor
 * returns every key present for the whole iteration even when the table resizes between calls.
 */
public final class ScanCommand {
    private static final RedisError INVALID_CURSOR = new RedisError("ERR invalid cursor");

    private ScanCommand() {
    }

    static void register(CommandTable t) {
        t.add("scan", -2, "readonly", 0, 0, 0, "@keyspace @read @slow", ScanCommand::scan)
            .doc("Iterates over the key names in the database.", "2.8.0", "generic",
                "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor "
                    + "to return back to 0. N is the number of elements inside the collection.");
    }

    static void scan(CommandContext c) {
        long cursor = parseCursor(c.arg(1));
        long count = 10;
        byte[] pattern = null;
        String type = null;
        for (int i = 2; i < c.argc(); i += 2) {
            boolean hasValue = i + 1 < c.argc();
            if (hasValue && c.argIs(i, "count")) {
                count = c.longArg(i + 1);
                if (count < 1) {
                    throw RedisError.SYNTAX;
                }
            } else if (hasValue && c.argIs(i, "match")) {
                byte[] p = c.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p; // "*" matches everything: skip matching
            } else if (hasValue && c.argIs(i, "type")) {
                type = c.argString(i + 1);
            } else {
                throw RedisError.SYNTAX;
            }
        }

        Database db = c.db();
        Collector collector = new Collector(pattern);
        // Like Redis: stop after COUNT keys were visited, or after 10*COUNT buckets of a sparse table.
        long buckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            cursor = db.dict().scan(cursor, collector);
        } while (cursor != 0 && buckets-- != 0 && collector.visited < count);

        // Expired keys are deleted here rather than returned. A TYPE filter looks keys up as a read (counting
        // hits and misses), as Redis 7.2 does; an unknown type name matches nothing.
        String wanted = type;
        collector.keys.removeIf(key -> {
            if (wanted == null) {
                return db.lookup(key) == null;
            }
            Dict.Entry e = db.readNoTouch(key);
            return e == null || !wanted.equalsIgnoreCase(Values.typeName(e.value));
        });

        c.reply.array(2);
        c.reply.bulk(Bytes.utf8(Long.toUnsignedString(cursor)));
        KeyCommands.keyArray(c.reply, collector.keys);
    }

    /**
     * Reads a cursor the way Redis 7.2 does (C's strtoul): an optional sign then decimal digits, no leading
     * space, up to 2^64-1; a minus sign wraps around, and an empty argument is cursor 0.
     */
    public static long parseCursor(byte[] b) {
        int i = 0;
        boolean negative = false;
        if (b.length > 0 && (b[0] == '+' || b[0] == '-')) {
            negative = b[0] == '-';
            i++;
            if (i == b.length) {
                throw INVALID_CURSOR;
            }
        }
        long v = 0;
        for (; i < b.length; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                throw INVALID_CURSOR;
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                throw INVALID_CURSOR; // past 2^64-1
            }
            v = next;
        }
        return negative ? -v : v;
    }

    /** Collects the names of visited keys that match the pattern, counting every key visited. */
    private static final class Collector implements Consumer<Dict.Entry> {
        private final byte[] pattern;
        final List<byte[]> keys = new ArrayList<>();
        long visited;

        Collector(byte[] pattern) {
            this.pattern = pattern;
        }

        @Override
        public void accept(Dict.Entry e) {
            visited++;
            if (pattern == null || Glob.matches(pattern, e.key, false)) {
                keys.add(e.key);
            }
        }
    }
}
