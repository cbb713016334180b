package io.redoubt.command.zset;

import io.redoubt.command.RedisError;
import io.redoubt.keyspace.SortedSet;
import java.util.Arrays;

/**
 * Score and lex ranges ("(1.5", "[a", "-", "+") and where they fall in a set: each is turned into the
 * ascending ranks [first, end) of the elements inside it, found in O(log n).
 */
final class Ranges {
    static final RedisError NOT_FLOAT_RANGE = new RedisError("ERR min or max is not a float");
    static final RedisError NOT_LEX_RANGE = new RedisError("ERR min or max not valid string range item");

    private Ranges() {
    }

    /** An interval of ranks: first inclusive, end exclusive. */
    record Span(int first, int end) {
        int length() {
            return Math.max(0, end - first);
        }
    }

    interface Range {
        Span in(SortedSet z);
    }

    record ScoreRange(double min, boolean minEx, double max, boolean maxEx) implements Range {
        @Override
        public Span in(SortedSet z) {
            int first = z.countBefore((s, m) -> minEx ? s <= min : s < min);
            int end = z.countBefore((s, m) -> maxEx ? s < max : s <= max);
            return new Span(first, end);
        }
    }

    /** A lex range; a null bound with its flag set is "-" (for min) or "+" (for max), i.e. unbounded. */
    record LexRange(byte[] min, boolean minEx, byte[] max, boolean maxEx) implements Range {
        @Override
        public Span in(SortedSet z) {
            int first = bound(z, min, minEx);
            int end = bound(z, max, !maxEx);
            return new Span(first, end);
        }

        /** How many members sort below b (or up to b when orEqual); "-" and "+" are below and above all. */
        private static int bound(SortedSet z, byte[] b, boolean orEqual) {
            if (b == MINUS) {
                return 0;
            }
            if (b == PLUS) {
                return z.size();
            }
            return z.countBefore((s, m) -> {
                int cmp = Arrays.compareUnsigned(m, b);
                return orEqual ? cmp <= 0 : cmp < 0;
            });
        }
    }

    private static final byte[] MINUS = new byte[0];
    private static final byte[] PLUS = new byte[0];

    static ScoreRange score(byte[] min, byte[] max) {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        double lo = Scores.parseBound(min, minEx ? 1 : 0);
        double hi = Scores.parseBound(max, maxEx ? 1 : 0);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw NOT_FLOAT_RANGE;
        }
        return new ScoreRange(lo, minEx, hi, maxEx);
    }

    static LexRange lex(byte[] min, byte[] max) {
        byte[] lo = lexItem(min);
        byte[] hi = lexItem(max);
        return new LexRange(lo, min[0] == '(', hi, max[0] == '(');
    }

    private static byte[] lexItem(byte[] b) {
        if (b.length == 1 && b[0] == '-') {
            return MINUS;
        }
        if (b.length == 1 && b[0] == '+') {
            return PLUS;
        }
        if (b.length > 0 && (b[0] == '(' || b[0] == '[')) {
            return Arrays.copyOfRange(b, 1, b.length);
        }
        throw NOT_LEX_RANGE;
    }

    /**
     * Redis's rank range: negative indexes count from the end; returns [first, end) clipped to the set, empty
     * when start is past end or past the set.
     */
    static Span rank(long start, long stop, int size) {
        if (start < 0) {
            start += size;
        }
        if (stop < 0) {
            stop += size;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > stop || start >= size) {
            return new Span(0, 0);
        }
        if (stop >= size) {
            stop = size - 1;
        }
        return new Span((int) start, (int) stop + 1);
    }
}
