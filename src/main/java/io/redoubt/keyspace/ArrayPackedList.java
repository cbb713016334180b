package io.redoubt.keyspace;

/** A {@link PackedList} in a Java array: the store of a small list ("listpack"). */
final class ArrayPackedList extends PackedList {
    private byte[] buf;

    ArrayPackedList(int capacity) {
        buf = new byte[Math.max(16, capacity)];
        start = buf.length / 2;
        end = start;
    }

    private ArrayPackedList(byte[] buf) {
        this.buf = buf;
    }

    @Override
    int capacity() {
        return buf.length;
    }

    @Override
    byte byteAt(int offset) {
        return buf[offset];
    }

    @Override
    void putByte(int offset, byte b) {
        buf[offset] = b;
    }

    @Override
    byte[] read(int offset, int len) {
        byte[] v = new byte[len];
        System.arraycopy(buf, offset, v, 0, len);
        return v;
    }

    @Override
    void write(int offset, byte[] src) {
        System.arraycopy(src, 0, buf, offset, src.length);
    }

    @Override
    void move(int from, int to, int len) {
        System.arraycopy(buf, from, buf, to, len);
    }

    @Override
    void reallocate(int capacity, int newStart) {
        byte[] grown = new byte[capacity];
        System.arraycopy(buf, start, grown, newStart, end - start);
        buf = grown;
    }

    @Override
    PackedList duplicate() {
        return new ArrayPackedList(buf.clone());
    }
}
