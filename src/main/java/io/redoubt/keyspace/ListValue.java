package io.redoubt.keyspace;

import io.redoubt.util.Bytes;
import java.util.Arrays;

/**
 * A list value: a ring buffer of elements, so pushes and pops at both ends are O(1) and indexing is O(1).
 * Beside the elements it keeps the size Redis's listpack would have for them, which decides the encoding
 * OBJECT ENCODING reports with Redis 7.2's rules for {@code list-max-listpack-size -2}: a list grows out of
 * "listpack" when its listpack bytes plus the raw bytes being added would pass 8 KB, and shrinks back once
 * they fit in half of that. Callers announce growth ({@link #growing}) before adding, and call
 * {@link #shrunk} after removing, as Redis's commands do.
 */
public final class ListValue {
    /** Redis's listpack-size -2: 8 KB per node. */
    private static final int NODE_LIMIT = 8192;
    /** Listpack header (6 bytes) and terminator (1). */
    private static final int LISTPACK_EMPTY = 7;

    private byte[][] items;
    private int head;
    private int size;
    private long packedBytes = LISTPACK_EMPTY;
    private boolean quicklist;

    public ListValue() {
        items = new byte[8][];
    }

    private ListValue(ListValue other) {
        items = new byte[Math.max(8, other.size)][];
        for (int i = 0; i < other.size; i++) {
            items[i] = other.get(i); // elements are never changed in place, so they may be shared
        }
        size = other.size;
        packedBytes = other.packedBytes;
        quicklist = other.quicklist;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public String encoding() {
        return quicklist ? "quicklist" : "listpack";
    }

    /** An independent copy (COPY). */
    public ListValue copy() {
        return new ListValue(this);
    }

    /** Before adding elements of {@code rawBytes} in total: a listpack that would pass 8 KB becomes a quicklist. */
    public void growing(long rawBytes) {
        if (!quicklist && packedBytes + rawBytes > NODE_LIMIT) {
            quicklist = true;
        }
    }

    /** After removing or replacing elements: a quicklist that fits in half a node becomes a listpack again. */
    public void shrunk() {
        if (quicklist && packedBytes <= NODE_LIMIT / 2) {
            quicklist = false;
        }
    }

    public byte[] get(int index) {
        return items[slot(index)];
    }

    public void set(int index, byte[] value) {
        int s = slot(index);
        packedBytes += entryBytes(value) - entryBytes(items[s]);
        items[s] = value;
    }

    public void pushHead(byte[] value) {
        ensureRoom();
        head = (head - 1 + items.length) % items.length;
        items[head] = value;
        size++;
        packedBytes += entryBytes(value);
    }

    public void pushTail(byte[] value) {
        ensureRoom();
        items[(head + size) % items.length] = value;
        size++;
        packedBytes += entryBytes(value);
    }

    public byte[] popHead() {
        byte[] v = items[head];
        items[head] = null;
        head = (head + 1) % items.length;
        size--;
        packedBytes -= entryBytes(v);
        return v;
    }

    public byte[] popTail() {
        int s = slot(size - 1);
        byte[] v = items[s];
        items[s] = null;
        size--;
        packedBytes -= entryBytes(v);
        return v;
    }

    /** Inserts so that the new element has position {@code index} (0..size); shifts the shorter side. */
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
        packedBytes += entryBytes(value);
    }

    /** Removes the element at {@code index}, shifting the shorter side. */
    public void remove(int index) {
        packedBytes -= entryBytes(get(index));
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

    /** Keeps only positions {@code start..end} (inclusive, valid, start <= end). */
    public void trim(int start, int end) {
        while (size > end + 1) {
            popTail();
        }
        for (int i = 0; i < start; i++) {
            popHead();
        }
    }

    /** Removes all elements. */
    public void clear() {
        Arrays.fill(items, null);
        head = 0;
        size = 0;
        packedBytes = LISTPACK_EMPTY;
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

    /**
     * The bytes one element takes in a Redis listpack: integers in 1 to 9 bytes, strings with a 1, 2 or 5 byte
     * header, then the back-length (1 to 5 bytes).
     */
    static int entryBytes(byte[] v) {
        int encoded;
        long[] n = new long[1];
        if (v.length <= 20 && Bytes.parseLong(v, 0, v.length, n)) {
            long x = n[0];
            if (x >= 0 && x <= 127) {
                encoded = 1;
            } else if (x >= -4096 && x <= 4095) {
                encoded = 2;
            } else if (x >= -32768 && x <= 32767) {
                encoded = 3;
            } else if (x >= -8388608 && x <= 8388607) {
                encoded = 4;
            } else if (x >= Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                encoded = 5;
            } else {
                encoded = 9;
            }
        } else if (v.length < 64) {
            encoded = 1 + v.length;
        } else if (v.length < 4096) {
            encoded = 2 + v.length;
        } else {
            encoded = 5 + v.length;
        }
        int back = encoded <= 127 ? 1 : encoded < 16383 ? 2 : encoded < 2097151 ? 3 : encoded < 268435455 ? 4 : 5;
        return encoded + back;
    }
}
