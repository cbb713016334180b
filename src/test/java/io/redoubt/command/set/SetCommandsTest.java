package io.redoubt.command.set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ValueScanCursor;
import io.redoubt.support.RedisTools;
import io.redoubt.support.RespProbe;
import io.redoubt.support.ServerWithClients;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Set commands over real sockets: Jedis speaks RESP2, Lettuce RESP3, {@link RespProbe} shows exact reply
 * types. Covers what the differential script cannot (its reference is Redis 7.0): 7.2's listpack sets and
 * every encoding threshold, SSCAN of a large set, SRANDMEMBER/SPOP randomness, redis-cli's rendering.
 */
class SetCommandsTest extends ServerWithClients {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";


    private static String[] members(int n, String prefix) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toArray(String[]::new);
    }

    @Test
    void readsAndWritesInBothProtocols() throws Exception {
        assertThat(jedis.sadd("s:rw", "a", "b", "c")).isEqualTo(3);
        assertThat(lettuce.sadd("s:rw", "c", "d")).isEqualTo(1);
        assertThat(lettuce.smembers("s:rw")).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(lettuce.smismember("s:rw", "a", "z")).containsExactly(true, false);
        assertThat(lettuce.sismember("s:rw", "b")).isTrue();
        jedis.sadd("s:rw2", "c", "d", "e");
        assertThat(lettuce.sintercard(1, "s:rw", "s:rw2")).isEqualTo(1);
        assertThat(lettuce.sintercard("s:rw", "s:rw2")).isEqualTo(2);
        assertThat(lettuce.sunion("s:rw", "s:rw2")).hasSize(5);
        assertThat(jedis.sdiff("s:rw", "s:rw2")).containsExactlyInAnyOrder("a", "b");
        try (RespProbe p = RespProbe.open(server.port(), 3)) {
            assertThat(p.call("SMEMBERS", "s:rw2")).isEqualTo("~[\"c\", \"d\", \"e\"]"); // a listpack keeps order
            assertThat(p.call("SPOP", "s:nokey", "2")).isEqualTo("~[]");
            assertThat(p.call("SRANDMEMBER", "s:rw2", "5")).isEqualTo("[\"c\", \"d\", \"e\"]");
        }
        assertThat(jedis.srem("s:rw", "a", "b", "c", "d")).isEqualTo(4);
        assertThat(jedis.exists("s:rw")).as("an emptied set deletes its key").isFalse();
        assertThat(jedis.spop("s:rw2", 3)).containsExactlyInAnyOrder("c", "d", "e");
        assertThat(jedis.exists("s:rw2")).isFalse();
    }

    @Test
    void encodingsOfRedis72() {
        jedis.sadd("s:int", members(512, ""));
        assertThat(jedis.objectEncoding("s:int")).isEqualTo("intset");
        jedis.sadd("s:int", "512");
        assertThat(jedis.objectEncoding("s:int")).isEqualTo("hashtable");

        jedis.sadd("s:lp", "1", "2");
        jedis.sadd("s:lp", "x");
        assertThat(jedis.objectEncoding("s:lp")).isEqualTo("listpack");
        assertThat(jedis.smembers("s:lp")).containsExactlyInAnyOrder("1", "2", "x");
        jedis.sadd("s:lp", members(125, "m"));
        assertThat(jedis.scard("s:lp")).isEqualTo(128);
        assertThat(jedis.objectEncoding("s:lp")).isEqualTo("listpack");
        jedis.sadd("s:lp", "one more");
        assertThat(jedis.objectEncoding("s:lp")).isEqualTo("hashtable");

        jedis.sadd("s:long", "a", "x".repeat(64));
        assertThat(jedis.objectEncoding("s:long")).isEqualTo("listpack");
        jedis.sadd("s:long", "x".repeat(65));
        assertThat(jedis.objectEncoding("s:long")).isEqualTo("hashtable");

        jedis.sadd("s:many", members(129, "m")); // SADD's member count decides the first encoding
        assertThat(jedis.objectEncoding("s:many")).isEqualTo("hashtable");
        jedis.sadd("s:manyints", members(600, ""));
        assertThat(jedis.objectEncoding("s:manyints")).isEqualTo("hashtable");

        jedis.sadd("s:src1", "1", "2", "3");
        jedis.sadd("s:src2", "a", "b");
        jedis.sunionstore("s:u", "s:src1", "s:src2");
        assertThat(jedis.objectEncoding("s:u")).isEqualTo("listpack");
        jedis.sinterstore("s:i", "s:src1", "s:src1");
        assertThat(jedis.objectEncoding("s:i")).isEqualTo("intset");
    }

    @Test
    void encodingsOfResultsAndOfLargeAdditions() {
        jedis.sadd("s:grow", "a", "b");
        String[] many = new String[129];
        java.util.Arrays.fill(many, "a");
        jedis.sadd("s:grow", many); // Redis 7.2 converts for the member count given, duplicates or not
        assertThat(jedis.objectEncoding("s:grow")).isEqualTo("hashtable");

        jedis.sadd("s:ht1", members(600, "")); // integers in a hashtable
        jedis.sadd("s:ht2", "1", "2", "x");
        jedis.sinterstore("s:ints", "s:ht1", "s:ht1");
        assertThat(jedis.objectEncoding("s:ints")).isEqualTo("hashtable"); // 600 integers: too many
        jedis.sinterstore("s:ints", "s:ht1", "s:ht2");
        assertThat(jedis.objectEncoding("s:ints")).isEqualTo("intset");

        // SDIFF with many small sets adds the whole first set, then removes: the result stays a hashtable
        jedis.sadd("s:first", members(200, "m"));
        jedis.sadd("s:o1", java.util.Arrays.copyOfRange(members(200, "m"), 1, 200));
        for (int i = 2; i <= 5; i++) {
            jedis.sadd("s:o" + i, "m1");
        }
        assertThat(jedis.sdiffstore("s:d", "s:first", "s:o1", "s:o2", "s:o3", "s:o4", "s:o5")).isEqualTo(1);
        assertThat(jedis.objectEncoding("s:d")).isEqualTo("hashtable");
        assertThat(jedis.sdiffstore("s:d", "s:first", "s:o1")).isEqualTo(1);
        assertThat(jedis.objectEncoding("s:d")).isEqualTo("listpack");
        assertThat(jedis.sdiff("s:first", "s:o2", "s:first")).isEmpty();
    }

    @Test
    void configSetChangesTheThresholds() {
        try {
            jedis.configSet("set-max-intset-entries", "2");
            jedis.configSet("set-max-listpack-entries", "3");
            jedis.configSet("set-max-listpack-value", "4");
            jedis.sadd("s:cfg", "1", "2");
            assertThat(jedis.objectEncoding("s:cfg")).isEqualTo("intset");
            jedis.sadd("s:cfg", "3");
            assertThat(jedis.objectEncoding("s:cfg")).isEqualTo("hashtable");
            jedis.sadd("s:cfg2", "a", "b", "c");
            assertThat(jedis.objectEncoding("s:cfg2")).isEqualTo("listpack");
            jedis.sadd("s:cfg2", "d");
            assertThat(jedis.objectEncoding("s:cfg2")).isEqualTo("hashtable");
            jedis.sadd("s:cfg3", "a");
            jedis.sadd("s:cfg3", "abcde");
            assertThat(jedis.objectEncoding("s:cfg3")).isEqualTo("hashtable");
            assertThat(jedis.configGet("set-max-*")).isEqualTo(Map.of("set-max-intset-entries", "2",
                "set-max-listpack-entries", "3", "set-max-listpack-value", "4"));
        } finally {
            jedis.configSet("set-max-intset-entries", "512");
            jedis.configSet("set-max-listpack-entries", "128");
            jedis.configSet("set-max-listpack-value", "64");
        }
    }

    @Test
    void wrongTypeAcrossTypes() {
        jedis.set("s:str", "v");
        jedis.hset("s:hash", "f", "v");
        jedis.sadd("s:set", "m");
        for (String key : List.of("s:str", "s:hash")) {
            assertThatThrownBy(() -> jedis.sadd(key, "m")).hasMessage(WRONGTYPE);
            assertThatThrownBy(() -> jedis.smembers(key)).hasMessage(WRONGTYPE);
            assertThatThrownBy(() -> jedis.sinter("s:set", key)).hasMessage(WRONGTYPE);
            assertThatThrownBy(() -> jedis.spop(key)).hasMessage(WRONGTYPE);
            assertThatThrownBy(() -> lettuce.sscan(key)).hasMessage(WRONGTYPE);
        }
        assertThatThrownBy(() -> jedis.get("s:set")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> jedis.hget("s:set", "f")).hasMessage(WRONGTYPE);
        assertThat(jedis.type("s:set")).isEqualTo("set");
        assertThat(lettuce.type("s:set")).isEqualTo("set");
        jedis.copy("s:set", "s:set2", false);
        jedis.sadd("s:set2", "n");
        assertThat(jedis.smembers("s:set")).containsExactly("m");
        assertThat(jedis.scan("0", new ScanParams().match("s:set*").count(1000), "set").getResult())
            .containsExactlyInAnyOrder("s:set", "s:set2");
    }

    @Test
    void sscanReturnsEveryMemberOfALargeSetWhileItChanges() {
        for (String prefix : List.of("m", "")) { // a hashtable of strings, then of integers
            String key = "s:scan" + prefix;
            String[] all = members(5000, prefix);
            jedis.sadd(key, all);
            Set<String> seen = new HashSet<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            int calls = 0;
            do {
                ValueScanCursor<String> r = lettuce.sscan(key, cursor, ScanArgs.Builder.limit(50));
                seen.addAll(r.getValues());
                cursor = r;
                lettuce.sadd(key, "extra" + calls++);
            } while (!cursor.isFinished());
            assertThat(seen).contains(all);
            assertThat(calls).isGreaterThan(10);
        }
        List<String> matched = new ArrayList<>();
        String cursor = "0";
        do {
            ScanResult<String> r = jedis.sscan("s:scanm", cursor, new ScanParams().match("m1??").count(100));
            matched.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
        assertThat(matched).hasSize(100).doesNotHaveDuplicates();
    }

    @Test
    void randomMembersAreDistinctForAPositiveCount() {
        for (String[] set : List.of(members(10, ""), members(10, "m"), members(300, "m"))) {
            String key = "s:rand" + set.length + set[1];
            jedis.sadd(key, set);
            for (int count : List.of(1, 3, set.length / 2, set.length - 1, set.length)) {
                assertThat(jedis.srandmember(key, count)).hasSize(count).doesNotHaveDuplicates();
            }
            assertThat(jedis.srandmember(key, set.length + 1)).hasSize(set.length).doesNotHaveDuplicates();
            assertThat(jedis.srandmember(key, -(set.length * 2))).hasSize(set.length * 2);
        }
        Map<String, Integer> hits = new HashMap<>();
        for (String m : jedis.srandmember("s:rand10m1", -10000)) {
            hits.merge(m, 1, Integer::sum);
        }
        assertThat(hits).hasSize(10);
        assertThat(hits.values()).allSatisfy(n -> assertThat(n).isBetween(700, 1300));
    }

    @Test
    void spopRemovesWhatItReturns() {
        jedis.sadd("s:pop", members(300, "m"));
        Set<String> popped = new HashSet<>(jedis.spop("s:pop", 250));
        assertThat(popped).hasSize(250);
        Set<String> rest = jedis.smembers("s:pop");
        assertThat(rest).hasSize(50).doesNotContainAnyElementsOf(popped);
        // Redis 7.2 rebuilds a set SPOP leaves few members of: the hashtable becomes a listpack
        assertThat(jedis.objectEncoding("s:pop")).isEqualTo("listpack");
        jedis.sadd("s:pop2", members(300, "m"));
        jedis.spop("s:pop2", 100);
        assertThat(jedis.objectEncoding("s:pop2")).isEqualTo("hashtable");
        jedis.sadd("s:popint", members(100, ""));
        jedis.spop("s:popint", 90);
        assertThat(jedis.objectEncoding("s:popint")).isEqualTo("intset");
        assertThat(jedis.scard("s:popint")).isEqualTo(10);
        String one = jedis.spop("s:pop");
        assertThat(jedis.sismember("s:pop", one)).isFalse();
        assertThat(jedis.scard("s:pop")).isEqualTo(49);
    }

    @Test
    void redisCliShowsSets() {
        RedisTools.cli(server.port(), "sadd", "s:cli", "x");
        assertThat(RedisTools.cli(server.port(), "-3", "--no-raw", "smembers", "s:cli")).isEqualTo("1~ \"x\"");
        assertThat(RedisTools.cli(server.port(), "smembers", "s:cli")).isEqualTo("x");
    }
}
