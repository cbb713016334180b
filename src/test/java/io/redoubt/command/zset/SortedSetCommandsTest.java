package io.redoubt.command.zset;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redoubt.support.RespProbe;
import io.redoubt.support.RedisTools;
import io.redoubt.support.TestServer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * What the differential test cannot compare with the installed Redis 7.0: 7.2's score printing and ZRANK
 * WITHSCORE, random replies, encodings under changed thresholds, the generic commands on sorted sets, and
 * real clients: Jedis (RESP2), Lettuce (RESP3) and redis-cli.
 */
class SortedSetCommandsTest {
    static TestServer server;
    static Jedis jedis;
    static RedisClient lettuceClient;
    static StatefulRedisConnection<String, String> lettuceConnection;
    static RedisCommands<String, String> lettuce;
    static RespProbe resp2;
    static RespProbe resp3;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
        jedis = new Jedis(server.host(), server.port());
        lettuceClient = RedisClient.create(server.uri());
        lettuceConnection = lettuceClient.connect();
        lettuce = lettuceConnection.sync();
        resp2 = RespProbe.open(server.port(), 2);
        resp3 = RespProbe.open(server.port(), 3);
    }

    @AfterAll
    static void stop() throws Exception {
        resp2.close();
        resp3.close();
        jedis.close();
        lettuceConnection.close();
        lettuceClient.shutdown();
        server.close();
    }

    @BeforeEach
    void empty() {
        jedis.flushAll();
        jedis.configSet("zset-max-listpack-entries", "128");
        jedis.configSet("zset-max-listpack-value", "64");
    }

    /** The reply in both protocols, as RespProbe renders it: {resp2, resp3}. */
    private static List<String> both(String... args) throws Exception {
        return List.of(resp2.call(args), resp3.call(args));
    }

    @Test
    void scoresPrintInTheShortestForm() throws Exception {
        jedis.zadd("z", 0.1, "a");
        assertThat(both("zscore", "z", "a")).containsExactly("\"0.1\"", ",0.1");
        assertThat(resp2.call("zincrby", "z", "0.2", "a")).isEqualTo("\"0.30000000000000004\"");
        assertThat(resp3.call("zincrby", "z", "0", "a")).isEqualTo(",0.30000000000000004");
        jedis.configSet("zset-max-listpack-entries", "0"); // a listpack would store -0 as the integer 0
        assertThat(resp2.call("zadd", "z", "3.0", "b", "1e300", "c", "-0.0", "d")).isEqualTo(":3");
        assertThat(both("zrange", "z", "0", "-1", "withscores")).containsExactly(
            "[\"d\", \"-0\", \"a\", \"0.30000000000000004\", \"b\", \"3\", \"c\", \"1e+300\"]",
            "[[\"d\", ,-0], [\"a\", ,0.30000000000000004], [\"b\", ,3], [\"c\", ,1e+300]]");
        assertThat(resp3.call("zadd", "z", "incr", "inf", "b")).isEqualTo(",inf");
        assertThat(resp2.call("zscore", "z", "b")).isEqualTo("\"inf\"");
        assertThat(both("zincrby", "z", "-inf", "b"))
            .containsOnly("-ERR resulting score is not a number (NaN)");
        assertThat(both("zmscore", "z", "a", "x")).containsExactly("[\"0.30000000000000004\", $-1]",
            "[,0.30000000000000004, _]");
        assertThat(lettuce.zscore("z", "a")).isEqualTo(0.30000000000000004);
        assertThat(jedis.zscore("z", "c")).isEqualTo(1e300);
    }

    @Test
    void rankWithScore() throws Exception {
        jedis.zadd("z", 1.5, "a");
        jedis.zadd("z", 2, "b");
        assertThat(both("zrank", "z", "b", "withscore")).containsExactly("[:1, \"2\"]", "[:1, ,2]");
        assertThat(both("zrevrank", "z", "b", "WITHSCORE")).containsExactly("[:0, \"2\"]", "[:0, ,2]");
        assertThat(both("zrank", "z", "x", "withscore")).containsExactly("*-1", "_");
        assertThat(both("zrank", "z", "x")).containsExactly("$-1", "_");
        assertThat(both("zrank", "z", "a", "withscores")).containsOnly("-ERR syntax error");
        assertThat(both("zrank", "z", "a", "withscore", "x")).containsOnly("-ERR syntax error");
        assertThat(jedis.zrankWithScore("z", "a").getValue()).isEqualTo(1.5);
    }

    @Test
    void popsInBothProtocols() throws Exception {
        jedis.zadd("z", 1, "a");
        jedis.zadd("z", 2, "b");
        jedis.zadd("z", 3, "c");
        assertThat(both("zpopmin", "z")).containsExactly("[\"a\", \"1\"]", "[\"b\", ,2]");
        assertThat(resp3.call("zpopmax", "z", "1")).isEqualTo("[[\"c\", ,3]]");
        assertThat(jedis.exists("z")).isFalse(); // emptied: deleted
        jedis.zadd("z", 1, "a");
        assertThat(resp3.call("zmpop", "1", "z", "min")).isEqualTo("[\"z\", [[\"a\", ,1]]]");
        assertThat(resp3.call("zmpop", "1", "z", "min")).isEqualTo("_");
        assertThat(lettuce.zpopmin("nokey", 2)).isEmpty();
    }

    @Test
    void randomMembers() throws Exception {
        for (int i = 0; i < 200; i++) {
            jedis.zadd("z", i, "m" + i);
        }
        List<String> distinct = jedis.zrandmember("z", 50);
        assertThat(distinct).hasSize(50).doesNotHaveDuplicates().allMatch(m -> m.startsWith("m"));
        assertThat(jedis.zrandmember("z", 500)).hasSize(200).doesNotHaveDuplicates();
        assertThat(jedis.zrandmember("z", -500)).hasSize(500);
        List<Tuple> withScores = jedis.zrandmemberWithScores("z", 5);
        assertThat(withScores).allMatch(t -> t.getElement().equals("m" + (int) t.getScore()));
        List<ScoredValue<String>> lettuceScores = lettuce.zrandmemberWithScores("z", -3);
        assertThat(lettuceScores).hasSize(3).allMatch(v -> v.getValue().equals("m" + (int) v.getScore()));
        assertThat(jedis.zrandmember("z")).startsWith("m");
        assertThat(resp3.call("zrandmember", "z", "2", "withscores")).startsWith("[[");
        assertThat(resp2.call("zrandmember", "z", "0", "withscores")).isEqualTo("[]");
    }

    @Test
    void encodingsFollowTheThresholds() throws Exception {
        jedis.configSet("zset-max-listpack-entries", "3");
        jedis.zadd("z", 1, "a");
        jedis.zadd("z", 2, "b");
        jedis.zadd("z", 3, "c");
        assertThat(jedis.objectEncoding("z")).isEqualTo("listpack");
        jedis.zadd("z", 4, "d");
        assertThat(jedis.objectEncoding("z")).isEqualTo("skiplist");
        jedis.zrem("z", "a", "b");
        assertThat(jedis.objectEncoding("z")).isEqualTo("skiplist"); // never converted back in place
        jedis.zunionstore("small", "z");
        assertThat(jedis.objectEncoding("small")).isEqualTo("listpack"); // stores pick by size
        jedis.configSet("zset-max-listpack-value", "2");
        jedis.zadd("small", 1, "abc");
        assertThat(jedis.objectEncoding("small")).isEqualTo("skiplist");
        jedis.configSet("zset-max-listpack-entries", "0");
        jedis.zadd("zero", 1, "a");
        assertThat(jedis.objectEncoding("zero")).isEqualTo("skiplist");
        assertThat(jedis.configGet("zset-max-listpack-*")).containsEntry("zset-max-listpack-entries", "0")
            .containsEntry("zset-max-listpack-value", "2");
    }

    @Test
    void genericCommandsSeeSortedSets() {
        jedis.zadd("z", 1, "a");
        jedis.set("s", "x");
        assertThat(jedis.type("z")).isEqualTo("zset");
        assertThat(jedis.scan("0", new redis.clients.jedis.params.ScanParams(), "zset").getResult())
            .containsExactly("z");
        assertThat(jedis.copy("z", "z2", false)).isTrue();
        jedis.zadd("z2", 5, "a");
        assertThat(jedis.zscore("z", "a")).isEqualTo(1.0); // a deep copy
        assertThat(jedis.objectRefcount("z")).isEqualTo(1);
        jedis.zremrangeByScore("z", "-inf", "+inf");
        assertThat(jedis.exists("z")).isFalse();
    }

    @Test
    void zscanCoversALargeSetAcrossCalls() {
        for (int i = 0; i < 1000; i++) {
            jedis.zadd("z", i, "m" + i);
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        do {
            ScanResult<Tuple> page = jedis.zscan("z", cursor);
            for (Tuple t : page.getResult()) {
                if (t.getElement().startsWith("m")) {
                    assertThat(t.getElement()).isEqualTo("m" + (int) t.getScore());
                }
                seen.add(t.getElement());
            }
            cursor = page.getCursor();
            jedis.zadd("z", 5000, "new" + seen.size()); // grows the table while scanning
        } while (!cursor.equals("0"));
        for (int i = 0; i < 1000; i++) {
            assertThat(seen).contains("m" + i);
        }
    }

    @Test
    void setOperationsWithClients() {
        jedis.zadd("a", 1, "x");
        jedis.zadd("a", 2, "y");
        jedis.zadd("b", 10, "y");
        assertThat(lettuce.zunionWithScores("a", "b"))
            .containsExactly(ScoredValue.just(1, "x"), ScoredValue.just(12, "y"));
        assertThat(lettuce.zinter("a", "b")).containsExactly("y");
        assertThat(lettuce.zdiff("a", "b")).containsExactly("x");
        assertThat(lettuce.zintercard("a", "b")).isEqualTo(1);
        assertThat(jedis.zrangeByScoreWithScores("a", "(1", "+inf")).containsExactly(new Tuple("y", 2.0));
    }

    @Test
    void redisCliShowsScores() {
        jedis.zadd("z", 0.1, "a");
        jedis.zadd("z", 2, "b");
        assertThat(RedisTools.cli(server.port(), "ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo("a\n0.1\nb\n2");
        assertThat(RedisTools.cli(server.port(), "-3", "ZSCORE", "z", "a")).isEqualTo("0.1");
        assertThat(RedisTools.cli(server.port(), "-3", "--no-raw", "ZRANGE", "z", "0", "-1", "WITHSCORES"))
            .isEqualTo("1) 1) \"a\"\n   2) (double) 0.1\n2) 1) \"b\"\n   2) (double) 2");
    }
}
