package io.redoubt.command.generic;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import redis.clients.jedis.Jedis;

/**
 * One real server per test class, a Jedis connection (RESP2) and a Lettuce one (RESP3), emptied before each
 * test. {@link #reply} gives the exact bytes of a reply for checks of reply types.
 */
abstract class ServerTestBase {
    static TestServer server;
    static Jedis jedis;
    static RedisClient lettuceClient;
    static StatefulRedisConnection<String, String> lettuceConnection;
    static RedisCommands<String, String> lettuce;

    @BeforeAll
    static void startServer() {
        server = TestServer.start();
        jedis = new Jedis(server.host(), server.port());
        lettuceClient = RedisClient.create(server.uri());
        lettuceConnection = lettuceClient.connect();
        lettuce = lettuceConnection.sync();
    }

    @AfterAll
    static void stopServer() {
        jedis.close();
        lettuceConnection.close();
        lettuceClient.shutdown();
        server.close();
    }

    @BeforeEach
    void emptyAllDatabases() {
        jedis.select(0);
        lettuce.select(0);
        withKeyspace(ks -> {
            ks.flushAll();
            ks.activeExpireEnabled(true);
        });
    }

    /** Runs something on the server's keyspace with its lock held, as a command would. */
    static <T> T inKeyspace(Function<Keyspace, T> action) {
        Keyspace ks = server.server().keyspace();
        ReentrantLock lock = ks.lock();
        lock.lock();
        try {
            return action.apply(ks);
        } finally {
            lock.unlock();
        }
    }

    static void withKeyspace(Consumer<Keyspace> action) {
        inKeyspace(ks -> {
            action.accept(ks);
            return null;
        });
    }

    /** A number read from the keyspace under its lock (counters, sizes). */
    static long keyspaceValue(ToLongFunction<Keyspace> f) {
        return inKeyspace(ks -> f.applyAsLong(ks));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The exact bytes of the reply to one command, in RESP2 or RESP3, on a fresh connection. */
    static String reply(int protocol, String... command) throws IOException {
        try (RawConnection raw = new RawConnection(server.port())) {
            if (protocol == 3) {
                Resp.call(raw, "HELLO", "3");
            }
            return Resp.call(raw, command);
        }
    }
}
