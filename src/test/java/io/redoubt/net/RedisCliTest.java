package io.redoubt.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.server.Server;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RedisTools;
import io.redoubt.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Debian's redis-cli against Redoubt; each expected output is what redis-cli 7.0 prints against Redis 7.0. */
class RedisCliTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void needsRedisCli() {
        RedisTools.require("redis-cli");
    }

    private static RedisTools.Result cli(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("-h", server.host(), "-p", Integer.toString(server.port())));
        all.addAll(List.of(args));
        return RedisTools.run(stdin, 120, "redis-cli", all.toArray(String[]::new));
    }

    @Test
    void pipeModeSends100000CommandsAndCountsEveryReply() throws Exception {
        StringBuilder resp = new StringBuilder();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String[] cmd = switch (i % 1000) {
                case 0 -> new String[] {"PING"};
                case 1 -> new String[] {"ECHO", "echo " + i};
                case 2 -> new String[] {"SELECT", "0"};
                case 3 -> new String[] {"DBSIZE"};
                case 4 -> new String[] {"CONFIG", "GET", "hz"};
                case 5 -> new String[] {"GET", "key:" + (i - 100)};
                case 6 -> new String[] {"DEL", "key:" + (i - 200)};
                default -> new String[] {"SET", "key:" + i, "value:" + i};
            };
            if (cmd[0].equals("SET")) {
                keys.add(cmd[1]);
            } else if (cmd[0].equals("DEL")) {
                keys.remove(cmd[1]);
            }
            resp.append(new String(RawConnection.command(cmd), StandardCharsets.UTF_8));
        }
        RedisTools.Result r = cli(resp.toString(), "--pipe");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("All data transferred. Waiting for the last reply...",
            "Last reply received from server.", "errors: 0, replies: 100000");
        assertThat(cli(null, "DBSIZE").stdout()).isEqualTo(keys.size() + "\n");
        assertThat(cli(null, "GET", "key:99999").stdout()).isEqualTo("value:99999\n");
    }

    @Test
    void resp3HelloPingAndConfigGet() {
        String hello = cli(null, "-3", "--no-raw", "HELLO", "3").stdout();
        assertThat(hello).matches("""
            1# "server" => "redis"
            2# "version" => "%s"
            3# "proto" => \\(integer\\) 3
            4# "id" => \\(integer\\) \\d+
            5# "mode" => "standalone"
            6# "role" => "master"
            7# "modules" => \\(empty array\\)
            """.formatted(Server.REDIS_VERSION.replace(".", "\\.")));
        assertThat(cli(null, "-3", "PING").stdout()).isEqualTo("PONG\n");
        assertThat(cli(null, "-3", "--no-raw", "CONFIG", "GET", "maxclients").stdout())
            .isEqualTo("1# \"maxclients\" => \"10000\"\n");
        assertThat(cli(null, "-3", "CONFIG", "GET", "maxclients").stdout()).isEqualTo("maxclients 10000\n");
        assertThat(cli(null, "-3", "--no-raw", "GET", "no:such:key").stdout()).isEqualTo("(nil)\n");
    }

    @Test
    void rawAndNoRawOutput() {
        RedisTools.Result raw = cli(null, "foo", "bar");
        assertThat(raw.stdout()).isEqualTo("ERR unknown command 'foo', with args beginning with: 'bar' \n\n");
        assertThat(raw.exitCode()).isZero();
        assertThat(cli(null, "--no-raw", "foo", "bar").stdout())
            .isEqualTo("(error) ERR unknown command 'foo', with args beginning with: 'bar' \n");
        assertThat(cli(null, "--no-raw", "CONFIG", "SET", "maxclients", "abc").stdout()).isEqualTo(
            "(error) ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument couldn't be parsed into an integer\n");
        assertThat(cli(null, "--no-raw", "CONFIG", "GET", "maxclients").stdout()).isEqualTo("1) \"maxclients\"\n2) \"10000\"\n");
        assertThat(cli(null, "--no-raw", "ECHO", "a b").stdout()).isEqualTo("\"a b\"\n");
        assertThat(cli(null, "ECHO", "a b").stdout()).isEqualTo("a b\n");
        assertThat(cli(null, "--no-raw", "DBSIZE").stdout()).matches("\\(integer\\) \\d+\n");
    }
}
