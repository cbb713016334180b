package io.redoubt.command.server;

import static io.redoubt.command.server.CommandCommandTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.FlushMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** TIME, DBSIZE, FLUSHDB, FLUSHALL and SWAPDB. */
class KeyspaceServerCommandsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void empty() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.flushAll();
        }
    }

    @Test
    void time() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            List<String> t = jedis.time();
            assertThat(t).hasSize(2);
            assertThat(Long.parseLong(t.get(0))).isCloseTo(System.currentTimeMillis() / 1000,
                org.assertj.core.data.Offset.offset(5L));
            assertThat(Long.parseLong(t.get(1))).isBetween(0L, 999_999L);
            assertError(jedis, "ERR wrong number of arguments for 'time' command", "TIME", "x");
        }
    }

    @Test
    void dbsizeAndFlushdbStayInTheSelectedDatabase() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.set("a", "1");
            jedis.select(1);
            jedis.set("b", "1");
            jedis.set("c", "1");
            assertThat(jedis.dbSize()).isEqualTo(2);
            assertThat(jedis.flushDB()).isEqualTo("OK");
            assertThat(jedis.dbSize()).isZero();
            jedis.select(0);
            assertThat(jedis.dbSize()).isEqualTo(1);
            assertError(jedis, "ERR wrong number of arguments for 'dbsize' command", "DBSIZE", "x");
            assertError(jedis, "ERR syntax error", "FLUSHDB", "LATER");
            assertError(jedis, "ERR syntax error", "FLUSHDB", "ASYNC", "SYNC");
        }
    }

    @Test
    void flushallEmptiesEveryDatabaseInEitherMode() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect();
             Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.set("a", "1");
            jedis.select(2);
            jedis.set("b", "1");
            assertThat(conn.sync().flushall(FlushMode.ASYNC)).isEqualTo("OK");
            assertThat(jedis.dbSize()).isZero();
            jedis.set("c", "1");
            assertThat(conn.sync().flushall(FlushMode.SYNC)).isEqualTo("OK");
            assertThat(jedis.dbSize()).isZero();
            assertThat(conn.sync().flushdb(FlushMode.SYNC)).isEqualTo("OK");
            assertError(jedis, "ERR syntax error", "FLUSHALL", "x");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void swapdbExchangesContents() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect();
             Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.set("in0", "zero");
            jedis.select(1);
            jedis.set("in1", "one");
            assertThat(jedis.swapDB(0, 1)).isEqualTo("OK");
            assertThat(jedis.get("in0")).isEqualTo("zero"); // still in db 1, which now holds db 0's keys
            assertThat(jedis.get("in1")).isNull();
            assertThat(conn.sync().swapdb(1, 0)).isEqualTo("OK");
            assertThat(conn.sync().get("in0")).isEqualTo("zero");
            assertThat(jedis.swapDB(3, 3)).isEqualTo("OK");
            assertError(jedis, "ERR invalid first DB index", "SWAPDB", "x", "1");
            assertError(jedis, "ERR invalid second DB index", "SWAPDB", "1", "x");
            assertError(jedis, "ERR DB index is out of range", "SWAPDB", "0", "16");
            assertError(jedis, "ERR DB index is out of range", "SWAPDB", "-1", "0");
            assertError(jedis, "ERR wrong number of arguments for 'swapdb' command", "SWAPDB", "0");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void lettuceTimeAndDbsize() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            List<String> time = conn.sync().time();
            assertThat(Long.parseLong(time.get(0))).isCloseTo(System.currentTimeMillis() / 1000,
                org.assertj.core.data.Offset.offset(5L));
            conn.sync().set("d1", "v");
            conn.sync().set("d2", "v");
            assertThat(conn.sync().dbsize()).isEqualTo(2L);
        } finally {
            client.shutdown();
        }
    }
}
