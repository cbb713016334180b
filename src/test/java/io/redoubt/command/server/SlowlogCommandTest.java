package io.redoubt.command.server;

import static io.redoubt.command.server.CommandCommandTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.resps.Slowlog;

/** SLOWLOG GET/LEN/RESET/HELP with every command logged (slowlog-log-slower-than 0). */
class SlowlogCommandTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("slowlog-log-slower-than=0");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.slowlogReset();
        }
    }

    @Test
    void entriesNewestFirstWithArgsAddressAndName() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.clientSetname("slowpoke");
            jedis.set("sk", "sv");
            List<Slowlog> entries = jedis.slowlogGet(2);
            assertThat(entries).hasSize(2);
            Slowlog set = entries.get(0);
            assertThat(set.getArgs()).containsExactly("SET", "sk", "sv");
            assertThat(set.getClientName()).isEqualTo("slowpoke");
            assertThat(set.getClientIpPort().getHost()).isEqualTo("127.0.0.1");
            assertThat(set.getTimeStamp()).isCloseTo(System.currentTimeMillis() / 1000,
                org.assertj.core.data.Offset.offset(60L));
            assertThat(set.getExecutionTime()).isGreaterThanOrEqualTo(0);
            Slowlog setName = entries.get(1);
            assertThat(setName.getArgs()).containsExactly("CLIENT", "SETNAME", "slowpoke");
            assertThat(set.getId()).isEqualTo(setName.getId() + 1);
            // SLOWLOG GET itself and the previous commands are there too: default count 10, -1 for all
            assertThat(jedis.slowlogGet()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(jedis.slowlogGet(-1).size()).isEqualTo(jedis.slowlogLen() - 1);
        }
    }

    @Test
    void lenAndReset() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.ping();
            jedis.ping();
            assertThat(jedis.slowlogLen()).isGreaterThanOrEqualTo(3);
            assertThat(jedis.slowlogReset()).isEqualTo("OK");
            assertThat(jedis.slowlogLen()).isEqualTo(1); // the RESET itself is logged after it ran
        }
    }

    @Test
    void longArgumentsAreTrimmed() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.echo("x".repeat(200));
            List<String> args = jedis.slowlogGet(1).get(0).getArgs();
            assertThat(args.get(1)).isEqualTo("x".repeat(128) + "... (72 more bytes)");
        }
    }

    @Test
    void errorsAndHelp() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            assertError(jedis, "ERR count should be greater than or equal to -1", "SLOWLOG", "GET", "-2");
            assertError(jedis, "ERR count should be greater than or equal to -1", "SLOWLOG", "GET", "x");
            assertError(jedis, "ERR unknown subcommand or wrong number of arguments for 'GET'. Try SLOWLOG HELP.",
                "SLOWLOG", "GET", "1", "2");
            assertError(jedis, "ERR wrong number of arguments for 'slowlog|len' command", "SLOWLOG", "LEN", "x");
            assertError(jedis, "ERR unknown subcommand 'foo'. Try SLOWLOG HELP.", "SLOWLOG", "foo");
            @SuppressWarnings("unchecked")
            List<Object> help = (List<Object>) jedis.sendCommand(Protocol.Command.SLOWLOG, "HELP");
            assertThat(new String((byte[]) help.get(1))).isEqualTo("GET [<count>]");
        }
    }

    @Test
    void lettuceReadsEntriesOverResp3() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
            conn.sync().set("lk", "lv");
            List<Object> entries = conn.sync().slowlogGet(1);
            assertThat(entries).hasSize(1);
            assertThat(entries.get(0).toString()).contains("SET", "lk", "lv");
            assertThat(conn.sync().slowlogLen()).isPositive();
        } finally {
            client.shutdown();
        }
    }
}
