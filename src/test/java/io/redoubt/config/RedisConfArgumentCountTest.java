package io.redoubt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.support.RawConnection;
import io.redoubt.support.RedisTools;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A redis.conf line gives its directive exactly one argument, except for the directives that take several
 * (Redis's MULTI_ARG_CONFIG: save, bind, client-output-buffer-limit, replicaof host port). Refusals are
 * compared with a real redis-server given the same file.
 */
class RedisConfArgumentCountTest {
    @TempDir
    Path dir;

    private Path conf(String text) throws IOException {
        return Files.writeString(dir.resolve("redis.conf"), text);
    }

    private DirectiveRegistry load(String text) throws IOException {
        DirectiveRegistry registry = DirectiveCatalog.create();
        DirectiveLoader.loadFile(registry, conf(text));
        return registry;
    }

    /** Asserts redis-server refuses the file with the given reason (port 0: it exits even if it took it). */
    private static void redisRefuses(Path conf, String line, String reason) {
        RedisTools.Result redis = RedisTools.run(null, 30, "redis-server", conf.toString(), "--port", "0",
            "--save", "", "--appendonly", "no");
        assertThat(redis.exitCode()).isEqualTo(1);
        assertThat(redis.stdout() + redis.stderr()).contains(">>> '" + line + "'\n" + reason + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tls-protocols TLSv1.2 TLSv1.3", "tls-cert-file /a /b",
        "tls-session-cache-size 100 # comment", "port", "replicaof 127.0.0.1 6380 7", "replicaof 127.0.0.1"})
    void aLineWithMoreOrFewerArgumentsThanItsDirectiveTakesIsRefused(String line) throws IOException {
        Path conf = conf("hz 20\n" + line + "\n");
        String name = line.split(" ")[0];
        assertThatThrownBy(() -> DirectiveLoader.loadFile(DirectiveCatalog.create(), conf))
            .isInstanceOf(ConfigException.class)
            .hasMessage("Bad directive '" + name + "' at " + conf + ":2: wrong number of arguments");
        redisRefuses(conf, line, "wrong number of arguments");
    }

    @Test
    void includeTakesOneFile() throws IOException {
        Path conf = conf("include a.conf b.conf\n");
        assertThatThrownBy(() -> DirectiveLoader.loadFile(DirectiveCatalog.create(), conf))
            .hasMessage("Bad directive 'include' at " + conf + ":1: Bad directive or wrong number of arguments");
        redisRefuses(conf, "include a.conf b.conf", "Bad directive or wrong number of arguments");
    }

    @Test
    void oneQuotedArgumentMayHoldSpaces() throws IOException {
        assertThat(load("tls-protocols \"TLSv1.2 TLSv1.3\"\n").get("tls-protocols").value())
            .isEqualTo("TLSv1.2 TLSv1.3");
        assertThat(load("tls-cert-file '/a b/c.crt'\n").get("tls-cert-file").value()).isEqualTo("/a b/c.crt");
    }

    @Test
    void saveTakesSeveralArgumentsAndItsLinesAddUp() throws IOException {
        assertThat(load("save 900 1 300 10\n").get("save").value()).isEqualTo("900 1 300 10");
        assertThat(load("save 900 1 300 10\nsave 60 10000\n").get("save").value()).isEqualTo("900 1 300 10 60 10000");
        assertThat(load("save \"900 1\"\n").get("save").value()).isEqualTo("900 1");
        // alone it replaces the default with nothing but adds nothing to earlier lines, as redis-server 7 reads it
        assertThat(load("save\n").get("save").value()).isEmpty();
        assertThat(load("save 900 1\nsave\n").get("save").value()).isEqualTo("900 1");
        assertThat(load("save 900 1\nsave \"\"\n").get("save").value()).isEmpty();
    }

    @Test
    void bindTakesSeveralAddresses() throws IOException {
        assertThat(load("bind 127.0.0.1 ::1\n").get("bind").value()).isEqualTo("127.0.0.1 ::1");
    }

    @Test
    void clientOutputBufferLimitTakesSeveralClasses() throws IOException {
        assertThat(load("client-output-buffer-limit normal 0 0 0 replica 256mb 64mb 60\n")
            .get("client-output-buffer-limit").value())
            .isEqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
    }

    @Test
    void replicaofTakesHostAndPortAsTwoArgumentsOrOneQuoted() throws IOException {
        assertThat(load("replicaof 127.0.0.1 6380\n").get("replicaof").value()).isEqualTo("127.0.0.1 6380");
        assertThat(load("replicaof \"127.0.0.1 6380\"\n").get("replicaof").value()).isEqualTo("127.0.0.1 6380");
    }

    @Test
    void aServerStartsWithDirectivesGivenSeveralArguments() throws IOException {
        Path conf = conf("dir " + dir + "\nsave 900 1 300 10\nsave 60 10000\n"
            + "client-output-buffer-limit normal 0 0 0 replica 256mb 64mb 60\nappendonly no\n");
        try (TestServer server = TestServer.start("config-file=" + conf);
             RawConnection c = new RawConnection(server.port())) {
            assertThat(c.configGet("save", "client-output-buffer-limit")).isEqualTo(Map.of(
                "save", "900 1 300 10 60 10000",
                "client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"));
        }
    }
}
