package io.redoubt.command.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KeyValue;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.redoubt.support.RedisTools;
import io.redoubt.support.RespProbe;
import io.redoubt.support.ServerWithClients;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Hash commands over real sockets: Jedis speaks RESP2, Lettuce RESP3, {@link RespProbe} shows exact reply
 * types. Covers what a differential script cannot: encodings at the thresholds, HSCAN of a large hash,
 * HRANDFIELD's randomness, the generic commands on hashes, redis-cli's rendering.
 */
class HashCommandsTest extends ServerWithClients {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";


    private static Map<String, String> fields(int n, String prefix) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            m.put(prefix + i, "v" + i);
        }
        return m;
    }

    @Test
    void readsAndWritesInBothProtocols() throws Exception {
        Map<String, String> ab = new java.util.LinkedHashMap<>(); // a listpack keeps insertion order
        ab.put("a", "1");
        ab.put("b", "2");
        assertThat(jedis.hset("h:rw", ab)).isEqualTo(2);
        assertThat(lettuce.hset("h:rw", "c", "3")).isTrue();
        assertThat(jedis.hgetAll("h:rw")).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
        assertThat(lettuce.hgetall("h:rw")).isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
        assertThat(lettuce.hmget("h:rw", "a", "nope")).containsExactly(KeyValue.just("a", "1"), KeyValue.empty("nope"));
        assertThat(lettuce.hincrbyfloat("h:rw", "a", 0.5)).isEqualTo(1.5);
        assertThat(jedis.hincrBy("h:rw", "b", -3)).isEqualTo(-1);
        assertThat(lettuce.hstrlen("h:rw", "a")).isEqualTo(3);
        try (RespProbe p = RespProbe.open(server.port(), 3)) {
            assertThat(p.call("HGETALL", "h:rw")).isEqualTo("{\"a\": \"1.5\", \"b\": \"-1\", \"c\": \"3\"}");
            assertThat(p.call("HEXISTS", "h:rw", "a")).isEqualTo(":1");
        }
        assertThat(jedis.hdel("h:rw", "a", "b", "c", "d")).isEqualTo(3);
        assertThat(jedis.exists("h:rw")).as("an emptied hash deletes its key").isFalse();
    }

    @Test
    void encodingFollowsTheThresholds() {
        jedis.hset("h:enc", fields(128, "f"));
        assertThat(jedis.objectEncoding("h:enc")).isEqualTo("listpack");
        jedis.hset("h:enc", "f128", "v");
        assertThat(jedis.objectEncoding("h:enc")).isEqualTo("hashtable");

        jedis.hset("h:many", "a", "1");
        String[] repeats = new String[129 * 2];
        java.util.Arrays.fill(repeats, "a");
        jedis.hset("h:many", repeats[0], repeats[1]);
        assertThat(jedis.objectEncoding("h:many")).isEqualTo("listpack");
        jedis.sendCommand(redis.clients.jedis.Protocol.Command.HSET, concat("h:many", repeats));
        assertThat(jedis.hlen("h:many")).isEqualTo(1);
        assertThat(jedis.objectEncoding("h:many")).as("converted for the pairs given").isEqualTo("hashtable");

        jedis.hset("h:len", "f", "x".repeat(64));
        assertThat(jedis.objectEncoding("h:len")).isEqualTo("listpack");
        jedis.hset("h:len", "f", "x".repeat(65));
        assertThat(jedis.objectEncoding("h:len")).isEqualTo("hashtable");

        try {
            jedis.configSet("hash-max-listpack-entries", "2");
            jedis.configSet("hash-max-listpack-value", "4");
            jedis.hset("h:cfg", Map.of("a", "1", "b", "2"));
            assertThat(jedis.objectEncoding("h:cfg")).isEqualTo("listpack");
            jedis.hset("h:cfg", "c", "3");
            assertThat(jedis.objectEncoding("h:cfg")).isEqualTo("hashtable");
            jedis.hset("h:cfg2", "a", "12345");
            assertThat(jedis.objectEncoding("h:cfg2")).isEqualTo("hashtable");
            assertThat(jedis.configGet("hash-max-listpack-*"))
                .isEqualTo(Map.of("hash-max-listpack-entries", "2", "hash-max-listpack-value", "4"));
        } finally {
            jedis.configSet("hash-max-listpack-entries", "128");
            jedis.configSet("hash-max-listpack-value", "64");
        }
    }

    private static String[] concat(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void wrongTypeAcrossTypes() {
        jedis.set("h:str", "v");
        jedis.sadd("h:set", "m");
        jedis.hset("h:hash", "f", "v");
        for (String key : List.of("h:str", "h:set")) {
            assertThatThrownBy(() -> jedis.hset(key, "f", "v")).hasMessage(WRONGTYPE);
            assertThatThrownBy(() -> jedis.hget(key, "f")).hasMessage(WRONGTYPE);
            assertThatThrownBy(() -> jedis.hgetAll(key)).hasMessage(WRONGTYPE);
            assertThatThrownBy(() -> lettuce.hrandfield(key)).hasMessage(WRONGTYPE);
            assertThatThrownBy(() -> lettuce.hscan(key)).hasMessage(WRONGTYPE);
        }
        assertThatThrownBy(() -> jedis.get("h:hash")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> jedis.incr("h:hash")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> jedis.append("h:hash", "x")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> jedis.sadd("h:hash", "x")).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> jedis.smembers("h:hash")).hasMessage(WRONGTYPE);
        assertThat(jedis.hget("h:hash", "f")).isEqualTo("v"); // untouched
    }

    @Test
    void genericCommandsSeeHashes() {
        jedis.hset("h:gen", Map.of("a", "1", "b", "2"));
        assertThat(jedis.type("h:gen")).isEqualTo("hash");
        assertThat(lettuce.type("h:gen")).isEqualTo("hash");
        assertThat(jedis.copy("h:gen", "h:gen2", false)).isTrue();
        jedis.hset("h:gen2", "a", "changed");
        assertThat(jedis.hget("h:gen", "a")).isEqualTo("1");
        assertThat(jedis.objectEncoding("h:gen2")).isEqualTo("listpack");
        jedis.hset("h:gen3", fields(200, "f"));
        jedis.copy("h:gen3", "h:gen4", false);
        assertThat(jedis.objectEncoding("h:gen4")).isEqualTo("hashtable");
        assertThat(jedis.hgetAll("h:gen4")).isEqualTo(jedis.hgetAll("h:gen3"));

        Set<String> hashes = new HashSet<>();
        String cursor = "0";
        do {
            ScanResult<String> r = jedis.scan(cursor, new ScanParams().match("h:gen*").count(100), "hash");
            hashes.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
        assertThat(hashes).containsExactlyInAnyOrder("h:gen", "h:gen2", "h:gen3", "h:gen4");
        jedis.set("h:genstr", "x");
        assertThat(jedis.scan("0", new ScanParams().match("h:genstr").count(1000), "hash").getResult()).isEmpty();
    }

    @Test
    void hscanReturnsEveryFieldOfALargeHashWhileItChanges() {
        Map<String, String> all = fields(5000, "f");
        jedis.hset("h:scan", all);
        Map<String, String> seen = new HashMap<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        int calls = 0;
        do {
            MapScanCursor<String, String> r = lettuce.hscan("h:scan", cursor, ScanArgs.Builder.limit(50));
            seen.putAll(r.getMap());
            cursor = r;
            // fields added and removed between calls make the table grow and rehash under the scan
            lettuce.hset("h:scan", "extra" + calls, "x");
            calls++;
        } while (!cursor.isFinished());
        assertThat(seen).containsAllEntriesOf(all);
        assertThat(calls).isGreaterThan(10);

        Map<String, String> matched = new HashMap<>();
        ScanResult<Map.Entry<String, String>> r;
        String jcursor = "0";
        do {
            r = jedis.hscan("h:scan", jcursor, new ScanParams().match("f1??").count(100));
            r.getResult().forEach(e -> matched.put(e.getKey(), e.getValue()));
            jcursor = r.getCursor();
        } while (!jcursor.equals("0"));
        assertThat(matched).hasSize(100).containsEntry("f123", "v123");
    }

    @Test
    void hrandfieldIsRandomAndDistinctForAPositiveCount() {
        for (int size : List.of(10, 300)) { // listpack and hashtable
            String key = "h:rand" + size;
            jedis.hset(key, fields(size, "f"));
            for (int count : List.of(1, 3, size / 2, size - 1, size)) {
                List<String> got = jedis.hrandfield(key, count);
                assertThat(got).hasSize(count).doesNotHaveDuplicates();
            }
            assertThat(jedis.hrandfield(key, size + 5)).hasSize(size).doesNotHaveDuplicates();
            assertThat(jedis.hrandfield(key, -(size * 3))).hasSize(size * 3);
            List<Map.Entry<String, String>> pairs = jedis.hrandfieldWithValues(key, 5);
            pairs.forEach(e -> assertThat(e.getValue()).isEqualTo("v" + e.getKey().substring(1)));
            List<KeyValue<String, String>> kv = lettuce.hrandfieldWithvalues(key, -4);
            assertThat(kv).hasSize(4);
            kv.forEach(e -> assertThat(e.getValue()).isEqualTo("v" + e.getKey().substring(1)));
        }
        // every field of a small hash comes up about as often as the others
        Map<String, Integer> hits = new HashMap<>();
        for (String f : jedis.hrandfield("h:rand10", -10000)) {
            hits.merge(f, 1, Integer::sum);
        }
        assertThat(hits).hasSize(10);
        assertThat(hits.values()).allSatisfy(n -> assertThat(n).isBetween(700, 1300));
    }

    @Test
    void hrandfieldWithValuesIsAnArrayOfPairsInResp3() throws Exception {
        jedis.hset("h:pairs", "a", "1");
        try (RespProbe p3 = RespProbe.open(server.port(), 3); RespProbe p2 = RespProbe.open(server.port(), 2)) {
            assertThat(p3.call("HRANDFIELD", "h:pairs", "-2", "WITHVALUES"))
                .isEqualTo("[[\"a\", \"1\"], [\"a\", \"1\"]]");
            assertThat(p2.call("HRANDFIELD", "h:pairs", "-2", "WITHVALUES"))
                .isEqualTo("[\"a\", \"1\", \"a\", \"1\"]");
        }
    }

    @Test
    void errorsForBadArguments() {
        jedis.hset("h:err", "f", "abc");
        assertThatThrownBy(() -> jedis.hincrBy("h:err", "f", 1)).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR hash value is not an integer");
        assertThatThrownBy(() -> jedis.hincrByFloat("h:err", "f", 1)).hasMessage("ERR hash value is not a float");
        assertThatThrownBy(() -> lettuce.hscan("h:err", ScanCursor.of("x"))).hasMessage("ERR invalid cursor");
    }

    @Test
    void redisCliShowsHashes() {
        RedisTools.cli(server.port(), "hset", "h:cli", "a", "1", "b", "2");
        assertThat(RedisTools.cli(server.port(), "hgetall", "h:cli")).isEqualTo("a\n1\nb\n2");
        assertThat(RedisTools.cli(server.port(), "-3", "--no-raw", "hgetall", "h:cli"))
            .isEqualTo("1# \"a\" => \"1\"\n2# \"b\" => \"2\"");
        assertThat(RedisTools.cli(server.port(), "--no-raw", "hscan", "h:cli", "0"))
            .isEqualTo("1) \"0\"\n2) 1) \"a\"\n   2) \"1\"\n   3) \"b\"\n   4) \"2\"");
    }
}
