package io.redoubt.command.set;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.command.TypedValue;
import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * SINTER SINTERCARD SINTERSTORE SUNION SUNIONSTORE SDIFF SDIFFSTORE. A missing key is an empty set; every
 * source key is type-checked before any work. Results are built as Redis 7.2 builds them, so stored sets
 * get the same encoding and unions and differences come out in the same order: SUNION and SDIFF gather
 * into a set that starts as an intset, SINTERSTORE's result is an intset when it can be and is otherwise
 * built from a listpack. An empty result deletes the destination.
 */
final class SetAlgebraCommands {
    private SetAlgebraCommands() {
    }

    static void sinter(CommandContext c) {
        List<RedisSet> sets = sources(c, 1, c.argc());
        List<byte[]> result = intersect(sets, 0);
        c.reply.set(result.size());
        result.forEach(c.reply::bulk);
    }

    /** SINTERCARD numkeys key [key ...] [LIMIT limit]: the intersection's size, counting stops at LIMIT. */
    static void sintercard(CommandContext c) {
        long numKeys = c.longArg(1, "ERR numkeys should be greater than 0");
        if (numKeys < 1) {
            throw new RedisError("ERR numkeys should be greater than 0");
        }
        if (numKeys > c.argc() - 2) {
            throw new RedisError("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int i = 2 + (int) numKeys; i < c.argc(); i++) {
            if (c.argIs(i, "limit") && i + 1 < c.argc()) {
                limit = c.longArg(++i, "ERR LIMIT can't be negative");
                if (limit < 0) {
                    throw new RedisError("ERR LIMIT can't be negative");
                }
            } else {
                throw RedisError.SYNTAX;
            }
        }
        c.reply.integer(intersect(sources(c, 2, 2 + (int) numKeys), limit).size());
    }

    static void sinterstore(CommandContext c) {
        store(c, intersect(sources(c, 2, c.argc()), 0));
    }

    static void sunion(CommandContext c) {
        SetAccess.replySet(c, union(c, sources(c, 1, c.argc())));
    }

    static void sunionstore(CommandContext c) {
        RedisSet result = union(c, sources(c, 2, c.argc()));
        storeSet(c, result.size() == 0 ? null : result);
    }

    static void sdiff(CommandContext c) {
        SetAccess.replySet(c, diff(c, sources(c, 1, c.argc())));
    }

    static void sdiffstore(CommandContext c) {
        RedisSet result = diff(c, sources(c, 2, c.argc()));
        storeSet(c, result.size() == 0 ? null : result);
    }

    /** The sets at arguments from..to-1, null for missing keys; WRONGTYPE if any key holds another type. */
    private static List<RedisSet> sources(CommandContext c, int from, int to) {
        Database db = c.db();
        List<RedisSet> sets = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            sets.add(TypedValue.of(db.read(c.arg(i)), RedisSet.class));
        }
        return sets;
    }

    /** Members of every set, walking the smallest; at most limit of them (0: no limit). */
    private static List<byte[]> intersect(List<RedisSet> sets, long limit) {
        List<byte[]> out = new ArrayList<>();
        if (sets.contains(null)) {
            return out;
        }
        List<RedisSet> bySize = new ArrayList<>(sets);
        bySize.sort(Comparator.comparingInt(RedisSet::size));
        RedisSet smallest = bySize.get(0);
        List<RedisSet> others = bySize.subList(1, bySize.size());
        smallest.forEach(m -> {
            if ((limit == 0 || out.size() < limit) && others.stream().allMatch(s -> s.contains(m))) {
                out.add(m);
            }
        });
        return out;
    }

    private static RedisSet union(CommandContext c, List<RedisSet> sets) {
        CollectionLimits limits = c.collectionLimits();
        RedisSet result = RedisSet.empty();
        for (RedisSet s : sets) {
            if (s != null) {
                s.forEach(m -> result.add(m, limits));
            }
        }
        return result;
    }

    /**
     * Members of the first set that are in none of the others, by Redis's cheaper algorithm for the input:
     * test each member of the first set against the others, or add the whole first set and remove the
     * others' members (which may leave a larger encoding). Naming the first key again gives nothing.
     */
    private static RedisSet diff(CommandContext c, List<RedisSet> sets) {
        CollectionLimits limits = c.collectionLimits();
        RedisSet result = RedisSet.empty();
        RedisSet first = sets.get(0);
        List<RedisSet> others = sets.subList(1, sets.size());
        if (first == null || others.stream().anyMatch(s -> s == first)) {
            return result;
        }
        long testEach = 0;
        long addThenRemove = 0;
        for (RedisSet s : sets) {
            if (s != null) {
                testEach += first.size();
                addThenRemove += s.size();
            }
        }
        if (testEach / 2 <= addThenRemove) { // testing has the better constant: Redis halves its cost
            first.forEach(m -> {
                if (others.stream().noneMatch(s -> s != null && s.contains(m))) {
                    result.add(m, limits);
                }
            });
        } else {
            first.forEach(m -> result.add(m, limits));
            for (RedisSet s : others) {
                if (s != null && result.size() > 0) {
                    s.forEach(result::remove);
                }
            }
        }
        return result;
    }

    /** SINTERSTORE's result: an intset when every member is an integer and few enough, else via a listpack. */
    private static void store(CommandContext c, List<byte[]> members) {
        CollectionLimits limits = c.collectionLimits();
        boolean integers = members.stream().allMatch(Bytes::isLong)
            && members.size() <= Math.min(limits.intsetEntries(), RedisSet.MAX_INTSET);
        RedisSet result = integers ? RedisSet.empty() : RedisSet.emptyListpack();
        members.forEach(m -> result.add(m, limits));
        storeSet(c, members.isEmpty() ? null : result);
    }

    /** Replaces the destination (whatever its type, dropping its time to live) or deletes it when null. */
    private static void storeSet(CommandContext c, RedisSet result) {
        if (result == null) {
            if (c.db().delete(c.arg(1))) {
                c.notifyKeyEvent(KeyEvents.GENERIC, "del", c.arg(1));
            }
            c.reply.integer(0);
        } else {
            c.db().put(c.arg(1), result, false);
            c.notifyKeyEvent(KeyEvents.SET, c.spec().name(), c.arg(1)); // sinterstore, sunionstore, sdiffstore
            c.reply.integer(result.size());
        }
    }
}
