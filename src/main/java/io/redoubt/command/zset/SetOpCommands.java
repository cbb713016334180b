package io.redoubt.command.zset;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.SortedSet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION ZINTER ZDIFF, their STORE forms and ZINTERCARD, as Redis's zunionInterDiffGenericCommand: input
 * keys are type-checked before the options are read; results are ordered by score then member.
 */
final class SetOpCommands {
    enum Op { UNION, INTER, DIFF }

    enum Aggregate { SUM, MIN, MAX }

    private static final RedisError WEIGHT_NOT_FLOAT = new RedisError("ERR weight value is not a float");
    private static final RedisError LIMIT_NEGATIVE = new RedisError("ERR LIMIT can't be negative");

    private SetOpCommands() {
    }

    static void zunion(CommandContext c) {
        run(c, null, 1, Op.UNION, false);
    }

    static void zinter(CommandContext c) {
        run(c, null, 1, Op.INTER, false);
    }

    static void zdiff(CommandContext c) {
        run(c, null, 1, Op.DIFF, false);
    }

    static void zunionstore(CommandContext c) {
        run(c, c.arg(1), 2, Op.UNION, false);
    }

    static void zinterstore(CommandContext c) {
        run(c, c.arg(1), 2, Op.INTER, false);
    }

    static void zdiffstore(CommandContext c) {
        run(c, c.arg(1), 2, Op.DIFF, false);
    }

    static void zintercard(CommandContext c) {
        run(c, null, 1, Op.INTER, true);
    }

    /** One input: a sorted set, or nothing for a missing key. */
    private record Source(SortedSet zset, double weight) {
        int size() {
            return zset == null ? 0 : zset.size();
        }

        /** The member's weighted score, NaN when absent; inf * 0 counts as 0, as in Redis. */
        double weighted(byte[] member) {
            double s = zset == null ? Double.NaN : zset.score(member);
            return Double.isNaN(s) ? s : times(s);
        }

        double times(double score) {
            double w = score * weight;
            return Double.isNaN(w) ? 0 : w;
        }
    }

    private static void run(CommandContext c, byte[] dst, int numkeysAt, Op op, boolean cardinalityOnly) {
        long numkeys = c.longArg(numkeysAt);
        if (numkeys < 1) {
            throw new RedisError("ERR at least 1 input key is needed for '" + c.spec().fullName() + "' command");
        }
        if (numkeys > c.argc() - (numkeysAt + 1)) {
            throw RedisError.SYNTAX;
        }
        int n = (int) numkeys;
        SortedSet[] sets = new SortedSet[n];
        int j = numkeysAt + 1;
        for (int i = 0; i < n; i++, j++) {
            Dict.Entry e = dst == null ? c.db().read(c.arg(j)) : c.db().lookupWrite(c.arg(j));
            sets[i] = e != null && e.value instanceof RedisSet plain ? scoredOne(plain) : ZsetAccess.value(e);
        }
        double[] weights = new double[n];
        Arrays.fill(weights, 1);
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        long limit = 0;
        boolean algebra = op != Op.DIFF && !cardinalityOnly;
        while (j < c.argc()) {
            int remaining = c.argc() - j;
            if (algebra && remaining >= n + 1 && c.argIs(j, "weights")) {
                j++;
                for (int i = 0; i < n; i++, j++) {
                    try {
                        weights[i] = Scores.parse(c.arg(j));
                    } catch (RedisError notFloat) {
                        throw WEIGHT_NOT_FLOAT;
                    }
                }
            } else if (algebra && remaining >= 2 && c.argIs(j, "aggregate")) {
                aggregate = switch (c.option(j + 1)) {
                    case "sum" -> Aggregate.SUM;
                    case "min" -> Aggregate.MIN;
                    case "max" -> Aggregate.MAX;
                    default -> throw RedisError.SYNTAX;
                };
                j += 2;
            } else if (dst == null && !cardinalityOnly && c.argIs(j, "withscores")) {
                withScores = true;
                j++;
            } else if (cardinalityOnly && remaining >= 2 && c.argIs(j, "limit")) {
                limit = c.longArg(j + 1, LIMIT_NEGATIVE.getMessage());
                if (limit < 0) {
                    throw LIMIT_NEGATIVE;
                }
                j += 2;
            } else {
                throw RedisError.SYNTAX;
            }
        }
        List<Source> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            sources.add(new Source(sets[i], weights[i]));
        }

