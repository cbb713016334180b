package io.redoubt.persistence.aof;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.ChildJvm;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Redoubt as a separate process: killed with SIGKILL, and refusing to start on a damaged AOF. */
class AofCrashTest {
    private static ChildJvm startChild(Path dir, int port, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.config.location=classpath:/application.yml",
            "--redoubt.bind=127.0.0.1", "--redoubt.port=" + port, "--redoubt.appendonly=yes",
            "--redoubt.dir=" + dir));
        args.addAll(List.of(more));
        return ChildJvm.start(args, Map.of());
    }

    @Test
    void killMinus9WithAppendfsyncAlwaysLosesNoAcknowledgedWrite() throws Exception {
        Path dir = TestCerts.tempDir("aof-crash");
        int port = TestServer.freePort();
        AtomicLong acked = new AtomicLong();
        try (ChildJvm child = startChild(dir, port, "--redoubt.appendfsync=always").awaitReady(60)) {
            Thread writer = new Thread(() -> {
                try (RawConnection c = new RawConnection(port)) {
                    while (true) {
                        Object n = c.call("INCR", "counter");
                        if (!(n instanceof Long)) {
                            return;
                        }
                        c.call("RPUSH", "log", n.toString());
                        acked.set((Long) n); // both writes of this round were answered
                    }
                } catch (Exception e) {
                    // the server died under us
                }
            });
            writer.start();
            while (acked.get() < 200) {
                Thread.sleep(10);
            }
            child.kill();
            writer.join(10_000);
        }
        try (TestServer s = TestServer.start("appendonly=yes", "dir=" + dir);
             RawConnection c = new RawConnection(s.port())) {
            long counter = Long.parseLong((String) c.call("GET", "counter"));
            assertThat(counter).isGreaterThanOrEqualTo(acked.get()); // one more may have run, unanswered
            assertThat((Long) c.call("LLEN", "log")).isBetween(acked.get(), counter);
        }
    }

    @Test
    void aTruncatedAofWithAofLoadTruncatedNoStopsStartUpNamingFileAndOffset() throws Exception {
        Path dir = TestCerts.tempDir("aof-crash");
        try (TestServer s = TestServer.start("appendonly=yes", "dir=" + dir);
             RawConnection c = new RawConnection(s.port())) {
            c.call("SET", "k", "v");
        }
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        long complete = Files.size(incr);
        Files.write(incr, "*2\r\n$3\r\nDEL".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        try (ChildJvm child = startChild(dir, 0, "--redoubt.aof-load-truncated=no")) {
            assertThat(child.awaitExit(60)).isEqualTo(1);
            assertThat(child.stderr()).isEqualTo("*** Redoubt could not start: Unexpected end of file reading the "
                + "append only file appendonly.aof.1.incr.aof (truncated after offset " + complete + ")\n");
            assertThat(child.stdout()).contains("Unexpected end of file reading the append only file "
                + "appendonly.aof.1.incr.aof. You can: 1) Make a backup of your AOF file");
        }
        assertThat(Files.size(incr)).isGreaterThan(complete); // refused, so left as it was
    }
}
