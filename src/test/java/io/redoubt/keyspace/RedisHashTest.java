package io.redoubt.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Redis 7.2's hash encodings: a listpack in insertion order while small, a hashtable beyond. */
class RedisHashTest {
    private static final CollectionLimits LIMITS = CollectionLimits.DEFAULTS;

    private static List<String> fields(RedisHash h) {
        List<String> out = new ArrayList<>();
        h.forEach((f, v) -> out.add(Bytes.str(f) + "=" + Bytes.str(v)));
        return out;
    }

    @Test
    void listpackKeepsInsertionOrderThroughUpdatesAndDeletes() {
        RedisHash h = new RedisHash();
        for (String f : List.of("c", "a", "b")) {
            assertThat(h.put(Bytes.utf8(f), Bytes.utf8("1"), LIMITS)).isTrue();
        }
        assertThat(h.put(Bytes.utf8("a"), Bytes.utf8("2"), LIMITS)).isFalse();
        assertThat(h.remove(Bytes.utf8("c"))).isTrue();
        assertThat(h.remove(Bytes.utf8("c"))).isFalse();
        assertThat(fields(h)).containsExactly("a=2", "b=1");
        assertThat(h.encoding()).isEqualTo("listpack");
    }

    @Test
    void moreThan128FieldsMakeAHashtable() {
        RedisHash h = new RedisHash();
        for (int i = 0; i < 128; i++) {
            h.put(Bytes.utf8("f" + i), Bytes.utf8("v"), LIMITS);
        }
        assertThat(h.encoding()).isEqualTo("listpack");
        h.put(Bytes.utf8("f128"), Bytes.utf8("v"), LIMITS);
        assertThat(h.encoding()).isEqualTo("hashtable");
        assertThat(h.size()).isEqualTo(129);
        assertThat(Bytes.str(h.get(Bytes.utf8("f5")))).isEqualTo("v");
        for (int i = 0; i <= 128; i++) {
            h.remove(Bytes.utf8("f" + i));
        }
        assertThat(h.encoding()).isEqualTo("hashtable"); // never converts back, as in Redis
    }

    @Test
    void aFieldOrValueLongerThan64BytesMakesAHashtable() {
        RedisHash h = new RedisHash();
        h.put(Bytes.utf8("f"), Bytes.utf8("x".repeat(64)), LIMITS);
        assertThat(h.encoding()).isEqualTo("listpack");
        h.put(Bytes.utf8("f"), Bytes.utf8("x".repeat(65)), LIMITS);
        assertThat(h.encoding()).isEqualTo("hashtable");
        RedisHash byField = new RedisHash();
        byField.put(Bytes.utf8("y".repeat(65)), Bytes.utf8("v"), LIMITS);
        assertThat(byField.encoding()).isEqualTo("hashtable");
    }

    @Test
    void copyIsIndependent() {
        RedisHash h = new RedisHash();
        h.put(Bytes.utf8("a"), Bytes.utf8("1"), LIMITS);
        RedisHash copy = h.copy();
        copy.put(Bytes.utf8("a"), Bytes.utf8("2"), LIMITS);
        copy.put(Bytes.utf8("b"), Bytes.utf8("2"), LIMITS);
        assertThat(fields(h)).containsExactly("a=1");
        assertThat(fields(copy)).containsExactly("a=2", "b=2");
    }
}
