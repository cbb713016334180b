package io.redoubt.replication;

import static io.redoubt.replication.ReplicationProbe.assertSameData;
import static io.redoubt.replication.ReplicationProbe.awaitCaughtUp;
import static io.redoubt.replication.ReplicationProbe.awaitLinkUp;
import static io.redoubt.replication.ReplicationProbe.call;
import static io.redoubt.replication.ReplicationProbe.dump;
import static io.redoubt.replication.ReplicationProbe.info;
import static io.redoubt.replication.ReplicationProbe.writeSample;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redoubt master with two Redoubt replicas: writes acknowledged by WAIT, the master goes away, one replica is
 * promoted (REPLICAOF NO ONE) and the other re-pointed at it, which continues with a partial resync through
 * the promoted server's replid2 (PSYNC2). No acknowledged write is lost.
 */
class RedoubtFailoverTest {
    @Test
    void promotionKeepsHistoryAndAcknowledgedWrites() throws Exception {
        TestServer a = TestServer.start("repl-diskless-sync-delay=0");
        try (TestServer b = TestServer.start("replicaof=127.0.0.1 " + a.port());
             TestServer c = TestServer.start("replicaof=127.0.0.1 " + a.port())) {
            awaitLinkUp(b.port());
            awaitLinkUp(c.port());
            writeSample(a.port(), "sample:");
            List<String> acknowledged = new ArrayList<>();
            try (RawConnection client = new RawConnection(a.port())) {
                for (int i = 0; i < 200; i++) {
                    client.call("SET", "acked:" + i, Integer.toString(i));
                    if (i % 20 == 19) {
                        assertThat(client.call("WAIT", "2", "0")).isEqualTo(2L);
                        for (int j = i - 19; j <= i; j++) {
                            acknowledged.add("acked:" + j);
                        }
                    }
                }
            }
            Map<String, String> old = info(a.port(), "replication");
            assertThat(old.get("connected_slaves")).isEqualTo("2");
            awaitCaughtUp(a.port(), b.port());
            awaitCaughtUp(a.port(), c.port());
            assertSameData(a.port(), b.port());
            Map<String, String> before = dump(a.port());
            a.close(); // the master is gone

            assertThat(call(b.port(), "REPLICAOF", "NO", "ONE")).isEqualTo("OK");
            Map<String, String> promoted = info(b.port(), "replication");
            assertThat(promoted.get("role")).isEqualTo("master");
            assertThat(promoted.get("master_replid2")).isEqualTo(old.get("master_replid"));
            long offset = Long.parseLong(promoted.get("master_repl_offset"));
            assertThat(promoted.get("second_repl_offset")).isEqualTo(Long.toString(offset + 1));
            assertThat(promoted.get("master_replid")).isNotEqualTo(old.get("master_replid"));

            assertThat(call(c.port(), "REPLICAOF", "127.0.0.1", Integer.toString(b.port()))).isEqualTo("OK");
            awaitLinkUp(c.port());
            Map<String, String> bStats = info(b.port(), "stats");
            assertThat(bStats.get("sync_partial_ok")).isEqualTo("1");
            assertThat(bStats.get("sync_full")).isEqualTo("0");
            assertThat(info(c.port(), "replication").get("master_replid")).isEqualTo(promoted.get("master_replid"));

            Map<String, String> after = dump(b.port());
            for (String key : acknowledged) {
                assertThat(after).containsKey("0:" + key);
            }
            assertThat(after).isEqualTo(before);
            writeSample(b.port(), "new-master:");
            try (RawConnection client = new RawConnection(b.port())) {
                assertThat(client.call("WAIT", "1", "0")).isEqualTo(1L);
            }
            awaitCaughtUp(b.port(), c.port());
            assertSameData(b.port(), c.port());
        } finally {
            a.close();
        }
    }
}
