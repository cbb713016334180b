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
    /**
     * At most as much as the heap may grow to, as the JVM limits its own direct buffers by default: a runaway
     * list fails its command ({@link Exhausted}) instead of growing the process without bound.
     */
    private static volatile long limit = Runtime.getRuntime().maxMemory();
    private static final AtomicLong USED = new AtomicLong();
    /** The most ever held at once (updated without a lock: a race can only lose a peak another thread just set). */
    private static volatile long peak;

    private ListMemory() {
    }

    /** The address of a new block of {@code capacity} bytes. */
    static long allocate(int capacity) {
        long now = USED.addAndGet(capacity);
        if (now > limit) {
            USED.addAndGet(-capacity);
            throw new Exhausted(limit);
        }
        long address;
        try {
            address = PlatformDependent.allocateMemory(capacity);
        } catch (OutOfMemoryError e) {
            USED.addAndGet(-capacity);
            throw e;
        }
        if (now > peak) {
            peak = now;
        }
        return address;
    }

    static void free(long address, int capacity) {
        PlatformDependent.freeMemory(address);
        USED.addAndGet(-capacity);
    }

    /** Large lists would pass the limit: the command fails, with what it did so far kept. */
    public static final class Exhausted extends RuntimeException {
        Exhausted(long limit) {
            super("large lists would hold more than " + limit + " bytes outside the heap (the heap's maximum size)",
                null, false, false);
        }
    }

    /** Sets the limit (tests); returns the one it replaces. */
    static long limit(long bytes) {
        long old = limit;
        limit = bytes;
        return old;
    }

    /** The most bytes list nodes have held at once. */
    public static long peak() {
        return peak;
    }

    /** Bytes held by list nodes now, in every keyspace of this process. */
    public static long used() {
        return USED.get();
    }
}
