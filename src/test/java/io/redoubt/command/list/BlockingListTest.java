package io.redoubt.command.list;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RedisTools;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP over real sockets: FIFO service, wake-ups by pushes and by keys
 * that RENAME, MOVE, COPY or SWAPDB create, sub-second timeouts in both protocols, CLIENT UNBLOCK, pipelined
 * commands held behind a blocked one, and the blocked client's flags.
 */
class BlockingListTest {
    static TestServer server;
    static Jedis jedis;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jedis = new Jedis(server.host(), server.port());
    }

    @AfterAll
    static void stop() {
        jedis.close();
        server.close();
    }

    @BeforeEach
    void flush() {
        jedis.flushAll();
        awaitBlocked(0);
    }

    static long blockedClients() {
        String info = jedis.info("clients");
        return info.lines().filter(l -> l.startsWith("blocked_clients:"))
            .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElseThrow();
    }

    static void awaitBlocked(long n) {
        await(() -> blockedClients() == n, "blocked_clients:" + n);
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            sleep(10);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A raw connection that has sent a blocking command and is now blocked (checked by blocked_clients). */
    static RawConnection blocked(long alreadyBlocked, String... command) throws IOException {
        RawConnection c = new RawConnection(server.port());
        c.send(RawConnection.command(command));
        awaitBlocked(alreadyBlocked + 1);
        return c;
    }

    @Test
    void clientsAreServedInTheOrderTheyBlocked() throws Exception {
        try (RawConnection first = blocked(0, "BLPOP", "k", "0");
             RawConnection second = blocked(1, "BLPOP", "other", "k", "0");
             RawConnection third = blocked(2, "BRPOP", "k", "0")) {
            assertThat(jedis.rpush("k", "a", "b", "c")).isEqualTo(3);
            assertThat(first.reply()).isEqualTo(List.of("k", "a"));
            assertThat(second.reply()).isEqualTo(List.of("k", "b"));
            assertThat(third.reply()).isEqualTo(List.of("k", "c"));
            assertThat(jedis.exists("k")).isFalse();
            awaitBlocked(0);
        }
    }

    @Test
    void commandstatsCountABlockedCommandOnce() throws Exception {
        jedis.configResetStat();
        try (RawConnection c = blocked(0, "BLPOP", "k", "0")) {
            jedis.rpush("k", "v");
            assertThat(c.reply()).isEqualTo(List.of("k", "v"));
        }
        try (RawConnection c = new RawConnection(server.port())) {
            assertThat(c.call("BLPOP", "k", "0.05")).isNull();
        }
        assertThat(jedis.info("commandstats")).contains("cmdstat_blpop:calls=2,");
    }

    @Test
    void oneElementServesOnlyTheFirstWaiter() throws Exception {
        try (RawConnection first = blocked(0, "BLPOP", "k", "0");
             RawConnection second = blocked(1, "BLPOP", "k", "0")) {
            jedis.lpush("k", "x");
            assertThat(first.reply()).isEqualTo(List.of("k", "x"));
            assertThat(blockedClients()).isEqualTo(1);
            jedis.lpush("k", "y");
            assertThat(second.reply()).isEqualTo(List.of("k", "y"));
        }
    }

    @Test
    void aPushFromAnotherClientWakesABlockedJedis() throws Exception {
        try (Jedis waiter = new Jedis(server.host(), server.port())) {
            CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> waiter.brpop(0, "q"));
            awaitBlocked(1);
            assertThat(popped.isDone()).isFalse();
            jedis.lpush("q", "job");
            assertThat(popped.get(5, TimeUnit.SECONDS)).containsExactly("q", "job");
        }
    }

    @Test
    void lettuceBlpopIsServedInResp3() throws Exception {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            var popped = conn.async().blpop(0, "l3");
            awaitBlocked(1);
            jedis.rpush("l3", "v");
            KeyValue<String, String> kv = popped.get(5, TimeUnit.SECONDS);
            assertThat(kv.getKey()).isEqualTo("l3");
            assertThat(kv.getValue()).isEqualTo("v");
            assertThat(conn.sync().blpop(0.2, "none")).isNull();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void subSecondTimeoutsAnswerNullInBothProtocols() throws Exception {
        for (String[] cmd : List.of(new String[] {"BLPOP", "none", "0.2"}, new String[] {"BRPOP", "a", "b", "0.2"},
                new String[] {"BLMOVE", "none", "d", "LEFT", "RIGHT", "0.2"},
                new String[] {"BRPOPLPUSH", "none", "d", "0.2"}, new String[] {"BLMPOP", "0.2", "1", "none", "LEFT"})) {
            for (int protocol : new int[] {2, 3}) {
                try (RawConnection c = new RawConnection(server.port())) {
                    if (protocol == 3) {
                        c.call("HELLO", "3");
                    }
                    long start = System.nanoTime();
                    c.send(RawConnection.command(cmd));
                    assertThat(c.line()).as(cmd[0] + " RESP" + protocol).isEqualTo(protocol == 2 ? "*-1" : "_");
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertThat(ms).as(cmd[0]).isBetween(190L, 1500L);
                    assertThat(c.call("PING")).isEqualTo("PONG");
                }
            }
        }
        awaitBlocked(0);
    }

    @Test
    void blmoveMovesAtomicallyAndFeedsTheNextWaiter() throws Exception {
        try (RawConnection mover = blocked(0, "BLMOVE", "src", "dst", "RIGHT", "LEFT", "0");
             RawConnection popper = blocked(1, "BLPOP", "dst", "0")) {
            jedis.rpush("src", "a", "b");
            assertThat(mover.reply()).isEqualTo("b");
            assertThat(popper.reply()).isEqualTo(List.of("dst", "b")); // the moved element woke the next waiter
            assertThat(jedis.lrange("src", 0, -1)).containsExactly("a");
            assertThat(jedis.exists("dst")).isFalse();
        }
        try (RawConnection mover = blocked(0, "BRPOPLPUSH", "s2", "d2", "0")) {
            jedis.rpush("s2", "x");
            assertThat(mover.reply()).isEqualTo("x");
            assertThat(jedis.exists("s2")).isFalse();
            assertThat(jedis.lrange("d2", 0, -1)).containsExactly("x");
        }
    }

    @Test
    void blmpopPopsACountFromTheFirstReadyKey() throws Exception {
        try (RawConnection c = blocked(0, "BLMPOP", "0", "2", "a", "b", "RIGHT", "COUNT", "2")) {
            jedis.rpush("b", "1", "2", "3");
            assertThat(c.reply()).isEqualTo(List.of("b", List.of("3", "2")));
        }
    }

    @Test
    void keysCreatedByRenameMoveCopyAndSwapdbWakeWaiters() throws Exception {
        jedis.rpush("tmp", "renamed");
        try (RawConnection c = blocked(0, "BLPOP", "k", "0")) {
            jedis.rename("tmp", "k");
            assertThat(c.reply()).isEqualTo(List.of("k", "renamed"));
        }
        jedis.rpush("src", "copied");
        try (RawConnection c = blocked(0, "BLPOP", "k", "0")) {
            jedis.copy("src", "k", false);
            assertThat(c.reply()).isEqualTo(List.of("k", "copied"));
        }
        try (Jedis db1 = new Jedis(server.host(), server.port());
             RawConnection c = blocked(0, "BLPOP", "k", "0")) {
            db1.select(1);
            db1.rpush("k", "moved");
            db1.move("k", 0);
            assertThat(c.reply()).isEqualTo(List.of("k", "moved"));
            db1.rpush("k", "swapped");
            try (RawConnection d = blocked(0, "BLPOP", "k", "0")) {
                jedis.swapDB(0, 1);
                assertThat(d.reply()).isEqualTo(List.of("k", "swapped"));
            }
        }
    }

    @Test
    void aKeyOfAnotherTypeDoesNotServeAndTheClientKeepsWaiting() throws Exception {
        try (RawConnection c = blocked(0, "BLPOP", "k", "0")) {
            jedis.set("k", "string");
            sleep(100);
            assertThat(blockedClients()).isEqualTo(1);
            jedis.del("k");
            jedis.rpush("k", "list");
            assertThat(c.reply()).isEqualTo(List.of("k", "list"));
        }
    }

    @Test
    void clientUnblockWithTimeoutOrError() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            long id = (Long) c.call("CLIENT", "ID");
            c.send(RawConnection.command("BLPOP", "k", "0"));
            awaitBlocked(1);
            assertThat(jedis.clientUnblock(id)).isEqualTo(1);
            assertThat(c.line()).isEqualTo("*-1");
            assertThat(jedis.clientUnblock(id)).isZero();
            c.send(RawConnection.command("BLMOVE", "k", "d", "LEFT", "LEFT", "0"));
            awaitBlocked(1);
            assertThat(jedis.sendCommand(redis.clients.jedis.Protocol.Command.CLIENT, "UNBLOCK",
                Long.toString(id), "ERROR")).isEqualTo(1L);
            assertThat(c.reply()).isEqualTo(new RawConnection.Error("UNBLOCKED client unblocked via CLIENT UNBLOCK"));
            assertThat(c.call("PING")).isEqualTo("PONG");
        }
        try (RawConnection c = new RawConnection(server.port())) {
            assertThat(c.call("CLIENT", "UNBLOCK", "1", "FOO"))
                .isEqualTo(new RawConnection.Error("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR"));
            assertThat(c.call("CLIENT", "UNBLOCK", "abc"))
                .isEqualTo(new RawConnection.Error("ERR value is not an integer or out of range"));
            assertThat(c.call("CLIENT", "UNBLOCK", "999999")).isEqualTo(0L);
        }
    }

    @Test
    void pipelinedCommandsAfterABlockedOneRunOnlyAfterIt() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            all.writeBytes(RawConnection.command("ECHO", "before"));
            all.writeBytes(RawConnection.command("BLPOP", "k", "0"));
            all.writeBytes(RawConnection.command("RPUSH", "seen", "after"));
            all.writeBytes(RawConnection.command("PING"));
            c.send(all.toByteArray());
            assertThat(c.reply()).isEqualTo("before"); // answered at once, though the BLPOP behind it waits
            awaitBlocked(1);
            sleep(100);
            assertThat(jedis.exists("seen")).isFalse(); // the RPUSH behind the BLPOP has not run
            jedis.rpush("k", "v");
            assertThat(c.reply()).isEqualTo(List.of("k", "v"));
            assertThat(c.reply()).isEqualTo(1L);
            assertThat(c.reply()).isEqualTo("PONG");
            assertThat(jedis.lrange("seen", 0, -1)).containsExactly("after");
        }
    }

    @Test
    void blockedClientsShowFlagBAndSurviveTheIdleTimeout() throws Exception {
        jedis.configSet("timeout", "1");
        try (RawConnection c = new RawConnection(server.port())) {
            c.call("CLIENT", "SETNAME", "waiter");
            c.send(RawConnection.command("BLPOP", "k", "0"));
            awaitBlocked(1);
            String line = jedis.clientList().lines().filter(l -> l.contains("name=waiter")).findFirst().orElseThrow();
            assertThat(line).contains(" flags=b ").contains(" cmd=blpop ");
            assertThat(jedis.info("clients")).contains("total_blocking_keys:1");
            for (int i = 0; i < 10; i++) { // 2.5 s, well past the 1 s idle timeout, which spares blocked clients
                sleep(250);
                jedis.ping(); // keeps this (idle-checked) connection alive
            }
            jedis.rpush("k", "late");
            assertThat(c.reply()).isEqualTo(List.of("k", "late"));
            String after = jedis.clientList().lines().filter(l -> l.contains("name=waiter")).findFirst().orElseThrow();
            assertThat(after).contains(" flags=N ");
        } finally {
            jedis.configSet("timeout", "0");
        }
    }

    @Test
    void aDisconnectedWaiterIsForgotten() throws Exception {
        RawConnection gone = blocked(0, "BLPOP", "k", "0");
        try (RawConnection stays = blocked(1, "BLPOP", "k", "0")) {
            gone.close();
            awaitBlocked(1);
            jedis.rpush("k", "v");
            assertThat(stays.reply()).isEqualTo(List.of("k", "v"));
        }
    }

    @Test
    void aKilledWaiterIsForgotten() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            long id = (Long) c.call("CLIENT", "ID");
            c.send(RawConnection.command("BLPOP", "k", "0"));
            awaitBlocked(1);
            assertThat(jedis.clientKill(new redis.clients.jedis.params.ClientKillParams().id(Long.toString(id))))
                .isEqualTo(1);
            awaitBlocked(0);
            assertThat(c.closedByServer()).isTrue();
            assertThat(jedis.info("clients")).contains("total_blocking_keys:0");
        }
    }

    @Test
    void argumentErrorsAreRedisOnes() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            assertThat(c.call("BLPOP", "k", "-1")).isEqualTo(new RawConnection.Error("ERR timeout is negative"));
            assertThat(c.call("BLPOP", "k", "x"))
                .isEqualTo(new RawConnection.Error("ERR timeout is not a float or out of range"));
            assertThat(c.call("BLPOP", "k", "1e30")).isEqualTo(new RawConnection.Error("ERR timeout is out of range"));
            assertThat(c.call("BLPOP", "k", "inf")).isEqualTo(new RawConnection.Error("ERR timeout is out of range"));
            assertThat(c.call("BLMPOP", "0", "1", "k", "UP"))
                .isEqualTo(new RawConnection.Error("ERR syntax error"));
        }
    }

    @Test
    void redisCliWaitsForAPush() throws Exception {
        RedisTools.require("redis-cli");
        CompletableFuture<String> cli = CompletableFuture.supplyAsync(
            () -> RedisTools.cli(server.port(), "BLPOP", "cliq", "5"));
        awaitBlocked(1);
        jedis.rpush("cliq", "hello");
        assertThat(cli.get(10, TimeUnit.SECONDS)).isEqualTo("cliq\nhello");
    }
}
