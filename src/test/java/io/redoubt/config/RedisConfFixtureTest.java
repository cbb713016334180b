package io.redoubt.config;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.server.LogLevels;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RealRedis;
import io.redoubt.support.TestCerts;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * src/test/resources/redis-all-directives.conf sets every catalogued directive to a non-default value with
 * redis.conf's syntax (quotes, include, a repeated line, save lines that add up, memory units). Redoubt must
 * read it as Redis 7 does.
 */
class RedisConfFixtureTest {
    static final Path FIXTURE = resource("/redis-all-directives.conf");
    static final String PASSWORD = "s3cret \"pass\"";

    /** What CONFIG GET shows for each directive once the fixture is loaded. */
    static final Map<String, String> EXPECTED = Map.ofEntries(
        entry("port", "7002"),
        entry("bind", "127.0.0.1 -::1"),
        entry("tcp-backlog", "128"),
        entry("tcp-keepalive", "60"),
        entry("timeout", "300"),
        entry("maxclients", "5000"),
        entry("protected-mode", "no"),
        entry("io-threads", "96"),
        entry("io-threads-do-reads", "yes"),
        entry("proto-max-bulk-len", "104857600"),
        entry("client-query-buffer-limit", "2147483648"),
        entry("client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 67108864 16777216 90"),
        entry("databases", "32"),
        entry("requirepass", PASSWORD),
        entry("enable-protected-configs", "local"),
        entry("hz", "20"),
        entry("loglevel", "warning"),
        entry("slowlog-log-slower-than", "5000"),
        entry("slowlog-max-len", "64"),
        entry("notify-keyspace-events", "AKE"),
        entry("zset-max-listpack-entries", "256"),
        entry("zset-max-listpack-value", "1024"),
        entry("hash-max-listpack-entries", "64"),
        entry("hash-max-listpack-value", "1000"),
        entry("set-max-intset-entries", "256"),
        entry("set-max-listpack-entries", "32"),
        entry("set-max-listpack-value", "32"),
        entry("list-max-listpack-size", "5"),
        entry("list-compress-depth", "1"),
        entry("save", "900 1 300 10 60 10000"),
        entry("appendonly", "yes"),
        entry("dir", "/tmp"),
        entry("dbfilename", "my dump.rdb"),
        entry("rdbcompression", "no"),
        entry("rdbchecksum", "no"),
        entry("stop-writes-on-bgsave-error", "no"),
        entry("appendfsync", "always"),
        entry("appendfilename", "redoubt.aof"),
        entry("appenddirname", "redoubtaof"),
        entry("auto-aof-rewrite-percentage", "50"),
        entry("auto-aof-rewrite-min-size", "33554432"),
        entry("aof-load-truncated", "no"),
        entry("aof-use-rdb-preamble", "no"),
        entry("no-appendfsync-on-rewrite", "yes"),
        entry("lazyfree-lazy-expire", "yes"),
        entry("replicaof", "127.0.0.1 7999"),
        entry("masterauth", "master pass"),
        entry("masteruser", "repluser"),
        entry("replica-read-only", "no"),
        entry("replica-serve-stale-data", "no"),
        entry("repl-diskless-sync", "no"),
        entry("repl-diskless-sync-delay", "0"),
        entry("repl-backlog-size", "2097152"),
        entry("repl-backlog-ttl", "60"),
        entry("repl-ping-replica-period", "5"),
        entry("repl-timeout", "30"),
        entry("repl-disable-tcp-nodelay", "yes"),
        entry("min-replicas-to-write", "1"),
        entry("min-replicas-max-lag", "5"),
        entry("replica-priority", "50"),
        entry("replica-announced", "no"),
        entry("replica-announce-ip", "10.0.0.5"),
        entry("replica-announce-port", "7005"),
        entry("tls-port", "7003"),
        entry("tls-cert-file", "tls/redis.crt"),
        entry("tls-key-file", "tls/redis.key"),
        entry("tls-key-file-pass", "1234"),
        entry("tls-client-cert-file", "tls/client.crt"),
        entry("tls-client-key-file", "tls/client.key"),
        entry("tls-client-key-file-pass", "5678"),
        entry("tls-dh-params-file", "tls/redis.dh"),
        entry("tls-ca-cert-file", "tls/ca.crt"),
        entry("tls-ca-cert-dir", "tls/ca"),
        entry("tls-auth-clients", "optional"),
        entry("tls-protocols", "TLSv1.2 TLSv1.3"),
        entry("tls-ciphers", "DEFAULT:-AES128-SHA256"),
        entry("tls-ciphersuites", "TLS_AES_256_GCM_SHA384"),
        entry("tls-prefer-server-ciphers", "yes"),
        entry("tls-session-caching", "no"),
        entry("tls-session-cache-size", "100"),
        entry("tls-session-cache-timeout", "60"),
        entry("tls-replication", "yes"),
        entry("tls-cluster", "yes"),
        entry("tls-auto-reload-interval", "30"),
        entry("daemonize", "yes"),
        entry("pidfile", "/tmp/redoubt-fixture.pid"),
        entry("logfile", "/tmp/redoubt-fixture.log"),
        entry("always-show-logo", "yes"),
        entry("set-proc-title", "no"),
        entry("proc-title-template", "{title} {port}"),
        entry("oom-score-adj", "yes"),
        entry("oom-score-adj-values", "0 300 900"),
        entry("disable-thp", "no"),
        entry("jemalloc-bg-thread", "no"),
        entry("activerehashing", "no"),
        entry("dynamic-hz", "no"),
        entry("acllog-max-len", "64"),
        entry("latency-monitor-threshold", "100"),
        entry("lazyfree-lazy-eviction", "yes"),
        entry("lazyfree-lazy-server-del", "yes"),
        entry("lazyfree-lazy-user-del", "yes"),
        entry("lazyfree-lazy-user-flush", "yes"),
        entry("replica-lazy-flush", "yes"),
        entry("rdb-del-sync-files", "yes"),
        entry("rdb-save-incremental-fsync", "no"),
        entry("aof-rewrite-incremental-fsync", "no"),
        entry("aof-timestamp-enabled", "yes"),
        entry("repl-diskless-load", "on-empty-db"),
        entry("repl-diskless-sync-max-replicas", "3"),
        entry("hll-sparse-max-bytes", "6144"),
        entry("stream-node-max-bytes", "8192"),
        entry("stream-node-max-entries", "200"));

