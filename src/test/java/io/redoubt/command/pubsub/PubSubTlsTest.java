package io.redoubt.command.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.support.TlsClients;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Subscribers on the TLS listener: messages from a plain-text publisher, and the output limit through TLS. */
class PubSubTlsTest {
    static TestServer server;
    static SSLContext tls;
    static int tlsPort;

    @BeforeAll
    static void start() {
        TestCerts certs = TestCerts.shared();
        server = TestServer.start("tls-port=" + TestServer.freePort(), "tls-cert-file=" + certs.serverCert,
            "tls-key-file=" + certs.serverKey, "tls-ca-cert-file=" + certs.caCert);
        tlsPort = server.server().directives().get("tls-port").asInt();
        tls = TlsClients.context(certs.caCert, certs.clientCert, certs.clientKey);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void tlsSubscriberReceivesPlainPublishersMessages() throws Exception {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                got.add(channel + "=" + message);
            }
        };
        Thread t = new Thread(() -> {
            try (Jedis sub = new Jedis("127.0.0.1", tlsPort, DefaultJedisClientConfig.builder().ssl(true)
                     .sslSocketFactory(tls.getSocketFactory()).build())) {
                sub.psubscribe(listener, "secure.*");
            }
        });
        t.start();
        try (Jedis pub = new Jedis(server.host(), server.port())) {
            while (pub.pubsubNumPat() == 0) {
                Thread.sleep(10);
            }
            for (int i = 0; i < 100; i++) {
                pub.publish("secure." + i, "m" + i);
            }
            for (int i = 0; i < 100; i++) {
                assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("secure." + i + "=m" + i);
            }
        }
        listener.punsubscribe();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void tlsSubscriberThatNeverReadsIsDisconnected() throws Exception {
        byte[] payload = new byte[8192];
        Arrays.fill(payload, (byte) 'y');
        try (Jedis pub = new Jedis(server.host(), server.port());
             SSLSocket sub = (SSLSocket) tls.getSocketFactory().createSocket()) {
            pub.configSet("client-output-buffer-limit", "pubsub 256kb 0 0");
            sub.setReceiveBufferSize(4096);
            sub.connect(new java.net.InetSocketAddress("127.0.0.1", tlsPort));
            sub.getOutputStream().write(RawConnection.command("SUBSCRIBE", "secure-slow"));
            sub.getOutputStream().flush();
            InputStream in = sub.getInputStream();
            byte[] confirmation = new byte["*3\r\n$9\r\nsubscribe\r\n$11\r\nsecure-slow\r\n:1\r\n".length()];
            for (int n = 0; n < confirmation.length; ) {
                n += in.read(confirmation, n, confirmation.length - n);
            }
            boolean dropped = false;
            for (int i = 0; i < 12_000 && !dropped; i++) { // at most ~100 MB offered
                pub.publish("secure-slow".getBytes(), payload);
                dropped = i % 32 == 31 && pub.pubsubNumSub("secure-slow").get("secure-slow") == 0;
            }
            assertThat(dropped).as("slow TLS subscriber disconnected").isTrue();
        } finally {
            try (Jedis pub = new Jedis(server.host(), server.port())) {
                pub.configSet("client-output-buffer-limit", "pubsub 32mb 8mb 60");
            }
        }
    }
}
