package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.net.Reply;
import io.redoubt.util.Bytes;
import io.redoubt.util.Glob;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * What SCAN, HSCAN and SSCAN share: Redis's cursor parsing, the MATCH / COUNT (and, for SCAN only, TYPE)
 * options with their errors, the loop that stops after COUNT elements or 10*COUNT empty steps, and the
 * two-element reply.
 */
public final class ScanOptions {
    private static final RedisError INVALID_CURSOR = new RedisError("ERR invalid cursor");

    public final long count;
    /** Null when every element matches (no MATCH, or MATCH *). */
    public final byte[] pattern;
    /** SCAN's TYPE filter, or null. */
    public final String type;

    private ScanOptions(long count, byte[] pattern, String type) {
        this.count = count;
        this.pattern = pattern;
        this.type = type;
    }

    /** Parses the options from argument {@code from} on; TYPE is a syntax error unless allowed (SCAN). */
    public static ScanOptions parse(CommandContext c, int from, boolean typeAllowed) {
        long count = 10;
        byte[] pattern = null;
        String type = null;
        for (int i = from; i < c.argc(); i += 2) {
            boolean hasValue = i + 1 < c.argc();
            if (hasValue && c.argIs(i, "count")) {
                count = c.longArg(i + 1);
                if (count < 1) {
                    throw RedisError.SYNTAX;
                }
            } else if (hasValue && c.argIs(i, "match")) {
                byte[] p = c.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p; // "*" matches everything: skip matching
            } else if (hasValue && typeAllowed && c.argIs(i, "type")) {
                type = c.argString(i + 1);
            } else {
                throw RedisError.SYNTAX;
            }
        }
        return new ScanOptions(count, pattern, type);
    }

    public boolean matches(byte[] element) {
        return pattern == null || Glob.matches(pattern, element, false);
    }

    /**
     * Calls {@code step} (cursor in, next cursor out) until the scan ends, {@code gathered} reaches COUNT,
     * or 10*COUNT steps were taken, as Redis does so that a sparse table cannot make one call long.
     */
    public long run(long cursor, LongUnaryOperator step, LongSupplier gathered) {
        long steps = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
        do {
            cursor = step.applyAsLong(cursor);
        } while (cursor != 0 && steps-- != 0 && gathered.getAsLong() < count);
        return cursor;
    }

    /** Collects the elements one scan step visits: each matching element with its companions (a hash's value). */
    public final class Gatherer {
        private final List<byte[]> out = new ArrayList<>();
        private long visited;

        /** Every element and companion counts towards COUNT, as in Redis; MATCH looks at the element only. */
        public void add(byte[] element, byte[]... companions) {
            visited += 1 + companions.length;
            if (matches(element)) {
                out.add(element);
                Collections.addAll(out, companions);
            }
        }
    }

    /** A collection's scan step: visits buckets at the cursor into the gatherer, returns the next cursor. */
    public interface Step {
        long scan(long cursor, Gatherer gatherer);
    }

    /** HSCAN, SSCAN: runs the scan from cursor and writes the reply, elements flat in one array. */
    public void scanAndReply(CommandContext c, long cursor, Step step) {
        Gatherer g = new Gatherer();
        long next = run(cursor, cur -> step.scan(cur, g), () -> g.visited);
        replyCursor(c.reply, next);
        c.reply.array(g.out.size());
        g.out.forEach(c.reply::bulk);
    }

    /** The reply to a scan of a missing key: cursor 0, no elements. */
    public static void replyEmpty(Reply reply) {
        replyCursor(reply, 0);
        reply.array(0);
    }

    /** Starts the reply: a two-element array whose first element is the next cursor. */
    public static void replyCursor(Reply reply, long cursor) {
        reply.array(2);
        reply.bulk(Bytes.utf8(Long.toUnsignedString(cursor)));
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
}
