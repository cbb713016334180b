package io.redoubt.persistence;

/**
 * Redis's intset blob: element width in bytes (2, 4 or 8; 4 LE), element count (4 LE), then the sorted
 * elements, little-endian, all of the smallest width that holds every one of them.
 */
public final class Intset {
    private Intset() {
    }

    /** Encodes ascending, distinct integers. */
    public static byte[] encode(long[] sorted, int count) {
        int width = 2;
        for (int i = 0; i < count; i++) {
            long v = sorted[i];
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                width = 8;
                break;
            }
            if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                width = 4;
            }
        }
        byte[] b = new byte[8 + width * count];
        Listpack.writeLe(b, 0, width, 4);
        Listpack.writeLe(b, 4, count, 4);
        for (int i = 0; i < count; i++) {
            Listpack.writeLe(b, 8 + i * width, sorted[i], width);
        }
        return b;
    }

    /** Decodes and checks an intset: a known width, the announced size, ascending distinct elements. */
    public static long[] decode(byte[] b) {
        if (b.length < 8) {
            throw new BlobException("intset shorter than its header");
        }
        int width = (int) Listpack.readLe(b, 0, 4);
        if (width != 2 && width != 4 && width != 8) {
            throw new BlobException("intset with element width " + width);
        }
        long count = Listpack.readLe(b, 4, 4);
        if (8 + count * width != b.length) {
            throw new BlobException("intset size does not match its element count");
        }
        long[] v = new long[(int) count];
        for (int i = 0; i < count; i++) {
            long x = Listpack.readLe(b, 8 + i * width, width);
            v[i] = (x << (64 - 8 * width)) >> (64 - 8 * width);
            if (i > 0 && v[i] <= v[i - 1]) {
                throw new BlobException("intset elements not in ascending order");
            }
        }
        return v;
    }
}
