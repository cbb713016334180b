package io.redoubt.command.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.SortArgs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.params.SortingParams;

/** SORT and SORT_RO through Jedis (RESP2) and Lettuce (RESP3). */
class SortCommandTest extends ServerTestBase {

    @Test
    void sortsNumericallyAlphabeticallyAndThroughPatterns() {
        jedis.rpush("l", "3", "10", "2", "-1.5");
        assertThat(jedis.sort("l")).containsExactly("-1.5", "2", "3", "10");
        assertThat(lettuce.sort("l", SortArgs.Builder.desc().limit(1, 2))).containsExactly("3", "2");
        assertThat(jedis.sort("l", new SortingParams().alpha())).containsExactly("-1.5", "10", "2", "3");
        jedis.mset("w_3", "1", "w_10", "2", "w_2", "3", "name_3", "three");
        jedis.hset("h_10", "label", "ten");
        assertThat(jedis.sort("l", new SortingParams().by("w_*").get("#", "name_*", "h_*->label")))
            .containsExactly("-1.5", null, null, "3", "three", null, "10", null, "ten", "2", null, null);
        assertThat(lettuce.sortReadOnly("l", SortArgs.Builder.by("nosort").desc())).containsExactly("-1.5", "2", "10", "3");
    }

    @Test
    void storeWritesAListAndAnEmptyResultDeletesTheDestination() {
        jedis.sadd("s", "b", "a", "c");
        jedis.set("dst", "old");
        jedis.expire("dst", 100);
        assertThat(jedis.sort("s", new SortingParams().alpha(), "dst")).isEqualTo(3);
        assertThat(lettuce.lrange("dst", 0, -1)).containsExactly("a", "b", "c");
        assertThat(jedis.ttl("dst")).isEqualTo(-1);
        assertThat(jedis.objectEncoding("dst")).isEqualTo("listpack");
        assertThat(lettuce.sortStore("nokey", SortArgs.Builder.alpha(), "dst")).isZero();
        assertThat(jedis.exists("dst")).isFalse();
    }

    @Test
    void aLargeStoredResultIsAQuicklist() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add("element-" + i);
        }
        jedis.rpush("big", many.toArray(String[]::new));
        assertThat(jedis.sort("big", new SortingParams().alpha(), "dst")).isEqualTo(1000);
        assertThat(jedis.objectEncoding("dst")).isEqualTo("quicklist");
        assertThat(jedis.sort("big", new SortingParams().alpha().limit(0, 10), "dst")).isEqualTo(10);
        assertThat(jedis.objectEncoding("dst")).isEqualTo("listpack");
    }

    @Test
    void sortingASortedSetMakesItASkiplist() {
        jedis.zadd("z", 2, "20");
        jedis.zadd("z", 1, "30");
        assertThat(jedis.objectEncoding("z")).isEqualTo("listpack");
        assertThat(jedis.sort("z")).containsExactly("20", "30");
        assertThat(jedis.objectEncoding("z")).isEqualTo("skiplist");
        assertThat(jedis.sort("z", new SortingParams().by("nosort"))).containsExactly("30", "20");
    }

    @Test
    void refusals() {
        jedis.rpush("l", "1", "1e400");
        assertThatThrownBy(() -> jedis.sort("l")).hasMessage("ERR One or more scores can't be converted into double");
        assertThatThrownBy(() -> jedis.sendCommand(Command.SORT_RO, "l", "STORE", "x")).hasMessage("ERR syntax error");
        jedis.set("str", "x");
        assertThatThrownBy(() -> lettuce.sort("str")).hasMessageStartingWith("WRONGTYPE");
        assertThat(jedis.sort("l", new SortingParams().limit(0, 1).by("nosort"), "str"))
            .as("the destination is overwritten whatever its type").isEqualTo(1);
        assertThat(jedis.type("str")).isEqualTo("list");
    }
}
