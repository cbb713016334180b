package io.redoubt.persistence.aof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The append-only file through real servers: restart, rewrites, truncated and corrupt files, turning it on. */
class AofPersistenceTest {
    private static TestServer start(Path dir, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "appendonly=yes";
        args[1] = "dir=" + dir;
        System.arraycopy(more, 0, args, 2, more.length);
        return TestServer.start(args);
    }

    private static String manifest(Path dir) throws Exception {
        return Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest"));
    }

    @Test
    void aRestartRecoversTheDataFromTheAof() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        Map<String, String> before;
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            AofTestData.write(c);
            before = AofTestData.snapshot(c);
        }
        // aof-use-rdb-preamble yes (the default): the base is an RDB
        assertThat(AofTestData.files(dir.resolve("appendonlydir"))).containsExactly("appendonly.aof.1.base.rdb",
            "appendonly.aof.1.incr.aof", "appendonly.aof.manifest");
        assertThat(manifest(dir)).isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\n"
            + "file appendonly.aof.1.incr.aof seq 1 type i\n");
        String incr = Files.readString(dir.resolve("appendonlydir/appendonly.aof.1.incr.aof"), StandardCharsets.UTF_8);
        assertThat(incr).startsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$3\r\nstr\r\n");
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            assertThat(AofTestData.snapshot(c)).isEqualTo(before).containsKey("3:in3");
            c.call("SET", "after", "restart");
            c.call("BGREWRITEAOF"); // the data goes into an RDB base
            AofTestData.awaitNoRewrite(c);
            c.call("SET", "after", "rewrite");
            before = AofTestData.snapshot(c);
        }
        assertThat(AofTestData.files(dir.resolve("appendonlydir"))).containsExactly("appendonly.aof.2.base.rdb",
            "appendonly.aof.2.incr.aof", "appendonly.aof.manifest");
        assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.2.base.rdb"), StandardCharsets.ISO_8859_1))
            .startsWith("REDIS0010").contains("aof-base");
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            assertThat(AofTestData.snapshot(c)).isEqualTo(before);
            assertThat(c.call("GET", "after")).isEqualTo("rewrite");
        }
    }

    @Test
    void bgrewriteaofWhileClientsWriteKeepsEveryWrite() throws Exception {
        Path dir = rewritesWhileClientsWrite("no");
        assertThat(manifest(dir)).isEqualTo("file appendonly.aof.4.base.aof seq 4 type b\n"
            + "file appendonly.aof.4.incr.aof seq 4 type i\n");
        assertThat(AofTestData.files(dir.resolve("appendonlydir"))).containsExactly("appendonly.aof.4.base.aof",
            "appendonly.aof.4.incr.aof", "appendonly.aof.manifest");
        String base = Files.readString(dir.resolve("appendonlydir/appendonly.aof.4.base.aof"), StandardCharsets.UTF_8);
        assertThat(base).startsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n").contains("$5\r\nHMSET\r\n", "$9\r\nPEXPIREAT\r\n");
    }

    @Test
    void anRdbBaseWrittenInTheBackgroundWhileClientsWriteKeepsEveryWrite() throws Exception {
        Path dir = rewritesWhileClientsWrite("yes");
        assertThat(manifest(dir)).isEqualTo("file appendonly.aof.4.base.rdb seq 4 type b\n"
            + "file appendonly.aof.4.incr.aof seq 4 type i\n");
    }

    /**
     * Three rewrites while a client increments a counter and appends to a list, with the base as commands
     * ({@code preamble} no) or an RDB (yes); a restart must load exactly what the server held. Returns the dir.
     */
    private static Path rewritesWhileClientsWrite(String preamble) throws Exception {
        Path dir = TestCerts.tempDir("aof");
        Map<String, String> before;
        try (TestServer s = start(dir, "aof-use-rdb-preamble=" + preamble);
             RawConnection c = new RawConnection(s.port())) {
            AofTestData.write(c);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong acked = new AtomicLong();
            Thread writer = new Thread(() -> {
                try (RawConnection w = new RawConnection(s.port())) {
                    while (!stop.get()) {
                        w.call("INCR", "live");
                        w.call("RPUSH", "livelist", Long.toString(acked.incrementAndGet()));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            for (int i = 0; i < 3; i++) {
                Thread.sleep(100);
                assertThat(c.call("BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
                AofTestData.awaitNoRewrite(c);
            }
            stop.set(true);
            writer.join();
            before = AofTestData.snapshot(c);
            assertThat(before.get("0:live")).isEqualTo("string " + acked.get());
            String info = (String) c.call("INFO", "persistence");
            assertThat(info).contains("aof_enabled:1", "aof_rewrites:3", "aof_last_bgrewrite_status:ok");
        }
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            assertThat(AofTestData.snapshot(c)).isEqualTo(before);
        }
        return dir;
    }

    @Test
    void aRewriteAnswersAnErrorWhileOneRuns() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            c.send(RawConnection.command("BGREWRITEAOF"));
            c.send(RawConnection.command("BGREWRITEAOF"));
            assertThat(c.reply()).isEqualTo("Background append only file rewriting started");
            Object second = c.reply(); // the first may have finished already: then a second one started
            assertThat(String.valueOf(second)).isIn("Background append only file rewriting started",
                new RawConnection.Error("ERR Background append only file rewriting already in progress").toString());
        }
    }

    @Test
    void bgrewriteaofInsideATransactionIsScheduledSoNoWriteCountsTwice() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            c.call("MULTI");
            c.call("INCR", "n");
            c.call("BGREWRITEAOF");
            c.call("INCR", "n");
            assertThat(c.call("EXEC")).isEqualTo(List.of(1L, "Background append only file rewriting scheduled", 2L));
            for (int i = 0; i < 300 && !((String) c.call("INFO", "persistence")).contains("aof_rewrites:1"); i++) {
                Thread.sleep(20);
            }
            AofTestData.awaitNoRewrite(c);
            c.call("INCR", "n");
        }
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            assertThat(c.call("GET", "n")).isEqualTo("3");
        }
    }

    @Test
    void aTruncatedTailIsCutWhenAofLoadTruncatedIsYes() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            c.call("SET", "kept", "1");
        }
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        long complete = Files.size(incr);
        Files.write(incr, "*3\r\n$3\r\nSET\r\n$4\r\nlost\r\n$1\r\n".getBytes(StandardCharsets.US_ASCII),
            StandardOpenOption.APPEND);
        assertThatThrownBy(() -> start(dir, "aof-load-truncated=no"))
            .rootCause().hasMessageContaining("Unexpected end of file reading the append only file "
                + "appendonly.aof.1.incr.aof").hasMessageContaining("offset " + complete);
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            assertThat(c.call("GET", "kept")).isEqualTo("1");
            assertThat(c.call("EXISTS", "lost")).isEqualTo(0L);
            c.call("SET", "next", "2");
        }
        assertThat(Files.readString(incr)).doesNotContain("lost").endsWith("$4\r\nnext\r\n$1\r\n2\r\n");
    }

    @Test
    void anUnfinishedTransactionAtTheEndIsDropped() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            c.call("SET", "kept", "1");
        }
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        long complete = Files.size(incr);
        Files.write(incr, ("*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$4\r\nlost\r\n$1\r\n1\r\n")
            .getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            assertThat(c.call("GET", "kept")).isEqualTo("1");
            assertThat(c.call("EXISTS", "lost")).isEqualTo(0L);
        }
        assertThat(Files.size(incr)).isEqualTo(complete);
    }

    @Test
    void aCorruptAofIsRefusedWithFileOffsetAndReason() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            c.call("SET", "k", "v");
        }
        Path incr = dir.resolve("appendonlydir/appendonly.aof.1.incr.aof");
        long at = Files.size(incr);
        Files.write(incr, "garbage\r\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        assertThatThrownBy(() -> start(dir)).rootCause()
            .hasMessage("Bad file format reading the append only file appendonly.aof.1.incr.aof at offset " + at
                + ": expected '*' at the start of a command");
    }

    @Test
    void aMalformedManifestIsRefused() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        Files.createDirectories(dir.resolve("appendonlydir"));
        Files.writeString(dir.resolve("appendonlydir/appendonly.aof.manifest"), "file a seq 1 type x\n");
        assertThatThrownBy(() -> start(dir)).rootCause().hasMessage("Unknown AOF file type");
    }

    @Test
    void configSetAppendonlyYesStartsARewriteAndTheAofFollows() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        try (TestServer s = TestServer.start("dir=" + dir); RawConnection c = new RawConnection(s.port())) {
            c.call("SET", "before", "1");
            assertThat((String) c.call("INFO", "persistence")).contains("aof_enabled:0")
                .doesNotContain("aof_current_size");
            assertThat(c.call("CONFIG", "SET", "appendonly", "yes")).isEqualTo("OK");
            c.call("SET", "after", "2");
            AofTestData.awaitNoRewrite(c);
            String info = (String) c.call("INFO", "persistence");
            assertThat(info).contains("aof_enabled:1", "aof_rewrites:1", "aof_current_size:", "aof_base_size:");
            assertThat(manifest(dir)).isEqualTo("file appendonly.aof.1.base.rdb seq 1 type b\n"
                + "file appendonly.aof.1.incr.aof seq 1 type i\n");
            c.call("CONFIG", "SET", "appendonly", "no");
            c.call("SET", "whileoff", "3");
        }
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            assertThat(c.call("GET", "before")).isEqualTo("1");
            assertThat(c.call("GET", "after")).isEqualTo("2");
            assertThat(c.call("EXISTS", "whileoff")).isEqualTo(0L);
        }
    }

    @Test
    void theAofIsRewrittenAutomaticallyWhenItGrows() throws Exception {
        Path dir = TestCerts.tempDir("aof");
        try (TestServer s = start(dir, "auto-aof-rewrite-min-size=1024", "auto-aof-rewrite-percentage=100");
             RawConnection c = new RawConnection(s.port())) {
            for (int i = 0; i < 200; i++) {
                c.call("SET", "k", "value-" + i); // the AOF grows, the data does not
            }
            for (int i = 0; i < 300 && !((String) c.call("INFO", "persistence")).contains("aof_rewrites:1"); i++) {
                Thread.sleep(20);
            }
            AofTestData.awaitNoRewrite(c);
            assertThat((String) c.call("INFO", "persistence")).contains("aof_rewrites:1");
            assertThat(c.call("GET", "k")).isEqualTo("value-199");
        }
        assertThat(manifest(dir)).contains("appendonly.aof.2.base.rdb", "appendonly.aof.2.incr.aof");
        try (TestServer s = start(dir); RawConnection c = new RawConnection(s.port())) {
            assertThat(c.call("GET", "k")).isEqualTo("value-199");
        }
    }

    @Test
    void theManifestIsReadAndWrittenInRedisFormat() {
        AofManifest m = AofManifest.parse(("# comment\nfile appendonly.aof.3.base.rdb seq 3 type b\n"
            + "file appendonly.aof.2.incr.aof seq 2 type h\nfile \"with space.aof\" seq 4 type i\n"
            + "file appendonly.aof.5.incr.aof seq 5 type i\n").getBytes(StandardCharsets.UTF_8));
        assertThat(m.base().fileName()).isEqualTo("appendonly.aof.3.base.rdb");
        assertThat(m.incrs()).extracting(AofManifest.Entry::fileName)
            .containsExactly("with space.aof", "appendonly.aof.5.incr.aof");
        assertThat(new String(m.format(), StandardCharsets.UTF_8)).isEqualTo(
            "file appendonly.aof.3.base.rdb seq 3 type b\nfile appendonly.aof.2.incr.aof seq 2 type h\n"
                + "file \"with space.aof\" seq 4 type i\nfile appendonly.aof.5.incr.aof seq 5 type i\n");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 2 type i\nfile b seq 1 type i\n".getBytes()))
            .hasMessage("Found a non-monotonic sequence number");
        assertThatThrownBy(() -> AofManifest.parse("file a seq 1 type b\nfile b seq 2 type b\n".getBytes()))
            .hasMessage("Found duplicate base file information");
        assertThatThrownBy(() -> AofManifest.parse("file a seq\n".getBytes()))
            .hasMessage("Invalid AOF manifest file format");
        assertThat(List.of(AofManifest.quoteIfNeeded("plain.aof"))).containsExactly("plain.aof");
    }
}
