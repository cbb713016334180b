package io.redoubt.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.ChildJvm;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RealRedis;
import io.redoubt.support.RedisTools;
import io.redoubt.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redis.conf that Debian installs with redis-server loads, and the process directives it brings
 * (daemonize, pidfile, logfile, Redis's tuning knobs) behave as README says: compared with real Redis.
 */
class StockRedisConfTest {
    static final String STOCK = "/etc/redis/redis.conf";

    /** The directives added so that a stock redis.conf loads. */
    static final List<String> PROCESS_DIRECTIVES = List.of("daemonize", "pidfile", "logfile", "always-show-logo",
        "set-proc-title", "proc-title-template", "oom-score-adj", "oom-score-adj-values", "disable-thp",
        "jemalloc-bg-thread", "activerehashing", "dynamic-hz", "acllog-max-len", "latency-monitor-threshold",
        "lazyfree-lazy-eviction", "lazyfree-lazy-server-del", "lazyfree-lazy-user-del", "lazyfree-lazy-user-flush",
        "replica-lazy-flush", "rdb-del-sync-files", "rdb-save-incremental-fsync", "aof-rewrite-incremental-fsync",
        "aof-timestamp-enabled", "repl-diskless-load", "repl-diskless-sync-max-replicas", "hll-sparse-max-bytes",
        "stream-node-max-bytes", "stream-node-max-entries");

    /** CONFIG SET calls whose replies (OK, or the error text) must be Redis's. */
    static final List<List<String>> CONFIG_SETS = List.of(
        List.of("daemonize", "no"), List.of("pidfile", ""), List.of("logfile", ""), List.of("always-show-logo", "no"),
        List.of("set-proc-title", "yes"), List.of("disable-thp", "yes"),
        List.of("proc-title-template", "{title} {port} {{x}} a}"), List.of("proc-title-template", "{nope}"),
        List.of("proc-title-template", "{title"), List.of("proc-title-template", " "),
        List.of("oom-score-adj", "relative"), List.of("oom-score-adj", "maybe"),
        List.of("oom-score-adj-values", "100 0 800"), List.of("oom-score-adj-values", "0 200"),
        List.of("oom-score-adj-values", "0 200 2001"), List.of("oom-score-adj-values", "0 x 200"),
        List.of("oom-score-adj-values", "0  200 800"), List.of("jemalloc-bg-thread", "maybe"),
        List.of("acllog-max-len", "-1"), List.of("latency-monitor-threshold", "100"),
        List.of("repl-diskless-load", "swapdb"), List.of("repl-diskless-load", "always"),
        List.of("repl-diskless-sync-max-replicas", "-1"), List.of("hll-sparse-max-bytes", "1gb"),
        List.of("stream-node-max-bytes", "-1"), List.of("stream-node-max-entries", "x"),
        List.of("lazyfree-lazy-user-flush", "yes"), List.of("replica-lazy-flush", "YES"));

    @TempDir
    Path dir;

    @Test
    void debiansStockRedisConfLoads() throws Exception {
        Path stock = RedisTools.requireFile(STOCK);
        // a copy, with what must not apply to a test server replaced by later lines (the last line wins)
        Path conf = dir.resolve("redis.conf");
        Path pid = dir.resolve("x.pid");
        Files.copy(stock, conf);
        Files.writeString(conf, "\nport " + TestServer.freePort() + "\nbind 127.0.0.1\ndir " + dir
            + "\ndaemonize no\npidfile " + pid + "\nlogfile \"\"\nsave \"\"\nappendonly no\n",
            StandardOpenOption.APPEND);
        try (TestServer server = TestServer.start("config-file=" + conf);
             RawConnection c = new RawConnection(server.port())) {
            assertThat(c.call("PING")).isEqualTo("PONG");
            Map<String, String> got = c.configGet("jemalloc-bg-thread", "oom-score-adj-values", "pidfile",
                "stream-node-max-entries", "repl-diskless-load", "daemonize");
            assertThat(got).containsEntry("jemalloc-bg-thread", "yes").containsEntry("oom-score-adj-values", "0 200 800")
                .containsEntry("pidfile", pid.toString()).containsEntry("stream-node-max-entries", "100")
                .containsEntry("repl-diskless-load", "disabled").containsEntry("daemonize", "no");
            assertThat(Files.readString(pid)).isEqualTo(ProcessHandle.current().pid() + "\n");
        }
        assertThat(pid).doesNotExist();
    }

    @Test
    void defaultsAndConfigSetRepliesAreRedis7s() throws Exception {
        try (RealRedis redis = RealRedis.startEmpty();
             RawConnection real = redis.connect();
             TestServer server = TestServer.start();
             RawConnection ours = new RawConnection(server.port())) {
            for (String name : PROCESS_DIRECTIVES) {
                assertThat(ours.configGet(name)).as(name).isEqualTo(real.configGet(name));
            }
            for (List<String> set : CONFIG_SETS) {
                Object expected = real.call("CONFIG", "SET", set.get(0), set.get(1));
                assertThat(ours.call("CONFIG", "SET", set.get(0), set.get(1))).as(set.toString()).isEqualTo(expected);
                assertThat(ours.configGet(set.get(0))).as(set.toString()).isEqualTo(real.configGet(set.get(0)));
            }
        }
    }

    @Test
    void pidfileIsWrittenAtStartAndRemovedAtShutdown() throws Exception {
        Path pid = dir.resolve("redoubt.pid");
        try (TestServer server = TestServer.start("pidfile=" + pid)) {
            assertThat(Files.readString(pid)).isEqualTo(ProcessHandle.current().pid() + "\n");
        }
        assertThat(pid).doesNotExist();
    }

    @Test
    void daemonizeWarnsAndStaysInTheForegroundLoggingToTheLogfileToo() throws Exception {
        Path pid = dir.resolve("child.pid");
        Path log = dir.resolve("redoubt.log");
        int port = TestServer.freePort();
        try (ChildJvm child = ChildJvm.start(List.of("--spring.config.location=classpath:/application.yml",
                "--redoubt.bind=127.0.0.1", "--redoubt.port=" + port, "--management.server.port=0",
                "--redoubt.dir=" + dir, "--redoubt.save=", "--redoubt.daemonize=yes", "--redoubt.pidfile=" + pid,
                "--redoubt.logfile=" + log), Map.of())) {
            child.awaitReady(60);
            assertThat(child.stdout()).contains("daemonize yes: Redoubt cannot fork into the background");
            String logged = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(logged).contains("daemonize yes: Redoubt cannot fork", "Ready to accept connections");
            long childPid;
            try (RawConnection c = new RawConnection(port)) {
                String info = (String) c.call("INFO", "server");
                childPid = Long.parseLong(info.replaceAll("(?s).*process_id:(\\d+).*", "$1"));
                assertThat(Files.readString(pid)).isEqualTo(childPid + "\n");
                c.send(RawConnection.command("SHUTDOWN", "NOSAVE"));
            }
            assertThat(child.awaitExit(60)).isZero();
            assertThat(pid).doesNotExist();
            assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        }
    }

    @Test
    void aLogfileThatCannotBeOpenedIsAConfigurationError() throws Exception {
        Path log = dir.resolve("missing").resolve("redoubt.log");
        try (ChildJvm child = ChildJvm.start(List.of("--spring.config.location=classpath:/application.yml",
                "--redoubt.bind=127.0.0.1", "--redoubt.port=0", "--redoubt.logfile=" + log), Map.of())) {
            assertThat(child.awaitExit(60)).isEqualTo(1);
            assertThat(child.stderr()).contains("Can't open the log file: No such file or directory");
        }
    }
}
