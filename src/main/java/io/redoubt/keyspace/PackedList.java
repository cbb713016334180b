package io.redoubt.keyspace;

/**
 * A list packed into bytes, like Redis's listpack: each entry is its length (a varint), its bytes, then its
 * length again written backwards, so the list can be walked from either end. Free room is kept at both ends,
 * so pushes and pops at either end are O(1) (amortised); positions are found by walking from the nearer end,
 * from the last position looked up when walking on (LRANGE, LPOS and LREM read in order). Where the bytes
 * live is the subclass's: a Java array for a small list ({@link ArrayPackedList}), memory outside the heap
 * for the nodes of a large one ({@link DirectPackedList}).
 */
abstract class PackedList implements ListStore {
    int start;
    int end;
    private int size;
    /** The last position looked up and the offset of its entry; -1 when a change made it stale. */
    private int cachedIndex = -1;
    private int cachedOffset;

    /** A small list's store, on the heap. */
    static PackedList small() {
        return new ArrayPackedList(64);
    }

    /** A node of a {@link ChunkedList}, outside the heap when it can be: all its room at the end it will grow from. */
    static PackedList node(int capacity, boolean growsAtHead) {
        PackedList p = ListMemory.AVAILABLE ? new DirectPackedList(capacity) : new ArrayPackedList(capacity);
        p.start = growsAtHead ? p.capacity() : 0;
        p.end = p.start;
        return p;
    }

    /** The elements of another store, in a small list's store. */
    static PackedList of(ListStore other) {
        PackedList p = small();
        for (int i = 0; i < other.size(); i++) {
            p.pushTail(other.get(i));
        }
        return p;
    }

    /** The bytes it has room for. */
    abstract int capacity();

    abstract byte byteAt(int offset);

    abstract void putByte(int offset, byte b);

    /** A new array of the {@code len} bytes at {@code offset}. */
    abstract byte[] read(int offset, int len);

    /** Copies all of {@code src} to {@code offset}. */
    abstract void write(int offset, byte[] src);

    /** Copies {@code len} bytes from {@code from} to {@code to}; the ranges may overlap. */
    abstract void move(int from, int to, int len);

    /** Replaces the room with {@code capacity} bytes, the entries copied to start at {@code newStart}. */
    abstract void reallocate(int capacity, int newStart);

    /** A store of the same kind holding a copy of these bytes (its positions are set by the caller). */
    abstract PackedList duplicate();

    /**
     * Gives back memory the garbage collector does not manage (nothing for a store on the heap). Only its
     * owner calls it, when it drops the store; the store is of no use afterwards.
     */
    void release() {
    }

    /** The bytes it holds outside the heap. */
    long offHeapBytes() {
        return 0;
    }

    /** The bytes its entries take. */
    int bytes() {
        return end - start;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte[] get(int index) {
        int off = offsetOf(index);
        int len = readLength(off);
        return read(off + varintLength(len), len);
    }

    @Override
    public void set(int index, byte[] value) {
        remove(index);
        insert(index, value);
    }

    @Override
    public void pushHead(byte[] value) {
        int need = entryLength(value.length);
        makeRoom(need, 0);
        start -= need;
        writeEntry(start, value);
        size++;
        cachedIndex = -1;
    }

    @Override
    public void pushTail(byte[] value) {
        int need = entryLength(value.length);
        makeRoom(0, need);
        writeEntry(end, value);
        end += need;
        size++;
    }

    @Override
    public byte[] popHead() {
        byte[] v = get(0);
        start += entryLength(v.length);
        size--;
        cachedIndex = -1;
        return v;
    }

    @Override
    public byte[] popTail() {
        byte[] v = get(size - 1);
        end -= entryLength(v.length);
        size--;
        cachedIndex = -1;
        return v;
    }

    @Override
    public void insert(int index, byte[] value) {
        if (index == 0) {
            pushHead(value);
            return;
        }
        if (index == size) {
            pushTail(value);
            return;
        }
        int need = entryLength(value.length);
        makeRoom(0, need);
        int off = offsetOf(index);
        move(off, off + need, end - off);
        writeEntry(off, value);
        end += need;
        size++;
        cachedIndex = -1;
    }

    @Override
    public void remove(int index) {
        int off = offsetOf(index);
        int len = entryLength(readLength(off));
        move(off + len, off, end - off - len);
        end -= len;
        size--;
        cachedIndex = -1;
    }

    @Override
    public ListStore copy() {
        PackedList p = duplicate();
        p.start = start;
        p.end = end;
        p.size = size;
        return p;
    }

    /** The offset of the entry at {@code index}, walking from the cached position or the nearer end. */
    private int offsetOf(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int from;
        int off;
        if (cachedIndex >= 0 && Math.abs(index - cachedIndex) < Math.min(index, size - 1 - index)) {
            from = cachedIndex;
            off = cachedOffset;
        } else if (index < size - 1 - index) {
            from = 0;
            off = start;
        } else {
            from = size;
            off = end;
        }
        for (; from < index; from++) {
            off += entryLength(readLength(off));
        }
        for (; from > index; from--) {
            off -= entryLength(readLengthBackwards(off));
        }
        cachedIndex = index;
        cachedOffset = off;
        return off;
    }

    private static int varintLength(int n) {
        int bytes = 1;
        while ((n >>>= 7) != 0) {
            bytes++;
        }
        return bytes;
    }

    static int entryLength(int len) {
        return 2 * varintLength(len) + len;
    }

    /** Writes an entry at {@code off}: the length, the bytes, the length backwards. */
    private void writeEntry(int off, byte[] value) {
        int n = value.length;
        int vl = varintLength(n);
        int tail = off + vl + n + vl - 1;
        for (int i = 0; i < vl; i++) {
            byte b = (byte) ((n >>> (7 * i)) & 0x7f | (i < vl - 1 ? 0x80 : 0));
            putByte(off + i, b);
            putByte(tail - i, b);
        }
        write(off + vl, value);
    }

    /** The length of the entry starting at {@code off}. */
    private int readLength(int off) {
        int n = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = byteAt(off++);
            n |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return n;
            }
        }
    }

    /** The length of the entry ending just before {@code off}. */
    private int readLengthBackwards(int off) {
        int n = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = byteAt(--off);
            n |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return n;
            }
        }
    }

    /** Ensures free room at the head and at the tail, growing and re-centring the array when needed. */
    private void makeRoom(int atHead, int atTail) {
        if (start >= atHead && capacity() - end >= atTail) {
            return;
        }
        int used = end - start;
        int capacity = Math.max(capacity() * 2, used + atHead + atTail + 16);
        int newStart = atHead + (capacity - used - atHead - atTail) / 2;
        reallocate(capacity, newStart);
        if (cachedIndex >= 0) {
            cachedOffset += newStart - start;
        }
        start = newStart;
        end = newStart + used;
    }
}
