package io.redoubt.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The list representations against an ArrayList, under random operations, element sizes included. */
class ListStoreTest {
    @Test
    void packedListBehavesLikeAList() {
        check(() -> new ArrayPackedList(16));
    }

    @Test
    void chunkedListBehavesLikeAList() {
        check(ChunkedList::new);
    }

    @Test
    void chunkedListWithTinyNodesBehavesLikeAList() {
        check(() -> new ChunkedList(48)); // a few elements a node: every operation meets node boundaries
    }

    @Test
    void readingAChunkedListInOrderAfterChangesSeesEveryElement() {
        ChunkedList store = new ChunkedList(64);
        List<String> model = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String v = "e" + i;
            if (i % 3 == 0) {
                store.pushHead(v.getBytes(StandardCharsets.UTF_8));
                model.add(0, v);
            } else {
                store.pushTail(v.getBytes(StandardCharsets.UTF_8));
                model.add(v);
            }
        }
        for (int i = model.size() - 1; i >= 0; i -= 7) { // removals in the middle, as LREM makes them
            store.remove(i);
            model.remove(i);
        }
        for (int round = 0; round < 2; round++) { // forwards, then backwards: the finger follows both ways
            for (int k = 0; k < model.size(); k++) {
                int i = round == 0 ? k : model.size() - 1 - k;
                assertThat(str(store.get(i))).isEqualTo(model.get(i));
            }
        }
    }

    private static void check(Supplier<ListStore> factory) {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            ListStore store = factory.get();
            List<String> model = new ArrayList<>();
            for (int op = 0; op < 2000; op++) {
                String v = value(random);
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                int size = model.size();
                switch (random.nextInt(8)) {
                    case 0 -> { store.pushHead(b); model.add(0, v); }
                    case 1 -> { store.pushTail(b); model.add(v); }
                    case 2 -> { if (size > 0) { assertThat(str(store.popHead())).isEqualTo(model.remove(0)); } }
                    case 3 -> { if (size > 0) { assertThat(str(store.popTail())).isEqualTo(model.remove(size - 1)); } }
                    case 4 -> { int i = random.nextInt(size + 1); store.insert(i, b); model.add(i, v); }
                    case 5 -> { if (size > 0) { int i = random.nextInt(size); store.remove(i); model.remove(i); } }
                    case 6 -> { if (size > 0) { int i = random.nextInt(size); store.set(i, b); model.set(i, v); } }
                    default -> {
                        if (size > 0) {
                            int i = random.nextInt(size);
                            assertThat(str(store.get(i))).isEqualTo(model.get(i));
                        }
                    }
                }
                assertThat(store.size()).isEqualTo(model.size());
            }
            for (ListStore s : List.of(store, store.copy(), PackedList.of(store), ChunkedList.of(store))) {
                assertThat(s.size()).isEqualTo(model.size());
                for (int i = 0; i < model.size(); i++) {
                    assertThat(str(s.get(i))).isEqualTo(model.get(i));
                }
            }
        }
    }

    /** Mostly short values, sometimes long enough for two- and three-byte length prefixes. */
    private static String value(Random random) {
        int n = switch (random.nextInt(10)) {
            case 0 -> 200 + random.nextInt(300);
            case 1 -> 16_384 + random.nextInt(100);
            case 2 -> 0;
            default -> random.nextInt(20);
        };
        return "v".repeat(n) + random.nextInt(1000);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
