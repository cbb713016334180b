package io.redoubt.command.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RedisTools;
import io.redoubt.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real redis-cli reading INFO and COMMAND COUNT, in RESP2 and RESP3. */
class RedisCliTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void infoServer() {
        String out = RedisTools.cli(server.port(), "INFO", "server");
        assertThat(out).startsWith("# Server").contains("redis_version:7.2.4", "redis_mode:standalone",
            "tcp_port:" + server.port(), "io_engine:");
        String resp3 = RedisTools.cli(server.port(), "-3", "INFO", "server");
        assertThat(resp3).startsWith("# Server").contains("redis_version:7.2.4");
    }

    @Test
    void commandCount() {
        String expected = Integer.toString(server.server().commands().size());
        assertThat(RedisTools.cli(server.port(), "COMMAND", "COUNT")).isEqualTo(expected);
        assertThat(RedisTools.cli(server.port(), "-3", "COMMAND", "COUNT")).isEqualTo(expected);
    }

    @Test
    void clientListAndSlowlogPrintCleanly() {
        assertThat(RedisTools.cli(server.port(), "CLIENT", "LIST")).startsWith("id=").contains(" cmd=client|list ");
        assertThat(RedisTools.cli(server.port(), "SLOWLOG", "LEN")).matches("\\d+");
    }
}
