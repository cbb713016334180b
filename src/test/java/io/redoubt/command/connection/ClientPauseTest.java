package io.redoubt.command.connection;

import static io.redoubt.command.connection.ClientCommandTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;

/**
 * CLIENT PAUSE and UNPAUSE: held commands wait (without blocking the server) until the pause ends, commands
 * the mode lets through answer at once, and the order of a connection's commands is kept.
 */
class ClientPauseTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void unpause() {
        server.server().pause().unpause();
    }

    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void pauseWriteDelaysSetWhileGetAnswers() throws Exception {
        try (Jedis admin = new Jedis(server.host(), server.port());
             Jedis reader = new Jedis(server.host(), server.port());
             Jedis writer = new Jedis(server.host(), server.port())) {
            admin.set("k", "before");
            assertThat(admin.clientPause(1500, ClientPauseMode.WRITE)).isEqualTo("OK");
            long start = System.nanoTime();
            CompletableFuture<String> set = CompletableFuture.supplyAsync(() -> writer.set("k", "after"));
            assertThat(reader.get("k")).isEqualTo("before");
            assertThat(reader.ping()).isEqualTo("PONG");
            assertThat(millisSince(start)).isLessThan(1200);
            assertThat(set.isDone()).isFalse();
            assertThat(set.get(5, TimeUnit.SECONDS)).isEqualTo("OK");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(1300);
            assertThat(reader.get("k")).isEqualTo("after");
        }
    }

    @Test
    void unpauseReleasesHeldCommandsAtOnce() throws Exception {
        try (Jedis admin = new Jedis(server.host(), server.port());
             Jedis writer = new Jedis(server.host(), server.port())) {
            admin.clientPause(30_000, ClientPauseMode.WRITE);
            long start = System.nanoTime();
            long writerId = writer.clientId();
            CompletableFuture<Long> del = CompletableFuture.supplyAsync(() -> writer.del("x"));
            Thread.sleep(200);
            assertThat(del.isDone()).isFalse();
            // a held client shows flag b and counts as blocked, as in Redis
            assertThat(admin.clientList(writerId)).contains(" flags=b ");
            assertThat(admin.info("clients")).contains("blocked_clients:1\r\n");
            assertThat(admin.clientUnpause()).isEqualTo("OK");
            assertThat(del.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(millisSince(start)).isLessThan(5000);
        }
    }

    @Test
    void pauseWriteHoldsPublishWhichGoesToReplicas() throws Exception {
        try (Jedis admin = new Jedis(server.host(), server.port());
             Jedis publisher = new Jedis(server.host(), server.port())) {
            admin.clientPause(30_000, ClientPauseMode.WRITE);
            long publisherId = publisher.clientId();
            CompletableFuture<Long> published = CompletableFuture.supplyAsync(() -> publisher.publish("ch", "m"));
            Thread.sleep(200);
            assertThat(published.isDone()).isFalse(); // may_replicate, as in Redis 7
            assertThat(admin.clientList(publisherId)).contains(" flags=b ");
            assertThat(admin.clientUnpause()).isEqualTo("OK");
            assertThat(published.get(5, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void pauseAllHoldsEveryCommandIncludingReads() throws Exception {
        try (Jedis admin = new Jedis(server.host(), server.port());
             Jedis other = new Jedis(server.host(), server.port())) {
            assertThat(admin.clientPause(500)).isEqualTo("OK");
            long start = System.nanoTime();
            assertThat(other.ping()).isEqualTo("PONG");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void pipelinedCommandsKeepTheirOrderAcrossThePause() throws Exception {
        try (Jedis admin = new Jedis(server.host(), server.port());
             RawConnection raw = new RawConnection(server.port())) {
            admin.clientPause(1500, ClientPauseMode.WRITE);
            long start = System.nanoTime();
            // GET runs at once, SET waits, and the GET after it must wait too and see its value
            raw.send("GET p\r\nSET p 1\r\nGET p\r\n");
            assertThat(raw.line()).isEqualTo("$-1");
            assertThat(millisSince(start)).isLessThan(1200);
            assertThat(raw.line()).isEqualTo("+OK");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(1300);
            assertThat(raw.line()).isEqualTo("$1");
            assertThat(raw.line()).isEqualTo("1");
        }
    }

    @Test
    void refusedCommandsAreNotHeld() throws Exception {
        try (Jedis admin = new Jedis(server.host(), server.port());
             RawConnection raw = new RawConnection(server.port())) {
            admin.clientPause(5_000, ClientPauseMode.ALL);
            long start = System.nanoTime();
            raw.send("NOSUCHCOMMAND\r\nSET onlykey\r\n");
            assertThat(raw.line()).startsWith("-ERR unknown command 'NOSUCHCOMMAND'");
            assertThat(raw.line()).isEqualTo("-ERR wrong number of arguments for 'set' command");
            assertThat(millisSince(start)).isLessThan(2000);
        }
    }

    @Test
    void lettuceWaitsOutAPause() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect();
             Jedis admin = new Jedis(server.host(), server.port())) {
            assertThat(conn.sync().clientPause(300)).isEqualTo("OK");
            long start = System.nanoTime();
            assertThat(conn.sync().set("lk", "v")).isEqualTo("OK");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(200);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void errorsAsRedis() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            assertError(jedis, "ERR wrong number of arguments for 'client|pause' command", "CLIENT", "PAUSE");
            assertError(jedis, "ERR timeout is not an integer or out of range", "CLIENT", "PAUSE", "abc");
            assertError(jedis, "ERR timeout is negative", "CLIENT", "PAUSE", "-1");
            assertError(jedis, "ERR CLIENT PAUSE mode must be WRITE or ALL", "CLIENT", "PAUSE", "10", "foo");
            assertError(jedis, "ERR CLIENT PAUSE mode must be WRITE or ALL", "CLIENT", "PAUSE", "abc", "foo");
            assertError(jedis, "ERR unknown subcommand or wrong number of arguments for 'PAUSE'. Try CLIENT HELP.",
                "CLIENT", "PAUSE", "10", "WRITE", "x");
            assertError(jedis, "ERR wrong number of arguments for 'client|unpause' command", "CLIENT", "UNPAUSE",
                "x");
        }
    }
}
