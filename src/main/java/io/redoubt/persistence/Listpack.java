package io.redoubt.persistence;

import io.redoubt.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's listpack, the blob inside the listpack-encoded RDB types: a header (total bytes, 4 LE; element
 * count, 2 LE, 65535 when unknown), entries, and a 0xFF end byte. An entry is its encoding and data (a
 * canonical integer in 1 to 9 bytes, or a string with a 1, 2 or 5 byte length header) followed by its own
 * encoded size as a back-length of 1 to 5 bytes.
 */
public final class Listpack {
    private static final int HEADER = 6;
    private static final int END = 0xff;

    private Listpack() {
    }

    /** Builds a listpack entry by entry, as lpAppend does. */
    public static final class Builder {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] entry = new byte[14];
        private int count;

        public Builder add(byte[] s) {
            long[] v = new long[1];
            int n;
            if (Bytes.parseLong(s, 0, s.length, v)) {
                n = encodeInt(v[0], entry);
                body.write(entry, 0, n);
            } else {
                n = encodeStringHeader(s.length, entry);
                body.write(entry, 0, n);
                body.write(s, 0, s.length);
                n += s.length;
            }
            int b = encodeBacklen(n, entry);
            body.write(entry, 0, b);
            count++;
            return this;
        }

        /** The size the listpack has now, header and end byte included. */
        public int bytes() {
            return HEADER + body.size() + 1;
        }

        public int count() {
            return count;
        }

        public byte[] build() {
            int total = bytes();
            byte[] lp = new byte[total];
            writeLe(lp, 0, total, 4);
            writeLe(lp, 4, Math.min(count, 65535), 2);
            byte[] b = body.toByteArray();
            System.arraycopy(b, 0, lp, HEADER, b.length);
            lp[total - 1] = (byte) END;
            return lp;
        }
    }

    /** The bytes an element adds to a listpack, back-length included. */
    public static int entrySize(byte[] s) {
        byte[] tmp = new byte[14];
        long[] v = new long[1];
        int n = Bytes.parseLong(s, 0, s.length, v) ? encodeInt(v[0], tmp) : encodeStringHeader(s.length, tmp) + s.length;
        return n + encodeBacklen(n, null);
    }

    private static int encodeInt(long v, byte[] out) {
        if (v >= 0 && v <= 127) {
            out[0] = (byte) v;
            return 1;
        } else if (v >= -4096 && v <= 4095) {
            long u = v < 0 ? (1L << 13) + v : v;
            out[0] = (byte) ((u >>> 8) | 0xc0);
            out[1] = (byte) u;
            return 2;
        } else if (v >= -32768 && v <= 32767) {
            out[0] = (byte) 0xf1;
            writeLe(out, 1, v, 2);
            return 3;
        } else if (v >= -8388608 && v <= 8388607) {
            out[0] = (byte) 0xf2;
            writeLe(out, 1, v, 3);
            return 4;
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out[0] = (byte) 0xf3;
            writeLe(out, 1, v, 4);
            return 5;
        }
        out[0] = (byte) 0xf4;
        writeLe(out, 1, v, 8);
        return 9;
    }

    private static int encodeStringHeader(int len, byte[] out) {
        if (len < 64) {
            out[0] = (byte) (0x80 | len);
            return 1;
        } else if (len < 4096) {
            out[0] = (byte) (0xe0 | (len >>> 8));
            out[1] = (byte) len;
            return 2;
        }
        out[0] = (byte) 0xf0;
        writeLe(out, 1, len, 4);
        return 5;
    }

    /** lpEncodeBacklen: the entry size in 7-bit groups, most significant first, all but the first marked. */
    private static int encodeBacklen(long l, byte[] out) {
        int n = l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
        if (out != null) {
            for (int i = 0; i < n; i++) {
                int shift = 7 * (n - 1 - i);
                int group = (int) ((l >>> shift) & 127);
                out[i] = (byte) (i == 0 ? (n == 1 ? l : l >>> shift) : group | 128);
            }
        }
        return n;
    }

    static void writeLe(byte[] b, int at, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    static long readLe(byte[] b, int at, int n) {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) (b[at + i] & 0xff) << (8 * i);
        }
        return v;
    }

    /** The elements of a listpack, integers as their decimal text; throws {@link BlobException} when malformed. */
    public static List<byte[]> decode(byte[] lp) {
        if (lp.length < HEADER + 1) {
            throw new BlobException("listpack shorter than its header");
        }
        if (readLe(lp, 0, 4) != lp.length) {
            throw new BlobException("listpack total bytes do not match its length");
        }
        int announced = (int) readLe(lp, 4, 2);
        List<byte[]> out = new ArrayList<>(announced == 65535 ? 16 : announced);
        int p = HEADER;
        while (true) {
            if (p >= lp.length) {
                throw new BlobException("listpack without end byte");
            }
            int b = lp[p] & 0xff;
            if (b == END) {
                break;
            }
            int start = p;
            byte[] element;
            if ((b & 0x80) == 0) {
                element = Bytes.fromLong(b);
                p += 1;
            } else if ((b & 0xc0) == 0x80) {
                int len = b & 0x3f;
                element = slice(lp, p + 1, len);
                p += 1 + len;
            } else if ((b & 0xe0) == 0xc0) {
                need(lp, p, 2);
                long u = ((b & 0x1f) << 8) | (lp[p + 1] & 0xff);
                element = Bytes.fromLong(u >= 1 << 12 ? u - (1 << 13) : u);
                p += 2;
            } else if ((b & 0xf0) == 0xe0) {
                need(lp, p, 2);
                int len = ((b & 0x0f) << 8) | (lp[p + 1] & 0xff);
                element = slice(lp, p + 2, len);
                p += 2 + len;
            } else if (b == 0xf0) {
                need(lp, p, 5);
                long len = readLe(lp, p + 1, 4);
                if (len > lp.length) {
                    throw new BlobException("listpack string longer than the listpack");
                }
                element = slice(lp, p + 5, (int) len);
                p += 5 + (int) len;
            } else if (b >= 0xf1 && b <= 0xf4) {
                int n = b == 0xf1 ? 2 : b == 0xf2 ? 3 : b == 0xf3 ? 4 : 8;
                need(lp, p, 1 + n);
                long v = readLe(lp, p + 1, n);
                if (n < 8) {
                    v = (v << (64 - 8 * n)) >> (64 - 8 * n); // sign-extend
                }
                element = Bytes.fromLong(v);
                p += 1 + n;
            } else {
                throw new BlobException("listpack entry with unknown encoding " + b);
            }
            int encoded = p - start;
            int backlen = encodeBacklen(encoded, null);
            byte[] expect = new byte[5];
            encodeBacklen(encoded, expect);
            need(lp, p, backlen);
            for (int i = 0; i < backlen; i++) {
                if (lp[p + i] != expect[i]) {
                    throw new BlobException("listpack entry with a wrong back-length");
                }
            }
            p += backlen;
            out.add(element);
        }
        if (p != lp.length - 1) {
            throw new BlobException("listpack with bytes after its end");
        }
        if (announced != 65535 && announced != out.size()) {
            throw new BlobException("listpack element count does not match its header");
        }
        return out;
    }

    private static void need(byte[] b, int p, int n) {
        if (p + n > b.length) {
            throw new BlobException("listpack entry runs past the end");
        }
    }

    static byte[] slice(byte[] b, int from, int len) {
        if (from + len > b.length || len < 0) {
            throw new BlobException("entry runs past the end of its blob");
        }
        return java.util.Arrays.copyOfRange(b, from, from + len);
    }
}
