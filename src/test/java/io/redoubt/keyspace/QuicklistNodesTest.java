package io.redoubt.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The quicklist node layout kept beside a quicklist-encoded {@link ListValue}. */
class QuicklistNodesTest {
    private static final ListNodeLimit DEFAULT = ListNodeLimit.DEFAULT;

    private static byte[] element(int length, char c) {
        return String.valueOf(c).repeat(length).getBytes();
    }

    private static List<Long> counts(ListValue l) {
        return l.nodes().layout().stream().map(n -> n[0]).toList();
    }

    @Test
    void nodesFillLikeRedisAndAListInTwoNodesStaysAQuicklist() {
        ListValue l = new ListValue();
        l.growing(200 * 100, 200, DEFAULT); // one RPUSH of 200 elements of 100 bytes (103 in a listpack)
        for (int i = 0; i < 200; i++) {
            l.pushTail(element(100, 'a'));
        }
        assertThat(counts(l)).as("a node takes an element while 7 + 103n + 100 + 8 <= 8192").containsExactly(79L, 79L, 42L);
        for (int i = 0; i < 140; i++) {
            l.popHead();
        }
        l.shrunk(DEFAULT);
        assertThat(counts(l)).containsExactly(18L, 42L);
        for (int i = 0; i < 22; i++) {
            l.popTail();
        }
        l.shrunk(DEFAULT);
        assertThat(l.encoding()).as("38 elements fit half a node, but in two nodes").isEqualTo("quicklist");
        for (int i = 0; i < 20; i++) {
            l.popTail();
        }
        l.shrunk(DEFAULT);
        assertThat(l.encoding()).isEqualTo("listpack");
    }

    @Test
    void aListpackThatOutgrowsItsLimitBecomesOneNode() {
        ListValue l = new ListValue();
        for (int i = 0; i < 78; i++) {
            l.pushTail(element(100, 'b'));
        }
        l.growing(100, 1, DEFAULT); // 7 + 78 * 103 + 100 <= 8192
        assertThat(l.encoding()).isEqualTo("listpack");
        l.pushTail(element(100, 'b'));
        l.growing(100, 1, DEFAULT); // 7 + 79 * 103 + 100 > 8192
        assertThat(l.encoding()).isEqualTo("quicklist");
        l.pushTail(element(100, 'b'));
        assertThat(l.nodes().layout()).as("the listpack is one node, full").extracting(n -> n[0])
            .containsExactly(79L, 1L);
    }

    @Test
    void aLargeElementFillsANodeAlone() {
        ListValue l = new ListValue();
        l.growing(10000, 1, DEFAULT);
        l.pushTail(element(10000, 'c'));
        l.pushTail(element(10, 'd'));
        assertThat(l.nodes().layout()).extracting(n -> n[0]).containsExactly(1L, 1L);
        assertThat(l.nodes().layout()).as("packed: only 1 GB elements are plain in 7.2").extracting(n -> n[2])
            .containsExactly(0L, 0L);
        l.popTail();
        l.shrunk(DEFAULT);
        assertThat(l.encoding()).as("one node, but over half the limit").isEqualTo("quicklist");
        l.shrunk(ListNodeLimit.of(5));
        assertThat(l.encoding()).as("a count limit checks only the count").isEqualTo("listpack");
    }

    @Test
    void linsertSplitsAFullNodeOrAddsOneAtItsEdge() {
        ListNodeLimit three = ListNodeLimit.of(3);
        List<byte[]> six = new ArrayList<>();
        for (char c = 'a'; c <= 'f'; c++) {
            six.add(new byte[] {(byte) c});
        }
        ListValue l = ListValue.built(six, three);
        assertThat(counts(l)).containsExactly(3L, 3L);
        l.insert(1, true, new byte[] {'x'}); // full, in the middle: split after b, x leads the new node
        assertThat(counts(l)).containsExactly(2L, 2L, 3L);
        l.insert(6, true, new byte[] {'y'}); // full, at the tail of the last node: a node of its own
        assertThat(counts(l)).containsExactly(2L, 2L, 3L, 1L);
        l.insert(0, false, new byte[] {'z'}); // room in the node
        assertThat(counts(l)).containsExactly(3L, 2L, 3L, 1L);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            all.append((char) l.get(i)[0]);
        }
        assertThat(all.toString()).isEqualTo("zabxcdefy");
    }

    /** After any mix of operations every node is non-empty and its bytes are those of its elements. */
    @Test
    void layoutStaysConsistentWithTheElements() {
        Random r = new Random(7);
        for (long fill : new long[] {-1, -2, 3, 10}) {
            ListNodeLimit limit = ListNodeLimit.of(fill);
            ListValue l = new ListValue();
            l.growing(Long.MAX_VALUE / 4, 1, limit);
            for (int op = 0; op < 4000; op++) {
                byte[] v = element(r.nextInt(r.nextInt(10) == 0 ? 5000 : 300) + 1, (char) ('a' + r.nextInt(26)));
                int size = l.size();
                switch (r.nextInt(7)) {
                    case 0 -> l.pushHead(v);
                    case 1, 2 -> l.pushTail(v);
                    case 3 -> {
                        if (size > 0) {
                            l.insert(r.nextInt(size), r.nextBoolean(), v);
                        }
                    }
                    case 4 -> {
                        if (size > 0) {
                            l.set(r.nextInt(size), v);
                        }
                    }
                    case 5 -> {
                        if (size > 0) {
                            l.remove(r.nextInt(size));
                        }
                    }
                    default -> {
                        if (size > 0) {
                            l.popHead();
                        }
                    }
                }
                checkLayout(l, limit);
            }
        }
    }

    private static void checkLayout(ListValue l, ListNodeLimit limit) {
        List<long[]> layout = l.nodes().layout();
        int index = 0;
        List<String> problems = new ArrayList<>();
        for (long[] n : layout) {
            if (n[0] <= 0) {
                problems.add("empty node");
            }
            long bytes = QuicklistNodes.LISTPACK_EMPTY;
            for (int i = 0; i < n[0]; i++) {
                bytes += ListValue.entryBytes(l.get(index + i));
            }
            if (n[2] == 1) {
                if (n[0] != 1 || n[1] != l.get(index).length) {
                    problems.add("plain node " + n[0] + "/" + n[1]);
                }
            } else if (bytes != n[1]) {
                problems.add("node at " + index + " says " + n[1] + " bytes, holds " + bytes);
            }
            index += (int) n[0];
        }
        assertThat(problems).isEmpty();
        assertThat(index).isEqualTo(l.size());
    }
}
