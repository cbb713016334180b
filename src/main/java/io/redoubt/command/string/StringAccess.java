package io.redoubt.command.string;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.MutableString;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Values;
import io.redoubt.net.Reply;

/** What every string command does with a stored value: type check, reply, in-place growth, size limit. */
final class StringAccess {
    static final byte[] EMPTY = new byte[0];
    /** Java arrays stop a little short of Integer.MAX_VALUE; a longer string cannot be built at all. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private StringAccess() {
    }

    /** The string held by an entry, null for a missing key, WRONGTYPE for any other type. */
    static Object value(Dict.Entry e) {
        if (e == null) {
            return null;
        }
        if (!Values.isString(e.value)) {
            throw RedisError.WRONGTYPE;
        }
        return e.value;
    }

    /** A string value as a bulk reply, without copying it. */
    static void bulk(Reply reply, Object value) {
        reply.bulk(Values.stringBuffer(value), 0, Values.stringLength(value));
    }

    /**
     * What SET stores for {@code value} over the live entry {@code old} (or null): a key set before keeps
     * its {@link MutableString}, rewritten in place, so that SET of an existing key stores no new object in
     * the entry (see MutableString for why); a key set for the first time takes the argument as it is.
     */
    static Object forSet(Dict.Entry old, byte[] value) {
        if (old == null) {
            return value;
        }
        if (old.value instanceof MutableString m) {
            m.assign(value);
            return m;
        }
        return old.value instanceof byte[] ? MutableString.set(value) : value;
    }

    /** The entry's string made growable in place; Redis's encoding becomes "raw" from here on. */
    static MutableString appendable(Dict.Entry e) {
        if (e.value instanceof MutableString a) {
            return a;
        }
        MutableString a = new MutableString((byte[]) e.value);
        e.value = a;
        return a;
    }

    /** Redis's checkStringLength: a string of size + append bytes must fit in proto-max-bulk-len. */
    static void checkLength(CommandContext c, long size, long append) {
        long limit = Math.min(protoMaxBulkLen(c), MAX_ARRAY);
        if (size > limit - append) {
            throw new RedisError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        }
    }

    /** The proto-max-bulk-len directive: Redis's limit on any string, also applied to LCS's working memory. */
    static long protoMaxBulkLen(CommandContext c) {
        return c.server.directives().get("proto-max-bulk-len").asLong();
    }
}
