package io.redoubt.command.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.LMPopArgs;
import io.lettuce.core.LMoveArgs;
import io.lettuce.core.LPosArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redoubt.support.RespProbe;
import io.redoubt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ListDirection;
import redis.clients.jedis.args.ListPosition;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.LPosParams;
import redis.clients.jedis.params.ScanParams;

/**
 * The list commands through Jedis (RESP2) and Lettuce (RESP3), the null forms of both protocols, Redis 7.2's
 * listpack/quicklist encoding rules, and lists seen by TYPE, SCAN TYPE, COPY and string commands.
 */
class ListCommandsTest {
    static TestServer server;
    static Jedis jedis;
    static RedisClient lettuceClient;
    static StatefulRedisConnection<String, String> connection;
    static RedisCommands<String, String> lettuce;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jedis = new Jedis(server.host(), server.port());
        lettuceClient = RedisClient.create(server.uri());
        connection = lettuceClient.connect();
        lettuce = connection.sync();
    }

    @AfterAll
    static void stop() {
        jedis.close();
        connection.close();
        lettuceClient.shutdown();
        server.close();
    }

    @BeforeEach
    void flush() {
        jedis.flushAll();
    }

    @Test
    void jedisPushPopAndRanges() {
        assertThat(jedis.rpush("l", "a", "b", "c")).isEqualTo(3);
        assertThat(jedis.lpush("l", "z")).isEqualTo(4);
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("z", "a", "b", "c");
        assertThat(jedis.lindex("l", -1)).isEqualTo("c");
        assertThat(jedis.linsert("l", ListPosition.AFTER, "a", "a2")).isEqualTo(5);
        assertThat(jedis.lset("l", 0, "zz")).isEqualTo("OK");
        assertThat(jedis.lpos("l", "b")).isEqualTo(3);
        assertThat(jedis.lpos("l", "a2", LPosParams.lPosParams().rank(-1))).isEqualTo(2);
        assertThat(jedis.lpop("l", 2)).containsExactly("zz", "a");
        assertThat(jedis.rpop("l")).isEqualTo("c");
        assertThat(jedis.lmove("l", "m", ListDirection.LEFT, ListDirection.RIGHT)).isEqualTo("a2");
        assertThat(jedis.lmpop(ListDirection.RIGHT, 5, "none", "l").getValue()).containsExactly("b");
        assertThat(jedis.exists("l")).isFalse();
        assertThat(jedis.lpop("l")).isNull();
        assertThat(jedis.lpop("l", 3)).isNull();
        assertThatThrownBy(() -> jedis.lset("l", 0, "x")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR no such key");
        jedis.rpush("l", "x");
        assertThatThrownBy(() -> jedis.lset("l", 5, "x")).isInstanceOf(JedisDataException.class)
            .hasMessage("ERR index out of range");
    }

    @Test
    void lettuceSpeaksResp3() {
        assertThat(lettuce.rpush("l", "a", "b", "a")).isEqualTo(3);
        assertThat(lettuce.lpos("l", "a", 0, LPosArgs.Builder.rank(1))).containsExactly(0L, 2L);
        assertThat(lettuce.lpos("l", "zz")).isNull();
        assertThat(lettuce.lmove("l", "d", LMoveArgs.Builder.rightLeft())).isEqualTo("a");
        assertThat(lettuce.lmpop(LMPopArgs.Builder.left().count(5), "none", "l").getValue()).containsExactly("a", "b");
        assertThat(lettuce.lpop("l")).isNull();
        assertThat(lettuce.lpop("l", 2)).isEmpty();
        assertThat(lettuce.llen("d")).isEqualTo(1);
        assertThat(lettuce.lrem("d", 0, "a")).isEqualTo(1);
        assertThat(lettuce.exists("d")).isZero();
    }

    @Test
    void nullFormsDifferByProtocolAndCount() throws Exception {
        try (RespProbe two = RespProbe.open(server.port(), 2); RespProbe three = RespProbe.open(server.port(), 3)) {
            assertThat(two.call("LPOP", "none")).isEqualTo("$-1");
            assertThat(two.call("LPOP", "none", "1")).isEqualTo("*-1");
            assertThat(two.call("LMPOP", "1", "none", "LEFT")).isEqualTo("*-1");
            assertThat(two.call("LPOS", "none", "x")).isEqualTo("$-1");
            assertThat(two.call("LPOS", "none", "x", "COUNT", "0")).isEqualTo("[]");
            assertThat(three.call("LPOP", "none")).isEqualTo("_");
            assertThat(three.call("LPOP", "none", "1")).isEqualTo("_");
            assertThat(three.call("LMOVE", "none", "d", "LEFT", "LEFT")).isEqualTo("_");
            three.call("RPUSH", "l", "a");
            assertThat(three.call("LPOP", "l", "0")).isEqualTo("[]");
            assertThat(three.call("LMPOP", "1", "l", "LEFT")).isEqualTo("[\"l\", [\"a\"]]");
        }
    }

    @Test
    void smallListsAreListpacksAndGrowIntoQuicklistsAsInRedis72() {
        String eighty = "x".repeat(80);
        String[] hundred = new String[100];
        java.util.Arrays.fill(hundred, eighty);
        jedis.rpush("l", hundred); // 8000 raw bytes + 7: still within 8 KB by Redis's estimate
        assertThat(jedis.objectEncoding("l")).isEqualTo("listpack");
        jedis.rpush("l", "a"); // now the real listpack size (8307) is counted
        assertThat(jedis.objectEncoding("l")).isEqualTo("quicklist");
        jedis.ltrim("l", 0, 60); // 61 * 83 + 7 = 5070: more than half a node, stays
        assertThat(jedis.objectEncoding("l")).isEqualTo("quicklist");
        jedis.ltrim("l", 0, 40); // 3410 bytes: fits in half a node, back to listpack
        assertThat(jedis.objectEncoding("l")).isEqualTo("listpack");
        jedis.rpush("big", "y".repeat(8185));
        assertThat(jedis.objectEncoding("big")).isEqualTo("listpack");
        jedis.rpush("bigger", "y".repeat(8186));
        assertThat(jedis.objectEncoding("bigger")).isEqualTo("quicklist");
        jedis.rpush("s", "1");
        jedis.lset("s", 0, "z".repeat(9000)); // LSET grows the encoding before replacing
        assertThat(jedis.objectEncoding("s")).isEqualTo("quicklist");
        jedis.lset("s", 0, "small");
        assertThat(jedis.objectEncoding("s")).isEqualTo("listpack");
    }

    @Test
    void listsThroughTypeScanCopyAndStringCommands() {
        jedis.rpush("l", "a", "b");
        jedis.set("s", "v");
        assertThat(jedis.type("l")).isEqualTo("list");
        assertThat(jedis.scan("0", new ScanParams().count(100), "list").getResult()).containsExactly("l");
        assertThat(lettuce.scan(KeyScanArgs.Builder.type("list")).getKeys()).containsExactly("l");
        assertThat(jedis.copy("l", "c", false)).isTrue();
        jedis.rpush("c", "only-in-copy");
        assertThat(jedis.lrange("l", 0, -1)).containsExactly("a", "b");
        assertThat(jedis.lrange("c", 0, -1)).containsExactly("a", "b", "only-in-copy");
        assertThat(jedis.objectEncoding("c")).isEqualTo("listpack");
        assertThatThrownBy(() -> jedis.get("l")).hasMessageStartingWith("WRONGTYPE");
        assertThatThrownBy(() -> jedis.lpush("s", "x")).hasMessageStartingWith("WRONGTYPE");
        assertThat(jedis.rpushx("none", "x")).isZero();
        assertThat(jedis.exists("none")).isFalse();
        assertThat(jedis.lpos("l", "b", LPosParams.lPosParams(), 0)).containsExactly(1L);
        assertThat(jedis.del("l")).isEqualTo(1);
        assertThat(jedis.type("l")).isEqualTo("none");
    }

    @Test
    void commandGetKeysReadsListKeySpecs() {
        assertThat(jedis.commandGetKeys("BLMPOP", "0", "2", "a", "b", "LEFT")).containsExactly("a", "b");
        assertThat(jedis.commandGetKeys("LMOVE", "a", "b", "LEFT", "LEFT")).containsExactly("a", "b");
        assertThat(jedis.commandGetKeys("BLPOP", "a", "b", "0")).containsExactly("a", "b");
    }
}
