package io.redoubt.keyspace;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;

/**
 * A large list, kept like Redis's quicklist: a ring of {@link PackedList} nodes of about {@code nodeBytes}
 * each. The JVM is why it is packed: a list of millions of elements held as one array each makes every
 * garbage collection cycle visit millions of objects, and every push store a young object into an old array;
 * packed nodes hold the bytes instead, a few hundred elements an object. Pushes and pops at both ends are
 * O(1). A position is found by walking node sizes from the nearer end, or from the node looked up last, so
 * reading in order (LRANGE, LPOS, LREM) moves node by node.
 *
 * <p>The nodes live outside the Java heap ({@link DirectPackedList}): a node's memory is given back when the
 * list drops the node and, for all of them, by {@link #release} when the keyspace lets go of the list. A list
 * that becomes garbage without that (an unfinished copy, say) has its nodes given back by a cleaner.
 */
final class ChunkedList implements ListStore {
    /** Redis's default node size (list-max-listpack-size -2). */
    static final int NODE_BYTES = 8192;

    private static final Cleaner CLEANER = Cleaner.create(r -> {
        Thread t = new Thread(r, "redoubt-list-cleaner");
        t.setDaemon(true);
        return t;
    });

    private final int nodeBytes;
    private PackedList[] ring = new PackedList[8];
    /** The ring as the cleaner would find it: holds no reference to the list, or the list would never be garbage. */
    private final Nodes leftovers = new Nodes(ring);
    private int first;
    private int nodes;
    private int size;
    /** The node looked up last and the position of its first element; -1 once a change moved positions. */
    private int fingerNode = -1;
    private int fingerStart;

    ChunkedList() {
        this(NODE_BYTES);
    }

    ChunkedList(int nodeBytes) {
        this.nodeBytes = nodeBytes;
        CLEANER.register(this, leftovers);
    }

    /** The nodes a list holds; releasing them gives their memory back. */
    private static final class Nodes implements Runnable {
        PackedList[] ring;

        Nodes(PackedList[] ring) {
            this.ring = ring;
        }

        @Override
        public void run() {
            for (PackedList n : ring) {
                if (n != null) {
                    n.release();
                }
            }
        }
    }

    /** The bytes its nodes hold outside the heap. */
    long offHeapBytes() {
        long n = 0;
        for (int k = 0; k < nodes; k++) {
            n += node(k).offHeapBytes();
        }
        return n;
    }

    /** Gives back the memory of every node; the list is left empty. */
    void release() {
        try {
            leftovers.run();
            ring = new PackedList[8];
            leftovers.ring = ring;
            first = 0;
            nodes = 0;
            size = 0;
            fingerNode = -1;
        } finally {
            Reference.reachabilityFence(this); // the cleaner must not run the same release meanwhile
        }
    }

