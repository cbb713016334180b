package io.redoubt.replication;

import static io.redoubt.replication.ReplicationProbe.info;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The master's side of the protocol byte by byte, as a replica sees it: the answers to REPLCONF, PSYNC and
 * SYNC, both RDB framings, the stream with its SELECT, REPLCONF ACK and GETACK under WAIT, and +CONTINUE with
 * the missing bytes from the backlog.
 */
class MasterProtocolTest {
    private static final String SET_B = "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n";
    private static final String SELECT_0 = "*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n";

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void diskBasedFullSyncThenStreamThenPartialResync() throws Exception {
        try (TestServer server = TestServer.start("repl-diskless-sync=no", "repl-ping-replica-period=3600");
             RawConnection writer = new RawConnection(server.port())) {
            writer.call("SET", "a", "1");
            String replid;
            long offset;
            try (RawConnection replica = new RawConnection(server.port())) {
                assertThat(replica.call("REPLCONF", "listening-port", "9999")).isEqualTo("OK");
                assertThat(replica.call("REPLCONF", "capa", "eof", "capa", "psync2")).isEqualTo("OK");
                replica.send(RawConnection.command("PSYNC", "?", "-1"));
                String full = replica.line();
                assertThat(full).matches("\\+FULLRESYNC [0-9a-f]{40} 0");
                replid = full.split(" ")[1];
                String header = replica.line();
                assertThat(header).startsWith("$");
                byte[] rdb = replica.read(Integer.parseInt(header.substring(1)));
                assertThat(text(rdb)).startsWith("REDIS0010");

                writer.call("SET", "b", "2");
                assertThat(text(replica.read(SELECT_0.length() + SET_B.length()))).isEqualTo(SELECT_0 + SET_B);
                offset = SELECT_0.length() + SET_B.length();
                assertThat(info(server.port(), "replication").get("master_repl_offset")).isEqualTo(Long.toString(offset));

                replica.send(RawConnection.command("REPLCONF", "ACK", Long.toString(offset)));
                ReplicationProbe.await("ack seen", () -> info(server.port(), "replication").get("slave0")
                    .equals("ip=127.0.0.1,port=9999,state=online,offset=" + offset + ",lag=0")
                    || info(server.port(), "replication").get("slave0").contains("offset=" + offset + ",lag=1"));

                // WAIT asks for acknowledgements with REPLCONF GETACK * and returns once this replica answers
                writer.send(RawConnection.command("SET", "c", "3"));
                assertThat(writer.reply()).isEqualTo("OK");
                writer.send(RawConnection.command("WAIT", "1", "0"));
                String setC = "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n3\r\n";
                String getack = "*3\r\n$8\r\nREPLCONF\r\n$6\r\nGETACK\r\n$1\r\n*\r\n";
                assertThat(text(replica.read(setC.length() + getack.length()))).isEqualTo(setC + getack);
                replica.send(RawConnection.command("REPLCONF", "ACK",
                    Long.toString(offset + setC.length() + getack.length())));
                assertThat(writer.reply()).isEqualTo(1L);
            }
            // the replica is gone; what it missed is in the backlog
            ReplicationProbe.await("replica gone", () -> info(server.port(), "replication")
                .get("connected_slaves").equals("0"));
            writer.call("SET", "d", "4");
            try (RawConnection again = new RawConnection(server.port())) {
                assertThat(again.call("REPLCONF", "capa", "psync2")).isEqualTo("OK");
                String setC = "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$1\r\n3\r\n";
                String getack = "*3\r\n$8\r\nREPLCONF\r\n$6\r\nGETACK\r\n$1\r\n*\r\n";
                again.send(RawConnection.command("PSYNC", replid, Long.toString(offset + 1)));
                assertThat(again.line()).isEqualTo("+CONTINUE " + replid);
                String setD = "*3\r\n$3\r\nSET\r\n$1\r\nd\r\n$1\r\n4\r\n";
                assertThat(text(again.read(setC.length() + getack.length() + setD.length())))
                    .isEqualTo(setC + getack + setD);
            }
            assertThat(info(server.port(), "stats").get("sync_partial_ok")).isEqualTo("1");
            assertThat(info(server.port(), "stats").get("sync_full")).isEqualTo("1");
        }
    }

