package io.redoubt.command;

import io.redoubt.keyspace.Dict;

/** The type check every data-type command makes on the key it works on. */
public final class TypedValue {
    private TypedValue() {
    }

    /** The entry's value as the given type, null for a missing key, WRONGTYPE for a value of another type. */
    public static <T> T of(Dict.Entry e, Class<T> type) {
        if (e == null) {
            return null;
        }
        if (!type.isInstance(e.value)) {
            throw RedisError.WRONGTYPE;
        }
        return type.cast(e.value);
    }
}
