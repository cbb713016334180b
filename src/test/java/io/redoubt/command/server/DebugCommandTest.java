package io.redoubt.command.server;

import static io.redoubt.command.server.CommandCommandTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.net.Client;
import io.redoubt.support.TestServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.commands.ProtocolCommand;

/** DEBUG SLEEP (which blocks the whole server, as Redis does), SET-ACTIVE-EXPIRE and HELP. */
class DebugCommandTest {
    static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
    void sleepBlocksOtherClientsToo() throws Exception {
        try (Jedis sleeper = new Jedis(server.host(), server.port());
             Jedis other = new Jedis(server.host(), server.port())) {
            long sleeperId = sleeper.clientId();
            other.ping();
            CompletableFuture<Object> sleep =
                CompletableFuture.supplyAsync(() -> sleeper.sendCommand(DEBUG, "SLEEP", "1"));
            Client sleeping = server.server().clients().byId(sleeperId);
            long deadline = System.currentTimeMillis() + 5000;
            while (!sleeping.lastCommand().equals("debug") && System.currentTimeMillis() < deadline) {
                Thread.sleep(1); // until DEBUG SLEEP has started, holding the keyspace lock
            }
            long start = System.nanoTime();
            assertThat(other.ping()).isEqualTo("PONG");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(500);
            assertThat(new String((byte[]) sleep.get(5, TimeUnit.SECONDS))).isEqualTo("OK");
        }
    }

    @Test
    void sleepParsesNumbersLikeStrtod() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            for (String arg : List.of("0", "x", "-1", "1e-3", ".01", "0.001abc")) {
                assertThat(new String((byte[]) jedis.sendCommand(DEBUG, "sleep", arg))).isEqualTo("OK");
            }
        }
    }

    @Test
    void setActiveExpire() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.sendCommand(DEBUG, "SET-ACTIVE-EXPIRE", "0");
            assertThat(server.server().keyspace().activeExpireEnabled()).isFalse();
            jedis.sendCommand(DEBUG, "set-active-expire", "1");
            assertThat(server.server().keyspace().activeExpireEnabled()).isTrue();
        }
    }

    @Test
    void helpAndUnknownSubcommands() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            @SuppressWarnings("unchecked")
            List<Object> help = (List<Object>) jedis.sendCommand(DEBUG, "HELP");
            List<String> lines = help.stream().map(o -> new String((byte[]) o)).toList();
            assertThat(lines.get(0)).isEqualTo("DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
            assertThat(lines).contains("SLEEP <seconds>", "SET-ACTIVE-EXPIRE <0|1>");
            assertError(jedis, "ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.",
                "DEBUG", "foo");
            assertError(jedis, "ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.",
                "DEBUG", "SLEEP");
            assertError(jedis, "ERR wrong number of arguments for 'debug' command", "DEBUG");
        }
    }

    @Test
    void lettuceDebugSleep() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            long start = System.nanoTime();
            String ok = conn.sync().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add("0.2"));
            assertThat(ok).isEqualTo("OK");
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(190);
        } finally {
            client.shutdown();
        }
    }
}
