package io.redoubt.keyspace;

import java.util.function.IntUnaryOperator;

/**
 * The node layout a Redis 7.2 quicklist would have for a list: for each node only its entry count, its
 * listpack bytes and whether it is a "plain" node (one large element), no elements. {@link ListValue} keeps
 * it beside a quicklist-encoded list because Redis turns a quicklist back into a listpack only when it has a
 * single packed node. Nodes fill as Redis's do (a node takes an element while its bytes plus the element's
 * raw length plus 8 stay within the limit), empty nodes go, LINSERT splits and merges as _quicklistInsert and
 * _quicklistMergeNodes do, and LSET follows quicklistReplaceEntry. Elements of 1 GB or more get "plain" nodes. The limit is the list's own, fixed when it
 * became a quicklist, as a quicklist keeps the fill it was created with.
 */
final class QuicklistNodes {
    /** Listpack header (6 bytes) and terminator (1). */
    static final int LISTPACK_EMPTY = 7;
    /** Quicklist's estimate of an entry's overhead when deciding whether a node takes one more. */
    static final int INSERT_OVERHEAD = 8;
    /** Redis 7.2's packed_threshold: an element of 1 GB or more gets a "plain" node of its own. */
    static final long PACKED_THRESHOLD = 1L << 30;

    private static final class Node {
        int count;
        long bytes = LISTPACK_EMPTY;
        boolean plain;
        Node prev;
        Node next;
    }

    /** A node and the position of an element inside it. */
    private record At(Node node, int offset) {
    }

    private final ListNodeLimit limit;
    private Node head;
    private Node tail;
    private int nodes;

    QuicklistNodes(ListNodeLimit limit) {
        this.limit = limit;
    }

    /** A listpack of {@code count} entries and {@code bytes} becoming a quicklist: one node holding it all. */
    static QuicklistNodes fromListpack(ListNodeLimit limit, int count, long bytes) {
        QuicklistNodes q = new QuicklistNodes(limit);
        if (count > 0) {
            Node n = new Node();
            n.count = count;
            n.bytes = bytes;
            q.link(n, null, true);
        }
        return q;
    }

    QuicklistNodes copy() {
        QuicklistNodes q = new QuicklistNodes(limit);
        for (Node n = head; n != null; n = n.next) {
            Node c = new Node();
            c.count = n.count;
            c.bytes = n.bytes;
            c.plain = n.plain;
            q.link(c, q.tail, true);
        }
        return q;
    }

    /** Whether the list is one packed node: the only layout Redis converts back to a listpack. */
    boolean isSinglePacked() {
        return nodes == 1 && !head.plain;
    }

    /** The bytes of the first node (the whole list when {@link #isSinglePacked}). */
    long firstNodeBytes() {
        return head == null ? LISTPACK_EMPTY : head.bytes;
    }

    /** Each node as {count, bytes, plain ? 1 : 0}, head first: for tests. */
    java.util.List<long[]> layout() {
        java.util.List<long[]> out = new java.util.ArrayList<>();
        for (Node n = head; n != null; n = n.next) {
            out.add(new long[] {n.count, n.bytes, n.plain ? 1 : 0});
        }
        return out;
    }

    void pushHead(int rawLength, int entryBytes) {
        push(rawLength, entryBytes, head, false);
    }

    void pushTail(int rawLength, int entryBytes) {
        push(rawLength, entryBytes, tail, true);
    }

    private void push(int rawLength, int entryBytes, Node end, boolean atTail) {
        if (isLarge(rawLength)) {
            link(plainNode(rawLength), end, atTail);
        } else if (allowsInsert(end, rawLength)) {
            add(end, entryBytes);
        } else {
            link(packedNode(entryBytes), end, atTail);
        }
    }

    void popHead(int entryBytes) {
        removeFrom(head, entryBytes);
    }

    void popTail(int entryBytes) {
        removeFrom(tail, entryBytes);
    }

    /** LREM's deletion of the element at {@code index}: its node shrinks, and goes when empty. */
    void removeAt(int index, int size, int entryBytes) {
        removeFrom(locate(index, size).node, entryBytes);
    }

    /**
     * LINSERT: a new element of {@code rawLength} ({@code entryBytes} in a listpack) before or after the pivot
     * at {@code pivot}, as Redis's _quicklistInsert places it. {@code entryBytesAt} gives the listpack bytes of
     * the elements as they are before the insertion (to size split nodes).
     */
    void insert(int pivot, int size, boolean after, int rawLength, int entryBytes, IntUnaryOperator entryBytesAt) {
        At at = locate(pivot, size);
        Node node = at.node;
        int first = pivot - at.offset;
        boolean full = !allowsInsert(node, rawLength);
        boolean atTail = after && at.offset == node.count - 1;
        boolean atHead = !after && at.offset == 0;
        boolean nextFree = atTail && allowsInsert(node.next, rawLength);
        boolean prevFree = atHead && allowsInsert(node.prev, rawLength);
        if (isLarge(rawLength)) {
            if (node.plain || atTail || atHead) {
                link(plainNode(rawLength), node, after);
            } else {
                Node rest = split(node, first, at.offset, after, entryBytesAt);
                link(rest, node, after);
                link(plainNode(rawLength), node, after);
            }
        } else if (!full) {
            add(node, entryBytes);
        } else if (atTail && nextFree) {
            add(node.next, entryBytes);
        } else if (atHead && prevFree) {
            add(node.prev, entryBytes);
        } else if (atTail || atHead) { // the neighbour (if any) is full too: a new node between them
            link(packedNode(entryBytes), node, after);
        } else {
            Node fresh = split(node, first, at.offset, after, entryBytesAt);
            add(fresh, entryBytes);
            link(fresh, node, after);
            merge(node);
        }
    }

