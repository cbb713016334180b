package io.redoubt.config;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.server.LogLevels;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RealRedis;
import io.redoubt.support.TestServer;
import java.net.URISyntaxException;
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
        entry("proto-max-bulk-len", "104857600"),
        entry("client-query-buffer-limit", "2147483648"),
        entry("databases", "32"),
        entry("requirepass", PASSWORD),
        entry("enable-protected-configs", "local"),
        entry("hz", "20"),
        entry("loglevel", "warning"),
        entry("slowlog-log-slower-than", "5000"),
        entry("slowlog-max-len", "64"),
        entry("save", "900 1 300 10 60 10000"),
        entry("appendonly", "yes"),
        entry("dir", "/tmp"),
        entry("dbfilename", "my dump.rdb"),
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
        entry("tls-auto-reload-interval", "30"));

    /** Replaced on the command line of servers started with the fixture, so that TLS is not in use there. */
    static final Set<String> REPLACED = Set.of("port", "bind", "appendonly", "tls-port", "tls-replication",
        "tls-cluster");

    /** Directives of Valkey that Redis 7 refuses: removed from the fixture given to the real redis-server. */
    static final Set<String> NOT_IN_REDIS = Set.of("tls-auto-reload-interval");

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
        // the test server's own --redoubt.port and --redoubt.bind come after, and the command line wins
        try (TestServer server = TestServer.start("config-file=" + FIXTURE, "tls-port=0", "tls-replication=no",
                 "tls-cluster=no");
             RawConnection c = new RawConnection(server.port())) {
            assertThat(c.call("AUTH", PASSWORD)).isEqualTo("OK");
            Map<String, String> all = c.configGet("*");
            assertThat(all.keySet()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
            EXPECTED.forEach((name, value) -> {
                if (!REPLACED.contains(name)) {
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
        Path forRedis = java.nio.file.Files.createTempFile("redis-all-directives", ".conf");
        forRedis.toFile().deleteOnExit();
        java.nio.file.Files.write(forRedis, java.nio.file.Files.readAllLines(FIXTURE).stream()
            .filter(l -> NOT_IN_REDIS.stream().noneMatch(n -> l.startsWith(n + " "))).toList());
        try (RealRedis redis = RealRedis.start(forRedis, FIXTURE.getParent(), PASSWORD, "--appendonly", "no",
                 "--tls-port", "0", "--tls-replication", "no", "--tls-cluster", "no");
             RawConnection c = redis.connect()) {
            for (String name : EXPECTED.keySet()) {
                if (REPLACED.contains(name) || NOT_IN_REDIS.contains(name)) {
                    continue;
                }
                assertThat(c.configGet(name)).as(name).containsEntry(name, EXPECTED.get(name));
            }
        }
    }
}
