package io.redoubt.persistence;

import java.util.Arrays;

/**
 * LZF, the compression of RDB strings. The format: a control byte {@code 000LLLLL} starts a run of L+1
 * literal bytes; {@code LLLooooo} (L from 1 to 6) or {@code 111ooooo} plus a byte adding to L of 7 starts a
 * back reference of L+2 bytes, found at (ooooo << 8 | next byte) + 1 bytes behind the output's end.
 * The compressor follows liblzf 3.6 as Redis builds it (16-bit hash table, "very fast" mode that hashes
 * the two positions before a match's end, matches of 3 to 264 bytes within 8 KB, never at offset 0), so
 * the bytes it writes are the ones Redis writes for the same input.
 */
public final class Lzf {
    private static final int HLOG = 16;
    private static final int HSIZE = 1 << HLOG;
    private static final int MAX_LIT = 1 << 5;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);
    private static final ThreadLocal<HashTable> TABLES = ThreadLocal.withInitial(HashTable::new);

    private Lzf() {
    }

    /**
     * The compressor's table of recent positions, kept per thread and emptied per call by a generation stamp:
     * a fresh 256 KB table per string made a BGSAVE of small strings spend most of its time zeroing memory
     * (seconds for a hundred thousand keys, with the keyspace lock held).
     */
    private static final class HashTable {
        /** Per slot: the generation that stored it in the high half, the position + 1 in the low half. */
        private final long[] slots = new long[HSIZE];
        private int generation;

        void clear() {
            if (++generation == 0) { // wrapped: stamps of 2^32 calls ago would look current again
                Arrays.fill(slots, 0);
                generation = 1;
            }
        }

        /** The position stored in {@code slot} + 1, or 0 when this call stored none. */
        int get(int slot) {
            long s = slots[slot];
            return (int) (s >>> 32) == generation ? (int) s : 0;
        }

        void put(int slot, int positionPlusOne) {
            slots[slot] = ((long) generation << 32) | (positionPlusOne & 0xffffffffL);
        }
    }

    private static int idx(int h) {
        return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
    }

    /**
     * Compresses {@code in} into at most {@code maxOut} bytes; returns the compressed bytes, or null when they
     * would not fit (the caller then stores the input as it is).
     */
    public static byte[] compress(byte[] in, int maxOut) {
        int inLen = in.length;
        if (inLen == 0 || maxOut <= 0) {
            return null;
        }
        byte[] out = new byte[maxOut];
        // positions + 1, so that 0 means "empty": an empty slot then points at offset 0, which is never used
        HashTable htab = TABLES.get();
        htab.clear();
        int ip = 0;
        int op = 0;
        int outEnd = maxOut;
        int lit = 0;
        op++; // start run
        int hval = ((in[0] & 0xff) << 8) | (inLen > 1 ? in[1] & 0xff : 0);
        while (ip < inLen - 2) {
            hval = (hval << 8) | (in[ip + 2] & 0xff);
            int slot = idx(hval);
            int ref = htab.get(slot) - 1;
            htab.put(slot, ip + 1);
            int off = ip - ref - 1;
            if (ref > 0 && off >= 0 && off < MAX_OFF
                && in[ref + 2] == in[ip + 2] && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]) {
                int len = 2;
                int maxlen = inLen - ip - len;
                maxlen = Math.min(maxlen, MAX_REF);
                if (op + 3 + 1 >= outEnd && op - (lit == 0 ? 1 : 0) + 3 + 1 >= outEnd) {
                    return null;
                }
                out[op - lit - 1] = (byte) (lit - 1); // stop run
                op -= lit == 0 ? 1 : 0; // undo run if length is zero
                len = matchLength(in, ref, ip, len, maxlen);
                len -= 2; // len is now #octets - 1
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >>> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++; // start run
                ip += len + 1;
                if (ip >= inLen - 2) {
                    break;
                }
                ip -= 2;
                hval = ((in[ip] & 0xff) << 8) | (in[ip + 1] & 0xff);
                hval = (hval << 8) | (in[ip + 2] & 0xff);
                htab.put(idx(hval), ip + 1);
                ip++;
                hval = (hval << 8) | (in[ip + 2] & 0xff);
                htab.put(idx(hval), ip + 1);
                ip++;
            } else {
                if (op >= outEnd) {
                    return null;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > outEnd) {
            return null;
        }
        while (ip < inLen) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1); // end run
        op -= lit == 0 ? 1 : 0;
        return Arrays.copyOf(out, op);
    }

    /**
     * How far the match at {@code ref} goes, as liblzf counts it: above 16 possible bytes it first compares 16
     * bytes without the length check, then one by one up to {@code maxlen}.
     */
    private static int matchLength(byte[] in, int ref, int ip, int len, int maxlen) {
        if (maxlen > 16) {
            for (int k = 0; k < 16; k++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxlen && in[ref + len] == in[ip + len]);
        return len;
    }

    /** Decompresses into exactly {@code outLen} bytes; throws {@link IllegalArgumentException} on bad input. */
    public static byte[] decompress(byte[] in, int outLen) {
        byte[] out = new byte[outLen];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < (1 << 5)) {
                int n = ctrl + 1;
                if (op + n > outLen) {
                    throw new IllegalArgumentException("LZF output overflow");
                }
                if (ip + n > in.length) {
                    throw new IllegalArgumentException("LZF input truncated");
                }
                System.arraycopy(in, ip, out, op, n);
                ip += n;
                op += n;
            } else {
                int len = ctrl >>> 5;
                if (len == 7) {
                    if (ip >= in.length) {
                        throw new IllegalArgumentException("LZF input truncated");
                    }
                    len += in[ip++] & 0xff;
                }
                if (ip >= in.length) {
                    throw new IllegalArgumentException("LZF input truncated");
                }
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                len += 2;
                if (op + len > outLen) {
                    throw new IllegalArgumentException("LZF output overflow");
                }
                if (ref < 0) {
                    throw new IllegalArgumentException("LZF back reference before the start");
                }
                for (int k = 0; k < len; k++) { // byte by byte: a reference may overlap what it writes
                    out[op++] = out[ref++];
                }
            }
        }
        if (op != outLen) {
            throw new IllegalArgumentException("LZF output shorter than announced");
        }
        return out;
    }
}
