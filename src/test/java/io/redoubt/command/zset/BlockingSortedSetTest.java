package io.redoubt.command.zset;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RespProbe;
import io.redoubt.support.TestServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.KeyValue;

/** BZPOPMIN, BZPOPMAX and BZMPOP wait for a member, are woken by a write from another client, and time out. */
class BlockingSortedSetTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aWaitingClientIsServedByAnotherClientsZadd() throws Exception {
        try (Jedis waiter = new Jedis(server.host(), server.port());
             Jedis writer = new Jedis(server.host(), server.port())) {
            CompletableFuture<KeyValue<String, redis.clients.jedis.resps.Tuple>> popped =
                CompletableFuture.supplyAsync(() -> waiter.bzpopmin(5, "bz:wake"));
            awaitBlocked(writer);
            writer.zadd("bz:wake", 2.5, "m");
            KeyValue<String, redis.clients.jedis.resps.Tuple> got = popped.get(5, TimeUnit.SECONDS);
            assertThat(got.getKey()).isEqualTo("bz:wake");
            assertThat(got.getValue().getElement()).isEqualTo("m");
            assertThat(got.getValue().getScore()).isEqualTo(2.5);
            assertThat(writer.exists("bz:wake")).isFalse();
        }
    }

    @Test
    void bzmpopWakesWithTheHighestMembers() throws Exception {
        try (Jedis waiter = new Jedis(server.host(), server.port());
             Jedis writer = new Jedis(server.host(), server.port())) {
            CompletableFuture<Object> popped = CompletableFuture.supplyAsync(() ->
                waiter.sendBlockingCommand(redis.clients.jedis.Protocol.Command.BZMPOP, "5", "1", "bz:m", "MAX",
                    "COUNT", "2"));
            awaitBlocked(writer);
            writer.zadd("bz:m", java.util.Map.of("a", 1.0, "b", 2.0, "c", 3.0));
            List<?> reply = (List<?>) popped.get(5, TimeUnit.SECONDS);
            assertThat(new String((byte[]) reply.get(0))).isEqualTo("bz:m");
            List<?> pairs = (List<?>) reply.get(1);
            assertThat(new String((byte[]) ((List<?>) pairs.get(0)).get(0))).isEqualTo("c");
            assertThat(new String((byte[]) ((List<?>) pairs.get(1)).get(0))).isEqualTo("b");
            assertThat(writer.zcard("bz:m")).isEqualTo(1);
        }
    }

    @Test
    void timeoutsAnswerNullInBothProtocols() throws Exception {
        try (RespProbe p2 = RespProbe.open(server.port(), 2); RespProbe p3 = RespProbe.open(server.port(), 3)) {
            assertThat(p2.call("BZPOPMAX", "bz:none", "0.1")).isEqualTo("*-1");
            assertThat(p3.call("BZPOPMAX", "bz:none", "0.1")).isEqualTo("_");
            assertThat(p3.call("BZMPOP", "0.1", "1", "bz:none", "MIN")).isEqualTo("_");
        }
    }

    private static void awaitBlocked(Jedis observer) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (observer.info("clients").contains("blocked_clients:1")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the waiting client never blocked");
    }
}