        if (cardinalityOnly) {
            c.reply.integer(interCard(sources, limit));
            return;
        }
        Elements result = switch (op) {
            case UNION -> union(sources, aggregate);
            case INTER -> inter(sources, aggregate);
            case DIFF -> diff(sources);
        };
        if (dst != null) {
            ZsetAccess.store(c, dst, result);
        } else {
            result.reply(c.reply, withScores);
        }
    }

    private static Elements union(List<Source> sources, Aggregate aggregate) {
        Map<ByteBuffer, double[]> acc = new HashMap<>();
        List<byte[]> order = new ArrayList<>();
        for (Source s : sources) {
            if (s.zset == null) {
                continue;
            }
            s.zset.forEach((m, score) -> {
                double w = s.times(score);
                double[] cur = acc.get(ByteBuffer.wrap(m));
                if (cur == null) {
                    acc.put(ByteBuffer.wrap(m), new double[] {w});
                    order.add(m);
                } else {
                    cur[0] = combine(aggregate, cur[0], w);
                }
            });
        }
        Elements out = new Elements();
        for (byte[] m : order) {
            out.add(m, acc.get(ByteBuffer.wrap(m))[0]);
        }
        return sorted(out);
    }

    private static Elements inter(List<Source> sources, Aggregate aggregate) {
        Elements out = new Elements();
        List<Source> bySize = new ArrayList<>(sources);
        bySize.sort(Comparator.comparingInt(Source::size)); // walk the smallest, look up in the others
        if (bySize.get(0).size() == 0) {
            return out;
        }
        Source first = bySize.get(0);
        first.zset.forEach((m, score) -> {
            double acc = first.times(score);
            for (int k = 1; k < bySize.size(); k++) {
                double w = bySize.get(k).weighted(m);
                if (Double.isNaN(w)) {
                    return;
                }
                acc = combine(aggregate, acc, w);
            }
            out.add(m, acc);
        });
        return sorted(out);
    }

    private static Elements diff(List<Source> sources) {
        Elements out = new Elements();
        Source first = sources.get(0);
        if (first.zset == null) {
            return out;
        }
        first.zset.forEach((m, score) -> {
            for (int k = 1; k < sources.size(); k++) {
                if (sources.get(k).zset != null && sources.get(k).zset.contains(m)) {
                    return;
                }
            }
            out.add(m, score);
        });
        return out; // already in the first set's order
    }

    private static long interCard(List<Source> sources, long limit) {
        List<Source> bySize = new ArrayList<>(sources);
        bySize.sort(Comparator.comparingInt(Source::size));
        if (bySize.get(0).size() == 0) {
            return 0;
        }
        long count = 0;
        SortedSet smallest = bySize.get(0).zset;
        for (int i = 0; i < smallest.size() && (limit == 0 || count < limit); i++) {
            byte[] m = smallest.memberAt(i);
            boolean everywhere = true;
            for (int k = 1; k < bySize.size() && everywhere; k++) {
                everywhere = bySize.get(k).zset.contains(m);
            }
            if (everywhere) {
                count++;
            }
        }
        return count;
    }

    private static double combine(Aggregate aggregate, double a, double b) {
        return switch (aggregate) {
            case SUM -> {
                double sum = a + b;
                yield Double.isNaN(sum) ? 0 : sum; // inf + -inf
            }
            case MIN -> b < a ? b : a; // ties keep the first, as Redis does (matters for -0)
            case MAX -> b > a ? b : a;
        };
    }

    /** Orders a result by score, then member bytes, as a sorted set holds it. */
    private static Elements sorted(Elements in) {
        Integer[] idx = new Integer[in.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int cmp = Double.compare(in.score(a), in.score(b));
            return in.score(a) == in.score(b) ? Arrays.compareUnsigned(in.member(a), in.member(b)) : cmp;
        });
        Elements out = new Elements();
        for (int i : idx) {
            out.add(in.member(i), in.score(i));
        }
        return out;
    }

    /** A plain set taking part in ZUNION/ZINTER/ZDIFF: each member with score 1, as Redis counts it. */
    private static SortedSet scoredOne(RedisSet set) {
        SortedSet.Limits unlimited = new SortedSet.Limits(Long.MAX_VALUE, Long.MAX_VALUE);
        SortedSet z = SortedSet.create(set.size(), Long.MAX_VALUE, unlimited);
        set.forEach(member -> z.put(member, 1, unlimited));
        return z;
    }
}
