package io.redoubt.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.Http;
import io.redoubt.support.KubeSecretDir;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import io.redoubt.support.TlsClients;
import io.redoubt.tls.CertificateGenerator.Issued;
import io.redoubt.tls.CertificateGenerator.KeyFormat;
import io.redoubt.tls.CertificateGenerator.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import tools.jackson.databind.JsonNode;

/**
 * Automatic reload as Kubernetes triggers it: the certificate files are links through {@code ..data}, and the
 * kubelet swaps {@code ..data} to a new directory while clients keep running commands over TLS.
 */
class TlsRotationTest {
    static final long QUIET_MS = 500;
    static final long MARGIN_MS = 4000; // a loaded CI machine, two cores shared by several JVMs

    final TestCerts certs = TestCerts.shared();

    /** Writes a server certificate and key named tls.crt / tls.key (the key may be another certificate's). */
    static KubeSecretDir.Writer pair(Issued leaf, Issued keyOwner) {
        TestCerts certs = TestCerts.shared();
        return into -> {
            CertificateGenerator.writeCertificates(into.resolve("tls.crt"), leaf.certificate());
            CertificateGenerator.writeKey(into.resolve("tls.key"), keyOwner.key(), KeyFormat.PKCS8, null);
            Files.copy(certs.caCert, into.resolve("ca.crt"));
        };
    }

    static Issued leaf(String cn) {
        Path scratch = TestCerts.tempDir("leaf");
        return TestCerts.shared().writeLeaf(cn, Usage.SERVER, scratch.resolve("c"), scratch.resolve("k"), KeyFormat.PKCS8, null);
    }

    @Test
    void kubeletStyleSwapRotatesWithoutDisturbingLiveClients() throws Exception {
        Issued first = leaf("Server-1");
        KubeSecretDir secret = new KubeSecretDir(TestCerts.tempDir("secret"), List.of("tls.crt", "tls.key", "ca.crt"),
            pair(first, first));
        SSLContext client = TlsClients.context(certs.caCert, certs.clientCert, certs.clientKey);
        try (TestServer s = TestServer.start("tls-port=" + TestServer.freePort(),
                 "tls-cert-file=" + secret.file("tls.crt"), "tls-key-file=" + secret.file("tls.key"),
                 "tls-ca-cert-file=" + secret.file("ca.crt"), "--redoubt.tls-auto-reload-quiet-period=" + QUIET_MS + "ms");
             BusyClients busy = new BusyClients(s.server().directives().get("tls-port").asInt(), client, 4)) {
            int port = s.server().directives().get("tls-port").asInt();
            busy.awaitOps(200);

            Issued second = leaf("Server-2");
            long swapped = System.currentTimeMillis();
            secret.update(pair(second, second));
            long took = awaitServed(port, client, second, QUIET_MS + MARGIN_MS) - swapped;
            assertThat(took).as("new connections get the new certificate after the quiet period").isBetween(QUIET_MS,
                QUIET_MS + MARGIN_MS);
            JsonNode tls = Http.get(s, "/actuator/tls").json();
            assertThat(tls.get("generation").asLong()).isEqualTo(2);
            assertThat(tls.get("trigger").asString()).isEqualTo("file change");
            assertThat(tls.get("certificates").get("server").get("serial").asString()).isEqualTo(serial(second));
            assertThat(tls.get("connectionsByGeneration").get("1").asInt()).as("live connections keep theirs").isEqualTo(4);
            assertThat(tls.get("files").toString()).contains(secret.dir.toRealPath().toString() + "/..");

            // the same bytes published again: no reload
            secret.update(pair(second, second));
            Thread.sleep(QUIET_MS + 1500);
            assertThat(Http.get(s, "/actuator/tls").json().get("generation").asLong()).isEqualTo(2);

            // a half-done rotation: the certificate of one pair with the key of another is refused
            Issued third = leaf("Server-3");
            secret.update(pair(third, second));
            JsonNode failure = awaitFailure(s, QUIET_MS + MARGIN_MS);
            assertThat(failure.get("trigger").asString()).isEqualTo("file change");
            assertThat(failure.get("reason").asString()).contains("does not match");
            assertThat(Http.get(s, "/actuator/tls").json().get("generation").asLong()).isEqualTo(2);
            assertThat(serial(TlsClients.serverCertificate(port, client))).isEqualTo(serial(second));

            // the next change is tried again; a burst of updates within the quiet period gives one reload
            Issued fourth = leaf("Server-4");
            Issued fifth = leaf("Server-5");
            secret.update(pair(third, third));
            secret.update(pair(fourth, fourth));
            secret.update(pair(fifth, fifth));
            awaitServed(port, client, fifth, QUIET_MS + MARGIN_MS);
            assertThat(Http.get(s, "/actuator/tls").json().get("generation").asLong()).isEqualTo(3);
            assertThat(Http.get(s, "/actuator/prometheus").body())
                .contains("redoubt_tls_reloads_total{outcome=\"success\",trigger=\"file change\"} 2.0")
                .contains("redoubt_tls_reloads_total{outcome=\"failure\",trigger=\"file change\"} 1.0");

            busy.awaitOps(busy.ops() + 200);
            busy.close();
            assertThat(busy.errors).as("no command failed on a live connection").isEmpty();
        }
    }

