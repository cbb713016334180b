package io.redoubt.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The skip list and both SortedSet encodings against a sorted reference model. */
class SkipListTest {
    private record Item(double score, byte[] member) implements Comparable<Item> {
        @Override
        public int compareTo(Item o) {
            return SkipList.compare(score, member, o.score, o.member);
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void ranksRangesAndDeletion() {
        SkipList l = new SkipList();
        l.insert(3, b("c"));
        l.insert(1, b("a"));
        l.insert(2, b("b2"));
        l.insert(2, b("b1"));
        l.insert(Double.NEGATIVE_INFINITY, b("lo"));
        assertThat(l.length()).isEqualTo(5);
        assertThat(s(l.byRank(0).member)).isEqualTo("lo");
        assertThat(s(l.byRank(2).member)).isEqualTo("b1"); // equal scores order by member bytes
        assertThat(l.byRank(5)).isNull();
        assertThat(l.rankOf(2, b("b2"))).isEqualTo(3);
        assertThat(l.countBefore((sc, m) -> sc < 2)).isEqualTo(2);
        assertThat(l.countBefore((sc, m) -> sc <= 2)).isEqualTo(4);
        assertThat(l.delete(2, b("b1"))).isTrue();
        assertThat(l.delete(2, b("b1"))).isFalse();
        assertThat(l.delete(9, b("c"))).isFalse(); // the score must match too
        assertThat(s(l.byRank(2).member)).isEqualTo("b2");
        assertThat(s(l.last().member)).isEqualTo("c");
        assertThat(l.last().backward.member).isEqualTo(b("b2"));
        SkipList.Node n = l.updateScore(l.byRank(1), 10);
        assertThat(s(l.last().member)).isEqualTo("a");
        assertThat(n.score).isEqualTo(10);
    }

    @Test
    void membersCompareAsUnsignedBytes() {
        SkipList l = new SkipList();
        l.insert(0, new byte[] {(byte) 0xff});
        l.insert(0, new byte[] {0x01});
        l.insert(0, new byte[] {0x01, 0x00});
        assertThat(l.byRank(0).member).containsExactly(0x01);
        assertThat(l.byRank(1).member).containsExactly(0x01, 0x00);
        assertThat(l.byRank(2).member).containsExactly((byte) 0xff);
    }

    @Test
    void randomOperationsMatchASortedModel() {
        Random r = new Random(42);
        SkipList l = new SkipList();
        TreeSet<Item> model = new TreeSet<>();
        Map<String, Double> scores = new HashMap<>();
        for (int op = 0; op < 20000; op++) {
            String m = "m" + r.nextInt(500);
            double score = r.nextInt(50) / 2.0;
            Double old = scores.get(m);
            switch (r.nextInt(3)) {
                case 0 -> {
                    if (old == null) {
                        l.insert(score, b(m));
                        model.add(new Item(score, b(m)));
                        scores.put(m, score);
                    }
                }
                case 1 -> {
                    assertThat(l.delete(old == null ? score : old, b(m))).isEqualTo(old != null);
                    if (old != null) {
                        model.remove(new Item(old, b(m)));
                        scores.remove(m);
                    }
                }
                default -> {
                    if (old != null) {
                        SkipList.Node n = l.byRank(l.rankOf(old, b(m)));
                        l.updateScore(n, score);
                        model.remove(new Item(old, b(m)));
                        model.add(new Item(score, b(m)));
                        scores.put(m, score);
                    }
                }
            }
            if (op % 500 == 0) {
                check(l, model, r);
            }
        }
        check(l, model, r);
    }

    private static void check(SkipList l, TreeSet<Item> model, Random r) {
        List<Item> items = new ArrayList<>(model);
        assertThat(l.length()).isEqualTo(items.size());
        SkipList.Node n = l.first();
        for (int i = 0; i < items.size(); i++, n = n.forward[0]) {
            assertThat(n.member).isEqualTo(items.get(i).member());
            assertThat(n.score).isEqualTo(items.get(i).score());
            assertThat(l.rankOf(n.score, n.member)).isEqualTo(i);
        }
        assertThat(n).isNull();
        for (int k = 0; k < 20 && !items.isEmpty(); k++) {
            int rank = r.nextInt(items.size());
            assertThat(l.byRank(rank).member).isEqualTo(items.get(rank).member());
            double min = r.nextInt(50) / 2.0;
            long below = items.stream().filter(it -> it.score() < min).count();
            assertThat(l.countBefore((sc, m) -> sc < min)).isEqualTo((int) below);
        }
        // walking backwards gives the reverse order
        List<byte[]> back = new ArrayList<>();
        for (SkipList.Node x = l.last(); x != null; x = x.backward) {
            back.add(0, x.member);
        }
        assertThat(back).usingElementComparator(Arrays::compare)
            .containsExactlyElementsOf(items.stream().map(Item::member).toList());
    }

    @Test
    void sortedSetEncodingsBehaveAlikeAndConvert() {
        SortedSet.Limits limits = new SortedSet.Limits(16, 8);
        Random r = new Random(7);
        SortedSet small = SortedSet.create(0, 0, limits);
        SortedSet big = SortedSet.create(1000, 0, limits);
        assertThat(small.encoding()).isEqualTo("listpack");
        assertThat(big.encoding()).isEqualTo("skiplist");
        for (int op = 0; op < 3000; op++) {
            byte[] m = b("k" + r.nextInt(14));
            double score = r.nextInt(10);
            if (r.nextBoolean()) {
                assertThat(small.put(m, score, limits)).isEqualTo(big.put(m, score, limits));
            } else {
                assertThat(small.remove(m)).isEqualTo(big.remove(m));
            }
            assertThat(small.encoding()).isEqualTo("listpack"); // 14 members fit in 16
            assertThat(small.size()).isEqualTo(big.size());
            if (small.size() > 0) {
                int rank = r.nextInt(small.size());
                assertThat(small.memberAt(rank)).isEqualTo(big.memberAt(rank));
                assertThat(small.rank(m)).isEqualTo(big.rank(m));
                assertThat(small.countBefore((sc, x) -> sc < score))
                    .isEqualTo(big.countBefore((sc, x) -> sc < score));
            }
        }
        SortedSet copy = small.copy();
        small.put(b("a-very-long-member"), 1, limits); // longer than the value limit
        assertThat(small.encoding()).isEqualTo("skiplist");
        assertThat(copy.encoding()).isEqualTo("listpack");
        assertThat(copy.contains(b("a-very-long-member"))).isFalse();
        for (int i = 0; i < 17; i++) {
            copy.put(b("n" + i), i, limits);
        }
        assertThat(copy.encoding()).isEqualTo("skiplist"); // past 16 entries
        assertThat(copy.removeRange(0, copy.size() - 1)).isGreaterThan(17);
        assertThat(copy.size()).isZero();
    }
}
