package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.KeySpec;
import io.redoubt.command.RedisError;
import io.redoubt.command.zset.Scores;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.ListValue;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SORT and SORT_RO, as Redis 7.2's sortCommandGeneric: the elements of a list, set or sorted set, weighed
 * numerically (C's strtod) or, with ALPHA, by their bytes (strcoll under the C locale), directly or through a
 * BY pattern; a BY pattern without '*' keeps the value's own order (a set is then sorted with ALPHA when
 * storing, so the stored result is deterministic). LIMIT selects a window, GET patterns replace each element,
 * STORE writes a list (or deletes the destination when empty) and answers its length.
 */
public final class SortCommand {
    private static final String COMPLEXITY = "O(N+M*log(M)) where N is the number of elements in the list or set to "
        + "sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).";
    private static final KeySpec SORTED = KeySpec.range("RO access", 1, 0, 1, 0);
    private static final String PATTERN_NOTES = "For the optional BY/GET keyword. It is marked 'unknown' because the "
        + "key names derive from the content of the key we sort";
    private static final KeySpec STORE = KeySpec.unknown("OW update").notes("For the optional STORE keyword. It is "
        + "marked 'unknown' because the keyword can appear anywhere in the argument array");
    private static final RedisError NOT_DOUBLE = new RedisError("ERR One or more scores can't be converted into double");

    private SortCommand() {
    }

    static void register(CommandTable t) {
        t.add("sort", -2, "write denyoom movablekeys", 1, 1, 1, "@write @set @sortedset @list @slow @dangerous",
                c -> sort(c, false))
            .keySpec(SORTED).keySpec(KeySpec.unknown("RO access").notes(PATTERN_NOTES)).keySpec(STORE)
            .keyFinder(SortCommand::keys)
            .doc("Sort the elements in a list, set or sorted set", "1.0.0", "generic", COMPLEXITY);
        t.add("sort_ro", -2, "readonly movablekeys", 1, 1, 1, "@read @set @sortedset @list @slow @dangerous",
                c -> sort(c, true))
            .keySpec(SORTED).keySpec(KeySpec.unknown("RO access").notes(PATTERN_NOTES))
            .doc("Sort the elements in a list, set or sorted set. Read-only variant of SORT.", "7.0.0", "generic",
                COMPLEXITY);
    }

    /**
     * SORT's keys as Redis's sortGetKeys finds them: the sorted key, and the argument after the last STORE,
     * skipping the arguments of LIMIT, GET and BY (patterns name no fixed key).
     */
    static List<CommandSpec.KeyAt> keys(byte[][] args) {
        List<CommandSpec.KeyAt> keys = new ArrayList<>();
        keys.add(new CommandSpec.KeyAt(1, SORTED));
        int store = -1;
        for (int i = 2; i < args.length; i++) {
            if (Bytes.equalsIgnoreCase(args[i], "limit")) {
                i += 2;
            } else if (Bytes.equalsIgnoreCase(args[i], "get") || Bytes.equalsIgnoreCase(args[i], "by")) {
                i += 1;
            } else if (Bytes.equalsIgnoreCase(args[i], "store") && i + 1 < args.length) {
                store = i + 1;
            }
        }
        if (store > 0) {
            keys.add(new CommandSpec.KeyAt(store, STORE));
        }
        return keys;
    }

    /** One element being sorted: its bytes, and what it is weighed by. */
    private static final class Item {
        final byte[] element;
        double score;
        /** ALPHA BY: the pattern's value, null when the pattern names nothing. */
        byte[] weight;

        Item(byte[] element) {
            this.element = element;
        }
    }

    static void sort(CommandContext c, boolean readOnly) {
        SortOptions o = SortOptions.parse(c, readOnly);
        Database db = c.db();
        Dict.Entry entry = db.read(c.arg(1));
        Object value = entry == null ? null : entry.value;
        if (value != null && !(value instanceof ListValue || value instanceof RedisSet || value instanceof SortedSet)) {
            throw RedisError.WRONGTYPE;
        }
        boolean dontSort = o.dontSort;
        boolean alpha = o.alpha;
        byte[] by = o.by;
        if (dontSort && value instanceof RedisSet && o.store != null) {
            dontSort = false; // a set's own order is not deterministic: stored results are sorted
            alpha = true;
            by = null;
        }
        if (value instanceof SortedSet z) {
            z.forceSkipList();
        }
        int size = size(value);
        long start = Math.min(Math.max(o.limitStart, 0), size);
        long count = Math.min(Math.max(o.limitCount, -1), size);
        long end = count < 0 ? size - 1 : start + count - 1;
        if (start >= size) {
            start = size - 1;
            end = size - 2;
        }
        if (end >= size) {
            end = size - 1;
        }
        List<Item> items;
        if (dontSort && (value instanceof ListValue || value instanceof SortedSet)) {
            items = window(value, (int) start, (int) end, o.desc, size);
            end -= start;
            start = 0;
        } else {
            items = all(value);
        }
        if (!dontSort && weigh(db, items, by, alpha)) {
            throw NOT_DOUBLE;
        }
        if (!dontSort) {
            items.sort(order(alpha, by != null, o.desc));
        }
        List<Item> chosen = end < start ? List.of() : items.subList((int) start, (int) end + 1);
        if (o.store == null) {
            reply(c, db, chosen, o.gets);
        } else {
            store(c, db, o.store, chosen, o.gets);
        }
    }

