package io.redoubt.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DictTest {

    private static byte[] key(String s) {
        return Bytes.utf8(s);
    }

    private static void put(Dict d, String k) {
        d.insert(key(k)).value = k;
    }

    /**
     * SCAN's guarantee: a key present from the first call to the last is returned, however the table grows,
     * shrinks or rehashes between calls. Other keys are inserted and deleted between calls so the table
     * goes through several doublings and shrinks, and many calls land in the middle of a rehash.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void scanReturnsEveryKeyPresentForTheWholeScanWhileTheTableGrowsAndShrinks(long seed) {
        Random rnd = new Random(seed);
        Dict d = new Dict();
        Set<String> stable = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            put(d, "stable:" + i);
            stable.add("stable:" + i);
        }
        List<String> churn = new ArrayList<>();
        int nextChurn = 0;
        boolean growing = true;
        int grows = 0;
        int shrinks = 0;
        int callsWhileRehashing = 0;
        int previousBuckets = d.buckets();

        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = d.scan(cursor, e -> seen.add(Bytes.str(e.key)));
            calls++;
            if (d.isRehashing()) {
                callsWhileRehashing++;
            }
            int ops = 1 + rnd.nextInt(40);
            for (int i = 0; i < ops; i++) {
                if (growing) {
                    String k = "churn:" + nextChurn++;
                    put(d, k);
                    churn.add(k);
                } else if (!churn.isEmpty()) {
                    String k = churn.remove(rnd.nextInt(churn.size()));
                    assertThat(d.remove(key(k))).isNotNull();
                }
            }
            if (growing && churn.size() > 6000 + rnd.nextInt(4000)) {
                growing = false;
            } else if (!growing && churn.isEmpty()) {
                growing = true;
            }
            if (rnd.nextInt(50) == 0) {
                d.rehashFor(1_000_000_000L); // sometimes finish a rehash between calls
            }
            int buckets = d.buckets();
            if (buckets > previousBuckets) {
                grows++;
            } else if (buckets < previousBuckets) {
                shrinks++;
            }
            previousBuckets = buckets;
        } while (cursor != 0 && calls < 1_000_000);

        assertThat(cursor).as("the scan ends").isZero();
        assertThat(seen).containsAll(stable);
        assertThat(grows).as("table grew during the scan").isGreaterThan(2);
        assertThat(shrinks).as("table shrank during the scan").isGreaterThan(0);
        assertThat(callsWhileRehashing).as("calls made in the middle of a rehash").isGreaterThan(100);
    }

    @Test
    void scanOfAStableTableReturnsEveryKeyExactlyOnce() {
        Dict d = new Dict();
        for (int i = 0; i < 3000; i++) {
            put(d, "k" + i);
        }
        d.rehashFor(1_000_000_000L);
        List<String> seen = new ArrayList<>();
        long cursor = 0;
        do {
            cursor = d.scan(cursor, e -> seen.add(Bytes.str(e.key)));
        } while (cursor != 0);
        assertThat(seen).hasSize(3000).doesNotHaveDuplicates();
    }

    @Test
    void scanOfAnEmptyTableEndsAtOnce() {
        Dict d = new Dict();
        assertThat(d.scan(0, e -> { })).isZero();
        assertThat(d.scan(12345, e -> { })).isZero();
    }

    /**
     * Random inserts, finds and removes checked against a HashMap after every operation, with phases that
     * grow the table to thousands of keys and shrink it back, so many operations run mid-rehash (where a
     * key may be in either table).
     */
    @Test
    void findInsertRemoveStayCorrectDuringIncrementalRehash() {
        Random rnd = new Random(42);
        Dict d = new Dict();
        Map<String, String> model = new HashMap<>();
        int opsWhileRehashing = 0;
        int rehashesStarted = 0;
        boolean wasRehashing = false;
        for (int round = 0; round < 6; round++) {
            boolean growPhase = round % 2 == 0;
            for (int op = 0; op < 40_000; op++) {
                String k = "key:" + rnd.nextInt(growPhase ? 20_000 : 20_000);
                boolean insert = growPhase ? rnd.nextInt(10) < 8 : rnd.nextInt(10) < 1;
                if (d.isRehashing()) {
                    opsWhileRehashing++;
                }
                Dict.Entry found = d.find(key(k));
                assertThat(found == null).isEqualTo(!model.containsKey(k));
                if (found != null) {
                    assertThat(found.value).isEqualTo(model.get(k));
                }
                if (insert && found == null) {
                    d.insert(key(k)).value = "v" + op;
                    model.put(k, "v" + op);
                } else if (!insert && found != null) {
                    assertThat(d.remove(key(k))).isSameAs(found);
                    assertThat(d.find(key(k))).isNull();
                    model.remove(k);
                } else if (!insert) {
                    assertThat(d.remove(key(k))).isNull();
                }
                assertThat(d.size()).isEqualTo(model.size());
                if (d.isRehashing() && !wasRehashing) {
                    rehashesStarted++;
                }
                wasRehashing = d.isRehashing();
            }
        }
        assertThat(opsWhileRehashing).isGreaterThan(1000);
        assertThat(rehashesStarted).as("grows and shrinks").isGreaterThan(10);

        Set<String> all = new HashSet<>();
        d.forEach(e -> all.add(Bytes.str(e.key)));
        assertThat(all).isEqualTo(model.keySet());
        model.forEach((k, v) -> assertThat(d.find(key(k)).value).isEqualTo(v));
    }

    @Test
    void randomReturnsOnlyPresentEntriesAndReachesEveryOne() {
        Dict d = new Dict();
        assertThat(d.random()).isNull();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            put(d, "r" + i);
            keys.add("r" + i);
        }
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            drawn.add(Bytes.str(d.random().key));
        }
        assertThat(drawn).isEqualTo(keys);

        d.remove(key("r7"));
        keys.remove("r7");
        for (int i = 0; i < 5_000; i++) {
            assertThat(keys).contains(Bytes.str(d.random().key));
        }
    }

    @Test
    void randomDuringRehashDrawsFromBothTables() {
        Dict d = new Dict();
        Set<String> keys = new HashSet<>();
        int i = 0;
        while (!d.isRehashing() || keys.size() < 64) {
            put(d, "k" + i);
            keys.add("k" + i);
            i++;
            if (keys.size() > 64 && !d.isRehashing()) {
                keys.clear();
                d.clear();
            }
        }
        assertThat(d.isRehashing()).isTrue();
        Set<String> drawn = new HashSet<>();
        for (int n = 0; n < 50_000; n++) {
            Dict.Entry e = d.random();
            assertThat(keys).contains(Bytes.str(e.key));
            drawn.add(Bytes.str(e.key));
        }
        assertThat(d.isRehashing()).as("random() does not move buckets").isTrue();
        assertThat(drawn).isEqualTo(keys);
    }

    /** forEach may delete entries as it goes: each entry is still visited once, even when a removal starts a shrink. */
    @Test
    void forEachThatRemovesVisitsEveryEntryOnceWhenARemovalStartsAShrink() {
        Dict d = new Dict();
        for (int i = 0; i < 1000; i++) {
            put(d, "k" + i);
        }
        d.rehashFor(1_000_000_000L);
        for (int i = 103; i < 1000; i++) {
            d.remove(key("k" + i)); // 103 left in 1024 buckets: one more removal goes under 10% fill
        }
        assertThat(d.isRehashing()).isFalse();
        assertVisitsAllOnceWhileRemoving(d, 103);
    }

    @Test
    void forEachThatRemovesVisitsEveryEntryOnceDuringARehash() {
        Dict d = new Dict();
        int n = 0;
        while (n < 2000 || !d.isRehashing()) {
            put(d, "k" + n++);
        }
        assertThat(d.isRehashing()).isTrue();
        assertVisitsAllOnceWhileRemoving(d, n);
    }

    /** Visits everything while removing every other entry visited (as an expiry sweep would). */
    private static void assertVisitsAllOnceWhileRemoving(Dict d, int expected) {
        List<String> visited = new ArrayList<>();
        d.forEach(e -> {
            visited.add(Bytes.str(e.key));
            if (visited.size() % 2 == 0) {
                assertThat(d.remove(e.key)).isSameAs(e);
            }
        });
        assertThat(visited).hasSize(expected).doesNotHaveDuplicates();
        assertThat(d.size()).isEqualTo(expected - expected / 2);
    }
}
