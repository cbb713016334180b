package io.redoubt.persistence.aof;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.RealRedis;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AOF directory is Redis 7's: the installed redis-server (7.0) loads what Redoubt wrote, and Redoubt loads
 * what redis-server wrote, base (commands or RDB) and incr files both.
 */
class AofInteropTest {
    private static RealRedis realRedis(Path dir, String preamble) {
        return RealRedis.start(null, dir, null, "--save", "", "--appendonly", "yes", "--aof-use-rdb-preamble",
            preamble, "--dir", dir.toString());
    }

    /** Data in the base (written before a rewrite) and in the incr file (after it). */
    private static void writeAcrossARewrite(RawConnection c) throws Exception {
        AofTestData.write(c);
        c.call("BGREWRITEAOF");
        AofTestData.awaitNoRewrite(c);
        c.call("SET", "after-rewrite", "1");
        c.call("EXPIRE", "str", "5000");
        c.call("SPOP", "set");
        c.call("MULTI");
        c.call("INCR", "counter");
        c.call("LPUSH", "list", "tx");
        c.call("EXEC");
    }

    @ParameterizedTest(name = "aof-use-rdb-preamble {0}")
    @ValueSource(strings = {"no", "yes"})
    void realRedisLoadsTheAofRedoubtWrote(String preamble) throws Exception {
        Path dir = TestCerts.tempDir("aof-interop");
        Map<String, String> written;
        try (TestServer s = TestServer.start("appendonly=yes", "dir=" + dir, "aof-use-rdb-preamble=" + preamble);
             RawConnection c = new RawConnection(s.port())) {
            writeAcrossARewrite(c);
            written = AofTestData.snapshot(c);
        }
        try (RealRedis redis = realRedis(dir, preamble); RawConnection c = redis.connect()) {
            assertThat(AofTestData.snapshot(c)).isEqualTo(written);
        }
    }

    @ParameterizedTest(name = "aof-use-rdb-preamble {0}")
    @ValueSource(strings = {"no", "yes"})
    void redoubtLoadsTheAofRealRedisWrote(String preamble) throws Exception {
        Path dir = TestCerts.tempDir("aof-interop");
        Map<String, String> written;
        try (RealRedis redis = realRedis(dir, preamble); RawConnection c = redis.connect()) {
            writeAcrossARewrite(c);
            written = AofTestData.snapshot(c);
        }
        assertThat(AofTestData.files(dir.resolve("appendonlydir")))
            .contains("appendonly.aof.2.base." + (preamble.equals("yes") ? "rdb" : "aof"));
        try (TestServer s = TestServer.start("appendonly=yes", "dir=" + dir);
             RawConnection c = new RawConnection(s.port())) {
            assertThat(AofTestData.snapshot(c)).isEqualTo(written).containsKey("0:after-rewrite");
        }
    }
}
