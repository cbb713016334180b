package io.redoubt.replication;

import static io.redoubt.replication.ReplicationProbe.await;
import static io.redoubt.replication.ReplicationProbe.awaitCaughtUp;
import static io.redoubt.replication.ReplicationProbe.awaitLinkUp;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pub/sub across replication, as Redis does outside cluster mode: PUBLISH and SPUBLISH on a master reach
 * subscribers on its replica (they go down the replication stream) but are never written to an AOF, the master's
 * or the replica's; the commands a replica applies from its master fire keyspace notifications on the replica.
 */
class ReplicaPubSubTest {
    @Test
    void publishReachesReplicaSubscribersButNotTheAof() throws Exception {
        Path masterDir = TestCerts.tempDir("pubsub-master");
        Path replicaDir = TestCerts.tempDir("pubsub-replica");
        try (TestServer master = TestServer.start("repl-diskless-sync-delay=0", "appendonly=yes", "dir=" + masterDir);
             TestServer replica = TestServer.start("replicaof=127.0.0.1 " + master.port(), "appendonly=yes",
                 "dir=" + replicaDir, "notify-keyspace-events=KEA");
             RawConnection writer = new RawConnection(master.port());
             RawConnection channel = new RawConnection(replica.port());
             RawConnection shard = new RawConnection(replica.port());
             RawConnection events = new RawConnection(replica.port())) {
            awaitLinkUp(replica.port());
            assertThat(channel.call("SUBSCRIBE", "news")).isEqualTo(List.of("subscribe", "news", 1L));
            assertThat(shard.call("SSUBSCRIBE", "shard")).isEqualTo(List.of("ssubscribe", "shard", 1L));
            assertThat(events.call("PSUBSCRIBE", "__key*")).isEqualTo(List.of("psubscribe", "__key*", 1L));

            assertThat(writer.call("PUBLISH", "news", "hello")).isEqualTo(0L); // nobody listens on the master
            assertThat(writer.call("SPUBLISH", "shard", "hi")).isEqualTo(0L);
            writer.call("SET", "k", "v");
            writer.call("MULTI");
            writer.call("PUBLISH", "news", "in-exec");
            writer.call("RPUSH", "list", "a");
            writer.call("EXEC");

            assertThat(channel.reply()).isEqualTo(List.of("message", "news", "hello"));
            assertThat(channel.reply()).isEqualTo(List.of("message", "news", "in-exec"));
            assertThat(shard.reply()).isEqualTo(List.of("smessage", "shard", "hi"));
            assertThat(events.reply()).isEqualTo(List.of("pmessage", "__key*", "__keyspace@0__:k", "set"));
            assertThat(events.reply()).isEqualTo(List.of("pmessage", "__key*", "__keyevent@0__:set", "k"));
            assertThat(events.reply()).isEqualTo(List.of("pmessage", "__key*", "__keyspace@0__:list", "rpush"));
            assertThat(events.reply()).isEqualTo(List.of("pmessage", "__key*", "__keyevent@0__:rpush", "list"));

            awaitCaughtUp(master.port(), replica.port());
            String masterAof = incr(masterDir);
            assertThat(masterAof).contains("$3\r\nSET\r\n$1\r\nk\r\n").contains("$5\r\nRPUSH\r\n$4\r\nlist\r\n")
                .doesNotContainIgnoringCase("PUBLISH");
            await("the replica's AOF holds what it applied", () -> incr(replicaDir).contains("list"));
            assertThat(incr(replicaDir)).doesNotContainIgnoringCase("PUBLISH");
        }
    }

    /** The text of the AOF's incr files. */
    private static String incr(Path dir) {
        try (var files = Files.list(dir.resolve("appendonlydir"))) {
            StringBuilder all = new StringBuilder();
            for (Path p : files.filter(f -> f.toString().endsWith(".incr.aof")).sorted().toList()) {
                all.append(Files.readString(p, StandardCharsets.ISO_8859_1));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
