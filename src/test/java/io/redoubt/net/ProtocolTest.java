package io.redoubt.net;

import static io.redoubt.support.RawConnection.command;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The wire protocol over a raw socket. Every expected byte sequence here was first observed on Redis 7.0
 * (same request, same reply, and whether the connection was then closed).
 */
class ProtocolTest {
    private static final RawConnection.Error NOAUTH = new RawConnection.Error("NOAUTH Authentication required.");
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawConnection connect() throws IOException {
        return new RawConnection(server.port());
    }

    /** Sends the request on a new connection; returns everything received until the server closed it. */
    private static String untilClosed(byte[] request) throws IOException {
        try (RawConnection c = connect()) {
            c.send(request);
            return c.readUntilClosed();
        }
    }

    private static String untilClosed(String request) throws IOException {
        return untilClosed(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** CSV sources write CR and LF as \\r and \\n. */
    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            b.writeBytes(p);
        }
        return b.toByteArray();
    }

    private static byte[] repeat(String prefix, char c, int n) {
        return (prefix + String.valueOf(c).repeat(n)).getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- inline commands

    @Test
    void inlineCommandsEndWithCrLfOrLf() throws IOException {
        try (RawConnection c = connect()) {
            c.send("PING\r\n");
            assertThat(c.line()).isEqualTo("+PONG");
            c.send("PING\n");
            assertThat(c.line()).isEqualTo("+PONG");
            c.send("ping hello\r\n");
            assertThat(c.line()).isEqualTo("$5");
            assertThat(c.line()).isEqualTo("hello");
        }
    }

    @Test
    void inlineArgumentsFollowRedisQuoting() throws IOException {
        try (RawConnection c = connect()) {
            c.send("ECHO \"a b\"\r\n");
            assertThat(c.reply()).isEqualTo("a b");
            c.send("ECHO \"\\x41\\x42\\n\"\r\n");
            assertThat(c.reply()).isEqualTo("AB\n");
            c.send("ECHO 'it\\'s'\r\n");
            assertThat(c.reply()).isEqualTo("it's");
            c.send("ECHO a\"b\"\r\n");
            assertThat(c.reply()).isEqualTo("ab");
            c.send("ECHO \"\"\r\n");
            assertThat(c.reply()).isEqualTo("");
        }
    }

    @Test
    void emptyInlineLinesAreIgnored() throws IOException {
        try (RawConnection c = connect()) {
            c.send("\r\n\n \r\n\t\r\nPING\r\n");
            assertThat(c.line()).isEqualTo("+PONG");
            c.send("ECHO next\r\n");
            assertThat(c.reply()).isEqualTo("next"); // nothing was answered for the empty lines
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "ECHO \"a b\\r\\n",
        "ECHO \"a\"b\\r\\n",
        "ECHO 'a b\\r\\n",
        "ECHO \"a b\" \"c\"d\\r\\n"})
    void unbalancedQuotesCloseTheConnection(String request) throws IOException {
        assertThat(untilClosed(unescape(request))).isEqualTo("-ERR Protocol error: unbalanced quotes in request\r\n");
    }

    @Test
    void inlineRequestsAreLimitedTo64KbWithoutNewline() throws IOException {
        assertThat(untilClosed(repeat("", 'P', 64 * 1024 + 1)))
            .isEqualTo("-ERR Protocol error: too big inline request\r\n");
        try (RawConnection c = connect()) {
            c.send(repeat("", 'A', 64 * 1024)); // exactly the limit: still waiting for the newline
            c.send("\r\n");
            assertThat(c.line()).startsWith("-ERR unknown command 'AAAA");
        }
    }

    /** A NUL before the line's end hides the end from Redis's strchr: compared with redis-server 7.0. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "PING\\0\\r\\n                | too big inline request",
        "*1\\0\\r\\n$4\\r\\nPING\\r\\n | too big mbulk count string",
        "*1\\r\\n$4\\0\\r\\nPING\\r\\n | too big bulk count string"})
    void aLineWithANulByteNeverEndsUntilItIsTooBig(String request, String error) throws IOException {
        byte[] line = unescape(request).replace("\\0", "\0").getBytes(StandardCharsets.ISO_8859_1);
        try (RawConnection c = connect().timeout(300)) {
            c.send(line);
            assertThat(c.closedByServer()).isFalse(); // no reply, still open: waiting for the line's end
            c.send(repeat("", 'A', 64 * 1024));
            assertThat(c.timeout(5000).readUntilClosed()).isEqualTo("-ERR Protocol error: " + error + "\r\n");
        }
        try (RawConnection c = connect().timeout(300)) {
            c.send("PING\r\n");
            assertThat(c.line()).isEqualTo("+PONG");
            c.send(line).send("PING\r\n"); // nothing after the NUL is read either
            assertThat(c.closedByServer()).isFalse();
        }
    }

    // ---- multibulk errors

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "*abc\\r\\n | invalid multibulk length",
        "*01\\r\\n | invalid multibulk length",
        "*-0\\r\\n | invalid multibulk length",
        "*+1\\r\\n | invalid multibulk length",
        "*1.5\\r\\n | invalid multibulk length",
        "*3000000000\\r\\n | invalid multibulk length",
        "*111111111111111111111111111111\\r\\n | invalid multibulk length",
        "*999999999999999999\\r\\n | invalid multibulk length",
        "*3\\r\\n:1\\r\\n | expected '$', got ':'",
        "*2\\r\\n$4\\r\\nECHO\\r\\n+x\\r\\n | expected '$', got '+'",
        "*1\\r\\n$-5\\r\\n | invalid bulk length",
        "*1\\r\\n$-1\\r\\n | invalid bulk length",
        "*1\\r\\n$-0\\r\\n | invalid bulk length",
        "*1\\r\\n$abc\\r\\n | invalid bulk length",
        "*1\\r\\n$01\\r\\nA\\r\\n | invalid bulk length",
        "*1\\r\\n$+4\\r\\nPING\\r\\n | invalid bulk length",
        "*1\\r\\n$4x\\r\\nPING\\r\\n | invalid bulk length",
        "*1\\r\\n$9999999999999999999\\r\\n | invalid bulk length",
        "*1\\r\\n$4\\nPING\\r\\n | invalid bulk length",
        "*1\\r\\n$536870913\\r\\n | invalid bulk length"})
    void malformedMultibulkRequestsCloseTheConnection(String request, String error) throws IOException {
        assertThat(untilClosed(unescape(request))).isEqualTo("-ERR Protocol error: " + error + "\r\n");
    }

    @Test
    void bulkLengthAboveProtoMaxBulkLenIsInvalid() throws IOException {
        try (RawConnection admin = connect()) {
            assertThat(admin.call("CONFIG", "SET", "proto-max-bulk-len", "1mb")).isEqualTo("OK");
            try {
                assertThat(untilClosed("*2\r\n$4\r\nECHO\r\n$1048577\r\n"))
                    .isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
                try (RawConnection c = connect()) {
                    c.send("*2\r\n$4\r\nECHO\r\n$1048576\r\n"); // exactly the limit is fine
                    c.send(repeat("", 'v', 1024 * 1024)).send("\r\n");
                    assertThat(c.line()).isEqualTo("$1048576");
                }
            } finally {
                admin.call("CONFIG", "SET", "proto-max-bulk-len", "512mb");
            }
        }
    }

    @Test
    void countLinesWithoutCrAreLimitedTo64Kb() throws IOException {
        assertThat(untilClosed(repeat("*", '1', 70000))).isEqualTo("-ERR Protocol error: too big mbulk count string\r\n");
        assertThat(untilClosed(repeat("*1\r\n$", '1', 70000))).isEqualTo("-ERR Protocol error: too big bulk count string\r\n");
        // Redis looks for the line's end before its first byte: a long line that is not a bulk header is too big too
        assertThat(untilClosed(repeat("*1\r\n:", 'x', 70000))).isEqualTo("-ERR Protocol error: too big bulk count string\r\n");
    }

    @Test
    void emptyAndNegativeMultibulkCountsAreSkipped() throws IOException {
        try (RawConnection c = connect()) {
            c.send("*0\r\n*-1\r\n*-5\r\nPING\r\n");
            assertThat(c.line()).isEqualTo("+PONG");
            c.send("ECHO next\r\n");
            assertThat(c.reply()).isEqualTo("next");
        }
    }

    @Test
    void bytesAfterABulkAreSkippedUncheckedLikeRedis() throws IOException {
        try (RawConnection c = connect()) {
            c.send("*1\r\n$4\r\nPINGxx*1\rX$4\r\nPING\r\n");
            assertThat(c.line()).isEqualTo("+PONG");
            assertThat(c.line()).isEqualTo("+PONG");
        }
    }

    @Test
    void emptyBulkArgumentsAreArguments() throws IOException {
        try (RawConnection c = connect()) {
            c.send("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n");
            assertThat(c.reply()).isEqualTo("");
            c.send("*1\r\n$0\r\n\r\n");
            assertThat(c.line()).isEqualTo("-ERR unknown command '', with args beginning with: ");
        }
    }

    /** Redis prints a name or argument in an error with "%.128s": its bytes as sent, up to a NUL (as redis-server 7.0). */
    @Test
    void namesInErrorsAreTheirBytesUpToANul() throws IOException {
        String[][] cases = {
            {"*2\r\n$4\r\nPI\0G\r\n$3\r\na\0b\r\n", "-ERR unknown command 'PI', with args beginning with: 'a' \r\n"},
            {"*2\r\n$4\r\nPI\u00c3\u00a9\r\n$1\r\n\u00ff\r\n",
                "-ERR unknown command 'PI\u00c3\u00a9', with args beginning with: '\u00ff' \r\n"},
            {"*2\r\n$6\r\nCONFIG\r\n$4\r\nx\0yz\r\n", "-ERR unknown subcommand 'x'. Try CONFIG HELP.\r\n"}};
        try (RawConnection c = connect()) {
            for (String[] request : cases) {
                byte[] expected = request[1].getBytes(StandardCharsets.ISO_8859_1);
                c.send(request[0].getBytes(StandardCharsets.ISO_8859_1));
                assertThat(new String(c.read(expected.length), StandardCharsets.ISO_8859_1)).isEqualTo(request[1]);
            }
        }
    }

    // ---- pipelining and fragmentation

    @Test
    void thousandPipelinedCommandsInOneWriteAreAnsweredInOrder() throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            batch.writeBytes(i % 2 == 0 ? command("ECHO", "m" + i) : ("ECHO i" + i + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        try (RawConnection c = connect()) {
            c.send(batch.toByteArray());
            for (int i = 0; i < 1000; i++) {
                assertThat(c.reply()).isEqualTo((i % 2 == 0 ? "m" : "i") + i);
            }
        }
    }

    @Test
    void aBatchSentByteByByteStillWorks() throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String v = "value " + i + " " + "x".repeat(i * 7);
            batch.writeBytes(i % 3 == 0 ? ("ECHO \"" + v + "\"\r\n").getBytes(StandardCharsets.US_ASCII) : command("ECHO", v));
            expected.add(v);
        }
        byte[] bytes = batch.toByteArray();
        try (RawConnection c = connect()) {
            for (byte b : bytes) {
                c.send(new byte[] {b});
            }
            for (String v : expected) {
                assertThat(c.reply()).isEqualTo(v);
            }
        }
    }

