package io.redoubt.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * io-threads, Redis's directive, sets how many event loops serve clients; CLIENT LIST says which one serves
 * each client in Redis 8's io-thread field. The default is one per core but one.
 */
class IoThreadsTest {

    @Test
    void theDefaultIsOneThreadPerCoreButOneAndIsImmutable() {
        int expected = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        try (TestServer server = TestServer.start(); Jedis jedis = new Jedis(server.host(), server.port())) {
            assertThat(jedis.configGet("io-threads")).containsEntry("io-threads", Integer.toString(expected));
            assertThat(jedis.configGet("io-threads-do-reads")).containsEntry("io-threads-do-reads", "no");
            for (String[] pair : List.of(new String[] {"io-threads", "2"}, new String[] {"io-threads-do-reads", "yes"})) {
                String name = pair[0];
                try {
                    jedis.configSet(name, pair[1]);
                    throw new AssertionError("CONFIG SET " + name + " was accepted");
                } catch (JedisDataException e) {
                    assertThat(e.getMessage()).isEqualTo("ERR CONFIG SET failed (possibly related to argument '"
                        + name + "') - can't set immutable config");
                }
            }
            assertThat(ioThreadsOf(jedis.clientList())).allMatch(t -> t < expected);
        }
    }

    @Test
    void clientsAreSpreadOverTheIoThreadsOfARedisConf(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("redis.conf"), "io-threads 3\nio-threads-do-reads yes\n");
        try (TestServer server = TestServer.start("config-file=" + conf, "dir=" + dir)) {
            List<Jedis> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    Jedis c = new Jedis(server.host(), server.port());
                    c.ping();
                    clients.add(c);
                }
                assertThat(clients.get(0).configGet("io-threads")).containsEntry("io-threads", "3");
                assertThat(ioThreadsOf(clients.get(0).clientList())).containsExactly(0, 1, 2);
                // every thread serves commands on the one keyspace
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).set("k" + i, "v" + i);
                }
                assertThat(clients.get(5).mget("k0", "k1", "k2", "k3", "k4", "k5"))
                    .containsExactly("v0", "v1", "v2", "v3", "v4", "v5");
            } finally {
                clients.forEach(Jedis::close);
            }
        }
    }

    @Test
    void aLoopThatSleepsAtOnceServesAsWell() {
        try (TestServer server = TestServer.start("io-spin=0s"); Jedis jedis = new Jedis(server.host(), server.port())) {
            assertThat(jedis.set("k", "v")).isEqualTo("OK");
            assertThat(jedis.get("k")).isEqualTo("v");
        }
    }

    private static Set<Integer> ioThreadsOf(String clientList) {
        Set<Integer> threads = new TreeSet<>();
        for (String line : clientList.split("\n")) {
            for (String field : line.trim().split(" ")) {
                if (field.startsWith("io-thread=")) {
                    threads.add(Integer.parseInt(field.substring("io-thread=".length())));
                }
            }
        }
        assertThat(threads).as("io-thread fields of %s", clientList).isNotEmpty();
        return threads;
    }
}
