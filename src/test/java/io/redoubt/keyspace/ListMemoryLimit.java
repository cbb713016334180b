package io.redoubt.keyspace;

/** Lets tests elsewhere lower {@link ListMemory}'s limit for a while. */
public final class ListMemoryLimit {
    private ListMemoryLimit() {
    }

    /** Sets the limit; returns the one it replaces, to be set back. */
    public static long set(long bytes) {
        return ListMemory.limit(bytes);
    }
}