    @Test
    void aValueSplitAcrossPacketsArrivesWhole() throws IOException, InterruptedException {
        String value = "0123456789abcdef".repeat(20_000); // 320 KB
        byte[] request = command("SET", "split:value", value);
        try (RawConnection c = connect()) {
            int chunk = 7001;
            for (int off = 0; off < request.length; off += chunk) {
                c.send(Arrays.copyOfRange(request, off, Math.min(request.length, off + chunk)));
                if (off % (chunk * 10) == 0) {
                    Thread.sleep(2); // let the server read partial packets
                }
            }
            assertThat(c.reply()).isEqualTo("OK");
            assertThat(c.call("GET", "split:value")).isEqualTo(value);
        }
    }

    @Test
    void aProtocolErrorAfterValidCommandsIsAnsweredAfterThem() throws IOException {
        String request = "PING\r\n" + new String(command("ECHO", "one"), StandardCharsets.US_ASCII) + "*1\r\n$x\r\nPING\r\n";
        assertThat(untilClosed(request)).isEqualTo("+PONG\r\n$3\r\none\r\n-ERR Protocol error: invalid bulk length\r\n");
        assertThat(untilClosed("*1\r\n$4\r\nPING\r\nECHO \"x\r\nPING\r\n"))
            .isEqualTo("+PONG\r\n-ERR Protocol error: unbalanced quotes in request\r\n");
    }

