package io.redoubt.keyspace;

import io.redoubt.util.Bytes;

/**
 * What TYPE and OBJECT ENCODING say about a stored value. Strings are stored as {@code byte[]} (encoding
 * "int" when the bytes are a canonical integer that fits in 64 bits, "embstr" up to 44 bytes, "raw"
 * beyond), or as a {@link MutableString} once changed in place: by APPEND or SETRANGE ("raw"), or by a SET
 * of a key that was already set (encoded like a {@code byte[]}, as Redis makes a new object for every SET).
 * Sorted sets are {@link SortedSet}s ("listpack" or "skiplist").
 * Hashes are {@link RedisHash}, sets {@link RedisSet}; each knows its own encoding.
 * Lists are {@link ListValue}s ("listpack" or "quicklist"). Every value but the {@code byte[]} string is a
 * {@link MutableValue} and answers for itself.
 */
public final class Values {
    /** Redis keeps strings of up to this many bytes in the embstr encoding. */
    public static final int EMBSTR_MAX = 44;

    private Values() {
    }

    public static String typeName(Object value) {
        return value instanceof byte[] ? "string" : ((MutableValue) value).typeName();
    }

    public static String encoding(Object value) {
        return value instanceof byte[] b ? stringEncoding(b, b.length) : ((MutableValue) value).encoding();
    }

    static String stringEncoding(byte[] b, int len) {
        if (len <= 20 && Bytes.parseLong(b, 0, len, null)) {
            return "int";
        }
        return len <= EMBSTR_MAX ? "embstr" : "raw";
    }

    /**
     * How many times a value's contents changed (0 for immutable {@code byte[]} strings, which are replaced
     * instead): a command changed a key when its entry, value or version differs afterwards.
     */
    public static long version(Object value) {
        return value instanceof MutableValue m ? m.version() : 0;
    }

    public static boolean isString(Object value) {
        return value instanceof byte[] || value instanceof MutableString;
    }

    /** The bytes of a string value; only the first {@link #stringLength} of them belong to it. Not a copy. */
    public static byte[] stringBuffer(Object value) {
        return value instanceof MutableString a ? a.buffer() : (byte[]) value;
    }

    public static int stringLength(Object value) {
        return value instanceof MutableString a ? a.length() : ((byte[]) value).length;
    }

    /**
     * An independent copy of a value for COPY: mutable values are duplicated so that changing one key never
     * changes the other. {@code byte[]} strings are never modified in place (they may even be shared
     * constants), so they are shared.
     */
    public static Object copy(Object value) {
        return value instanceof byte[] ? value : ((MutableValue) value).copy();
    }

    /** Redis shares one object for each integer string from 0 to 9999 (OBJ_SHARED_INTEGERS). */
    private static final int SHARED_INTEGERS = 10000;

    /**
     * What OBJECT REFCOUNT says: Redis's shared small integers report INT_MAX, every other value is held
     * once.
     */
    public static int refcount(Object value) {
        if (value instanceof MutableString m && !m.grown()) {
            return sharedIntegerRefcount(m.buffer(), m.length());
        }
        return value instanceof byte[] b ? sharedIntegerRefcount(b, b.length) : 1;
    }

    private static int sharedIntegerRefcount(byte[] b, int len) {
        if (len <= 4) {
            long n = Bytes.toLong(b, 0, len, -1);
            if (n >= 0 && n < SHARED_INTEGERS) {
                return Integer.MAX_VALUE;
            }
        }
        return 1;
    }
}