    /** The elements of another store, in order. */
    static ChunkedList of(ListStore other) {
        ChunkedList c = new ChunkedList();
        for (int i = 0; i < other.size(); i++) {
            c.pushTail(other.get(i));
        }
        return c;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public byte[] get(int index) {
        int k = locate(index);
        return node(k).get(index - fingerStart);
    }

    @Override
    public void set(int index, byte[] value) {
        int k = locate(index);
        node(k).set(index - fingerStart, value);
        splitIfLarge(k);
    }

    @Override
    public void pushHead(byte[] value) {
        int need = PackedList.entryLength(value.length);
        if (nodes == 0 || node(0).bytes() + need > nodeBytes) {
            insertNode(0, PackedList.node(Math.max(nodeBytes, need), true));
        }
        node(0).pushHead(value);
        size++;
        fingerNode = -1;
    }

    @Override
    public void pushTail(byte[] value) {
        int need = PackedList.entryLength(value.length);
        if (nodes == 0 || node(nodes - 1).bytes() + need > nodeBytes) {
            insertNode(nodes, PackedList.node(Math.max(nodeBytes, need), false));
        }
        node(nodes - 1).pushTail(value);
        size++;
    }

    @Override
    public byte[] popHead() {
        byte[] v = node(0).popHead();
        size--;
        if (node(0).size() == 0) {
            removeNode(0);
        }
        fingerNode = -1;
        return v;
    }

    @Override
    public byte[] popTail() {
        byte[] v = node(nodes - 1).popTail();
        size--;
        if (node(nodes - 1).size() == 0) {
            removeNode(nodes - 1);
            if (fingerNode == nodes) {
                fingerNode = -1;
            }
        }
        return v;
    }

    @Override
    public void insert(int index, byte[] value) {
        if (index == 0) {
            pushHead(value);
        } else if (index == size) {
            pushTail(value);
        } else {
            int k = locate(index);
            node(k).insert(index - fingerStart, value);
            size++;
            splitIfLarge(k);
            fingerNode = -1;
        }
    }

    @Override
    public void remove(int index) {
        int k = locate(index);
        node(k).remove(index - fingerStart);
        size--;
        if (node(k).size() == 0) {
            removeNode(k);
        }
        fingerNode = -1;
    }

    @Override
    public ListStore copy() {
        ChunkedList c = new ChunkedList(nodeBytes);
        for (int k = 0; k < nodes; k++) {
            c.insertNode(k, (PackedList) node(k).copy());
        }
        c.size = size;
        return c;
    }

    /** The node holding position {@code index}; leaves the finger on it, {@link #fingerStart} its first position. */
    private int locate(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int k;
        int start;
        if (fingerNode >= 0 && Math.abs(index - fingerStart) < Math.min(index, size - 1 - index)) {
            k = fingerNode;
            start = fingerStart;
        } else if (index < size - 1 - index) {
            k = 0;
            start = 0;
        } else {
            k = nodes - 1;
            start = size - node(k).size();
        }
        while (index >= start + node(k).size()) {
            start += node(k).size();
            k++;
        }
        while (index < start) {
            k--;
            start -= node(k).size();
        }
        fingerNode = k;
        fingerStart = start;
        return k;
    }

    /** A node grown past twice the node size by inserts in the middle gives its second half to a new node. */
    private void splitIfLarge(int k) {
        PackedList n = node(k);
        if (n.bytes() <= 2 * nodeBytes || n.size() < 2) {
            return;
        }
        PackedList half = PackedList.node(nodeBytes, true);
        for (int moved = n.size() / 2; moved > 0; moved--) {
            half.pushHead(n.popTail());
        }
        insertNode(k + 1, half);
        fingerNode = -1;
    }

    private PackedList node(int k) {
        return ring[(first + k) & (ring.length - 1)];
    }

    private void insertNode(int k, PackedList n) {
        if (nodes == ring.length) {
            PackedList[] grown = new PackedList[ring.length * 2];
            for (int i = 0; i < nodes; i++) {
                grown[i] = node(i);
            }
            ring = grown;
            leftovers.ring = grown;
            first = 0;
        }
        int mask = ring.length - 1;
        if (k < nodes - k) { // shift the shorter side
            first = (first - 1) & mask;
            for (int i = 0; i < k; i++) {
                ring[(first + i) & mask] = ring[(first + i + 1) & mask];
            }
        } else {
            for (int i = nodes; i > k; i--) {
                ring[(first + i) & mask] = ring[(first + i - 1) & mask];
            }
        }
        ring[(first + k) & mask] = n;
        nodes++;
    }

    private void removeNode(int k) {
        node(k).release();
        int mask = ring.length - 1;
        if (k < nodes - 1 - k) {
            for (int i = k; i > 0; i--) {
                ring[(first + i) & mask] = ring[(first + i - 1) & mask];
            }
            ring[first] = null;
            first = (first + 1) & mask;
        } else {
            for (int i = k; i < nodes - 1; i++) {
                ring[(first + i) & mask] = ring[(first + i + 1) & mask];
            }
            ring[(first + nodes - 1) & mask] = null;
        }
        nodes--;
    }
}