    // ---- limits

    @Test
    void aPartialRequestOverTheQueryBufferLimitClosesTheConnection() throws IOException {
        try (RawConnection admin = connect()) {
            assertThat(admin.call("CONFIG", "SET", "client-query-buffer-limit", "1mb")).isEqualTo("OK");
            try {
                try (RawConnection c = connect()) {
                    c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2000000\r\n");
                    c.send(repeat("", 'x', 1_100_000));
                    assertThat(c.readUntilClosed()).isEmpty(); // Redis closes it without a reply
                }
                // only the request being read counts: arguments already parsed do not, as in Redis
                try (RawConnection c = connect()) {
                    String key = "k".repeat(300_000);
                    String value = "v".repeat(900_000);
                    c.send(command("SET", key, value));
                    assertThat(c.reply()).isEqualTo("OK");
                    assertThat(c.call("DEL", key)).isEqualTo(1L);
                }
            } finally {
                admin.call("CONFIG", "SET", "client-query-buffer-limit", "1gb");
            }
        }
    }

    @Test
    void unauthenticatedClientsHaveSmallRequestLimits() throws IOException {
        String[] elevenArgs = {"ECHO", "x", "x", "x", "x", "x", "x", "x", "x", "x", "x"};
        try (RawConnection admin = connect()) {
            assertThat(admin.call("CONFIG", "SET", "requirepass", "secret")).isEqualTo("OK");
            try {
                assertThat(untilClosed("*11\r\n")).isEqualTo("-ERR Protocol error: unauthenticated multibulk length\r\n");
                assertThat(untilClosed("*2\r\n$4\r\nECHO\r\n$16385\r\n"))
                    .isEqualTo("-ERR Protocol error: unauthenticated bulk length\r\n");
                try (RawConnection c = connect()) {
                    // at the limits a request is read, then refused like any command before AUTH
                    assertThat(c.call("PING", "x", "x", "x", "x", "x", "x", "x", "x", "x")).isEqualTo(NOAUTH);
                    assertThat(c.call("ECHO", "y".repeat(16384))).isEqualTo(NOAUTH);
                }
                try (RawConnection c = connect()) {
                    // Redis runs an AUTH before it reads on: one pipelined ahead of large requests lifts the limits
                    c.send(concat(command("AUTH", "secret"), command("ECHO", "y".repeat(20000)), command(elevenArgs)));
                    assertThat(c.reply()).isEqualTo("OK");
                    assertThat(c.reply()).isEqualTo("y".repeat(20000));
                    assertThat(c.reply()).isEqualTo(new RawConnection.Error("ERR wrong number of arguments for 'echo' command"));
                }
                assertThat(untilClosed(concat(command("AUTH", "wrong"), "*11\r\n".getBytes(StandardCharsets.US_ASCII)))).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n"
                    + "-ERR Protocol error: unauthenticated multibulk length\r\n");
            } finally {
                assertThat(admin.call("CONFIG", "SET", "requirepass", "")).isEqualTo("OK");
            }
        }
    }

    @Test
    void connectionsOverMaxclientsAreRefused() throws Exception {
        try (RawConnection admin = connect()) {
            assertThat(admin.call("PING")).isEqualTo("PONG");
            for (int i = 0; i < 50 && server.server().clients().count() > 1; i++) {
                Thread.sleep(50); // connections of earlier tests may still be closing
            }
            assertThat(server.server().clients().count()).isEqualTo(1);
            assertThat(admin.call("CONFIG", "SET", "maxclients", "2")).isEqualTo("OK");
            try (RawConnection second = connect()) {
                assertThat(second.call("PING")).isEqualTo("PONG");
                assertThat(untilClosed("PING\r\n")).isEqualTo("-ERR max number of clients reached\r\n");
            } finally {
                assertThat(admin.call("CONFIG", "SET", "maxclients", "10000")).isEqualTo("OK");
            }
            try (RawConnection c = connect()) {
                assertThat(c.call("PING")).isEqualTo("PONG");
            }
        }
    }

    @Test
    void idleConnectionsAreClosedAfterTimeoutButPartialRequestsCountAsActivity() throws Exception {
        try (RawConnection admin = connect(); RawConnection idle = connect(); RawConnection slow = connect()) {
            assertThat(idle.call("PING")).isEqualTo("PONG");
            slow.send("*2\r\n$4\r\nECHO\r\n$100\r\n");
            assertThat(admin.call("CONFIG", "SET", "timeout", "1")).isEqualTo("OK");
            try {
                idle.timeout(200);
                int sent = 0;
                boolean closed = false;
                while (!closed && sent < 40) { // 8 s at most; Redis closes it within a couple of seconds
                    slow.send("x"); // the slow client only ever sends part of its request
                    sent++;
                    admin.send("PING\r\n");
                    assertThat(admin.line()).isEqualTo("+PONG");
                    closed = idle.closedByServer();
                }
                assertThat(closed).as("idle connection closed").isTrue();
                // connected as long as the idle one, but it kept sending: still open
                slow.send("x".repeat(100 - sent) + "\r\n");
                assertThat(slow.reply()).isEqualTo("x".repeat(100));
            } finally {
                admin.call("CONFIG", "SET", "timeout", "0");
            }
        }
    }

    // ---- cross-protocol scripting

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POST / HTTP/1.1\\r\\nHost: localhost\\r\\n\\r\\n",
        "Host: localhost\\r\\n",
        "PING\\r\\nPOST / HTTP/1.1\\r\\nPING\\r\\n",
        "*1\\r\\n$4\\r\\nPING\\r\\n*1\\r\\n$4\\r\\npost\\r\\n"})
    void httpRequestLinesCloseTheConnectionWithoutAnyReply(String request) throws IOException {
        // Redis drops even the replies of the same read that it has not written yet
        assertThat(untilClosed(unescape(request))).isEmpty();
    }
}
