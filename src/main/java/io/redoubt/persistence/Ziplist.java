package io.redoubt.persistence;

import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's ziplist, read from RDB files written before version 10: zlbytes (4 LE), zltail (4 LE), zllen
 * (2 LE), entries, 0xFF. An entry is the previous entry's length (1 byte, or 0xFE and 4 LE bytes), an
 * encoding (string lengths in 6, 14 or 32 bits; integers of 8, 16, 24, 32 or 64 bits, or 0 to 12 in the
 * encoding byte itself) and the data.
 */
public final class Ziplist {
    private static final int HEADER = 10;

    private Ziplist() {
    }

    public static List<byte[]> decode(byte[] z) {
        if (z.length < HEADER + 1) {
            throw new BlobException("ziplist shorter than its header");
        }
        if (Listpack.readLe(z, 0, 4) != z.length) {
            throw new BlobException("ziplist total bytes do not match its length");
        }
        int announced = (int) Listpack.readLe(z, 8, 2);
        List<byte[]> out = new ArrayList<>();
        int p = HEADER;
        int prevLen = 0;
        while (true) {
            if (p >= z.length) {
                throw new BlobException("ziplist without end byte");
            }
            if ((z[p] & 0xff) == 0xff) {
                break;
            }
            int start = p;
            int prev = z[p] & 0xff;
            if (prev == 0xfe) {
                need(z, p, 5);
                prev = (int) Listpack.readLe(z, p + 1, 4);
                p += 5;
            } else {
                p += 1;
            }
            if (prev != prevLen) {
                throw new BlobException("ziplist entry with a wrong previous length");
            }
            need(z, p, 1);
            int enc = z[p] & 0xff;
            byte[] element;
            switch (enc >> 6) {
                case 0 -> {
                    int len = enc & 0x3f;
                    element = Listpack.slice(z, p + 1, len);
                    p += 1 + len;
                }
                case 1 -> {
                    need(z, p, 2);
                    int len = ((enc & 0x3f) << 8) | (z[p + 1] & 0xff);
                    element = Listpack.slice(z, p + 2, len);
                    p += 2 + len;
                }
                case 2 -> {
                    need(z, p, 5);
                    long len = 0;
                    for (int i = 1; i <= 4; i++) {
                        len = (len << 8) | (z[p + i] & 0xff);
                    }
                    if (len > z.length) {
                        throw new BlobException("ziplist string longer than the ziplist");
                    }
                    element = Listpack.slice(z, p + 5, (int) len);
                    p += 5 + (int) len;
                }
                default -> {
                    int n;
                    if (enc == 0xc0) {
                        n = 2;
                    } else if (enc == 0xd0) {
                        n = 4;
                    } else if (enc == 0xe0) {
                        n = 8;
                    } else if (enc == 0xf0) {
                        n = 3;
                    } else if (enc == 0xfe) {
                        n = 1;
                    } else if (enc >= 0xf1 && enc <= 0xfd) {
                        n = 0;
                    } else {
                        throw new BlobException("ziplist entry with unknown encoding " + enc);
                    }
                    need(z, p, 1 + n);
                    long v;
                    if (n == 0) {
                        v = (enc & 0x0f) - 1;
                    } else {
                        v = Listpack.readLe(z, p + 1, n);
                        v = (v << (64 - 8 * n)) >> (64 - 8 * n);
                    }
                    element = Bytes.fromLong(v);
                    p += 1 + n;
                }
            }
            prevLen = p - start;
            out.add(element);
        }
        if (p != z.length - 1) {
            throw new BlobException("ziplist with bytes after its end");
        }
        if (announced != 65535 && announced != out.size()) {
            throw new BlobException("ziplist element count does not match its header");
        }
        return out;
    }

    private static void need(byte[] b, int p, int n) {
        if (p + n > b.length) {
            throw new BlobException("ziplist entry runs past the end");
        }
    }
}
