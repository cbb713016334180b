package io.redoubt.command.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.keyspace.Dict;
import io.redoubt.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * CLIENT NO-TOUCH: reads by such a client leave a key's access time (OBJECT IDLETIME) alone. Checked on the
 * key's entry, and through OBJECT IDLETIME when the server has OBJECT.
 */
class ClientNoTouchTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Reads or sets the key's last-access second with the keyspace lock held. */
    static int accessSecond(String key, Integer set) {
        ReentrantLock lock = server.server().keyspace().lock();
        lock.lock();
        try {
            Dict.Entry e = server.server().keyspace().db(0).dict().find(key.getBytes(StandardCharsets.UTF_8));
            if (set != null) {
                e.lruSeconds = set;
            }
            return e.lruSeconds;
        } finally {
            lock.unlock();
        }
    }

    @Test
    void readsByANoTouchClientKeepTheAccessTime() {
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
            jedis.set("cold", "v");
            int longAgo = (int) (System.currentTimeMillis() / 1000) - 1000;
            accessSecond("cold", longAgo);

            assertThat(jedis.clientNoTouchOn()).isEqualTo("OK");
            assertThat(jedis.get("cold")).isEqualTo("v");
            assertThat(accessSecond("cold", null)).isEqualTo(longAgo);
            boolean hasObject = server.server().commands().find("object") != null;
            if (hasObject) {
                assertThat(jedis.objectIdletime("cold")).isGreaterThanOrEqualTo(999L);
            }

            assertThat(jedis.clientNoTouchOff()).isEqualTo("OK");
            assertThat(jedis.get("cold")).isEqualTo("v");
            assertThat(accessSecond("cold", null)).isGreaterThan(longAgo + 900);
            if (hasObject) {
                assertThat(jedis.objectIdletime("cold")).isLessThan(5L);
            }
        }
    }
}
