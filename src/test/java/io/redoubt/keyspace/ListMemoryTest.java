package io.redoubt.keyspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.redoubt.support.Eventually;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Large lists keep their nodes outside the heap ({@link ListMemory}): the memory must go back exactly when no
 * key holds the list any more, never while one does. Each list reports the bytes it holds; {@link
 * ListMemory#used} counts for the whole process, where other tests' lists may go away meanwhile, so it is only
 * checked to fall back to what it was when the test began.
 */
class ListMemoryTest {
    private static final int ELEMENTS = 20_000;
    private static final byte[] KEY = bytes("big");

    private final Keyspace keyspace = new Keyspace(2);
    private final Database db = keyspace.db(0);
    private long before;

    @BeforeEach
    void offHeapNodes() {
        assumeTrue(ListMemory.AVAILABLE, "Unsafe is not available: list nodes stay on the heap");
        before = ListMemory.used();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A quicklist-encoded list of ELEMENTS elements of 40 bytes, its nodes outside the heap. */
    private static ListValue bigList() {
        ListValue l = new ListValue();
        for (int i = 0; i < ELEMENTS; i++) {
            byte[] v = bytes(String.format("%040d", i));
            l.growing(v.length, 1, ListNodeLimit.DEFAULT);
            l.pushTail(v);
        }
        assertThat(l.encoding()).isEqualTo("quicklist");
        return l;
    }

    private void nextCommand() {
        keyspace.beginCommand(System.nanoTime(), true);
    }

    private long grown() {
        return ListMemory.used() - before;
    }

    @AfterEach
    void leaveNothingToTheCleaner() {
        keyspace.flushAll();
        nextCommand();
    }

    @Test
    void aLargeListHoldsItsElementsOutsideTheHeap() {
        ListValue l = bigList();
        db.add(KEY, l);
        assertThat(l.offHeapBytes()).isGreaterThanOrEqualTo(ELEMENTS * 40L);
    }

    @Test
    void aDeletedListGivesItsNodesBackBeforeTheNextCommand() {
        ListValue l = bigList();
        db.add(KEY, l);
        long held = l.offHeapBytes();
        db.delete(KEY);
        assertThat(l.offHeapBytes()).as("the command that deleted it may still store it elsewhere").isEqualTo(held);
        nextCommand();
        assertThat(l.offHeapBytes()).isZero();
        assertThat(grown()).isLessThanOrEqualTo(0);
    }

    @Test
    void aListStoredUnderAnotherKeyInTheSameCommandKeepsItsNodes() {
        ListValue l = bigList();
        db.add(KEY, l);
        long held = l.offHeapBytes();
        db.delete(KEY); // RENAME and MOVE: the value leaves one key and is added under another
        keyspace.db(1).add(bytes("moved"), l);
        nextCommand();
        assertThat(l.offHeapBytes()).isEqualTo(held);
        assertThat(l.size()).isEqualTo(ELEMENTS);
        assertThat(new String(l.get(ELEMENTS - 1), StandardCharsets.UTF_8)).isEqualTo(String.format("%040d", ELEMENTS - 1));
    }

    @Test
    void aListAddedUnderItsNewKeyBeforeLeavingTheOldOneKeepsItsNodes() {
        ListValue l = bigList();
        db.add(KEY, l);
        long held = l.offHeapBytes();
        keyspace.db(1).add(bytes("moved"), l); // MOVE and RENAME add under the new key first
        db.delete(KEY);
        nextCommand();
        assertThat(l.offHeapBytes()).isEqualTo(held);
        assertThat(l.size()).isEqualTo(ELEMENTS);
    }

    @Test
    void aListReplacedByAnotherValueGivesItsNodesBack() {
        ListValue l = bigList();
        db.add(KEY, l);
        db.put(KEY, bytes("a string now"), false);
        nextCommand();
        assertThat(l.offHeapBytes()).isZero();
    }

    @Test
    void flushingADatabaseOrLoadingAnotherDatasetGivesEveryListBack() {
        ListValue a = bigList();
        ListValue b = bigList();
        db.add(KEY, a);
        db.add(bytes("other"), b);
        db.clear();
        nextCommand();
        assertThat(a.offHeapBytes() + b.offHeapBytes()).isZero();

        ListValue old = bigList();
        db.add(KEY, old);
        Keyspace loaded = new Keyspace(2);
        ListValue kept = bigList();
        loaded.db(0).add(KEY, kept);
        keyspace.replaceWith(loaded);
        nextCommand();
        assertThat(old.offHeapBytes()).isZero();
        assertThat(kept.offHeapBytes()).isPositive();
        assertThat(db.get(KEY)).isSameAs(kept);
        assertThat(kept.size()).isEqualTo(ELEMENTS);
    }

    @Test
    void anExpiredListGivesItsNodesBackAfterTheExpiryCycle() {
        ListValue l = bigList();
        Dict.Entry e = db.add(KEY, l);
        db.setExpire(e, 1);
        keyspace.cron(10);
        assertThat(db.size()).isZero();
        assertThat(l.offHeapBytes()).isZero();
    }

    @Test
    void poppingEmptiesNodesAndGivesThemBackAtOnce() {
        ListValue l = bigList();
        db.add(KEY, l);
        long held = l.offHeapBytes();
        for (int i = 0; i < ELEMENTS / 2; i++) {
            l.popHead();
        }
        assertThat(l.offHeapBytes()).isLessThan(held * 2 / 3);
    }

    @Test
    void aListThatShrinksBackToAListpackGivesItsNodesBack() {
        ListValue l = bigList();
        db.add(KEY, l);
        for (int i = 0; i < ELEMENTS - 10; i++) {
            l.popTail();
        }
        l.shrunk(ListNodeLimit.DEFAULT);
        assertThat(l.encoding()).isEqualTo("listpack");
        assertThat(l.offHeapBytes()).isZero();
        assertThat(l.size()).isEqualTo(10);
    }

    @Test
    void aReleasedNodeRefusesEveryAccessInsteadOfReadingMemoryGivenBack() {
        PackedList node = PackedList.node(64, false);
        node.pushTail(bytes("x"));
        node.release();
        assertThatThrownBy(() -> node.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> node.pushTail(bytes("y"))).isInstanceOf(IllegalStateException.class);
        node.release(); // twice is harmless
        assertThat(node.offHeapBytes()).isZero();
    }

    @Test
    void insertingBeforeAnElementOfMegabytesMovesEveryByteIntact() {
        byte[] large = new byte[3 << 20]; // longer than one piece of an Unsafe copy: moved piece by piece
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + i / 4096);
        }
        ChunkedList list = new ChunkedList();
        list.pushTail(bytes("first"));
        list.pushTail(large);
        list.insert(1, bytes("before the large one"));
        list.insert(0, bytes("at the head"));
        assertThat(Arrays.equals(list.get(3), large)).isTrue();
        assertThat(new String(list.get(2), StandardCharsets.UTF_8)).isEqualTo("before the large one");
        list.remove(2); // and back, the other way
        assertThat(Arrays.equals(list.get(2), large)).isTrue();
        list.release();
        assertThat(list.offHeapBytes()).isZero();
        assertThat(list.size()).isZero();
    }

    @Test
    void aListThatWouldPassTheLimitFailsAndKeepsWhatItHad() {
        ListValue l = bigList();
        db.add(KEY, l);
        long old = ListMemory.limit(ListMemory.used() + 64 * 1024);
        try {
            assertThatThrownBy(() -> {
                for (int i = 0; i < ELEMENTS; i++) {
                    l.pushTail(bytes(String.format("%040d", i)));
                }
            }).isInstanceOf(ListMemory.Exhausted.class).hasMessageContaining("outside the heap");
            assertThat(ListMemory.used()).isLessThanOrEqualTo(before + l.offHeapBytes());
            assertThat(new String(l.get(0), StandardCharsets.UTF_8)).isEqualTo(String.format("%040d", 0));
        } finally {
            ListMemory.limit(old);
        }
    }

    @Test
    void aListNobodyReleasesIsGivenBackOnceItIsGarbage() throws InterruptedException {
        ListValue abandoned = bigList(); // as an abandoned copy would be
        assertThat(abandoned.offHeapBytes()).isPositive();
        abandoned = null;
        Eventually.holds("the cleaner gives the nodes back", () -> {
            System.gc();
            return grown() <= 0;
        });
    }
}
