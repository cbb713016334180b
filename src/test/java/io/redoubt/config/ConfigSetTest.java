package io.redoubt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * CONFIG SET and CONFIG GET over the wire. Every error text here is what Redis 7.0 answered to the same
 * command (the only difference: Redoubt, like Redis 7.2, also knows loglevel 'nothing').
 */
class ConfigSetTest {
    private static TestServer server;
    private RawConnection c;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() throws IOException {
        c = new RawConnection(server.port());
    }

    @AfterEach
    void disconnect() throws IOException {
        c.close();
    }

    private Object set(String... nameValues) throws IOException {
        String[] args = new String[nameValues.length + 2];
        args[0] = "CONFIG";
        args[1] = "SET";
        System.arraycopy(nameValues, 0, args, 2, nameValues.length);
        return c.call(args);
    }

    private static RawConnection.Error failed(String argument, String reason) {
        return new RawConnection.Error("ERR CONFIG SET failed (possibly related to argument '" + argument + "') - " + reason);
    }

    private String get(String name) throws IOException {
        return c.configGet(name).get(name);
    }

    @Test
    void unknownOptionsAreNamedAsGiven() throws IOException {
        assertThat(set("foo", "bar")).isEqualTo(new RawConnection.Error("ERR Unknown option or number of arguments for CONFIG SET - 'foo'"));
        assertThat(set("FOO", "bar")).isEqualTo(new RawConnection.Error("ERR Unknown option or number of arguments for CONFIG SET - 'FOO'"));
    }

