package io.redoubt.keyspace;

import io.redoubt.util.Bytes;

/**
 * What TYPE and OBJECT ENCODING say about a stored value. Strings are stored as {@code byte[]} (encoding
 * "int" when the bytes are a canonical integer that fits in 64 bits, "embstr" up to 44 bytes, "raw"
 * beyond) or, once modified in place by APPEND or SETRANGE, as an {@link AppendableString} ("raw").
 */
public final class Values {
    /** Redis keeps strings of up to this many bytes in the embstr encoding. */
    public static final int EMBSTR_MAX = 44;

    private Values() {
    }

    public static String typeName(Object value) {
        if (value instanceof byte[] || value instanceof AppendableString) {
            return "string";
        }
        throw new IllegalStateException("unknown value type " + value.getClass());
    }

    public static String encoding(Object value) {
        if (value instanceof byte[] b) {
            if (b.length <= 20 && Bytes.isLong(b)) {
                return "int";
            }
            return b.length <= EMBSTR_MAX ? "embstr" : "raw";
        }
        if (value instanceof AppendableString) {
            return "raw";
        }
        throw new IllegalStateException("unknown value type " + value.getClass());
    }

    public static boolean isString(Object value) {
        return value instanceof byte[] || value instanceof AppendableString;
    }

    /** The bytes of a string value; only the first {@link #stringLength} of them belong to it. Not a copy. */
    public static byte[] stringBuffer(Object value) {
        return value instanceof AppendableString a ? a.buffer() : (byte[]) value;
    }

    public static int stringLength(Object value) {
        return value instanceof AppendableString a ? a.length() : ((byte[]) value).length;
    }
}
