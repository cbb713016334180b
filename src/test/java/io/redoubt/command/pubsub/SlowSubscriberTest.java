package io.redoubt.command.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * A subscriber that never reads is held to client-output-buffer-limit pubsub: its pending output never grows
 * past the hard limit (plus one burst) and it is disconnected, as Redis does; the soft limit disconnects it
 * once exceeded for longer than its seconds.
 */
class SlowSubscriberTest {
    static TestServer server;
    static Jedis jedis;
    static final byte[] PAYLOAD = new byte[8192];

    @BeforeAll
    static void start() {
        server = TestServer.start();
        jedis = new Jedis(server.host(), server.port());
        Arrays.fill(PAYLOAD, (byte) 'x');
    }

    @AfterAll
    static void stop() {
        jedis.close();
        server.close();
    }

    @Test
    void hardLimitDisconnectsASubscriberThatNeverReads() throws Exception {
        jedis.configSet("client-output-buffer-limit", "pubsub 256kb 0 0");
        try (Socket sub = stalledSubscriber("slow-hard")) {
            long maxPending = 0;
            boolean dropped = false;
            for (int round = 0; round < 400 && !dropped; round++) { // at most ~100 MB offered
                publishBurst("slow-hard", 32);
                maxPending = Math.max(maxPending, pendingOfPubSubClients());
                dropped = jedis.pubsubNumSub("slow-hard").get("slow-hard") == 0;
            }
            assertThat(dropped).as("slow subscriber disconnected").isTrue();
            // bounded: the limit plus at most one burst published before the check closed it
            assertThat(maxPending).isLessThan(256 * 1024 + 32 * (PAYLOAD.length + 64));
            assertThat(jedis.publish("slow-hard", "after")).isZero();
        } finally {
            jedis.configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60");
        }
    }

    @Test
    void softLimitDisconnectsOnceExceededForLongerThanItsSeconds() throws Exception {
        jedis.configSet("client-output-buffer-limit", "pubsub 0 64kb 1");
        try (Socket sub = stalledSubscriber("slow-soft")) {
            boolean dropped = false;
            for (int round = 0; round < 200 && !dropped; round++) { // up to ~10 s of a trickle
                publishBurst("slow-soft", 4);
                Thread.sleep(50);
                dropped = jedis.pubsubNumSub("slow-soft").get("slow-soft") == 0;
            }
            assertThat(dropped).as("slow subscriber disconnected by the soft limit").isTrue();
        } finally {
            jedis.configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60");
        }
    }

    @Test
    void aReadingSubscriberUnderTheLimitStays() throws Exception {
        jedis.configSet("client-output-buffer-limit", "pubsub 256kb 0 0");
        try (RawConnection sub = new RawConnection(server.port())) {
            sub.call("SUBSCRIBE", "fast");
            for (int i = 0; i < 200; i++) {
                jedis.publish("fast".getBytes(), PAYLOAD);
                assertThat(sub.reply()).isInstanceOf(java.util.List.class);
            }
            assertThat(jedis.pubsubNumSub("fast").get("fast")).isEqualTo(1);
        } finally {
            jedis.configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60");
        }
    }

    /** A subscriber with a small receive window that reads its confirmation and then nothing more. */
    private static Socket stalledSubscriber(String channel) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(server.host(), server.port()));
        s.getOutputStream().write(RawConnection.command("SUBSCRIBE", channel));
        InputStream in = s.getInputStream();
        byte[] confirmation = new byte[("*3\r\n$9\r\nsubscribe\r\n$" + channel.length() + "\r\n" + channel + "\r\n:1\r\n").length()];
        for (int n = 0; n < confirmation.length; ) {
            n += in.read(confirmation, n, confirmation.length - n);
        }
        return s;
    }

    private static void publishBurst(String channel, int n) {
        Pipeline p = jedis.pipelined();
        for (int i = 0; i < n; i++) {
            p.publish(channel.getBytes(), PAYLOAD);
        }
        p.sync();
    }

    /** The largest omem among subscribed clients (CLIENT LIST TYPE pubsub). */
    private static long pendingOfPubSubClients() {
        long max = 0;
        for (String line : jedis.clientList(redis.clients.jedis.args.ClientType.PUBSUB).split("\n")) {
            int at = line.indexOf(" omem=");
            if (at >= 0) {
                max = Math.max(max, Long.parseLong(line.substring(at + 6, line.indexOf(' ', at + 6))));
            }
        }
        return max;
    }
}
