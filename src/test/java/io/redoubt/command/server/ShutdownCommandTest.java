package io.redoubt.command.server;

import static io.redoubt.command.server.CommandCommandTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** SHUTDOWN of a dedicated server: no reply, every connection closes, the port stops accepting. */
class ShutdownCommandTest {

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void shutdownClosesConnectionsAndListenerWithoutReplying() throws Exception {
        try (TestServer server = TestServer.start();
             Jedis bystander = new Jedis(server.host(), server.port());
             RawConnection raw = new RawConnection(server.port())) {
            assertThat(bystander.ping()).isEqualTo("PONG");
            assertError(bystander, "ERR No shutdown in progress.", "SHUTDOWN", "ABORT");
            assertError(bystander, "ERR syntax error", "SHUTDOWN", "ABORT", "NOW");
            assertError(bystander, "ERR syntax error", "SHUTDOWN", "NOSAVE", "SAVE");
            assertError(bystander, "ERR syntax error", "SHUTDOWN", "LATER");

            raw.send("SHUTDOWN NOSAVE NOW\r\n");
            assertThat(raw.socket().getInputStream().read()).isEqualTo(-1); // closed with no reply at all

            long deadline = System.currentTimeMillis() + 10_000;
            while (accepts(server.port()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(accepts(server.port())).isFalse();
            while (server.context().isActive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(server.context().isActive()).isFalse();
            try (RawConnection late = new RawConnection(server.port())) {
                throw new AssertionError("connected after shutdown");
            } catch (IOException expected) {
                // refused
            }
            assertThat(bystander.getConnection().isBroken() || !isAlive(bystander)).isTrue();
        }
    }

    private static boolean isAlive(Jedis jedis) {
        try {
            jedis.ping();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Test
    void lettuceShutdownNosave() throws Exception {
        try (TestServer server = TestServer.start()) {
            RedisClient client = RedisClient.create(server.uri());
            try (StatefulRedisConnection<String, String> conn = client.connect()) {
                assertThat(conn.sync().ping()).isEqualTo("PONG");
                conn.sync().shutdown(false);
                long deadline = System.currentTimeMillis() + 10_000;
                while (accepts(server.port()) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(accepts(server.port())).isFalse();
            } finally {
                client.shutdown();
            }
        }
    }
}
