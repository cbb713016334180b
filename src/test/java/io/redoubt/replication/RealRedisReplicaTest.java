package io.redoubt.replication;

import static io.redoubt.replication.ReplicationProbe.assertSameData;
import static io.redoubt.replication.ReplicationProbe.awaitCaughtUp;
import static io.redoubt.replication.ReplicationProbe.awaitLinkUp;
import static io.redoubt.replication.ReplicationProbe.call;
import static io.redoubt.replication.ReplicationProbe.info;
import static io.redoubt.replication.ReplicationProbe.writeSample;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RealRedis;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real Redis 7.0 replica of a Redoubt master, over TLS: full sync (RDB loaded by Redis), live writes, then a
 * partial resync after the master drops the link (CLIENT KILL TYPE replica).
 */
class RealRedisReplicaTest {
    @Test
    void redisReplicatesFromRedoubtOverTls() {
        TestCerts certs = TestCerts.shared();
        int tlsPort = TestServer.freePort();
        try (TestServer master = TestServer.start(certs.serverDirectives(tlsPort, "repl-diskless-sync-delay=0"))) {
            int m = master.port();
            writeSample(m, "before:");
            try (RealRedis replica = RealRedis.start(null, TestCerts.tempDir("real-replica"), null,
                     "--save", "", "--appendonly", "no", "--enable-debug-command", "yes",
                     "--tls-replication", "yes", "--tls-cert-file", certs.clientCert.toString(),
                     "--tls-key-file", certs.clientKey.toString(), "--tls-ca-cert-file", certs.caCert.toString(),
                     "--replicaof", "127.0.0.1", Integer.toString(tlsPort))) {
                int r = replica.port();
                awaitLinkUp(r);
                awaitCaughtUp(m, r);
                assertSameData(m, r);
                assertThat(info(m, "stats").get("sync_full")).isEqualTo("1");
                Map<String, String> mi = info(m, "replication");
                assertThat(mi.get("connected_slaves")).isEqualTo("1");
                assertThat(mi.get("slave0")).contains("state=online");
                assertThat(info(r, "replication").get("master_replid")).isEqualTo(mi.get("master_replid"));

                writeSample(m, "live:");
                awaitCaughtUp(m, r);
                assertSameData(m, r);

                assertThat(call(m, "CLIENT", "KILL", "TYPE", "replica")).isEqualTo(1L);
                writeSample(m, "while-down:");
                ReplicationProbe.await("partial resync",
                    () -> "1".equals(info(m, "stats").get("sync_partial_ok")));
                awaitCaughtUp(m, r);
                writeSample(m, "after:");
                awaitCaughtUp(m, r);
                assertSameData(m, r);
                assertThat(info(m, "stats").get("sync_full")).isEqualTo("1");
            }
        }
    }

    /** Disk-based framing ($<len>) over plain TCP; a short idle-client timeout on the master leaves the replica linked. */
    @Test
    void redisLoadsTheLengthFramedRdb() {
        try (TestServer master = TestServer.start("repl-diskless-sync=no", "timeout=1")) {
            int m = master.port();
            writeSample(m, "disk:");
            try (RealRedis replica = RealRedis.start(null, TestCerts.tempDir("real-replica"), null,
                     "--save", "", "--appendonly", "no", "--enable-debug-command", "yes", "--replicaof", "127.0.0.1", Integer.toString(m))) {
                int r = replica.port();
                awaitLinkUp(r);
                awaitCaughtUp(m, r);
                assertSameData(m, r);
                try {
                    Thread.sleep(2500); // past the master's timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                writeSample(m, "later:");
                awaitCaughtUp(m, r);
                assertSameData(m, r);
                assertThat(info(m, "stats").get("sync_full")).isEqualTo("1");
            }
        }
    }

    /**
     * The RDB of a full sync is encoded after the lock is released, while a client goes on writing: what it
     * writes meanwhile is held and follows the RDB, so the replica ends up with exactly the master's data.
     */
    @Test
    void writesDuringTheFullSyncFollowTheRdb() throws Exception {
        try (TestServer master = TestServer.start("repl-diskless-sync=no")) {
            int m = master.port();
            try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis("127.0.0.1", m)) {
                redis.clients.jedis.Pipeline p = j.pipelined();
                for (int i = 0; i < 200_000; i++) {
                    p.rpush("big", "element-" + i); // enough to take a while to encode
                }
                p.sync();
            }
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (redis.clients.jedis.Jedis w = new redis.clients.jedis.Jedis("127.0.0.1", m)) {
                    for (long n = 0; !stop.get(); n++) {
                        w.incr("counter");
                        w.rpush("big", "live-" + n);
                        w.set("key:" + (n % 1000), Long.toString(n));
                    }
                }
            });
            writer.start();
            try (RealRedis replica = RealRedis.start(null, TestCerts.tempDir("real-replica"), null,
                     "--save", "", "--appendonly", "no", "--replicaof", "127.0.0.1", Integer.toString(m))) {
                int r = replica.port();
                awaitLinkUp(r);
                Thread.sleep(300);
                stop.set(true);
                writer.join();
                awaitCaughtUp(m, r);
                assertThat(call(r, "GET", "counter")).isEqualTo(call(m, "GET", "counter"));
                assertThat(call(r, "LLEN", "big")).isEqualTo(call(m, "LLEN", "big"));
                assertThat(call(r, "LINDEX", "big", "-1")).isEqualTo(call(m, "LINDEX", "big", "-1"));
                assertThat(call(r, "DBSIZE")).isEqualTo(call(m, "DBSIZE"));
                assertThat(info(m, "stats").get("sync_full")).isEqualTo("1");
            } finally {
                stop.set(true);
                writer.join();
            }
        }
    }
}
