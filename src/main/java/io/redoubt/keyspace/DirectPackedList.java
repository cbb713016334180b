package io.redoubt.keyspace;

import io.netty.util.internal.PlatformDependent;
import java.util.Objects;

/**
 * A {@link PackedList} in memory outside the Java heap ({@link ListMemory}): a node of a {@link ChunkedList}.
 * Every access is checked against the capacity, and a released node has capacity 0 and refuses to grow, so
 * a stale reference fails with an exception and can never reach memory that was given back.
 */
final class DirectPackedList extends PackedList {
    /** Unsafe copies are cut into pieces of this size, so the JVM can reach a safepoint between them. */
    private static final int COPY_PIECE = 1 << 20;

    private long address;
    private int capacity;

    DirectPackedList(int capacity) {
        this.address = ListMemory.allocate(capacity);
        this.capacity = capacity;
    }

    @Override
    int capacity() {
        return capacity;
    }

    @Override
    long offHeapBytes() {
        return capacity;
    }

    @Override
    byte byteAt(int offset) {
        return PlatformDependent.getByte(address + Objects.checkIndex(offset, capacity));
    }

    @Override
    void putByte(int offset, byte b) {
        PlatformDependent.putByte(address + Objects.checkIndex(offset, capacity), b);
    }

    @Override
    byte[] read(int offset, int len) {
        Objects.checkFromIndexSize(offset, len, capacity);
        byte[] v = new byte[len];
        PlatformDependent.copyMemory(address + offset, v, 0, len);
        return v;
    }

    @Override
    void write(int offset, byte[] src) {
        Objects.checkFromIndexSize(offset, src.length, capacity);
        PlatformDependent.copyMemory(src, 0, address + offset, src.length);
    }

    @Override
    void move(int from, int to, int len) {
        Objects.checkFromIndexSize(from, len, capacity);
        Objects.checkFromIndexSize(to, len, capacity);
        copy(address + from, address + to, len);
    }

    /**
     * Copies between possibly overlapping ranges. Each piece is one Unsafe copy, which moves overlapping bytes
     * as memmove does; the pieces go from the end when the target lies after the source, so no piece
     * overwrites bytes a later one still has to read.
     */
    private static void copy(long from, long to, long len) {
        if (to > from) {
            for (long left = len; left > 0; ) {
                long n = Math.min(COPY_PIECE, left);
                left -= n;
                PlatformDependent.copyMemory(from + left, to + left, n);
            }
        } else {
            for (long done = 0; done < len; ) {
                long n = Math.min(COPY_PIECE, len - done);
                PlatformDependent.copyMemory(from + done, to + done, n);
                done += n;
            }
        }
    }

    @Override
    void reallocate(int newCapacity, int newStart) {
        if (address == 0) { // growing would take new memory that nobody would give back
            throw new IllegalStateException("list node used after it was released");
        }
        long old = address;
        int oldCapacity = capacity;
        address = ListMemory.allocate(newCapacity);
        capacity = newCapacity;
        copy(old + start, address + newStart, end - start);
        ListMemory.free(old, oldCapacity);
    }

    @Override
    PackedList duplicate() {
        DirectPackedList d = new DirectPackedList(capacity);
        copy(address + start, d.address + start, end - start);
        return d;
    }

    @Override
    void release() {
        if (address != 0) {
            ListMemory.free(address, capacity);
            address = 0;
            capacity = 0;
            start = 0;
            end = 0;
        }
    }
}
