package io.redoubt.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.ChildJvm;
import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where directives come from, lowest precedence first: defaults, the redis.conf named by redoubt.config-file,
 * application properties (a yml), environment variables (REDOUBT_PORT), the command line (--redoubt.port).
 */
class ConfigPrecedenceTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void redisConfThenApplicationPropertiesThenCommandLine() throws IOException {
        Path conf = write("redis.conf", "hz 20\nmaxclients 5000\ntimeout 300\ntcp-keepalive 60\n");
        Path yml = write("test.yml", """
            redoubt:
              config-file: %s
              maxclients: 6000
              timeout: 400
              appendonly: yes
              dir: %s
              protected-mode: no
            """.formatted(conf, dir));
        try (TestServer server = TestServer.start("--spring.config.location=file:" + yml, "timeout=500");
             RawConnection c = new RawConnection(server.port())) {
            assertThat(c.configGet("hz", "maxclients", "timeout", "tcp-keepalive", "slowlog-max-len", "appendonly", "protected-mode"))
                .isEqualTo(Map.of(
                    "slowlog-max-len", "128", // default
                    "hz", "20", // redis.conf
                    "tcp-keepalive", "60", // redis.conf
                    "maxclients", "6000", // yml over redis.conf
                    "timeout", "500", // command line over yml over redis.conf
                    "appendonly", "yes", // YAML's boolean yes
                    "protected-mode", "no"));
        }
    }

    @Test
    void environmentVariablesSitBetweenApplicationPropertiesAndTheCommandLine() throws IOException {
        int ymlPort = TestServer.freePort();
        int envPort = TestServer.freePort();
        Path yml = write("test.yml", """
            redoubt:
              bind: 127.0.0.1
              port: %d
              maxclients: 6000
              timeout: 400
            """.formatted(ymlPort));
        Map<String, String> env = Map.of(
            "REDOUBT_PORT", Integer.toString(envPort),
            "REDOUBT_MAXCLIENTS", "7000",
            "REDOUBT_PROTOMAXBULKLEN", "2mb"); // Spring's form of a dashed name: dashes dropped
        try (ChildJvm child = ChildJvm.start(List.of("--spring.config.location=file:" + yml, "--redoubt.maxclients=8000"), env)) {
            child.awaitReady(60);
            try (RawConnection c = new RawConnection(envPort)) {
                assertThat(c.configGet("port", "maxclients", "timeout", "proto-max-bulk-len")).isEqualTo(Map.of(
                    "port", Integer.toString(envPort), // environment over yml
                    "maxclients", "8000", // command line over environment
                    "timeout", "400", // yml
                    "proto-max-bulk-len", "2097152"));
            }
        }
    }
}
