package io.redoubt.keyspace;

import io.redoubt.util.Bytes;

/**
 * A list value. While small it is packed into one byte array ({@link PackedList}, OBJECT ENCODING
 * "listpack"); once large it is a ring buffer of elements ({@link RingList}, "quicklist"). Both push and pop
 * at either end in O(1). Beside the elements it keeps the size Redis's listpack would have for them, which
 * decides the representation with Redis 7.2's rules for {@code list-max-listpack-size} ({@link ListNodeLimit}):
 * a list grows out of "listpack" when its listpack bytes plus the raw bytes being added (or its entries plus
 * those added) would pass the limit, and shrinks back once it fits in half of it. Callers announce growth
 * ({@link #growing}) before adding, and call {@link #shrunk} after removing, as Redis's commands do.
 * Redis converts back only a quicklist of a single node; this class keeps no nodes, so it treats a list whose
 * elements would fit in one node as one.
 */
public final class ListValue {
    /** Quicklist's estimate of an entry's overhead when deciding whether a node takes one more. */
    private static final int INSERT_OVERHEAD = 8;
    /** Listpack header (6 bytes) and terminator (1). */
    private static final int LISTPACK_EMPTY = 7;

    private ListStore store;
    private long packedBytes = LISTPACK_EMPTY;

    public ListValue() {
        store = new PackedList(64);
    }

    private ListValue(ListStore store, long packedBytes) {
        this.store = store;
        this.packedBytes = packedBytes;
    }

    /**
     * A new list of these elements, in the encoding Redis gives a list it builds by pushing into a quicklist
     * and then converting (SORT ... STORE): "listpack" only when everything fits in one quicklist node. A node
     * takes another element while its size plus the element's raw length plus 8 stays within the limit; a
     * large element always gets a node of its own.
     */
    public static ListValue built(java.util.List<byte[]> elements, ListNodeLimit limit) {
        long nodeBytes = LISTPACK_EMPTY;
        long entries = 0;
        boolean oneNode = true;
        for (byte[] e : elements) {
            if (limit.isLarge(e.length)
                || entries > 0 && limit.exceeded(nodeBytes + e.length + INSERT_OVERHEAD, entries + 1)) {
                oneNode = false;
                break;
            }
            nodeBytes += entryBytes(e);
            entries++;
        }
        ListValue l = new ListValue();
        if (!oneNode || !limit.fitsOneNode(nodeBytes, entries, false)) {
            l.store = RingList.of(l.store);
        }
        elements.forEach(l::pushTail);
        return l;
    }

    /** Counts changes of the contents, so WATCH can tell a command that changed the value from one that did not. */
    private long version;

    public long version() {
        return version;
    }

    public int size() {
        return store.size();
    }

    public boolean isEmpty() {
        return store.size() == 0;
    }

    public String encoding() {
        return store instanceof PackedList ? "listpack" : "quicklist";
    }

    /** An independent copy (COPY). */
    public ListValue copy() {
        return new ListValue(store.copy(), packedBytes);
    }

    /**
     * Before adding {@code count} elements of {@code rawBytes} in total: a listpack that would pass the limit
     * becomes a quicklist.
     */
    public void growing(long rawBytes, long count, ListNodeLimit limit) {
        if (store instanceof PackedList && limit.exceeded(packedBytes + rawBytes, size() + count)) {
            store = RingList.of(store);
        }
    }

    /** After removing or replacing elements: a quicklist that fits in half a node becomes a listpack again. */
    public void shrunk(ListNodeLimit limit) {
        if (store instanceof RingList && limit.fitsOneNode(packedBytes, size(), true)) {
            store = PackedList.of(store);
        }
    }

    public byte[] get(int index) {
        return store.get(index);
    }

    public void set(int index, byte[] value) {
        version++;
        packedBytes += entryBytes(value) - entryBytes(store.get(index));
        store.set(index, value);
    }

    public void pushHead(byte[] value) {
        version++;
        store.pushHead(value);
        packedBytes += entryBytes(value);
    }

    public void pushTail(byte[] value) {
        version++;
        store.pushTail(value);
        packedBytes += entryBytes(value);
    }

    public byte[] popHead() {
        version++;
        byte[] v = store.popHead();
        packedBytes -= entryBytes(v);
        return v;
    }

    public byte[] popTail() {
        version++;
        byte[] v = store.popTail();
        packedBytes -= entryBytes(v);
        return v;
    }

    /** Inserts so that the new element has position {@code index} (0..size). */
    public void insert(int index, byte[] value) {
        version++;
        store.insert(index, value);
        packedBytes += entryBytes(value);
    }

    public void remove(int index) {
        version++;
        packedBytes -= entryBytes(store.get(index));
        store.remove(index);
    }

    /** Keeps only positions {@code start..end} (inclusive, valid, start <= end). */
    public void trim(int start, int end) {
        version++;
        while (size() > end + 1) {
            popTail();
        }
        for (int i = 0; i < start; i++) {
            popHead();
        }
    }

    /** Removes all elements. */
    public void clear() {
        version++;
        while (!isEmpty()) {
            popTail();
        }
    }

    /**
     * The raw bytes Redis's growth check counts for an element popped from a list (LMOVE): an element the
     * listpack keeps as an integer comes back as an integer object, which the check skips.
     */
    public static long checkedBytes(byte[] popped) {
        return popped.length <= 20 && Bytes.parseLong(popped, 0, popped.length, new long[1]) ? 0 : popped.length;
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
