package io.redoubt.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A test class's server and its two everyday clients: Jedis (RESP2) and Lettuce (RESP3), started once per
 * class and stopped after it.
 */
public abstract class ServerWithClients {
    protected static TestServer server;
    protected static Jedis jedis;
    protected static RedisClient client;
    protected static StatefulRedisConnection<String, String> conn;
    protected static RedisCommands<String, String> lettuce;

    @BeforeAll
    static void startServerAndClients() {
        server = TestServer.start();
        jedis = new Jedis(server.host(), server.port());
        client = RedisClient.create(server.uri());
        conn = client.connect();
        lettuce = conn.sync();
    }

    @AfterAll
    static void stopServerAndClients() {
        jedis.close();
        conn.close();
        client.shutdown();
        server.close();
    }

    protected static void jedisError(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(JedisDataException.class).hasMessage(message);
    }

    protected static void lettuceError(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(RedisCommandExecutionException.class).hasMessage(message);
    }
}