    /**
     * LSET: the element at {@code index} replaced, as Redis's quicklistReplaceEntry does: in place in a packed
     * node (whatever the limit), else the node is split after the element and the new value gets a node of
     * its own.
     */
    void replace(int index, int size, int rawLength, int oldEntryBytes, int newEntryBytes,
                 IntUnaryOperator entryBytesAt) {
        At at = locate(index, size);
        Node node = at.node;
        boolean large = isLarge(rawLength);
        if (!node.plain && !large) {
            node.bytes += newEntryBytes - oldEntryBytes;
            return;
        }
        if (node.plain) {
            if (large) {
                node.bytes = rawLength;
            } else { // inserted after the plain node (into the next one if it has room), which then goes
                if (allowsInsert(node.next, rawLength)) {
                    add(node.next, newEntryBytes);
                } else {
                    link(packedNode(newEntryBytes), node, true);
                }
                unlink(node);
            }
            return;
        }
        if (at.offset != node.count - 1) {
            link(split(node, index - at.offset, at.offset, true, entryBytesAt), node, true);
        }
        Node fresh = large ? plainNode(rawLength) : packedNode(newEntryBytes);
        link(fresh, node, true);
        removeFrom(node, oldEntryBytes);
        if (fresh.prev == node) {
            merge(fresh);
        }
    }

    /** The node holding element {@code index} of a list of {@code total}, searched from the nearer end. */
    private At locate(int index, int total) {
        if (index < total / 2) {
            int start = 0;
            for (Node n = head; ; n = n.next) {
                if (index < start + n.count) {
                    return new At(n, index - start);
                }
                start += n.count;
            }
        }
        int end = total;
        for (Node n = tail; ; n = n.prev) {
            if (index >= end - n.count) {
                return new At(n, index - (end - n.count));
            }
            end -= n.count;
        }
    }

    /**
     * Redis's _quicklistSplitNode: after, the node keeps its entries up to {@code offset} and the returned node
     * (not linked yet) gets the rest; before, the node keeps from {@code offset} on and the new one the start.
     */
    private static Node split(Node node, int first, int offset, boolean after, IntUnaryOperator entryBytesAt) {
        int movedFrom = after ? offset + 1 : 0;
        int movedTo = after ? node.count : offset;
        Node moved = new Node();
        for (int i = movedFrom; i < movedTo; i++) {
            moved.bytes += entryBytesAt.applyAsInt(first + i);
        }
        moved.count = movedTo - movedFrom;
        node.count -= moved.count;
        node.bytes -= moved.bytes - LISTPACK_EMPTY;
        return moved;
    }

    /** Redis's _quicklistMergeNodes around a node that just grew by a split. */
    private void merge(Node center) {
        Node prev = center.prev;
        Node prevPrev = prev == null ? null : prev.prev;
        Node next = center.next;
        Node nextNext = next == null ? null : next.next;
        if (allowsMerge(prevPrev, prev)) {
            join(prevPrev, prev);
        }
        if (allowsMerge(next, nextNext)) {
            join(next, nextNext);
        }
        Node target = center;
        if (allowsMerge(center.prev, center)) {
            target = join(center.prev, center);
        }
        if (allowsMerge(target, target.next)) {
            join(target, target.next);
        }
    }

    private boolean allowsMerge(Node a, Node b) {
        return a != null && b != null && !a.plain && !b.plain
            && !limit.exceeded(a.bytes + b.bytes - LISTPACK_EMPTY, (long) a.count + b.count);
    }

    /** Merges b, which follows a, into a. */
    private Node join(Node a, Node b) {
        a.count += b.count;
        a.bytes += b.bytes - LISTPACK_EMPTY;
        unlink(b);
        return a;
    }

    private static boolean isLarge(long rawLength) {
        return rawLength >= PACKED_THRESHOLD;
    }

    /** Redis's _quicklistNodeAllowInsert. */
    private boolean allowsInsert(Node node, int rawLength) {
        return node != null && !node.plain && !isLarge(rawLength)
            && !limit.exceeded(node.bytes + rawLength + INSERT_OVERHEAD, node.count + 1L);
    }

    private static void add(Node node, int entryBytes) {
        node.count++;
        node.bytes += entryBytes;
    }

    private void removeFrom(Node node, int entryBytes) {
        node.count--;
        node.bytes -= entryBytes;
        if (node.count == 0) {
            unlink(node);
        }
    }

    private static Node packedNode(int entryBytes) {
        Node n = new Node();
        add(n, entryBytes);
        return n;
    }

    private static Node plainNode(int rawLength) {
        Node n = new Node();
        n.count = 1;
        n.bytes = rawLength;
        n.plain = true;
        return n;
    }

    /** Links a node after (or before) {@code at}; at null means at the tail (or head) of an empty list. */
    private void link(Node n, Node at, boolean after) {
        if (at == null) {
            head = n;
            tail = n;
        } else if (after) {
            n.prev = at;
            n.next = at.next;
            if (at.next == null) {
                tail = n;
            } else {
                at.next.prev = n;
            }
            at.next = n;
        } else {
            n.next = at;
            n.prev = at.prev;
            if (at.prev == null) {
                head = n;
            } else {
                at.prev.next = n;
            }
            at.prev = n;
        }
        nodes++;
    }

    private void unlink(Node n) {
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        nodes--;
    }
}