    @Test
    void tlsAutoReloadIntervalPollsWhenWatchingIsOff() throws Exception {
        Path dir = TestCerts.tempDir("polled");
        Issued first = leaf("Polled-1");
        pair(first, first).write(dir);
        SSLContext client = TlsClients.context(certs.caCert, certs.clientCert, certs.clientKey);
        try (TestServer s = TestServer.start("tls-port=" + TestServer.freePort(), "tls-cert-file=" + dir.resolve("tls.crt"),
                 "tls-key-file=" + dir.resolve("tls.key"), "tls-ca-cert-file=" + dir.resolve("ca.crt"),
                 "tls-auto-reload-interval=1", "--redoubt.tls-auto-reload=false")) {
            int port = s.server().directives().get("tls-port").asInt();
            Issued second = leaf("Polled-2");
            Files.delete(dir.resolve("ca.crt"));
            pair(second, second).write(dir); // watching is off: only polling sees it
            awaitServed(port, client, second, 1000 + MARGIN_MS);
            assertThat(Http.get(s, "/actuator/tls").json().get("trigger").asString()).isEqualTo("file change");
        }
    }

    static String serial(Issued i) {
        return CertificateFacts.serial(i.certificate());
    }

    static String serial(java.security.cert.X509Certificate c) {
        return CertificateFacts.serial(c);
    }

    /** Returns when a new connection is served the expected certificate. */
    static long awaitServed(int port, SSLContext client, Issued expected, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            if (serial(TlsClients.serverCertificate(port, client)).equals(serial(expected))) {
                return System.currentTimeMillis();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("certificate " + serial(expected) + " not served within " + timeoutMs + " ms");
    }

    static JsonNode awaitFailure(TestServer s, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            JsonNode f = Http.get(s, "/actuator/tls").json().get("lastFailure");
            if (f != null && !f.isNull()) {
                return f;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no failed reload within " + timeoutMs + " ms");
    }

    /** Threads running SET/GET in a loop over their own TLS connection, recording every failure. */
    static final class BusyClients implements AutoCloseable {
        final List<String> errors = new CopyOnWriteArrayList<>();
        private final AtomicLong ops = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        BusyClients(int port, SSLContext ctx, int n) {
            for (int i = 0; i < n; i++) {
                String key = "busy:" + i;
                Thread t = new Thread(() -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", port, DefaultJedisClientConfig.builder().ssl(true)
                             .sslSocketFactory(ctx.getSocketFactory()).socketTimeoutMillis(10_000).build())) {
                        for (long v = 0; running.get(); v++) {
                            jedis.set(key, Long.toString(v));
                            String got = jedis.get(key);
                            if (!Long.toString(v).equals(got)) {
                                errors.add(key + ": expected " + v + ", got " + got);
                            }
                            ops.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        errors.add(key + ": " + e);
                    }
                }, "busy-client-" + i);
                threads.add(t);
                t.start();
            }
        }

        long ops() {
            return ops.get();
        }

        void awaitOps(long atLeast) throws InterruptedException {
            long end = System.currentTimeMillis() + 20_000;
            while (ops.get() < atLeast && System.currentTimeMillis() < end && errors.isEmpty()) {
                Thread.sleep(20);
            }
            assertThat(errors).isEmpty();
            assertThat(ops.get()).isGreaterThanOrEqualTo(atLeast);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }
}
