package io.redoubt.command.string;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Values;
import java.util.Arrays;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest common subsequence of two strings
 * (missing keys are empty), by the classic dynamic programming table, walked back from the end as Redis
 * does so that ties pick the same subsequence and matches are listed last to first.
 *
 * <p>Redis keeps the whole table of lengths; only one bit per cell is needed to walk it back (which
 * neighbour is longer), so that is all this keeps, plus two rows of lengths.
 */
final class LcsCommand {
    private LcsCommand() {
    }

    static void lcs(CommandContext c) {
        Dict.Entry ea = c.db().read(c.arg(1));
        Dict.Entry eb = c.db().read(c.arg(2));
        if ((ea != null && !Values.isString(ea.value)) || (eb != null && !Values.isString(eb.value))) {
            throw new RedisError("ERR The specified keys must contain string values");
        }
        boolean idx = false;
        boolean len = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < c.argc(); i++) {
            if (c.argIs(i, "idx")) {
                idx = true;
            } else if (c.argIs(i, "len")) {
                len = true;
            } else if (c.argIs(i, "withmatchlen")) {
                withMatchLen = true;
            } else if (c.argIs(i, "minmatchlen") && i + 1 < c.argc()) {
                minMatchLen = Math.max(0, c.longArg(++i));
            } else {
                throw RedisError.SYNTAX;
            }
        }
        if (idx && len) {
            throw new RedisError("ERR If you want both the length and indexes, please just use IDX.");
        }
        byte[] a = ea == null ? StringAccess.EMPTY : Values.stringBuffer(ea.value);
        int alen = ea == null ? 0 : Values.stringLength(ea.value);
        byte[] b = eb == null ? StringAccess.EMPTY : Values.stringBuffer(eb.value);
        int blen = eb == null ? 0 : Values.stringLength(eb.value);
        // Redis refuses when its table of (alen+1)*(blen+1) 32-bit lengths would exceed proto-max-bulk-len
        long tableBytes = (alen + 1L) * (blen + 1L) * 4;
        if (tableBytes > StringAccess.protoMaxBulkLen(c)) {
            throw new RedisError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        Table t = Table.build(a, alen, b, blen, idx || !len);
        if (len) {
            c.reply.integer(t.length);
            return;
        }
        Walk w = t.walkBack(minMatchLen);
        if (!idx) {
            c.reply.bulk(w.subsequence);
            return;
        }
        c.reply.map(2);
        c.reply.bulk("matches");
        c.reply.array(w.ranges.length / 4);
        for (int r = 0; r < w.ranges.length; r += 4) {
            c.reply.array(withMatchLen ? 3 : 2);
            c.reply.array(2);
            c.reply.integer(w.ranges[r]);
            c.reply.integer(w.ranges[r + 1]);
            c.reply.array(2);
            c.reply.integer(w.ranges[r + 2]);
            c.reply.integer(w.ranges[r + 3]);
            if (withMatchLen) {
                c.reply.integer(w.ranges[r + 1] - w.ranges[r] + 1);
            }
        }
        c.reply.bulk("len");
        c.reply.integer(t.length);
    }

    /** The subsequence and its matching ranges (aStart, aEnd, bStart, bEnd per range, last range first). */
    private record Walk(byte[] subsequence, int[] ranges) {
    }

    private static final class Table {
        final byte[] a;
        final byte[] b;
        final int alen;
        final int blen;
        final int length;
        /** Bit (i-1)*blen + (j-1) set: at cell (i, j) with a[i-1] != b[j-1], LCS(i-1, j) > LCS(i, j-1). */
        final long[] goUp;

        private Table(byte[] a, int alen, byte[] b, int blen, int length, long[] goUp) {
            this.a = a;
            this.alen = alen;
            this.b = b;
            this.blen = blen;
            this.length = length;
            this.goUp = goUp;
        }

        static Table build(byte[] a, int alen, byte[] b, int blen, boolean keepDirections) {
            long[] goUp = null;
            if (keepDirections) {
                long words = ((long) alen * blen + 63) / 64;
                if (words > Integer.MAX_VALUE - 8) {
                    throw new RedisError("ERR Insufficient memory, failed allocating transient memory for LCS");
                }
                goUp = new long[(int) words];
            }
            int[] prev = new int[blen + 1]; // LCS(i-1, *)
            int[] cur = new int[blen + 1];  // LCS(i, *)
            for (int i = 1; i <= alen; i++) {
                byte ai = a[i - 1];
                long row = (long) (i - 1) * blen;
                for (int j = 1; j <= blen; j++) {
                    if (ai == b[j - 1]) {
                        cur[j] = prev[j - 1] + 1;
                    } else if (prev[j] > cur[j - 1]) {
                        cur[j] = prev[j];
                        if (goUp != null) {
                            long bit = row + j - 1;
                            goUp[(int) (bit >>> 6)] |= 1L << bit;
                        }
                    } else {
                        cur[j] = cur[j - 1];
                    }
                }
                int[] swap = prev;
                prev = cur;
                cur = swap;
            }
            return new Table(a, alen, b, blen, prev[blen], goUp);
        }

        private boolean goUp(int i, int j) {
            long bit = (long) (i - 1) * blen + j - 1;
            return (goUp[(int) (bit >>> 6)] & (1L << bit)) != 0;
        }

        /** Walks from (alen, blen) to the start, collecting the subsequence and its contiguous ranges. */
        Walk walkBack(long minMatchLen) {
            byte[] out = new byte[length];
            int[] ranges = new int[16];
            int n = 0;
            int k = length;
            int aStart = -1; // -1: no range open
            int aEnd = 0;
            int bStart = 0;
            int bEnd = 0;
            int i = alen;
            int j = blen;
            while (i > 0 && j > 0) {
                boolean close;
                if (a[i - 1] == b[j - 1]) {
                    out[--k] = a[i - 1];
                    if (aStart < 0) {
                        aEnd = i - 1;
                        bEnd = j - 1;
                    }
                    // a match right after a match always extends the open range backwards
                    aStart = i - 1;
                    bStart = j - 1;
                    close = aStart == 0 || bStart == 0;
                    i--;
                    j--;
                } else {
                    if (goUp(i, j)) {
                        i--;
                    } else {
                        j--;
                    }
                    close = aStart >= 0;
                }
                if (close) {
                    if (aEnd - aStart + 1 >= minMatchLen) {
                        if (n + 4 > ranges.length) {
                            ranges = Arrays.copyOf(ranges, ranges.length * 2);
                        }
                        ranges[n++] = aStart;
                        ranges[n++] = aEnd;
                        ranges[n++] = bStart;
                        ranges[n++] = bEnd;
                    }
                    aStart = -1;
                }
            }
            return new Walk(out, Arrays.copyOf(ranges, n));
        }
    }
}
