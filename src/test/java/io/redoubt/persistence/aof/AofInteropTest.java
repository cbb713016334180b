package io.redoubt.persistence.aof;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.RealRedis;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The AOF directory is Redis 7's: the installed redis-server (7.0, aof-use-rdb-preamble no) loads what Redoubt
 * wrote, and Redoubt loads what redis-server wrote, base and incr files both.
 */
class AofInteropTest {
    private static RealRedis realRedis(Path dir) {
        return RealRedis.start(null, dir, null, "--save", "", "--appendonly", "yes", "--aof-use-rdb-preamble", "no",
            "--dir", dir.toString());
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

    @Test
    void realRedisLoadsTheAofRedoubtWrote() throws Exception {
        Path dir = TestCerts.tempDir("aof-interop");
        Map<String, String> written;
        try (TestServer s = TestServer.start("appendonly=yes", "dir=" + dir, "aof-use-rdb-preamble=no");
             RawConnection c = new RawConnection(s.port())) {
            writeAcrossARewrite(c);
            written = AofTestData.snapshot(c);
        }
        try (RealRedis redis = realRedis(dir); RawConnection c = redis.connect()) {
            assertThat(AofTestData.snapshot(c)).isEqualTo(written);
        }
    }

    @Test
    void redoubtLoadsTheAofRealRedisWrote() throws Exception {
        Path dir = TestCerts.tempDir("aof-interop");
        Map<String, String> written;
        try (RealRedis redis = realRedis(dir); RawConnection c = redis.connect()) {
            writeAcrossARewrite(c);
            written = AofTestData.snapshot(c);
        }
        try (TestServer s = TestServer.start("appendonly=yes", "dir=" + dir);
             RawConnection c = new RawConnection(s.port())) {
            assertThat(AofTestData.snapshot(c)).isEqualTo(written).containsKey("0:after-rewrite");
        }
    }
}
