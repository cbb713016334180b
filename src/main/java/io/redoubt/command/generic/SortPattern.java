package io.redoubt.command.generic;

import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.RedisHash;
import io.redoubt.keyspace.Values;
import java.util.Arrays;

/**
 * SORT's BY and GET patterns, as Redis's lookupKeyByPattern reads them: "#" is the element itself; otherwise
 * the first '*' is replaced by the element to name a key, whose string value is taken, or, when "->field"
 * follows the '*', that field of the hash at the key. A pattern without '*', a missing key or a value of
 * another type gives null. Like Redis, '*', "->" and "#" are
 * searched for as in a C string (up to the first NUL byte).
 */
final class SortPattern {
    private SortPattern() {
    }

    /** The position of the first '*' of a pattern read as a C string, or -1. */
    static int starAt(byte[] pattern) {
        for (int i = 0; i < pattern.length && pattern[i] != 0; i++) {
            if (pattern[i] == '*') {
                return i;
            }
        }
        return -1;
    }

    /** The value the pattern names for one element, or null. Reads count as keyspace hits or misses. */
    static byte[] lookup(Database db, byte[] pattern, byte[] element) {
        int searchable = cLength(pattern); // '*', '->' and "#" are searched as strchr/strstr do
        if (searchable == 1 && pattern[0] == '#') {
            return element;
        }
        int star = starAt(pattern);
        if (star < 0) {
            return null;
        }
        int arrow = arrowAfter(pattern, star + 1, searchable);
        byte[] field = null;
        int keyEnd = pattern.length;
        if (arrow >= 0 && arrow + 2 < searchable) {
            field = Arrays.copyOfRange(pattern, arrow + 2, pattern.length);
            keyEnd = arrow;
        }
        byte[] key = new byte[keyEnd - 1 + element.length];
        System.arraycopy(pattern, 0, key, 0, star);
        System.arraycopy(element, 0, key, star, element.length);
        System.arraycopy(pattern, star + 1, key, star + element.length, keyEnd - star - 1);
        Dict.Entry e = db.read(key);
        if (e == null) {
            return null;
        }
        if (field != null) {
            return e.value instanceof RedisHash h ? h.get(field) : null;
        }
        return Values.isString(e.value)
            ? Arrays.copyOf(Values.stringBuffer(e.value), Values.stringLength(e.value)) : null;
    }

    private static int arrowAfter(byte[] pattern, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (pattern[i] == '-' && pattern[i + 1] == '>') {
                return i;
            }
        }
        return -1;
    }

    /** The length of the bytes read as a C string: up to the first NUL. */
    private static int cLength(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return b.length;
    }
}
