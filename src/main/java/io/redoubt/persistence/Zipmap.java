package io.redoubt.persistence;

import java.util.ArrayList;
import java.util.List;

/**
 * Redis's zipmap, the hash blob of RDB files from before Redis 2.6: a count byte, then field and value
 * pairs (a length of 1 byte, or 254 and 4 LE bytes; the value's length is followed by a count of free bytes
 * that trail it), ended by 0xFF.
 */
public final class Zipmap {
    private Zipmap() {
    }

    /** Fields and values, alternating. */
    public static List<byte[]> decode(byte[] z) {
        if (z.length < 2) {
            throw new BlobException("zipmap too short");
        }
        List<byte[]> out = new ArrayList<>();
        int[] p = {1};
        while (true) {
            if (p[0] >= z.length) {
                throw new BlobException("zipmap without end byte");
            }
            if ((z[p[0]] & 0xff) == 0xff) {
                break;
            }
            int flen = length(z, p);
            out.add(Listpack.slice(z, p[0], flen));
            p[0] += flen;
            int vlen = length(z, p);
            if (p[0] >= z.length) {
                throw new BlobException("zipmap entry runs past the end");
            }
            int free = z[p[0]++] & 0xff;
            out.add(Listpack.slice(z, p[0], vlen));
            p[0] += vlen + free;
        }
        if (p[0] != z.length - 1) {
            throw new BlobException("zipmap with bytes after its end");
        }
        return out;
    }

    private static int length(byte[] z, int[] p) {
        if (p[0] >= z.length) {
            throw new BlobException("zipmap entry runs past the end");
        }
        int b = z[p[0]] & 0xff;
        if (b < 254) {
            p[0]++;
            return b;
        }
        if (b == 255 || p[0] + 5 > z.length) {
            throw new BlobException("zipmap entry with a bad length");
        }
        long len = Listpack.readLe(z, p[0] + 1, 4);
        if (len > z.length) {
            throw new BlobException("zipmap entry longer than the zipmap");
        }
        p[0] += 5;
        return (int) len;
    }
}
