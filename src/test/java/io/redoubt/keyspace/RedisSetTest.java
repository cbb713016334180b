package io.redoubt.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.util.Bytes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Redis 7.2's set encodings and the conversions between them (t_set.c's setTypeCreate and setTypeAdd). */
class RedisSetTest {
    private static final CollectionLimits LIMITS = CollectionLimits.DEFAULTS;

    private static RedisSet setOf(String... members) {
        RedisSet s = RedisSet.create(Bytes.utf8(members[0]), members.length, LIMITS);
        for (String m : members) {
            s.add(Bytes.utf8(m), LIMITS);
        }
        return s;
    }

    private static List<String> members(RedisSet s) {
        List<String> out = new ArrayList<>();
        s.forEach(m -> out.add(Bytes.str(m)));
        return out;
    }

    @Test
    void integersMakeAnIntsetKeptInOrder() {
        RedisSet s = setOf("3", "-1", "10", "3");
        assertThat(s.encoding()).isEqualTo("intset");
        assertThat(members(s)).containsExactly("-1", "3", "10");
        assertThat(s.contains(Bytes.utf8("03"))).isFalse(); // not a canonical integer: never a member
        assertThat(s.contains(Bytes.utf8("10"))).isTrue();
    }

    @Test
    void aNonIntegerTurnsAnIntsetIntoAListpackThatKeepsInsertionOrder() {
        RedisSet s = setOf("2", "1");
        s.add(Bytes.utf8("x"), LIMITS);
        assertThat(s.encoding()).isEqualTo("listpack");
        assertThat(members(s)).containsExactly("1", "2", "x");
        s.remove(Bytes.utf8("1"));
        assertThat(members(s)).containsExactly("2", "x");
    }

    @Test
    void intsetBeyondItsLimitBecomesAHashtable() {
        RedisSet s = RedisSet.create(Bytes.utf8("0"), 1, LIMITS);
        for (int i = 0; i < 512; i++) {
            s.add(Bytes.fromLong(i), LIMITS);
        }
        assertThat(s.encoding()).isEqualTo("intset");
        s.add(Bytes.fromLong(512), LIMITS);
        assertThat(s.encoding()).isEqualTo("hashtable");
        assertThat(s.size()).isEqualTo(513);
        assertThat(s.contains(Bytes.fromLong(7))).isTrue();
    }

    @Test
    void aLargeIntsetTakingAStringGoesStraightToAHashtable() {
        RedisSet s = RedisSet.create(Bytes.utf8("0"), 1, LIMITS);
        for (int i = 0; i < 128; i++) {
            s.add(Bytes.fromLong(i), LIMITS);
        }
        s.add(Bytes.utf8("x"), LIMITS); // 128 integers: no room in a listpack of 128
        assertThat(s.encoding()).isEqualTo("hashtable");
    }

    @Test
    void listpackLimitsOnCountAndLength() {
        RedisSet s = RedisSet.create(Bytes.utf8("a"), 1, LIMITS);
        for (int i = 0; i < 128; i++) {
            s.add(Bytes.utf8("m" + i), LIMITS);
        }
        assertThat(s.encoding()).isEqualTo("listpack");
        s.add(Bytes.utf8("one more"), LIMITS);
        assertThat(s.encoding()).isEqualTo("hashtable");

        RedisSet longMember = setOf("a");
        longMember.add(Bytes.utf8("x".repeat(64)), LIMITS);
        assertThat(longMember.encoding()).isEqualTo("listpack");
        longMember.add(Bytes.utf8("x".repeat(65)), LIMITS);
        assertThat(longMember.encoding()).isEqualTo("hashtable");
    }

    @Test
    void creationFollowsTheSizeHint() {
        assertThat(RedisSet.create(Bytes.utf8("1"), 512, LIMITS).encoding()).isEqualTo("intset");
        assertThat(RedisSet.create(Bytes.utf8("1"), 513, LIMITS).encoding()).isEqualTo("hashtable");
        CollectionLimits fewInts = new CollectionLimits(128, 64, 50, 128, 64);
        assertThat(RedisSet.create(Bytes.utf8("1"), 100, fewInts).encoding()).isEqualTo("listpack");
        assertThat(RedisSet.create(Bytes.utf8("a"), 129, LIMITS).encoding()).isEqualTo("hashtable");
        assertThat(RedisSet.create(Bytes.utf8("a"), 128, LIMITS).encoding()).isEqualTo("listpack");
    }

    @Test
    void copiesAreIndependentInEveryEncoding() {
        for (String[] members : List.of(new String[] {"1", "2"}, new String[] {"a", "b"})) {
            RedisSet s = setOf(members);
            RedisSet copy = s.copy();
            copy.add(Bytes.utf8("new"), LIMITS);
            assertThat(s.size()).isEqualTo(2);
            assertThat(copy.size()).isEqualTo(3);
        }
        RedisSet table = RedisSet.create(Bytes.utf8("a"), 1000, LIMITS);
        table.add(Bytes.utf8("a"), LIMITS);
        RedisSet copy = table.copy();
        copy.remove(Bytes.utf8("a"));
        assertThat(table.size()).isEqualTo(1);
        assertThat(copy.encoding()).isEqualTo("hashtable");
    }

    @Test
    void scanOfAHashtableReturnsEveryMember() {
        RedisSet s = RedisSet.create(Bytes.utf8("a"), 1000, LIMITS);
        for (int i = 0; i < 1000; i++) {
            s.add(Bytes.utf8("m" + i), LIMITS);
        }
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        do {
            cursor = s.scan(cursor, m -> seen.add(Bytes.str(m)));
        } while (cursor != 0);
        assertThat(seen).hasSize(1000);
    }
}
