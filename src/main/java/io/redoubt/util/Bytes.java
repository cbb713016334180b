package io.redoubt.util;

import java.nio.charset.StandardCharsets;

/** Conversions between bytes and the numbers and text Redis reads from them, without going through String. */
public final class Bytes {
    private Bytes() {
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Lower-case ASCII name of a command or keyword, the form used for look-ups. */
    public static String lowerAscii(byte[] b) {
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            int ch = b[i] & 0xff;
            c[i] = (char) (ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
        }
        return new String(c);
    }

    public static boolean equalsIgnoreCase(byte[] b, String ascii) {
        if (b.length != ascii.length()) {
            return false;
        }
        for (int i = 0; i < b.length; i++) {
            int x = b[i] & 0xff;
            int y = ascii.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private static final int CACHED = 10000;
    private static final byte[][] SMALL = new byte[CACHED][];

    static {
        for (int i = 0; i < CACHED; i++) {
            SMALL[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Decimal text of a number; small values come from a shared table and must not be modified. */
    public static byte[] fromLong(long v) {
        if (v >= 0 && v < CACHED) {
            return SMALL[(int) v];
        }
        return Long.toString(v).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parses a whole byte string as a signed 64-bit integer the way Redis's string2ll does: no spaces, no
     * '+', no leading zeros, no overflow.
     */
    public static boolean isLong(byte[] b) {
        return parseLong(b, 0, b.length, null);
    }

    public static long toLong(byte[] b) {
        long[] out = new long[1];
        if (!parseLong(b, 0, b.length, out)) {
            throw new NumberFormatException();
        }
        return out[0];
    }

    /** Like {@link #toLong} but returns the given fallback when the bytes are not a canonical integer. */
    public static long toLong(byte[] b, int from, int to, long notANumber) {
        long[] out = new long[1];
        return parseLong(b, from, to, out) ? out[0] : notANumber;
    }

    public static boolean parseLong(byte[] b, int from, int to, long[] out) {
        int len = to - from;
        if (len == 0 || len > 20) {
            return false;
        }
        int i = from;
        boolean neg = false;
        if (len == 1 && b[i] == '0') {
            if (out != null) {
                out[0] = 0;
            }
            return true;
        }
        if (b[i] == '-') {
            neg = true;
            i++;
            if (i == to) {
                return false;
            }
        }
        if (b[i] < '1' || b[i] > '9') {
            return false;
        }
        long v = 0; // accumulate negatively so Long.MIN_VALUE fits
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (v < Long.MIN_VALUE / 10) {
                return false;
            }
            v *= 10;
            if (v < Long.MIN_VALUE + d) {
                return false;
            }
            v -= d;
        }
        if (!neg) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        if (out != null) {
            out[0] = v;
        }
        return true;
    }
}
