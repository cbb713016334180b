package io.redoubt.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.keyspace.Keyspace;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * SAVE, BGSAVE, LASTSAVE, save points, SHUTDOWN, FLUSHALL, DEBUG RELOAD, stop-writes-on-bgsave-error and INFO
 * persistence on real servers writing real files; restarting loads what was saved.
 */
class SnapshotCommandsTest {
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not reached in 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static String info(Jedis j, String field) {
        for (String line : j.info("persistence").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no INFO field " + field);
    }

    private static Keyspace loadFile(Path file) throws Exception {
        Keyspace ks = new Keyspace(16);
        try (InputStream in = Files.newInputStream(file)) {
            new RdbLoader(EncodingLimits.DEFAULTS).load(new java.io.BufferedInputStream(in), ks);
        }
        return ks;
    }

    @Test
    void saveLastsaveAndInfo() throws Exception {
        Path dir = TestCerts.tempDir("save");
        try (TestServer s = TestServer.start("dir=" + dir, "save=", "dbfilename=snap.rdb");
             Jedis j = new Jedis(s.host(), s.port())) {
            assertThat(info(j, "rdb_changes_since_last_save")).isEqualTo("0");
            assertThat(info(j, "rdb_last_bgsave_status")).isEqualTo("ok");
            j.set("a", "1");
            j.hset("h", "f", "v");
            j.get("a");
            assertThat(info(j, "rdb_changes_since_last_save")).isEqualTo("2");
            long before = j.lastsave();
            assertThat(j.save()).isEqualTo("OK");
            assertThat(j.lastsave()).isGreaterThanOrEqualTo(before);
            assertThat(info(j, "rdb_changes_since_last_save")).isEqualTo("0");
            assertThat(info(j, "rdb_saves")).isEqualTo("1");
            assertThat(RdbCodecTest.describe(loadFile(dir.resolve("snap.rdb")))).containsOnlyKeys("0/a", "0/h");
            assertThat(dir.toFile().list()).containsExactly("snap.rdb"); // no temporary file left behind
            assertThatThrownBy(() -> j.sendCommand(() -> DataSet.b("SAVE"), "x"))
                .hasMessage("ERR wrong number of arguments for 'save' command");
            assertThatThrownBy(() -> j.sendCommand(() -> DataSet.b("BGSAVE"), "later"))
                .hasMessage("ERR syntax error");
        }
    }

    @Test
    void bgsaveWhileAnotherRunsIsRefusedAndInsideExecIsScheduled() throws Exception {
        Path dir = TestCerts.tempDir("bgsave");
        try (TestServer s = TestServer.start("dir=" + dir, "save=");
             Jedis j = new Jedis(s.host(), s.port());
             RawConnection raw = new RawConnection(s.port())) {
            j.set("k", "v");
            // one write, so one batch under one hold of the keyspace lock, which the background save needs to end
            raw.send("BGSAVE\r\nBGSAVE\r\nBGSAVE SCHEDULE\r\nINFO persistence\r\n");
            assertThat(raw.reply()).isEqualTo("Background saving started");
            assertThat(raw.reply()).isEqualTo(new RawConnection.Error("ERR Background save already in progress"));
            assertThat(raw.reply()).isEqualTo(new RawConnection.Error("ERR Background save already in progress"));
            assertThat((String) raw.reply()).contains("rdb_bgsave_in_progress:1");
            await(() -> info(j, "rdb_saves").equals("1") && info(j, "rdb_bgsave_in_progress").equals("0"));
            // inside EXEC Redis never starts one: it is scheduled, and the cron starts it
            Transaction tx = j.multi();
            tx.sendCommand(() -> DataSet.b("BGSAVE"), new String[0]);
            tx.sendCommand(() -> DataSet.b("BGSAVE"), new String[0]);
            List<Object> replies = tx.exec();
            assertThat(new String((byte[]) replies.get(0))).isEqualTo("Background saving scheduled");
            assertThat(new String((byte[]) replies.get(1))).isEqualTo("Background saving scheduled");
            await(() -> info(j, "rdb_saves").equals("2") && info(j, "rdb_bgsave_in_progress").equals("0"));
            assertThat(info(j, "rdb_last_bgsave_status")).isEqualTo("ok");
            assertThat(RdbCodecTest.describe(loadFile(dir.resolve("dump.rdb")))).containsOnlyKeys("0/k");
            // SAVE is refused after MULTI, as Redis's no_multi commands are
            raw.send("MULTI\r\nSAVE\r\nEXEC\r\n");
            assertThat(raw.reply()).isEqualTo("OK");
            assertThat(raw.reply()).isEqualTo(new RawConnection.Error("ERR Command not allowed inside a transaction"));
            assertThat(raw.reply()).isEqualTo(
                new RawConnection.Error("EXECABORT Transaction discarded because of previous errors."));
        }
    }

    @Test
    void bgsaveTakesAConsistentSnapshotWhileClientsWrite() throws Exception {
        Path dir = TestCerts.tempDir("bgsave-busy");
        try (TestServer s = TestServer.start("dir=" + dir, "save=");
             Jedis j = new Jedis(s.host(), s.port())) {
            for (int i = 0; i < 20000; i++) {
                j.set("filler:" + i, "value-" + i);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong rounds = new AtomicLong();
            Thread writer = new Thread(() -> {
                try (Jedis w = new Jedis(s.host(), s.port())) {
                    while (!stop.get()) {
                        long n = rounds.incrementAndGet();
                        Transaction tx = w.multi(); // a and b always change together
                        tx.set("a", Long.toString(n));
                        tx.set("b", Long.toString(n));
                        tx.exec();
                    }
                }
            });
            writer.start();
            await(() -> rounds.get() > 100);
            assertThat(j.bgsave()).isEqualTo("Background saving started");
            await(() -> info(j, "rdb_bgsave_in_progress").equals("0"));
            long afterSave = rounds.get();
            await(() -> rounds.get() > afterSave + 100); // the server kept serving the writer
            stop.set(true);
            writer.join();
            Keyspace saved = loadFile(dir.resolve("dump.rdb"));
            Map<String, String> d = RdbCodecTest.describe(saved);
            assertThat(d).hasSize(20002);
            assertThat(d.get("0/a")).isEqualTo(d.get("0/b"));
            assertThat(info(j, "rdb_last_bgsave_status")).isEqualTo("ok");
            assertThat(Long.parseLong(info(j, "rdb_changes_since_last_save"))).isPositive();
        }
    }

    @Test
    void bgsaveWritesTheDatasetAsItWasWhenItWasAskedForWhateverChangesNext() throws Exception {
        Path dir = TestCerts.tempDir("bgsave-image");
        try (TestServer s = TestServer.start("dir=" + dir, "save=");
             Jedis j = new Jedis(s.host(), s.port())) {
            DataSet.fill(j);
            j.set("s:int", "777"); // a string set twice is rewritten in place from now on
            assertThat(j.save()).isEqualTo("OK");
            Map<String, String> atSave = RdbCodecTest.describe(loadFile(dir.resolve("dump.rdb")));
            Files.delete(dir.resolve("dump.rdb"));
            // one pipeline: the snapshot is taken before any of the changes after it runs, all of them in place
            redis.clients.jedis.Pipeline p = j.pipelined();
            p.sendCommand(() -> DataSet.b("BGSAVE"), new String[0]);
            p.set("s:int", "changed");
            p.append("s:appended", "!");
            p.setrange("s:raw", 0, "XYZ");
            p.incr("s:neg");
            p.lpush("l:large", "new-head");
            p.lset("l:small", 0, "replaced");
            p.hset("h:large", "field-0", "changed");
            p.hdel("h:small", "f1");
            p.sadd("set:large", "member-new");
            p.srem("set:int16", "1");
            p.zadd("z:small", 100, "a");
            p.del("s:short");
            p.set("s:new", "new");
            p.sync();
            await(() -> info(j, "rdb_bgsave_in_progress").equals("0"));
            assertThat(info(j, "rdb_last_bgsave_status")).isEqualTo("ok");
            assertThat(RdbCodecTest.describe(loadFile(dir.resolve("dump.rdb")))).isEqualTo(atSave);
            assertThat(j.get("s:int")).isEqualTo("changed"); // while the live dataset has every change
            assertThat(j.lindex("l:large", 0)).isEqualTo("new-head");
            assertThat(j.hget("h:large", "field-0")).isEqualTo("changed");
        }
    }

    @Test
    void savePointsTriggerABackgroundSave() throws Exception {
        Path dir = TestCerts.tempDir("savepoints");
        try (TestServer s = TestServer.start("dir=" + dir, "save=1 2");
             Jedis j = new Jedis(s.host(), s.port())) {
            j.set("one", "1");
            Thread.sleep(1200);
            assertThat(Files.exists(dir.resolve("dump.rdb"))).isFalse(); // one change is not enough
            j.set("two", "2");
            await(() -> Files.exists(dir.resolve("dump.rdb")));
            await(() -> info(j, "rdb_changes_since_last_save").equals("0"));
            assertThat(RdbCodecTest.describe(loadFile(dir.resolve("dump.rdb")))).containsOnlyKeys("0/one", "0/two");
        }
    }

    @Test
    void restartLoadsWhatShutdownSaved() throws Exception {
        Path dir = TestCerts.tempDir("restart");
        Map<String, String> before;
        try (TestServer s = TestServer.start("dir=" + dir); Jedis j = new Jedis(s.host(), s.port())) {
            DataSet.fill(j);
            before = DataSet.snapshot(j);
            try {
                j.shutdown(); // save points are set (the defaults): SHUTDOWN saves first
            } catch (RuntimeException closed) {
                // the connection closes without a reply
            }
            await(() -> !s.context().isActive());
        }
        try (TestServer s = TestServer.start("dir=" + dir); Jedis j = new Jedis(s.host(), s.port())) {
            assertThat(DataSet.snapshot(j)).isEqualTo(before);
            assertThat(info(j, "rdb_last_load_keys_loaded")).isEqualTo(Integer.toString(before.size()));
        }
        // SHUTDOWN NOSAVE leaves the file as it was
        try (TestServer s = TestServer.start("dir=" + dir); Jedis j = new Jedis(s.host(), s.port())) {
            j.flushDB(); // with save points set, Redis 7's FLUSHALL would save; FLUSHDB does not
            try {
                j.shutdown(redis.clients.jedis.params.ShutdownParams.shutdownParams().nosave());
            } catch (RuntimeException closed) {
                // no reply
            }
            await(() -> !s.context().isActive());
        }
        assertThat(RdbCodecTest.describe(loadFile(dir.resolve("dump.rdb")))).hasSize(before.size());
    }

    @Test
    void flushallWithSavePointsSavesTheEmptyDataset() throws Exception {
        Path dir = TestCerts.tempDir("flushall");
        try (TestServer s = TestServer.start("dir=" + dir); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("k", "v");
            j.save();
            j.set("k2", "v");
            j.flushAll();
            assertThat(RdbCodecTest.describe(loadFile(dir.resolve("dump.rdb")))).isEmpty();
            assertThat(info(j, "rdb_changes_since_last_save")).isEqualTo("0"); // as redis-server 7.0.15
            assertThat(info(j, "rdb_saves")).isEqualTo("1"); // FLUSHALL's save is not counted there
            j.set("k3", "v");
            assertThat(info(j, "rdb_changes_since_last_save")).isEqualTo("1");
        }
        Path none = TestCerts.tempDir("flushall-nosave");
        try (TestServer s = TestServer.start("dir=" + none, "save="); Jedis j = new Jedis(s.host(), s.port())) {
            j.set("k", "v");
            j.flushAll();
            assertThat(Files.exists(none.resolve("dump.rdb"))).isFalse();
        }
    }

    @Test
    void debugReloadKeepsTheDataAndNosaveLoadsTheFile() throws Exception {
        Path dir = TestCerts.tempDir("reload");
        try (TestServer s = TestServer.start("dir=" + dir, "save="); Jedis j = new Jedis(s.host(), s.port())) {
            DataSet.fill(j);
            Map<String, String> before = DataSet.snapshot(j);
            assertThat(j.sendCommand(() -> DataSet.b("DEBUG"), "RELOAD")).isEqualTo(DataSet.b("OK"));
            assertThat(DataSet.snapshot(j)).isEqualTo(before);
            j.set("after", "the save");
            assertThat(j.sendCommand(() -> DataSet.b("DEBUG"), "RELOAD", "NOSAVE")).isEqualTo(DataSet.b("OK"));
            assertThat(j.exists("after")).isFalse();
            assertThat(DataSet.snapshot(j)).isEqualTo(before);
        }
    }

    @Test
    void aFailedBackgroundSaveStopsWritesUntilItSucceeds() throws Exception {
        Path dir = TestCerts.tempDir("misconf");
        try (TestServer s = TestServer.start("dir=" + dir, "save=3600 1"); Jedis j = new Jedis(s.host(), s.port())) {
            Path blocker = Files.createDirectory(dir.resolve("dump.rdb")); // renaming over a non-empty directory fails
            Files.writeString(blocker.resolve("x"), "x");
            j.set("k", "v");
            assertThat(j.bgsave()).isEqualTo("Background saving started");
            await(() -> info(j, "rdb_last_bgsave_status").equals("err"));
            String misconf = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist "
                + "to disk. Commands that may modify the data set are disabled, because this instance is configured "
                + "to report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). "
                + "Please check the Redis logs for details about the RDB error.";
            assertThatThrownBy(() -> j.set("k", "w")).hasMessage(misconf);
            assertThatThrownBy(j::ping).hasMessage(misconf);
            assertThat(j.get("k")).isEqualTo("v");
            assertThatThrownBy(j::save).hasMessage("ERR");
            assertThat(dir.toFile().list()).containsExactly("dump.rdb");
            j.configSet("stop-writes-on-bgsave-error", "no");
            assertThat(j.set("k", "w")).isEqualTo("OK");
            j.configSet("stop-writes-on-bgsave-error", "yes");
            Files.delete(blocker.resolve("x"));
            Files.delete(blocker);
            assertThat(j.bgsave()).isEqualTo("Background saving started");
            await(() -> info(j, "rdb_last_bgsave_status").equals("ok"));
            assertThat(j.set("k", "x")).isEqualTo("OK");
        }
    }
}
