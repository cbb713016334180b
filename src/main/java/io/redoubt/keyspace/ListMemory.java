package io.redoubt.keyspace;

import io.netty.util.internal.PlatformDependent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory outside the Java heap for the nodes of large lists. A list that grows by millions of elements would
 * otherwise fill the young generation with node arrays that every young collection copies from survivor space
 * to survivor space until they are old enough to stay: under a stream of pushes that copying, and the heap
 * growth behind it, was a large part of the server's time. A node is a block from the C allocator (through
 * Netty's access to Unsafe; where Unsafe is unavailable nodes stay on the heap), given back as soon as its
 * list drops it, and counted so INFO can report it as part of used_memory. The C allocator hands out memory
 * without clearing it, as Redis's does: nodes never read bytes they have not written.
 */
public final class ListMemory {
    /** Whether nodes can live outside the heap here. */
    public static final boolean AVAILABLE = PlatformDependent.hasUnsafe();
    private static final AtomicLong USED = new AtomicLong();

    private ListMemory() {
    }

    /** The address of a new block of {@code capacity} bytes. */
    static long allocate(int capacity) {
        long address = PlatformDependent.allocateMemory(capacity);
        USED.addAndGet(capacity);
        return address;
    }

    static void free(long address, int capacity) {
        PlatformDependent.freeMemory(address);
        USED.addAndGet(-capacity);
    }

    /** Bytes held by list nodes now, in every keyspace of this process. */
    public static long used() {
        return USED.get();
    }
}