    /** Redis's old names, which CONFIG GET * lists beside the new ones. */
    static final Map<String, String> ALIASES = Map.of("list-max-ziplist-size", "list-max-listpack-size");

    /**
     * Replaced on the command line of servers started with the fixture, so that TLS is not in use there, no
     * replication starts, and (dir) each test server keeps its data in a directory of its own.
     */
    static final Set<String> REPLACED = Set.of("port", "bind", "appendonly", "tls-port", "tls-replication",
        "tls-cluster", "replicaof", "dir", "daemonize", "pidfile", "logfile");

    /** Directives the reference redis-server (7.0) does not know (7.2's, Valkey's): left out of the file it reads. */
    static final Set<String> NOT_IN_REDIS_7_0 = Set.of("set-max-listpack-entries", "set-max-listpack-value",
        "tls-auto-reload-interval");

    static Path resource(String name) {
        try {
            return Path.of(RedisConfFixtureTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void restoreLogging() {
        LogLevels.apply("notice"); // the fixture's loglevel applies to this whole test JVM
    }

    @Test
    void everyCataloguedDirectiveIsInTheFixtureWithANonDefaultValue() {
        DirectiveRegistry catalog = DirectiveCatalog.create();
        Set<String> names = catalog.all().stream().map(Directive::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> inFixture = RedisConfParser.parse(FIXTURE).stream().map(RedisConfParser.Line::name)
            .collect(Collectors.toSet());
        assertThat(inFixture).as("directives missing from redis-all-directives.conf").containsAll(names);
        assertThat(new TreeSet<>(EXPECTED.keySet())).as("directives missing from EXPECTED").isEqualTo(names);
        for (Directive d : catalog.all()) {
            assertThat(EXPECTED.get(d.name())).as(d.name() + " must differ from its default").isNotEqualTo(d.value());
        }
    }

    @Test
    void loadingTheFixtureGivesEveryValue() {
        DirectiveRegistry registry = DirectiveCatalog.create();
        DirectiveLoader.loadFile(registry, FIXTURE);
        for (Directive d : registry.all()) {
            assertThat(d.value()).as(d.name()).isEqualTo(EXPECTED.get(d.name()));
        }
    }

    @Test
    void configGetShowsEveryValueOfAServerStartedWithTheFixture() throws Exception {
        // the test server's own --redoubt.port and --redoubt.bind come after, and the command line wins; the AOF
        // stays off so that nothing is written into the fixture's dir (/tmp)
        try (TestServer server = TestServer.start("config-file=" + FIXTURE, "tls-port=0", "tls-replication=no",
                 "tls-cluster=no", "appendonly=no", "replicaof=no one", "daemonize=no", "pidfile=", "logfile=");
             RawConnection c = new RawConnection(server.port())) {
            assertThat(c.call("AUTH", PASSWORD)).isEqualTo("OK");
            Map<String, String> all = c.configGet("*");
            Set<String> names = new TreeSet<>(EXPECTED.keySet());
            names.addAll(ALIASES.keySet());
            assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(names);
            ALIASES.forEach((alias, name) -> assertThat(all.get(alias)).as(alias).isEqualTo(EXPECTED.get(name)));
            EXPECTED.forEach((name, value) -> {
                if (!REPLACED.contains(name) && !name.equals("dir")) { // TestServer gives each server its own dir
                    assertThat(all.get(name)).as(name).isEqualTo(value);
                }
            });
            assertThat(all.get("port")).isEqualTo(Integer.toString(server.port()));
            assertThat(all.get("bind")).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void realRedisReadsTheFixtureTheSameWay() throws Exception {
        // run from the fixture's folder, where Redis looks for the relative include; Redis would act on
        // appendonly, so it is turned off (and port and bind replaced) on its command line
        try (RealRedis redis = RealRedis.start(withoutNewerDirectives(), FIXTURE.getParent(), PASSWORD,
                 "--appendonly", "no",
                 "--tls-port", "0", "--tls-replication", "no", "--tls-cluster", "no", "--replicaof", "no", "one",
                 "--daemonize", "no", "--pidfile", "", "--logfile", "");
             RawConnection c = redis.connect()) {
            for (String name : EXPECTED.keySet()) {
                if (REPLACED.contains(name) || NOT_IN_REDIS_7_0.contains(name)) {
                    continue;
                }
                assertThat(c.configGet(name)).as(name).containsEntry(name, EXPECTED.get(name));
            }
        }
    }

    /** The fixture minus the {@link #NOT_IN_REDIS_7_0} lines, in a temporary file (includes still resolve from the fixture's folder). */
    private static Path withoutNewerDirectives() throws IOException {
        Path copy = TestCerts.tempDir("redis-conf-7.0").resolve("redis-all-directives.conf");
        Files.write(copy, Files.readAllLines(FIXTURE).stream()
            .filter(line -> NOT_IN_REDIS_7_0.stream().noneMatch(d -> line.startsWith(d + " ")))
            .toList());
        return copy;
    }
}
