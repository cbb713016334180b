package io.redoubt.command.connection;

import static io.redoubt.command.connection.ClientCommandTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ClientKillParams;

/** CLIENT KILL in its old (ip:port) and filter forms: replies, errors, and the victim's connection closing. */
class ClientKillTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String addrOf(Jedis jedis) {
        return ClientCommandTest.fields(jedis.clientInfo()).get("addr");
    }

    @Test
    void oldFormKillsByAddressAndTheVictimConnectionCloses() throws Exception {
        try (Jedis killer = new Jedis(server.host(), server.port());
             RawConnection victim = new RawConnection(server.port())) {
            victim.send("CLIENT INFO\r\n");
            victim.line();
            String info = victim.line();
            String addr = ClientCommandTest.fields(info).get("addr");
            assertThat(killer.clientKill(addr)).isEqualTo("OK");
            assertThat(victim.closedByServer()).isTrue();
            assertError(killer, "ERR No such client", "CLIENT", "KILL", addr);
        }
    }

    @Test
    void filterFormCountsKilledClientsAndSkipsTheCaller() {
        try (Jedis killer = new Jedis(server.host(), server.port());
             Jedis victim = new Jedis(server.host(), server.port())) {
            long victimId = victim.clientId();
            assertThat(killer.clientKill(ClientKillParams.clientKillParams().id(Long.toString(victimId)))).isEqualTo(1);
            assertThatThrownBy(victim::ping).isInstanceOf(JedisConnectionException.class);
            assertThat(killer.clientKill(ClientKillParams.clientKillParams().id(Long.toString(victimId)))).isZero();
            // ADDR of the caller with the default SKIPME yes: nothing killed, the caller lives on
            assertThat(killer.clientKill(ClientKillParams.clientKillParams().addr(addrOf(killer)))).isZero();
            assertThat(killer.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void filtersAreAndedTogether() {
        try (Jedis killer = new Jedis(server.host(), server.port());
             Jedis victim = new Jedis(server.host(), server.port())) {
            long id = victim.clientId();
            String addr = addrOf(victim);
            ClientKillParams wrongType = ClientKillParams.clientKillParams().id(Long.toString(id)).type(ClientType.PUBSUB);
            assertThat(killer.clientKill(wrongType)).isZero();
            ClientKillParams wrongLaddr = ClientKillParams.clientKillParams().addr(addr).laddr("127.0.0.1:1");
            assertThat(killer.clientKill(wrongLaddr)).isZero();
            ClientKillParams right = ClientKillParams.clientKillParams().addr(addr).laddr("127.0.0.1:" + server.port())
                .type(ClientType.NORMAL).user("default");
            assertThat(killer.clientKill(right)).isEqualTo(1);
            assertThatThrownBy(victim::ping).isInstanceOf(JedisConnectionException.class);
        }
    }

    @Test
    void skipmeNoKillsTheCallerAfterItsReply() throws Exception {
        try (RawConnection self = new RawConnection(server.port())) {
            self.send("CLIENT ID\r\n");
            String id = self.line().substring(1);
            self.send("CLIENT KILL ID " + id + " SKIPME no\r\n");
            assertThat(self.line()).isEqualTo(":1");
            assertThat(self.closedByServer()).isTrue();
        }
    }

    @Test
    void maxAgeKillsOnlyOlderConnections() {
        try (Jedis killer = new Jedis(server.host(), server.port());
             Jedis young = new Jedis(server.host(), server.port())) {
            young.ping();
            assertThat(killer.clientKill(ClientKillParams.clientKillParams().id(Long.toString(young.clientId()))
                .maxAge(3600))).isZero();
            assertThat(young.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void errorsAsRedis() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            assertError(jedis, "ERR wrong number of arguments for 'client|kill' command", "CLIENT", "KILL");
            assertError(jedis, "ERR No such client", "CLIENT", "KILL", "1.2.3.4:5");
            assertError(jedis, "ERR client-id should be greater than 0", "CLIENT", "KILL", "ID", "abc");
            assertError(jedis, "ERR client-id should be greater than 0", "CLIENT", "KILL", "ID", "0");
            assertError(jedis, "ERR Unknown client type 'foo'", "CLIENT", "KILL", "TYPE", "foo");
            assertError(jedis, "ERR syntax error", "CLIENT", "KILL", "SKIPME", "maybe");
            assertError(jedis, "ERR No such user 'bob'", "CLIENT", "KILL", "USER", "bob");
            assertError(jedis, "ERR syntax error", "CLIENT", "KILL", "FOO", "bar");
            assertError(jedis, "ERR syntax error", "CLIENT", "KILL", "ADDR", "1.1.1.1:1", "ID");
            assertError(jedis, "ERR No such client", "CLIENT", "KILL", "ID"); // three arguments: the old form
        }
    }

    @Test
    void lettuceKillArgs() {
        RedisClient client = RedisClient.create(server.uri());
        try (StatefulRedisConnection<String, String> killer = client.connect();
             Jedis victim = new Jedis(server.host(), server.port())) {
            long id = victim.clientId();
            assertThat(killer.sync().clientKill(KillArgs.Builder.id(id))).isEqualTo(1L);
            assertThatThrownBy(victim::ping).isInstanceOf(JedisConnectionException.class);
        } finally {
            client.shutdown();
        }
    }
}
