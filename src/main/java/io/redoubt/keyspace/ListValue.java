package io.redoubt.keyspace;

import io.redoubt.util.Bytes;

/**
 * A list value. While small it is packed into one byte array ({@link PackedList}, OBJECT ENCODING
 * "listpack"); once large it is a ring of such packed nodes ({@link ChunkedList}, "quicklist"). Both push and
 * pop at either end in O(1). Beside the elements it keeps the size Redis's listpack would have for them, which
 * decides the representation with Redis 7.2's rules for {@code list-max-listpack-size} ({@link ListNodeLimit}):
 * a list grows out of "listpack" when its listpack bytes plus the raw bytes being added (or its entries plus
 * those added) would pass the limit, and shrinks back once it fits in half of it. Callers announce growth
 * ({@link #growing}) before adding, and call {@link #shrunk} after removing, as Redis's commands do.
 * Redis converts back only a quicklist of a single packed node, so a quicklist-encoded list also keeps the
 * node layout Redis would have ({@link QuicklistNodes}: counts and sizes, not the elements).
 */
public final class ListValue implements MutableValue {
    /** Listpack header (6 bytes) and terminator (1). */
    private static final int LISTPACK_EMPTY = QuicklistNodes.LISTPACK_EMPTY;

    private ListStore store;
    private long packedBytes = LISTPACK_EMPTY;
    /** The quicklist's node layout while the list is a {@link ChunkedList}, else null. */
    private QuicklistNodes nodes;

    /**
     * How many keys hold it: counted, not flagged, because RENAME and MOVE add the value under its new key
     * before they remove the old one.
     */
    private int holders;

    public ListValue() {
        store = PackedList.small();
    }

    private ListValue(ListStore store, long packedBytes, QuicklistNodes nodes) {
        this.store = store;
        this.packedBytes = packedBytes;
        this.nodes = nodes;
    }

    /**
     * A new list of these elements, in the encoding Redis gives a list it builds by pushing into a quicklist
     * and then converting (SORT ... STORE): "listpack" only when everything fits in one quicklist node. A node
     * takes another element while its size plus the element's raw length plus 8 stays within the limit; a
     * large element always gets a node of its own.
     */
    public static ListValue built(java.util.List<byte[]> elements, ListNodeLimit limit) {
        ListValue l = new ListValue();
        l.store = ChunkedList.of(l.store);
        l.nodes = new QuicklistNodes(limit);
        elements.forEach(l::pushTail);
        l.tryListpack(limit, false);
        return l;
    }

    /** Counts changes of the contents, so WATCH can tell a command that changed the value from one that did not. */
    private long version;

    @Override
    public long version() {
        return version;
    }

    public int size() {
        return store.size();
    }

    public boolean isEmpty() {
        return store.size() == 0;
    }

    @Override
    public String encoding() {
        return store instanceof PackedList ? "listpack" : "quicklist";
    }

    /** An independent copy (COPY). */
    @Override
    public ListValue copy() {
        return new ListValue(store.copy(), packedBytes, nodes == null ? null : nodes.copy());
    }

    /**
     * Before adding {@code count} elements of {@code rawBytes} in total: a listpack that would pass the limit
     * becomes a quicklist.
     */
    public void growing(long rawBytes, long count, ListNodeLimit limit) {
        if (store instanceof PackedList && limit.exceeded(packedBytes + rawBytes, size() + count)) {
            store = ChunkedList.of(store);
            nodes = QuicklistNodes.fromListpack(limit, size(), packedBytes); // the listpack becomes one node
        }
    }

    /** After removing or replacing elements: a quicklist that fits in half a node becomes a listpack again. */
    public void shrunk(ListNodeLimit limit) {
        tryListpack(limit, true);
    }

    /** Redis's listTypeTryConvertQuicklist: only a single packed node within the limit converts. */
    private void tryListpack(ListNodeLimit limit, boolean shrinking) {
        if (store instanceof ChunkedList chunked && nodes.isSinglePacked()
            && limit.fitsOneNode(nodes.firstNodeBytes(), size(), shrinking)) {
            store = PackedList.of(chunked);
            nodes = null;
            chunked.release();
        }
    }

    /** The bytes its nodes hold outside the heap (none while it is a listpack). */
    long offHeapBytes() {
        return store instanceof ChunkedList chunked ? chunked.offHeapBytes() : 0;
    }

    /** A key holds it now. */
    void held() {
        holders++;
    }

    /**
     * A key let go of it; true when no key holds it and it has memory outside the heap to give back once the
     * command is over (the command may yet store it under another key).
     */
    boolean letGo() {
        holders--;
        return holders == 0 && store instanceof ChunkedList;
    }

    /** Gives back its memory outside the heap unless a key holds it again; it is then an empty list. */
    public void releaseUnlessHeld() {
        if (holders == 0 && store instanceof ChunkedList chunked) {
            chunked.release();
            store = PackedList.small();
            packedBytes = LISTPACK_EMPTY;
            nodes = null;
            version++;
        }
    }

    /** The quicklist node layout (null for a listpack), for tests. */
    QuicklistNodes nodes() {
        return nodes;
    }

    public byte[] get(int index) {
        return store.get(index);
    }

    public void set(int index, byte[] value) {
        version++;
        int old = entryBytes(store.get(index));
        int now = entryBytes(value);
        if (nodes != null) {
            nodes.replace(index, size(), value.length, old, now, this::entryBytesAt);
        }
        packedBytes += now - old;
        store.set(index, value);
    }

    public void pushHead(byte[] value) {
        version++;
        store.pushHead(value);
        int bytes = entryBytes(value);
        packedBytes += bytes;
        if (nodes != null) {
            nodes.pushHead(value.length, bytes);
        }
    }

    public void pushTail(byte[] value) {
        version++;
        store.pushTail(value);
        int bytes = entryBytes(value);
        packedBytes += bytes;
        if (nodes != null) {
            nodes.pushTail(value.length, bytes);
        }
    }

    public byte[] popHead() {
        version++;
        byte[] v = store.popHead();
        int bytes = entryBytes(v);
        packedBytes -= bytes;
        if (nodes != null) {
            nodes.popHead(bytes);
        }
        return v;
    }

    public byte[] popTail() {
        version++;
        byte[] v = store.popTail();
        int bytes = entryBytes(v);
        packedBytes -= bytes;
        if (nodes != null) {
            nodes.popTail(bytes);
        }
        return v;
    }

    /** LINSERT: inserts a value before or after the element at {@code pivot}. */
    public void insert(int pivot, boolean after, byte[] value) {
        version++;
        int bytes = entryBytes(value);
        if (nodes != null) {
            nodes.insert(pivot, size(), after, value.length, bytes, this::entryBytesAt);
        }
        store.insert(after ? pivot + 1 : pivot, value);
        packedBytes += bytes;
    }

    public void remove(int index) {
        version++;
        int bytes = entryBytes(store.get(index));
        if (nodes != null) {
            nodes.removeAt(index, size(), bytes);
        }
        packedBytes -= bytes;
        store.remove(index);
    }

    private int entryBytesAt(int index) {
        return entryBytes(store.get(index));
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

    @Override
    public String typeName() {
        return "list";
    }
}