    @Test
    void immutableAndProtectedDirectivesAreRefused() throws IOException {
        assertThat(set("databases", "20")).isEqualTo(failed("databases", "can't set immutable config"));
        assertThat(set("DATABASES", "20")).isEqualTo(failed("DATABASES", "can't set immutable config"));
        assertThat(set("tcp-backlog", "100")).isEqualTo(failed("tcp-backlog", "can't set immutable config"));
        assertThat(set("enable-protected-configs", "yes")).isEqualTo(failed("enable-protected-configs", "can't set immutable config"));
        assertThat(set("dir", "/tmp")).isEqualTo(failed("dir", "can't set protected config"));
        assertThat(set("dbfilename", "x.rdb")).isEqualTo(failed("dbfilename", "can't set protected config"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "maxclients | abc | argument couldn't be parsed into an integer",
        "maxclients | 1.5 | argument couldn't be parsed into an integer",
        "maxclients | 5x | argument couldn't be parsed into an integer",
        "maxclients | ` 5` | argument couldn't be parsed into an integer",
        "maxclients | 99999999999999999999 | argument couldn't be parsed into an integer",
        "maxclients | 0 | argument must be between 1 and 4294967295 inclusive",
        "maxclients | -1 | argument must be between 1 and 4294967295 inclusive",
        "hz | +5 | argument couldn't be parsed into an integer",
        "hz | 010 | argument couldn't be parsed into an integer",
        "hz | -0 | argument couldn't be parsed into an integer",
        "tcp-keepalive | `` | argument couldn't be parsed into an integer",
        "timeout | 1kb | argument couldn't be parsed into an integer",
        "timeout | -1 | argument must be between 0 and 2147483647 inclusive",
        "port | abc | argument couldn't be parsed into an integer",
        "port | 70000 | argument must be between 0 and 65535 inclusive",
        "slowlog-log-slower-than | -2 | argument must be between -1 and 9223372036854775807 inclusive",
        "slowlog-max-len | -1 | argument must be between 0 and 9223372036854775807 inclusive",
        "proto-max-bulk-len | abc | argument must be a memory value",
        "proto-max-bulk-len | 1.5mb | argument must be a memory value",
        "proto-max-bulk-len | -1 | argument must be a memory value",
        "proto-max-bulk-len | 1t | argument must be a memory value",
        "proto-max-bulk-len | 0x100000 | argument must be a memory value",
        "proto-max-bulk-len | 1KB | argument must be between 1048576 and 9223372036854775807 inclusive",
        "proto-max-bulk-len | `` | argument must be between 1048576 and 9223372036854775807 inclusive",
        "proto-max-bulk-len | 9223372036854775808 | argument must be between 1048576 and 9223372036854775807 inclusive",
        "proto-max-bulk-len | 99999999999gb | argument must be between 1048576 and 9223372036854775807 inclusive",
        "client-query-buffer-limit | 1000 | argument must be between 1048576 and 9223372036854775807 inclusive",
        "protected-mode | maybe | argument must be 'yes' or 'no'",
        "protected-mode | true | argument must be 'yes' or 'no'",
        "appendonly | 1 | argument must be 'yes' or 'no'",
        "loglevel | loud | `argument(s) must be one of the following: debug, verbose, notice, warning, nothing`",
        "save | 100 | Invalid save parameters",
        "save | 100 x | Invalid save parameters",
        "save | 100 1 200 | Invalid save parameters",
        "save | 0 1 | Invalid save parameters",
        "save | -1 1 | Invalid save parameters",
        "save | `   ` | Invalid save parameters",
        "save | `  10   1  ` | Invalid save parameters"})
    void badValuesAreRefusedWithRedisReasons(String name, String value, String reason) throws IOException {
        String before = get(name);
        assertThat(set(name, value)).isEqualTo(failed(name, reason));
        assertThat(get(name)).isEqualTo(before);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "proto-max-bulk-len | 2MB | 2097152 | 512mb",
        "proto-max-bulk-len | 010mb | 10485760 | 512mb",
        "proto-max-bulk-len | 5000000K | 5000000000 | 512mb",
        "proto-max-bulk-len | 1048576b | 1048576 | 512mb",
        "proto-max-bulk-len | 9223372036854775807 | 9223372036854775807 | 512mb",
        "client-query-buffer-limit | 2g | 2000000000 | 1gb",
        "maxclients | 4294967295 | 4294967295 | 10000",
        "protected-mode | NO | no | yes",
        "loglevel | WARNING | warning | notice",
        "save | 010 1 +5 0 | 10 1 5 0 | 3600 1 300 100 60 10000",
        "save | 10 1 10 1 | 10 1 10 1 | 3600 1 300 100 60 10000",
        "save | `` | `` | 3600 1 300 100 60 10000",
        "requirepass | `` | `` | ``",
        "bind | 127.0.0.1 -::1 | 127.0.0.1 -::1 | 127.0.0.1"})
    void goodValuesAreShownInRedisForm(String name, String value, String shown, String restore) throws IOException {
        try {
            assertThat(set(name, value)).isEqualTo("OK");
            assertThat(get(name)).isEqualTo(shown);
        } finally {
            assertThat(set(name, restore)).isEqualTo("OK");
        }
    }

    @Test
    void protectedDirectivesCanBeSetFromLoopbackWhenEnabledForLocalClients() throws IOException {
        try (TestServer local = TestServer.start("enable-protected-configs=local");
             RawConnection lc = new RawConnection(local.port())) {
            assertThat(lc.call("CONFIG", "SET", "dir", "/nonexistent")).isEqualTo(failed("dir", "No such file or directory"));
            assertThat(lc.call("CONFIG", "SET", "dbfilename", "a/b.rdb"))
                .isEqualTo(failed("dbfilename", "dbfilename can't be a path, just a filename"));
            assertThat(lc.call("CONFIG", "SET", "dir", "/tmp", "dbfilename", "x.rdb")).isEqualTo("OK");
            assertThat(lc.configGet("dir", "dbfilename")).isEqualTo(Map.of("dir", "/tmp", "dbfilename", "x.rdb"));
        }
    }

    @Test
    void repeatedParametersAreRefusedNamedAsGiven() throws IOException {
        assertThat(set("maxclients", "10", "maxclients", "20")).isEqualTo(failed("maxclients", "duplicate parameter"));
        assertThat(set("maxclients", "10", "MAXCLIENTS", "20")).isEqualTo(failed("MAXCLIENTS", "duplicate parameter"));
        assertThat(get("maxclients")).isEqualTo("10000");
    }

