package io.redoubt.replication;

import static io.redoubt.replication.ReplicationProbe.assertSameData;
import static io.redoubt.replication.ReplicationProbe.awaitCaughtUp;
import static io.redoubt.replication.ReplicationProbe.awaitLinkUp;
import static io.redoubt.replication.ReplicationProbe.call;
import static io.redoubt.replication.ReplicationProbe.info;
import static io.redoubt.replication.ReplicationProbe.writeSample;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.Http;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RealRedis;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Redoubt as the replica of a real Redis 7.0 master over TLS (tls-replication, client certificate checked by
 * the master): full sync from Redis's RDB, the live stream, a partial resync after the master drops the link,
 * and what the replica shows (ROLE, INFO, READONLY, the Actuator's tls endpoint).
 */
class RedoubtReplicaOfRedisTest {
    @Test
    void redoubtReplicatesFromRedisOverTls() throws Exception {
        TestCerts certs = TestCerts.shared();
        int masterTls = TestServer.freePort();
        try (RealRedis master = RealRedis.start(null, TestCerts.tempDir("real-master"), null,
                 "--save", "", "--appendonly", "no", "--enable-debug-command", "yes", "--tls-port", Integer.toString(masterTls),
                 "--tls-cert-file", certs.serverCert.toString(), "--tls-key-file", certs.serverKey.toString(),
                 "--tls-ca-cert-file", certs.caCert.toString(), "--repl-diskless-sync-delay", "0")) {
            int m = master.port();
            writeSample(m, "before:");
            try (TestServer replica = TestServer.start("tls-replication=yes",
                     "tls-cert-file=" + certs.serverCert, "tls-key-file=" + certs.serverKey,
                     "tls-client-cert-file=" + certs.clientCert, "tls-client-key-file=" + certs.clientKey,
                     "tls-ca-cert-file=" + certs.caCert, "replicaof=127.0.0.1 " + masterTls)) {
                int r = replica.port();
                awaitLinkUp(r);
                awaitCaughtUp(m, r);
                assertSameData(m, r);

                Map<String, String> ri = info(r, "replication");
                assertThat(ri.get("role")).isEqualTo("slave");
                assertThat(ri.get("master_host")).isEqualTo("127.0.0.1");
                assertThat(ri.get("master_port")).isEqualTo(Integer.toString(masterTls));
                assertThat(ri.get("master_sync_in_progress")).isEqualTo("0");
                assertThat(ri.get("slave_read_only")).isEqualTo("1");
                assertThat(ri.get("master_replid")).isEqualTo(info(m, "replication").get("master_replid"));
                assertThat(call(r, "ROLE")).isEqualTo(List.of("slave", "127.0.0.1", (long) masterTls, "connected",
                    Long.parseLong(ri.get("slave_repl_offset"))));
                assertThat(call(r, "SET", "k", "v")).isEqualTo(
                    new RawConnection.Error("READONLY You can't write against a read only replica."));
                // Redis marks a replica online once it has reaped its RDB child, which may come after our load
                ReplicationProbe.await("online on the master", () -> info(m, "replication").get("slave0")
                    .contains("state=online"));
                assertThat(info(m, "replication").get("slave0")).contains("port=" + r);

                JsonNode link = Http.get(replica, "/actuator/tls").json().get("replication");
                assertThat(link.get("host").asString()).isEqualTo("127.0.0.1");
                assertThat(link.get("port").asInt()).isEqualTo(masterTls);
                assertThat(link.get("tls").asBoolean()).isTrue();
                assertThat(link.get("presentedCertificate").asString()).contains("CN=Client");
                assertThat(link.get("masterCertificate").asString()).contains("CN=Server");

                writeSample(m, "live:");
                awaitCaughtUp(m, r);
                assertSameData(m, r);

                try (RawConnection db3 = new RawConnection(m)) {
                    // the stream is left in database 3; after the partial resync it continues there without SELECT
                    db3.call("SELECT", "3");
                    db3.call("SET", "in-db-3", "before");
                    awaitCaughtUp(m, r);
                    assertThat(call(m, "CLIENT", "KILL", "TYPE", "replica")).isEqualTo(1L);
                    db3.call("SET", "in-db-3-while-down", "during");
                }
                writeSample(m, "while-down:");
                ReplicationProbe.await("partial resync", () -> "1".equals(info(m, "stats").get("sync_partial_ok")));
                awaitCaughtUp(m, r);
                writeSample(m, "after:");
                awaitCaughtUp(m, r);
                assertSameData(m, r);
                assertThat(info(m, "stats").get("sync_full")).isEqualTo("1");
            }
        }
    }
}