    private static int size(Object value) {
        if (value instanceof ListValue l) {
            return l.size();
        }
        if (value instanceof RedisSet s) {
            return s.size();
        }
        return value instanceof SortedSet z ? z.size() : 0;
    }

    /** Every element, in the value's own order (a set's iteration order). */
    private static List<Item> all(Object value) {
        List<Item> items = new ArrayList<>(size(value));
        if (value instanceof ListValue l) {
            for (int i = 0; i < l.size(); i++) {
                items.add(new Item(l.get(i)));
            }
        } else if (value instanceof RedisSet s) {
            s.forEach(m -> items.add(new Item(m)));
        } else if (value instanceof SortedSet z) {
            z.forEach((m, score) -> items.add(new Item(m)));
        }
        return items;
    }

    /** Unsorted lists and sorted sets load only the LIMIT window, from the far end when DESC. */
    private static List<Item> window(Object value, int start, int end, boolean desc, int size) {
        List<Item> items = new ArrayList<>();
        if (end < start) {
            return items;
        }
        int from = desc ? size - 1 - end : start;
        int to = desc ? size - 1 - start : end;
        if (value instanceof ListValue l) {
            for (int i = 0; i <= to - from; i++) {
                items.add(new Item(l.get(desc ? to - i : from + i)));
            }
        } else {
            ((SortedSet) value).forRange(from, to, desc, (m, score) -> items.add(new Item(m)));
        }
        return items;
    }

    /** Computes each item's weight; returns true when a numeric weight could not be read. */
    private static boolean weigh(Database db, List<Item> items, byte[] by, boolean alpha) {
        boolean failed = false;
        for (Item it : items) {
            byte[] weight = by == null ? it.element : SortPattern.lookup(db, by, it.element);
            if (weight == null) {
                continue;
            }
            if (alpha) {
                it.weight = by == null ? null : weight;
            } else {
                it.score = Scores.parseSortWeight(weight);
                failed |= Double.isNaN(it.score);
            }
        }
        return failed;
    }

    /** Redis's sortCompare: numeric with ties by element bytes; ALPHA by bytes, missing BY values first. */
    private static Comparator<Item> order(boolean alpha, boolean byPattern, boolean desc) {
        Comparator<Item> cmp;
        if (!alpha) {
            cmp = (a, b) -> a.score > b.score ? 1 : a.score < b.score ? -1
                : Arrays.compareUnsigned(a.element, b.element);
        } else if (byPattern) {
            cmp = (a, b) -> a.weight == null || b.weight == null
                ? (a.weight == b.weight ? 0 : a.weight == null ? -1 : 1)
                : Arrays.compareUnsigned(a.weight, b.weight);
        } else {
            cmp = (a, b) -> Arrays.compareUnsigned(a.element, b.element);
        }
        return desc ? cmp.reversed() : cmp;
    }

    private static void reply(CommandContext c, Database db, List<Item> chosen, List<byte[]> gets) {
        c.reply.array(gets.isEmpty() ? chosen.size() : chosen.size() * gets.size());
        for (Item it : chosen) {
            if (gets.isEmpty()) {
                c.reply.bulk(it.element);
            }
            for (byte[] get : gets) {
                byte[] v = SortPattern.lookup(db, get, it.element);
                if (v == null) {
                    c.reply.nullBulk();
                } else {
                    c.reply.bulk(v);
                }
            }
        }
    }

    /** STORE: the result as a list (GET's missing values as empty strings); an empty result deletes dst. */
    private static void store(CommandContext c, Database db, byte[] dst, List<Item> chosen, List<byte[]> gets) {
        List<byte[]> out = new ArrayList<>();
        for (Item it : chosen) {
            if (gets.isEmpty()) {
                out.add(it.element);
            }
            for (byte[] get : gets) {
                byte[] v = SortPattern.lookup(db, get, it.element);
                out.add(v == null ? new byte[0] : v);
            }
        }
        if (out.isEmpty()) {
            db.delete(dst);
        } else {
            db.put(dst, ListValue.built(out, c.listNodeLimit()), false);
        }
        c.reply.integer(out.size());
    }
}
