package io.redoubt.command.string;

import static io.redoubt.command.string.StringTestSupport.encoding;
import static io.redoubt.command.string.StringTestSupport.eventually;
import static io.redoubt.command.string.StringTestSupport.putNonString;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.LcsArgs;
import io.lettuce.core.StringMatchResult;
import io.redoubt.support.RespProbe;
import io.redoubt.support.ServerWithClients;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.LCSParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.LCSMatchResult;

/**
 * APPEND STRLEN GETRANGE SUBSTR SETRANGE LCS, and the encodings they leave behind. Expected replies were
 * checked against redis-server 7.0.15.
 */
class StringRangesTest extends ServerWithClients {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String TOO_BIG = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";

    @Test
    void appendCreatesGrowsAndSetsTheEncoding() {
        assertThat(jedis.append("ap:int", "123")).isEqualTo(3);
        assertThat(encoding(server, "ap:int")).isEqualTo("int"); // a new key is encoded like SET's value
        assertThat(jedis.append("ap:int", "")).isEqualTo(3);
        assertThat(encoding(server, "ap:int")).isEqualTo("raw"); // any append to an existing key makes it raw
        assertThat(jedis.append("ap:s", "hello")).isEqualTo(5);
        assertThat(encoding(server, "ap:s")).isEqualTo("embstr");
        assertThat(lettuce.append("ap:s", " world")).isEqualTo(11);
        assertThat(lettuce.get("ap:s")).isEqualTo("hello world");
        assertThat(encoding(server, "ap:s")).isEqualTo("raw");
        // appending nothing to a missing key still creates it
        assertThat(jedis.append("ap:empty", "")).isZero();
        assertThat(jedis.get("ap:empty")).isEmpty();
        // many appends: the value keeps growing in place
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            expected.append(i).append(',');
            jedis.append("ap:many", i + ",");
        }
        assertThat(jedis.get("ap:many")).isEqualTo(expected.toString());
        assertThat(jedis.strlen("ap:many")).isEqualTo(expected.length());
    }

    @Test
    void appendKeepsTheExpiry() throws Exception {
        jedis.set("ap:ttl", "a", SetParams.setParams().px(200));
        jedis.append("ap:ttl", "b");
        assertThat(jedis.get("ap:ttl")).isEqualTo("ab");
        eventually(() -> jedis.get("ap:ttl") == null);
    }

    @Test
    void setEncodings() {
        jedis.set("enc:int", "-9223372036854775808");
        jedis.set("enc:big", "9223372036854775808");
        jedis.set("enc:lead", "01");
        jedis.set("enc:44", "x".repeat(44));
        jedis.set("enc:45", "x".repeat(45));
        assertThat(encoding(server, "enc:int")).isEqualTo("int");
        assertThat(encoding(server, "enc:big")).isEqualTo("embstr");
        assertThat(encoding(server, "enc:lead")).isEqualTo("embstr");
        assertThat(encoding(server, "enc:44")).isEqualTo("embstr");
        assertThat(encoding(server, "enc:45")).isEqualTo("raw");
    }

    @Test
    void strlen() {
        jedis.set("sl", "12345");
        assertThat(jedis.strlen("sl")).isEqualTo(5);
        assertThat(jedis.strlen("sl:missing")).isZero();
        jedis.setrange("sl", 10, "x");
        assertThat(lettuce.strlen("sl")).isEqualTo(11);
    }

    @Test
    void getrangeClampsLikeRedis7() throws Exception {
        jedis.set("gr", "Hello World");
        String[][] cases = {
            {"0", "4", "Hello"}, {"-5", "-1", "World"}, {"5", "2", ""}, {"-1", "-5", ""}, {"0", "-100", "H"},
            {"-100", "-50", "H"}, {"20", "30", ""}, {"0", "100", "Hello World"}, {"6", "6", "W"},
            {"-9223372036854775808", "9223372036854775807", "Hello World"},
        };
        for (String[] c : cases) {
            assertThat(jedis.getrange("gr", Long.parseLong(c[0]), Long.parseLong(c[1])))
                .as("GETRANGE %s %s", c[0], c[1]).isEqualTo(c[2]);
        }
        assertThat(jedis.substr("gr", 0, 4)).isEqualTo("Hello");
        assertThat(lettuce.getrange("gr", -5, -1)).isEqualTo("World");
        jedis.set("gr:int", "12345");
        assertThat(jedis.getrange("gr:int", 1, 2)).isEqualTo("23");
        jedis.append("gr:int", "6");
        assertThat(jedis.getrange("gr:int", -2, -1)).isEqualTo("56");
        try (RespProbe p = RespProbe.open(server.port(), 3)) {
            // a missing key is an empty string, not null, in both protocols
            assertThat(p.call("GETRANGE", "gr:missing", "0", "1")).isEqualTo("\"\"");
            assertThat(p.call("GETRANGE", "gr", "a", "1")).isEqualTo("-ERR value is not an integer or out of range");
            assertThat(p.call("GETRANGE", "gr:missing", "0", "b"))
                .isEqualTo("-ERR value is not an integer or out of range");
            assertThat(p.call("SUBSTR", "gr", "0")).isEqualTo("-ERR wrong number of arguments for 'substr' command");
        }
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            assertThat(p.call("GETRANGE", "gr:missing", "0", "1")).isEqualTo("\"\"");
        }
    }

    @Test
    void setrangePadsWithZerosAndMakesARawString() {
        assertThat(jedis.setrange("sr", 2, "ab")).isEqualTo(4);
        assertThat(jedis.get("sr".getBytes())).isEqualTo(new byte[] {0, 0, 'a', 'b'});
        assertThat(encoding(server, "sr")).isEqualTo("raw");
        jedis.set("sr:hw", "Hello World");
        assertThat(lettuce.setrange("sr:hw", 6, "Redis")).isEqualTo(11);
        assertThat(jedis.get("sr:hw")).isEqualTo("Hello Redis");
        assertThat(jedis.setrange("sr:hw", 11, "!!")).isEqualTo(13);
        assertThat(jedis.get("sr:hw")).isEqualTo("Hello Redis!!");
        assertThat(jedis.setrange("sr:hw", 20, "x")).isEqualTo(21);
        assertThat(jedis.getrange("sr:hw", 12, -1)).isEqualTo("!" + "\0".repeat(7) + "x");
    }

    @Test
    void setrangeWithNothingToWrite() {
        assertThat(jedis.setrange("sr:none", 5, "")).isZero();
        assertThat(jedis.get("sr:none")).isNull(); // not created
        jedis.set("sr:small", "hi");
        assertThat(jedis.setrange("sr:small", 1000, "")).isEqualTo(2);
        assertThat(encoding(server, "sr:small")).isEqualTo("embstr"); // untouched
        assertThat(jedis.setrange("sr:small", 1, "X")).isEqualTo(2);
        assertThat(jedis.get("sr:small")).isEqualTo("hX");
        assertThat(encoding(server, "sr:small")).isEqualTo("raw");
    }

    @Test
    void setrangeErrors() throws Exception {
        jedis.set("sr:e", "v");
        putNonString(server, "sr:wt");
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            assertThat(p.call("SETRANGE", "sr:e", "-1", "x")).isEqualTo("-ERR offset is out of range");
            assertThat(p.call("SETRANGE", "sr:wt", "-1", "x")).isEqualTo("-ERR offset is out of range");
            assertThat(p.call("SETRANGE", "sr:e", "abc", "x"))
                .isEqualTo("-ERR value is not an integer or out of range");
            assertThat(p.call("SETRANGE", "sr:wt", "0", "")).isEqualTo("-" + WRONGTYPE);
            // 512 MB by default
            assertThat(p.call("SETRANGE", "sr:e", "536870912", "x")).isEqualTo("-" + TOO_BIG);
            assertThat(p.call("SETRANGE", "sr:new", "536870912", "x")).isEqualTo("-" + TOO_BIG);
            assertThat(p.call("SETRANGE", "sr:e", "9223372036854775807", "x")).isEqualTo("-" + TOO_BIG);
            assertThat(p.call("SETRANGE", "sr:new", "9223372036854775807", "")).isEqualTo(":0");
        }
    }

    @Test
    void theSizeLimitFollowsProtoMaxBulkLen() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            assertThat(p.call("CONFIG", "SET", "proto-max-bulk-len", "1mb")).isEqualTo("+OK");
            try {
                assertThat(p.call("SETRANGE", "lim", "1048576", "x")).isEqualTo("-" + TOO_BIG);
                assertThat(p.call("SETRANGE", "lim", "1048575", "x")).isEqualTo(":1048576");
                assertThat(p.call("APPEND", "lim", "x")).isEqualTo("-" + TOO_BIG);
                assertThat(p.call("STRLEN", "lim")).isEqualTo(":1048576");
                assertThat(p.call("SETRANGE", "lim", "1048576", "")).isEqualTo(":1048576");
                // LCS refuses when its (len1+1)*(len2+1) table of 4-byte cells would exceed the limit
                p.call("SET", "lcs:a", "a".repeat(600));
                p.call("SET", "lcs:b", "b".repeat(600));
                assertThat(p.call("LCS", "lcs:a", "lcs:b", "LEN"))
                    .isEqualTo("-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
                p.call("SET", "lcs:b", "b".repeat(400));
                assertThat(p.call("LCS", "lcs:a", "lcs:b", "LEN")).isEqualTo(":0");
            } finally {
                assertThat(p.call("CONFIG", "SET", "proto-max-bulk-len", "512mb")).isEqualTo("+OK");
            }
        }
    }

    @Test
    void wrongType() {
        putNonString(server, "r:wt");
        for (Runnable r : List.<Runnable>of(() -> jedis.append("r:wt", "x"), () -> jedis.strlen("r:wt"),
            () -> jedis.getrange("r:wt", 0, 1), () -> jedis.substr("r:wt", 0, 1), () -> jedis.setrange("r:wt", 0, "x"))) {
            jedisError(r, WRONGTYPE);
        }
        jedis.set("r:s", "x");
        jedisError(() -> jedis.lcs("r:wt", "r:s", LCSParams.LCSParams()),
            "ERR The specified keys must contain string values");
        jedisError(() -> jedis.lcs("r:s", "r:wt", LCSParams.LCSParams().len()),
            "ERR The specified keys must contain string values");
    }

    @Test
    void lcsStringAndLength() {
        jedis.mset("k1", "ohmytext", "k2", "mynewtext", "x1", "ABCBDAB", "x2", "BDCABA");
        assertThat(jedis.lcs("k1", "k2", LCSParams.LCSParams()).getMatchString()).isEqualTo("mytext");
        assertThat(jedis.lcs("k1", "k2", LCSParams.LCSParams().len()).getLen()).isEqualTo(6);
        assertThat(jedis.lcs("x1", "x2", LCSParams.LCSParams()).getMatchString()).isEqualTo("BDAB");
        assertThat(lettuce.lcs(LcsArgs.Builder.keys("x1", "x2")).getMatchString()).isEqualTo("BDAB");
        assertThat(lettuce.lcs(LcsArgs.Builder.keys("k1", "k2").justLen()).getLen()).isEqualTo(6);
        assertThat(jedis.lcs("k1", "lcs:missing", LCSParams.LCSParams()).getMatchString()).isEmpty();
        assertThat(jedis.lcs("lcs:missing", "lcs:missing2", LCSParams.LCSParams().len()).getLen()).isZero();
    }

    @Test
    void lcsIndexesThroughTheClients() {
        jedis.mset("k1", "ohmytext", "k2", "mynewtext");
        LCSMatchResult r = jedis.lcs("k1", "k2", LCSParams.LCSParams().idx().withMatchLen());
        assertThat(r.getLen()).isEqualTo(6);
        assertThat(r.getMatches()).hasSize(2);
        assertThat(r.getMatches().get(0).getA().getStart()).isEqualTo(4);
        assertThat(r.getMatches().get(0).getA().getEnd()).isEqualTo(7);
        assertThat(r.getMatches().get(0).getB().getStart()).isEqualTo(5);
        assertThat(r.getMatches().get(0).getB().getEnd()).isEqualTo(8);
        assertThat(r.getMatches().get(0).getMatchLen()).isEqualTo(4);
        assertThat(r.getMatches().get(1).getMatchLen()).isEqualTo(2);

        StringMatchResult l = lettuce.lcs(LcsArgs.Builder.keys("k1", "k2").withIdx().minMatchLen(4));
        assertThat(l.getLen()).isEqualTo(6);
        assertThat(l.getMatches()).hasSize(1);
        assertThat(l.getMatches().get(0).getA().getStart()).isEqualTo(4);
        assertThat(l.getMatches().get(0).getB().getEnd()).isEqualTo(8);
    }

    @Test
    void lcsIdxIsAMapInResp3AndAFlatArrayInResp2() throws Exception {
        jedis.mset("k1", "ohmytext", "k2", "mynewtext", "x1", "ABCBDAB", "x2", "BDCABA", "y1", "aaaa", "y2", "aa");
        try (RespProbe p2 = RespProbe.open(server.port(), 2); RespProbe p3 = RespProbe.open(server.port(), 3)) {
            assertThat(p2.call("LCS", "k1", "k2", "IDX"))
                .isEqualTo("[\"matches\", [[[:4, :7], [:5, :8]], [[:2, :3], [:0, :1]]], \"len\", :6]");
            assertThat(p3.call("LCS", "k1", "k2", "IDX"))
                .isEqualTo("{\"matches\": [[[:4, :7], [:5, :8]], [[:2, :3], [:0, :1]]], \"len\": :6}");
            assertThat(p3.call("LCS", "k1", "k2", "idx", "minmatchlen", "4", "withmatchlen"))
                .isEqualTo("{\"matches\": [[[:4, :7], [:5, :8], :4]], \"len\": :6}");
            assertThat(p3.call("LCS", "k1", "k2", "IDX", "MINMATCHLEN", "-5"))
                .isEqualTo("{\"matches\": [[[:4, :7], [:5, :8]], [[:2, :3], [:0, :1]]], \"len\": :6}");
            assertThat(p3.call("LCS", "x1", "x2", "IDX", "WITHMATCHLEN"))
                .isEqualTo("{\"matches\": [[[:5, :6], [:3, :4], :2], [[:3, :4], [:0, :1], :2]], \"len\": :4}");
            assertThat(p3.call("LCS", "y1", "y2", "IDX", "WITHMATCHLEN"))
                .isEqualTo("{\"matches\": [[[:2, :3], [:0, :1], :2]], \"len\": :2}");
            assertThat(p3.call("LCS", "lcs:m1", "lcs:m2", "IDX")).isEqualTo("{\"matches\": [], \"len\": :0}");
            assertThat(p3.call("LCS", "lcs:m1", "lcs:m2")).isEqualTo("\"\"");
            // WITHMATCHLEN and MINMATCHLEN do nothing without IDX
            assertThat(p3.call("LCS", "k1", "k2", "WITHMATCHLEN")).isEqualTo("\"mytext\"");
            assertThat(p3.call("LCS", "k1", "k2", "LEN", "WITHMATCHLEN", "MINMATCHLEN", "3")).isEqualTo(":6");
        }
    }

    @Test
    void lcsOptionErrors() throws Exception {
        jedis.mset("k1", "ohmytext", "k2", "mynewtext");
        putNonString(server, "lcs:wt");
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            assertThat(p.call("LCS", "k1", "k2", "LEN", "IDX"))
                .isEqualTo("-ERR If you want both the length and indexes, please just use IDX.");
            assertThat(p.call("LCS", "k1", "k2", "MINMATCHLEN")).isEqualTo("-ERR syntax error");
            assertThat(p.call("LCS", "k1", "k2", "MINMATCHLEN", "x"))
                .isEqualTo("-ERR value is not an integer or out of range");
            assertThat(p.call("LCS", "k1", "k2", "foo")).isEqualTo("-ERR syntax error");
            assertThat(p.call("LCS", "k1")).isEqualTo("-ERR wrong number of arguments for 'lcs' command");
            // the key types are checked before the options
            assertThat(p.call("LCS", "k1", "lcs:wt", "foo"))
                .isEqualTo("-ERR The specified keys must contain string values");
        }
    }

    @Test
    void lcsOnLongerStringsAndGrownValues() {
        // a value grown by APPEND is read through its buffer; only its real length counts
        jedis.set("lg:a", "");
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String part = Integer.toString(i * 7919 % 1000);
            a.append(part);
            jedis.append("lg:a", part);
        }
        jedis.set("lg:b", a.reverse().toString());
        long len = jedis.lcs("lg:a", "lg:b", LCSParams.LCSParams().len()).getLen();
        String s = jedis.lcs("lg:a", "lg:b", LCSParams.LCSParams()).getMatchString();
        assertThat(s).hasSize((int) len);
        assertThat(isSubsequence(s, jedis.get("lg:a"))).isTrue();
        assertThat(isSubsequence(s, jedis.get("lg:b"))).isTrue();
        assertThat(len).isEqualTo(lcsLength(jedis.get("lg:a"), jedis.get("lg:b")));
    }

    private static boolean isSubsequence(String s, String of) {
        int i = 0;
        for (int j = 0; j < of.length() && i < s.length(); j++) {
            if (of.charAt(j) == s.charAt(i)) {
                i++;
            }
        }
        return i == s.length();
    }

    /** Textbook LCS length, an independent check for the server's answer. */
    private static int lcsLength(String x, String y) {
        int[][] t = new int[x.length() + 1][y.length() + 1];
        for (int i = 1; i <= x.length(); i++) {
            for (int j = 1; j <= y.length(); j++) {
                t[i][j] = x.charAt(i - 1) == y.charAt(j - 1) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[x.length()][y.length()];
    }
}
