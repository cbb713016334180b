package io.redoubt.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RealRedis;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * RDB files and DUMP payloads against the real redis-server 7.0.15: a file Redoubt writes is loaded by Redis
 * and one Redis writes is loaded by Redoubt, with every key's type, content and expiry time equal; DUMP payloads
 * are byte for byte Redis's; payloads RESTORE across the two servers.
 */
class RdbInteropTest {
    private static RealRedis redisIn(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("--dir", dir.toString(), "--dbfilename", "dump.rdb", "--save", "",
            "--appendonly", "no"));
        args.addAll(List.of(more));
        return RealRedis.start(null, dir, null, args.toArray(String[]::new));
    }

    @Test
    void redisLoadsWhatRedoubtSaves() throws Exception {
        Path dir = TestCerts.tempDir("rdb-to-redis");
        Map<String, String> written;
        try (TestServer redoubt = TestServer.start("dir=" + dir, "save=");
             Jedis j = new Jedis(redoubt.host(), redoubt.port())) {
            DataSet.fill(j);
            written = DataSet.snapshot(j);
            assertThat(j.save()).isEqualTo("OK");
        }
        assertThat(dir.resolve("dump.rdb")).exists();
        try (RealRedis redis = redisIn(dir); Jedis j = new Jedis("127.0.0.1", redis.port())) {
            assertThat(DataSet.snapshot(j)).isEqualTo(written);
            assertThat(j.objectEncoding("z:large")).isEqualTo("skiplist");
        }
    }

    @Test
    void redisLoadsAnUncompressedFileWithoutChecksum() throws Exception {
        Path dir = TestCerts.tempDir("rdb-plain-to-redis");
        Map<String, String> written;
        try (TestServer redoubt = TestServer.start("dir=" + dir, "save=", "rdbcompression=no", "rdbchecksum=no");
             Jedis j = new Jedis(redoubt.host(), redoubt.port())) {
            DataSet.fill(j);
            written = DataSet.snapshot(j);
            j.save();
        }
        byte[] file = Files.readAllBytes(dir.resolve("dump.rdb"));
        assertThat(HexFormat.of().formatHex(file, file.length - 8, file.length)).isEqualTo("0000000000000000");
        try (RealRedis redis = redisIn(dir); Jedis j = new Jedis("127.0.0.1", redis.port())) {
            assertThat(DataSet.snapshot(j)).isEqualTo(written);
        }
    }

    @Test
    void redoubtLoadsWhatRedisSaves() throws Exception {
        Path dir = TestCerts.tempDir("rdb-from-redis");
        Map<String, String> written;
        try (RealRedis redis = redisIn(dir); Jedis j = new Jedis("127.0.0.1", redis.port())) {
            DataSet.fill(j);
            written = DataSet.snapshot(j);
            assertThat(j.save()).isEqualTo("OK");
        }
        try (TestServer redoubt = TestServer.start("dir=" + dir, "save=");
             Jedis j = new Jedis(redoubt.host(), redoubt.port())) {
            assertThat(DataSet.snapshot(j)).isEqualTo(written);
            assertThat(j.objectEncoding("set:int64")).isEqualTo("intset");
            assertThat(j.objectEncoding("h:small")).isEqualTo("listpack");
            assertThat(j.objectEncoding("h:large")).isEqualTo("hashtable");
            assertThat(j.objectEncoding("z:small")).isEqualTo("listpack");
            assertThat(j.objectEncoding("l:large")).isEqualTo("quicklist");
            assertThat(j.objectEncoding("l:small")).isEqualTo("listpack");
            assertThat(j.objectEncoding("set:strings")).isEqualTo("listpack"); // Redis 7.2 converts on load
            assertThat(j.info("persistence")).contains("rdb_last_load_keys_loaded:" + written.size());
        }
    }

    /**
     * Redis configured to the other encodings (plain HASH, ZSET_2 for every sorted set, plain SET, quicklists of
     * 4-element nodes, no compression) writes a file Redoubt loads the same, in Redoubt's own encodings.
     */
    @Test
    void redoubtLoadsRedisFilesInTheirOtherEncodings() throws Exception {
        Path dir = TestCerts.tempDir("rdb-from-redis-other");
        Map<String, String> written;
        try (RealRedis redis = redisIn(dir, "--hash-max-listpack-entries", "0", "--zset-max-listpack-entries", "0",
                 "--set-max-intset-entries", "0", "--list-max-listpack-size", "4", "--rdbcompression", "no");
             Jedis j = new Jedis("127.0.0.1", redis.port())) {
            DataSet.fill(j);
            written = DataSet.snapshot(j);
            assertThat(j.objectEncoding("h:small")).isEqualTo("hashtable");
            assertThat(j.objectEncoding("z:small")).isEqualTo("skiplist");
            assertThat(j.objectEncoding("set:int16")).isEqualTo("hashtable");
            assertThat(j.save()).isEqualTo("OK");
        }
        try (TestServer redoubt = TestServer.start("dir=" + dir, "save=");
             Jedis j = new Jedis(redoubt.host(), redoubt.port())) {
            assertThat(DataSet.snapshot(j)).isEqualTo(written);
            assertThat(j.objectEncoding("h:small")).isEqualTo("listpack");
            assertThat(j.objectEncoding("z:small")).isEqualTo("listpack");
            assertThat(j.objectEncoding("set:int16")).isEqualTo("intset");
            assertThat(j.objectEncoding("l:small")).isEqualTo("listpack");
        }
    }

    @Test
    void dumpPayloadsAreRedisBytesAndRestoreAcross() throws Exception {
        try (RealRedis redis = RealRedis.startEmpty(); TestServer redoubt = TestServer.start();
             Jedis real = new Jedis("127.0.0.1", redis.port()); Jedis mine = new Jedis(redoubt.host(), redoubt.port())) {
            DataSet.fill(real);
            DataSet.fill(mine);
            HexFormat hex = HexFormat.of();
            for (String key : DataSet.DETERMINISTIC_DUMPS) {
                assertThat(hex.formatHex(mine.dump(key))).as(key).isEqualTo(hex.formatHex(real.dump(key)));
            }
            // every value restores on the other server as it was
            for (String key : real.keys("*")) {
                byte[] k = DataSet.b(key);
                String type = real.type(k);
                mine.restore(DataSet.b("from-redis:" + key), 0, real.dump(k));
                real.restore(DataSet.b("from-redoubt:" + key), 0, mine.dump(k));
                assertThat(DataSet.content(mine, DataSet.b("from-redis:" + key), type)).as(key)
                    .isEqualTo(DataSet.content(real, k, type));
                assertThat(DataSet.content(real, DataSet.b("from-redoubt:" + key), type)).as(key)
                    .isEqualTo(DataSet.content(real, k, type));
            }
        }
    }
}
