package io.redoubt.replication;

import static io.redoubt.replication.ReplicationProbe.await;
import static io.redoubt.replication.ReplicationProbe.info;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The slave class of client-output-buffer-limit, as set by CONFIG SET: a replica that stops reading while the
 * master writes is dropped once its unsent stream passes the hard limit, as Redis drops it.
 */
class ReplicaOutputLimitTest {
    @Test
    void aReplicaThatStopsReadingIsDroppedPastItsClassLimit() throws Exception {
        try (TestServer server = TestServer.start("repl-diskless-sync=no", "repl-ping-replica-period=3600");
             RawConnection writer = new RawConnection(server.port());
             RawConnection replica = new RawConnection(server.port())) {
            assertThat(writer.call("CONFIG", "SET", "client-output-buffer-limit", "slave 1mb 0 0")).isEqualTo("OK");
            assertThat(writer.call("CONFIG", "GET", "client-output-buffer-limit")).asString()
                .contains("slave 1048576 0 0");
            assertThat(replica.call("REPLCONF", "listening-port", "9999")).isEqualTo("OK");
            replica.send(RawConnection.command("PSYNC", "?", "-1"));
            assertThat(replica.line()).startsWith("+FULLRESYNC");
            await("the replica online", () -> info(server.port(), "replication").get("slave0") != null
                && info(server.port(), "replication").get("slave0").contains("state=online"));
            String value = "x".repeat(1 << 20);
            // the replica reads nothing more: the stream piles up past the socket buffers, then past 1mb
            for (int i = 0; i < 64 && "1".equals(info(server.port(), "replication").get("connected_slaves")); i++) {
                writer.call("SET", "big:" + i, value);
            }
            await("the replica dropped", () -> "0".equals(info(server.port(), "replication").get("connected_slaves")));
            replica.timeout(30_000);
            replica.readUntilClosed();
        }
    }
}