    @Test
    void disklessSyncUsesTheEofMarkAndSyncHasNoFullresyncLine() throws Exception {
        try (TestServer server = TestServer.start("repl-diskless-sync=yes", "repl-diskless-sync-delay=0",
                 "repl-ping-replica-period=3600");
             RawConnection writer = new RawConnection(server.port())) {
            writer.call("SET", "a", "1");
            try (RawConnection replica = new RawConnection(server.port())) {
                assertThat(replica.call("REPLCONF", "capa", "eof")).isEqualTo("OK");
                replica.send(RawConnection.command("PSYNC", "?", "-1"));
                assertThat(replica.line()).startsWith("+FULLRESYNC ");
                String header = replica.line();
                assertThat(header).matches("\\$EOF:[0-9a-zA-Z]{40}");
                String mark = header.substring(5);
                StringBuilder payload = new StringBuilder();
                while (!payload.toString().endsWith(mark)) {
                    payload.append(text(replica.read(1)));
                }
                assertThat(payload.toString()).startsWith("REDIS0010");
            }
            try (RawConnection old = new RawConnection(server.port())) {
                old.send(RawConnection.command("SYNC"));
                String header = old.line();
                assertThat(header).matches("\\$[0-9]+"); // no capa eof: the length is sent first, no +FULLRESYNC
                assertThat(text(old.read(Integer.parseInt(header.substring(1))))).startsWith("REDIS0010");
            }
            assertThat(info(server.port(), "stats").get("sync_full")).isEqualTo("2");
        }
    }

    @Test
    void silentReplicasAreDroppedAndTheBacklogOutlivesThemByItsTtl() throws Exception {
        try (TestServer server = TestServer.start("repl-diskless-sync=no", "repl-timeout=1", "repl-backlog-ttl=1");
             RawConnection writer = new RawConnection(server.port())) {
            writer.call("SET", "a", "1");
            try (RawConnection replica = new RawConnection(server.port())) {
                replica.send(RawConnection.command("PSYNC", "?", "-1"));
                assertThat(replica.line()).startsWith("+FULLRESYNC ");
                String replid = info(server.port(), "replication").get("master_replid");
                assertThat(info(server.port(), "replication").get("repl_backlog_active")).isEqualTo("1");
                // it never acknowledges: after repl-timeout the master drops it
                ReplicationProbe.await("silent replica dropped",
                    () -> info(server.port(), "replication").get("connected_slaves").equals("0"));
                // then, without replicas for repl-backlog-ttl, the backlog goes and a new history starts
                ReplicationProbe.await("backlog freed",
                    () -> info(server.port(), "replication").get("repl_backlog_active").equals("0"));
                assertThat(info(server.port(), "replication").get("master_replid")).isNotEqualTo(replid);
            }
        }
    }

    @Test
    void aReplicaThatDoesNotReadIsDroppedAtItsOutputLimit() throws Exception {
        try (TestServer server = TestServer.start("repl-diskless-sync=no",
                 "client-output-buffer-limit=replica 1mb 0 0");
             RawConnection writer = new RawConnection(server.port());
             RawConnection replica = new RawConnection(server.port())) {
            replica.socket().setReceiveBufferSize(4096);
            replica.send(RawConnection.command("PSYNC", "?", "-1"));
            ReplicationProbe.await("replica attached",
                () -> info(server.port(), "replication").get("connected_slaves").equals("1"));
            String big = "x".repeat(100_000);
            for (int i = 0; i < 200 && info(server.port(), "replication").get("connected_slaves").equals("1"); i++) {
                writer.call("SET", "big" + i, big); // the replica reads none of it
            }
            ReplicationProbe.await("replica dropped",
                () -> info(server.port(), "replication").get("connected_slaves").equals("0"));
        }
    }
}
