package io.redoubt.keyspace;

/**
 * A large list: a ring buffer of elements, so pushes and pops at both ends and indexing are O(1); inserts and
 * removals in the middle shift the shorter side.
 */
final class RingList implements ListStore {
    private byte[][] items;
    private int head;
    private int size;

    RingList(int capacity) {
        items = new byte[Math.max(8, capacity)][];
    }

    /** The elements of another store, in order. Elements are never changed in place, so they are shared. */
    static RingList of(ListStore other) {
        RingList r = new RingList(other.size() * 2);
        for (int i = 0; i < other.size(); i++) {
            r.items[i] = other.get(i);
        }
        r.size = other.size();
        return r;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte[] get(int index) {
        return items[slot(index)];
    }

    @Override
    public void set(int index, byte[] value) {
        items[slot(index)] = value;
    }

    @Override
    public void pushHead(byte[] value) {
        ensureRoom();
        head = (head - 1 + items.length) % items.length;
        items[head] = value;
        size++;
    }

    @Override
    public void pushTail(byte[] value) {
        ensureRoom();
        items[(head + size) % items.length] = value;
        size++;
    }

    @Override
    public byte[] popHead() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        size--;
        return v;
    }

    @Override
    public byte[] popTail() {
        int s = slot(size - 1);
        byte[] v = items[s];
        items[s] = null;
        size--;
        return v;
    }

    @Override
    public void insert(int index, byte[] value) {
        if (index == 0) {
            pushHead(value);
            return;
        }
        ensureRoom();
        if (index < size / 2) {
            head = (head - 1 + items.length) % items.length;
            for (int i = 0; i < index; i++) {
                items[slot(i)] = items[slot(i + 1)];
            }
        } else {
            for (int i = size; i > index; i--) {
                items[slot(i)] = items[slot(i - 1)];
            }
        }
        items[slot(index)] = value;
        size++;
    }

    @Override
    public void remove(int index) {
        if (index < size / 2) {
            for (int i = index; i > 0; i--) {
                items[slot(i)] = items[slot(i - 1)];
            }
            items[head] = null;
            head = (head + 1) % items.length;
        } else {
            for (int i = index; i < size - 1; i++) {
                items[slot(i)] = items[slot(i + 1)];
            }
            items[slot(size - 1)] = null;
        }
        size--;
    }

    @Override
    public ListStore copy() {
        return of(this);
    }

    private int slot(int index) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException(index);
        }
        return (head + index) % items.length;
    }

    private void ensureRoom() {
        if (size < items.length) {
            return;
        }
        byte[][] grown = new byte[items.length * 2][];
        for (int i = 0; i < size; i++) {
            grown[i] = items[(head + i) % items.length];
        }
        items = grown;
        head = 0;
    }
}
