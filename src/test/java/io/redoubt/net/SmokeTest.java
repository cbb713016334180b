package io.redoubt.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.support.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class SmokeTest {
    @Test
    void lettuceAndJedisTalkToTheServer() {
        try (TestServer server = TestServer.start()) {
            RedisClient client = RedisClient.create(server.uri());
            try (StatefulRedisConnection<String, String> conn = client.connect()) {
                assertThat(conn.sync().ping()).isEqualTo("PONG");
                assertThat(conn.sync().set("k", "v")).isEqualTo("OK");
                assertThat(conn.sync().get("k")).isEqualTo("v");
            } finally {
                client.shutdown();
            }
            try (Jedis jedis = new Jedis(server.host(), server.port())) {
                assertThat(jedis.get("k")).isEqualTo("v");
            }
        }
    }
}
