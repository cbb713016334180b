package io.redoubt.keyspace;

/**
 * A small list packed into one byte array, like Redis's listpack: each entry is its length (a varint), its
 * bytes, then its length again written backwards, so the list can be walked from either end. Free room is
 * kept at both ends, so pushes and pops at either end are O(1) (amortised); positions are found by walking
 * from the nearer end, from the last position looked up when walking on (LRANGE, LPOS and LREM read in order).
 */
final class PackedList implements ListStore {
    private byte[] buf;
    private int start;
    private int end;
    private int size;
    /** The last position looked up and the offset of its entry; -1 when a change made it stale. */
    private int cachedIndex = -1;
    private int cachedOffset;

    PackedList(int capacity) {
        buf = new byte[Math.max(16, capacity)];
        start = buf.length / 2;
        end = start;
    }

    /** A node of a {@link ChunkedList}: all its room at the end it will grow from. */
    static PackedList node(int capacity, boolean growsAtHead) {
        PackedList p = new PackedList(capacity);
        p.start = growsAtHead ? p.buf.length : 0;
        p.end = p.start;
        return p;
    }

    /** The bytes its entries take. */
    int bytes() {
        return end - start;
    }

    static PackedList of(ListStore other) {
        PackedList p = new PackedList(64);
        for (int i = 0; i < other.size(); i++) {
            p.pushTail(other.get(i));
        }
        return p;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte[] get(int index) {
        int off = offsetOf(index);
        int len = readLength(off);
        int data = off + varintLength(len);
        byte[] v = new byte[len];
        System.arraycopy(buf, data, v, 0, len);
        return v;
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
        write(start, value);
        size++;
        cachedIndex = -1;
    }

    @Override
    public void pushTail(byte[] value) {
        int need = entryLength(value.length);
        makeRoom(0, need);
        write(end, value);
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
        System.arraycopy(buf, off, buf, off + need, end - off);
        write(off, value);
        end += need;
        size++;
        cachedIndex = -1;
    }

    @Override
    public void remove(int index) {
        int off = offsetOf(index);
        int len = entryLength(readLength(off));
        System.arraycopy(buf, off + len, buf, off, end - off - len);
        end -= len;
        size--;
        cachedIndex = -1;
    }

    @Override
    public ListStore copy() {
        PackedList p = new PackedList(0);
        p.buf = buf.clone();
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
    private void write(int off, byte[] value) {
        int n = value.length;
        int vl = varintLength(n);
        int tail = off + vl + n + vl - 1;
        for (int i = 0; i < vl; i++) {
            byte b = (byte) ((n >>> (7 * i)) & 0x7f | (i < vl - 1 ? 0x80 : 0));
            buf[off + i] = b;
            buf[tail - i] = b;
        }
        System.arraycopy(value, 0, buf, off + vl, n);
    }

    /** The length of the entry starting at {@code off}. */
    private int readLength(int off) {
        int n = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = buf[off++];
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
            byte b = buf[--off];
            n |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return n;
            }
        }
    }

    /** Ensures free room at the head and at the tail, growing and re-centring the array when needed. */
    private void makeRoom(int atHead, int atTail) {
        if (start >= atHead && buf.length - end >= atTail) {
            return;
        }
        int used = end - start;
        int capacity = Math.max(buf.length * 2, used + atHead + atTail + 16);
        byte[] grown = new byte[capacity];
        int newStart = atHead + (capacity - used - atHead - atTail) / 2;
        System.arraycopy(buf, start, grown, newStart, used);
        if (cachedIndex >= 0) {
            cachedOffset += newStart - start;
        }
        buf = grown;
        start = newStart;
        end = newStart + used;
    }
}