    @Test
    void namesAreCheckedBeforeValuesAndTheFirstProblemIsReported() throws IOException {
        assertThat(set("hz", "abc", "databases", "1")).isEqualTo(failed("databases", "can't set immutable config"));
        assertThat(set("databases", "1", "foo", "2")).isEqualTo(failed("databases", "can't set immutable config"));
        assertThat(set("maxclients", "10", "hz", "10", "hz", "10", "foo", "1")).isEqualTo(failed("hz", "duplicate parameter"));
        assertThat(set("hz", "abc", "maxclients", "abc")).isEqualTo(failed("hz", "argument couldn't be parsed into an integer"));
    }

    @Test
    void severalPairsAreAllOrNothing() throws IOException {
        assertThat(set("hz", "20", "timeout", "30", "maxclients", "abc")).isEqualTo(failed("maxclients", "argument couldn't be parsed into an integer"));
        assertThat(get("hz")).isEqualTo("10");
        assertThat(get("timeout")).isEqualTo("0");
        try {
            assertThat(set("hz", "20", "timeout", "30", "maxclients", "500")).isEqualTo("OK");
            assertThat(c.configGet("hz", "timeout", "maxclients")).isEqualTo(Map.of("hz", "20", "timeout", "30", "maxclients", "500"));
        } finally {
            assertThat(set("hz", "10", "timeout", "0", "maxclients", "10000")).isEqualTo("OK");
        }
    }

    @Test
    void wrongNumberOfArguments() throws IOException {
        assertThat(c.call("CONFIG", "SET", "hz")).isEqualTo(new RawConnection.Error("ERR wrong number of arguments for 'config|set' command"));
        assertThat(c.call("CONFIG", "SET", "hz", "20", "timeout")).isEqualTo(new RawConnection.Error("ERR syntax error"));
        assertThat(c.call("CONFIG", "GET")).isEqualTo(new RawConnection.Error("ERR wrong number of arguments for 'config|get' command"));
        assertThat(get("hz")).isEqualTo("10");
    }

    @Test
    void aBusyPortIsRefusedAndTheOldOneStillServes() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(set("timeout", "30", "port", Integer.toString(busy.getLocalPort())))
                .isEqualTo(failed("port", "Unable to listen on this port. Check server logs."));
        }
        // the whole CONFIG SET is undone, including what had already been applied
        assertThat(c.configGet("port", "timeout")).isEqualTo(Map.of("port", Integer.toString(server.port()), "timeout", "0"));
        try (RawConnection fresh = new RawConnection(server.port())) {
            assertThat(fresh.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void aFreePortMovesTheListener() throws IOException {
        int old = server.port();
        int moved = TestServer.freePort();
        try {
            assertThat(set("port", Integer.toString(moved))).isEqualTo("OK");
            assertThat(get("port")).isEqualTo(Integer.toString(moved));
            try (RawConnection fresh = new RawConnection(moved)) {
                assertThat(fresh.call("PING")).isEqualTo("PONG");
            }
            assertThatThrownBy(() -> new RawConnection(old).close()).isInstanceOf(java.net.ConnectException.class);
            assertThat(c.call("PING")).isEqualTo("PONG"); // connections made before the move stay
        } finally {
            assertThat(set("port", Integer.toString(old))).isEqualTo("OK");
        }
        try (RawConnection back = new RawConnection(old)) {
            assertThat(back.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void configGetTakesSeveralGlobPatterns() throws IOException {
        assertThat(c.configGet("maxclients", "hz", "time*"))
            .isEqualTo(Map.of("maxclients", "10000", "hz", "10", "timeout", "0"));
        assertThat(c.configGet("*max*len*", "hz", "hz", "HZ"))
            .isEqualTo(Map.of("slowlog-max-len", "128", "proto-max-bulk-len", "536870912", "acllog-max-len", "128",
                "hz", "10"));
        assertThat(c.call("CONFIG", "GET", "*max*len*", "hz", "hz")).asList().hasSize(8); // each directive once
        assertThat(c.configGet("nomatch")).isEmpty();
        assertThat(c.configGet("[pb]ort", "?ind")).isEqualTo(Map.of("port", Integer.toString(server.port()), "bind", "127.0.0.1"));
    }
}
