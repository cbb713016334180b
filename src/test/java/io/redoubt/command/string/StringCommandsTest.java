package io.redoubt.command.string;

import static io.redoubt.command.string.StringTestSupport.eventually;
import static io.redoubt.command.string.StringTestSupport.putNonString;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.GetExArgs;
import io.lettuce.core.SetArgs;
import io.redoubt.command.CommandSpec;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.support.RespProbe;
import io.redoubt.support.ServerWithClients;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

/**
 * GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX MGET MSET MSETNX over real sockets: Jedis speaks RESP2,
 * Lettuce RESP3, {@link RespProbe} shows the exact reply types. Expected replies and error texts were
 * checked against redis-server 7.0.15.
 */
class StringCommandsTest extends ServerWithClients {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private static final String SYNTAX = "ERR syntax error";
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";



    private static String[] args(String line) {
        return line.split(" ");
    }

    @Test
    void getAndSetAreBinarySafeInBothProtocols() {
        byte[] value = {0, 1, (byte) 0xff, '\r', '\n', 'x'};
        assertThat(jedis.set("bin".getBytes(), value)).isEqualTo("OK");
        assertThat(jedis.get("bin".getBytes())).isEqualTo(value);
        assertThat(jedis.get("get:missing")).isNull();
        assertThat(lettuce.set("get:k", "v")).isEqualTo("OK");
        assertThat(lettuce.get("get:k")).isEqualTo("v");
        assertThat(lettuce.get("get:missing")).isNull();
        assertThat(jedis.set("get:empty", "")).isEqualTo("OK");
        assertThat(jedis.get("get:empty")).isEmpty();
    }

    @Test
    void missingKeysAreRESP2NullBulkAndRESP3Null() throws Exception {
        try (RespProbe p2 = RespProbe.open(server.port(), 2); RespProbe p3 = RespProbe.open(server.port(), 3)) {
            for (String cmd : List.of("GET nullk", "GETDEL nullk", "GETEX nullk", "GETSET nullk2 v", "SET nullk3 v GET",
                "SET nullk v XX")) {
                assertThat(p2.call(args(cmd))).as(cmd).isEqualTo("$-1");
            }
            p2.call("DEL", "nullk2", "nullk3");
            for (String cmd : List.of("GET nullk", "GETDEL nullk", "GETEX nullk", "GETSET nullk2 v", "SET nullk3 v GET",
                "SET nullk v XX")) {
                assertThat(p3.call(args(cmd))).as(cmd).isEqualTo("_");
            }
            assertThat(p2.call("MGET", "nullk", "nullk2")).isEqualTo("[$-1, \"v\"]");
            assertThat(p3.call("MGET", "nullk", "nullk2")).isEqualTo("[_, \"v\"]");
        }
    }

    @Test
    void setNxXxAndGetCombinations() {
        assertThat(jedis.set("nx", "v", SetParams.setParams().nx())).isEqualTo("OK");
        assertThat(jedis.set("nx", "w", SetParams.setParams().nx())).isNull();
        assertThat(jedis.get("nx")).isEqualTo("v");
        assertThat(jedis.set("xx", "v", SetParams.setParams().xx())).isNull();
        assertThat(jedis.get("xx")).isNull();
        assertThat(jedis.set("nx", "w", SetParams.setParams().xx())).isEqualTo("OK");
        assertThat(jedis.get("nx")).isEqualTo("w");

        // GET returns the old value whether or not NX/XX let the write happen
        assertThat(lettuce.setGet("ng", "v", SetArgs.Builder.nx())).isNull();
        assertThat(lettuce.setGet("ng", "w", SetArgs.Builder.nx())).isEqualTo("v");
        assertThat(lettuce.get("ng")).isEqualTo("v");
        assertThat(lettuce.setGet("xg", "v", SetArgs.Builder.xx())).isNull();
        assertThat(lettuce.get("xg")).isNull();
        assertThat(lettuce.setGet("ng", "x", SetArgs.Builder.xx())).isEqualTo("v");
        assertThat(lettuce.get("ng")).isEqualTo("x");
        assertThat(jedis.setGet("ng", "y")).isEqualTo("x");
    }

    @Test
    void setOptionConflictsAndRepeats() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            for (String bad : List.of("nx xx", "xx nx", "ex 10 px 100", "ex 10 keepttl", "keepttl ex 10", "ex",
                "persist", "foo", "ex 10 exat 20", "px 10 pxat 20", "get ex")) {
                assertThat(p.call(args("SET opt v " + bad))).as(bad).isEqualTo("-" + SYNTAX);
            }
            assertThat(p.call("SET", "opt", "v", "")).isEqualTo("-" + SYNTAX);
            assertThat(p.call("GET", "opt")).isEqualTo("$-1");
            // the same option twice is accepted, the last value wins
            assertThat(p.call(args("SET opt v nx nx"))).isEqualTo("+OK");
            assertThat(p.call(args("SET opt v ex 10 ex 20"))).isEqualTo("+OK");
            assertThat(p.call(args("SET opt w get get"))).isEqualTo("\"v\"");
            assertThat(p.call(args("set opt x Nx gEt kEePtTl"))).isEqualTo("\"w\"");
            assertThat(p.call(args("SET opt y XX KEEPTTL"))).isEqualTo("+OK");
            assertThat(p.call("GET", "opt")).isEqualTo("\"y\"");
        }
    }

    @Test
    void setExpiryValidation() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            String invalid = "-ERR invalid expire time in 'set' command";
            for (String bad : List.of("ex 0", "ex -1", "px 0", "px -5", "exat 0", "pxat 0", "ex 9223372036854775",
                "ex 9223372036854776", "px 9223372036854775807")) {
                assertThat(p.call(args("SET exp v " + bad))).as(bad).isEqualTo(invalid);
            }
            assertThat(p.call(args("SET exp v ex abc"))).isEqualTo("-" + NOT_INTEGER);
            assertThat(p.call(args("SET exp v px 1.5"))).isEqualTo("-" + NOT_INTEGER);
            assertThat(p.call("GET", "exp")).isEqualTo("$-1");
            // an absolute time far in the future is fine
            assertThat(p.call(args("SET exp v pxat 9223372036854775807"))).isEqualTo("+OK");
            assertThat(p.call("GET", "exp")).isEqualTo("\"v\"");
            // an absolute time in the past is accepted and the key is gone at once
            assertThat(p.call(args("SET exp v exat 1"))).isEqualTo("+OK");
            assertThat(p.call("GET", "exp")).isEqualTo("$-1");
            assertThat(p.call(args("SET exp v pxat 100 get"))).isEqualTo("$-1");
        }
    }

    @Test
    void expiryErrorsComeBeforeGetAndWrongType() throws Exception {
        putNonString(server, "wt");
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            assertThat(p.call(args("SET wt v get ex 0"))).isEqualTo("-ERR invalid expire time in 'set' command");
            assertThat(p.call(args("SET wt v get foo"))).isEqualTo("-" + SYNTAX);
            assertThat(p.call(args("SET wt v get"))).isEqualTo("-" + WRONGTYPE);
            assertThat(p.call(args("SET wt v get nx"))).isEqualTo("-" + WRONGTYPE);
            assertThat(p.call(args("GET wt"))).isEqualTo("-" + WRONGTYPE);
            // SETNX and MSETNX only look at existence
            assertThat(p.call(args("SETNX wt v"))).isEqualTo(":0");
            assertThat(p.call(args("MSETNX wt v other v"))).isEqualTo(":0");
            // a plain SET replaces any type
            assertThat(p.call(args("SET wt v"))).isEqualTo("+OK");
            assertThat(p.call(args("GET wt"))).isEqualTo("\"v\"");
        }
    }

    @Test
    void setWithRelativeExpiryExpires() throws Exception {
        assertThat(jedis.set("ttl:px", "v", SetParams.setParams().px(150))).isEqualTo("OK");
        assertThat(jedis.get("ttl:px")).isEqualTo("v");
        eventually(() -> jedis.get("ttl:px") == null);

        assertThat(lettuce.set("ttl:ex", "v", SetArgs.Builder.ex(100))).isEqualTo("OK");
        assertThat(lettuce.set("ttl:ex", "v", SetArgs.Builder.px(150))).isEqualTo("OK"); // a new time replaces it
        eventually(() -> lettuce.get("ttl:ex") == null);

        long at = System.currentTimeMillis() + 150;
        assertThat(jedis.set("ttl:pxat", "v", SetParams.setParams().pxAt(at))).isEqualTo("OK");
        assertThat(jedis.get("ttl:pxat")).isEqualTo("v");
        eventually(() -> jedis.get("ttl:pxat") == null);
    }

    @Test
    void keepTtlKeepsTheExpiryAndPlainSetClearsIt() throws Exception {
        jedis.set("ttl:keep", "a", SetParams.setParams().px(200));
        assertThat(jedis.set("ttl:keep", "b", SetParams.setParams().keepTtl())).isEqualTo("OK");
        assertThat(jedis.get("ttl:keep")).isEqualTo("b");
        eventually(() -> jedis.get("ttl:keep") == null);

        jedis.set("ttl:clear", "a", SetParams.setParams().px(100));
        jedis.set("ttl:clear", "b");
        jedis.set("ttl:nxkeep", "a", SetParams.setParams().px(100));
        jedis.set("ttl:nxkeep", "b", SetParams.setParams().nx()); // not written: its expiry stays
        Thread.sleep(400);
        assertThat(jedis.get("ttl:clear")).isEqualTo("b");
        assertThat(jedis.get("ttl:nxkeep")).isNull();
    }

    @Test
    void setnxSetexPsetex() throws Exception {
        assertThat(jedis.setnx("snx", "v")).isEqualTo(1);
        assertThat(jedis.setnx("snx", "w")).isZero();
        assertThat(jedis.get("snx")).isEqualTo("v");
        assertThat(lettuce.setnx("snx", "w")).isFalse();

        assertThat(jedis.setex("sex", 100, "v")).isEqualTo("OK");
        assertThat(jedis.get("sex")).isEqualTo("v");
        assertThat(lettuce.psetex("psex", 150, "v")).isEqualTo("OK");
        assertThat(lettuce.get("psex")).isEqualTo("v");
        eventually(() -> lettuce.get("psex") == null);

        jedisError(() -> jedis.setex("sex", 0, "v"), "ERR invalid expire time in 'setex' command");
        jedisError(() -> jedis.setex("sex", -1, "v"), "ERR invalid expire time in 'setex' command");
        jedisError(() -> jedis.setex("sex", 9223372036854776L, "v"), "ERR invalid expire time in 'setex' command");
        jedisError(() -> jedis.psetex("sex", 0, "v"), "ERR invalid expire time in 'psetex' command");
        jedisError(() -> jedis.psetex("sex", Long.MAX_VALUE, "v"), "ERR invalid expire time in 'psetex' command");
        try (RespProbe p = RespProbe.open(server.port(), 3)) {
            assertThat(p.call("SETEX", "sex", "abc", "v")).isEqualTo("-" + NOT_INTEGER);
            assertThat(p.call("SETEX", "sex", "1")).isEqualTo("-ERR wrong number of arguments for 'setex' command");
            assertThat(p.call("SETNX", "sex")).isEqualTo("-ERR wrong number of arguments for 'setnx' command");
        }
    }

    @Test
    void getsetReturnsTheOldValueAndClearsTheExpiry() throws Exception {
        assertThat(jedis.getSet("gs", "1")).isNull();
        assertThat(jedis.getSet("gs", "2")).isEqualTo("1");
        assertThat(lettuce.getset("gs", "3")).isEqualTo("2");
        jedis.set("gs:ttl", "a", SetParams.setParams().px(100));
        assertThat(jedis.getSet("gs:ttl", "b")).isEqualTo("a");
        Thread.sleep(300);
        assertThat(jedis.get("gs:ttl")).isEqualTo("b");
        putNonString(server, "gs:wt");
        jedisError(() -> jedis.getSet("gs:wt", "v"), WRONGTYPE);
    }

    @Test
    void getdel() {
        jedis.set("gd", "v");
        assertThat(jedis.getDel("gd")).isEqualTo("v");
        assertThat(jedis.getDel("gd")).isNull();
        assertThat(jedis.get("gd")).isNull();
        lettuce.set("gd", "w");
        assertThat(lettuce.getdel("gd")).isEqualTo("w");
        assertThat(lettuce.getdel("gd")).isNull();
        putNonString(server, "gd:wt");
        lettuceError(() -> lettuce.getdel("gd:wt"), WRONGTYPE);
    }

    @Test
    void getexOptionsAndErrors() throws Exception {
        jedis.set("gx", "v");
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            for (String bad : List.of("persist ex 10", "ex 10 persist", "nx", "xx", "get", "keepttl", "ex", "foo",
                "ex 10 px 10")) {
                assertThat(p.call(args("GETEX gx " + bad))).as(bad).isEqualTo("-" + SYNTAX);
            }
            assertThat(p.call(args("GETEX gx ex 0"))).isEqualTo("-ERR invalid expire time in 'getex' command");
            assertThat(p.call(args("GETEX gx pxat -1"))).isEqualTo("-ERR invalid expire time in 'getex' command");
            assertThat(p.call(args("GETEX gx ex x"))).isEqualTo("-" + NOT_INTEGER);
            // a missing key answers null before the time is looked at; bad syntax is still an error
            assertThat(p.call(args("GETEX gx:missing ex 0"))).isEqualTo("$-1");
            assertThat(p.call(args("GETEX gx:missing foo"))).isEqualTo("-" + SYNTAX);
            assertThat(p.call(args("GETEX gx"))).isEqualTo("\"v\"");
            assertThat(p.call(args("GETEX gx persist"))).isEqualTo("\"v\"");
        }
        putNonString(server, "gx:wt");
        jedisError(() -> jedis.getEx("gx:wt", GetExParams.getExParams().ex(0)), WRONGTYPE);
    }

    @Test
    void getexSetsAndRemovesTheExpiry() throws Exception {
        jedis.set("gx:px", "v");
        assertThat(jedis.getEx("gx:px", GetExParams.getExParams().px(150))).isEqualTo("v");
        assertThat(jedis.get("gx:px")).isEqualTo("v");
        eventually(() -> jedis.get("gx:px") == null);

        lettuce.set("gx:persist", "v", SetArgs.Builder.px(150));
        assertThat(lettuce.getex("gx:persist", GetExArgs.Builder.persist())).isEqualTo("v");
        Thread.sleep(400);
        assertThat(lettuce.get("gx:persist")).isEqualTo("v");

        // an absolute time already past deletes the key, after returning it
        assertThat(lettuce.getex("gx:persist", GetExArgs.Builder.exAt(1))).isEqualTo("v");
        assertThat(lettuce.get("gx:persist")).isNull();
        jedis.set("gx:at", "v");
        assertThat(jedis.getEx("gx:at", GetExParams.getExParams().pxAt(System.currentTimeMillis() + 150)))
            .isEqualTo("v");
        eventually(() -> jedis.get("gx:at") == null);
    }

    @Test
    void mgetMsetMsetnx() throws Exception {
        assertThat(jedis.mset("m1", "a", "m2", "b")).isEqualTo("OK");
        putNonString(server, "m:wt");
        assertThat(jedis.mget("m1", "m2", "m:missing", "m:wt")).containsExactly("a", "b", null, null);
        assertThat(lettuce.mset(Map.of("m3", "c"))).isEqualTo("OK");
        assertThat(lettuce.mget("m3", "m:missing")).extracting(kv -> kv.getValueOrElse(null))
            .containsExactly("c", null);

        assertThat(jedis.mset("dup", "1", "dup", "2")).isEqualTo("OK");
        assertThat(jedis.get("dup")).isEqualTo("2");
        assertThat(jedis.msetnx("m1", "x", "m:new", "y")).isZero();
        assertThat(jedis.get("m:new")).isNull();
        assertThat(jedis.msetnx("m:n1", "x", "m:n1", "y")).isEqualTo(1);
        assertThat(jedis.get("m:n1")).isEqualTo("y");
        assertThat(lettuce.msetnx(Map.of("m:n2", "z"))).isTrue();

        try (RespProbe p = RespProbe.open(server.port(), 3)) {
            assertThat(p.call("MSET", "a")).isEqualTo("-ERR wrong number of arguments for 'mset' command");
            assertThat(p.call("MSET", "a", "1", "b")).isEqualTo("-ERR wrong number of arguments for 'mset' command");
            assertThat(p.call("MSETNX", "a", "1", "b"))
                .isEqualTo("-ERR wrong number of arguments for 'msetnx' command");
            assertThat(p.call("MGET")).isEqualTo("-ERR wrong number of arguments for 'mget' command");
            assertThat(p.call("GET", "m1")).isEqualTo("\"a\"");
        }
    }

    @Test
    void msetClearsExpiries() throws Exception {
        jedis.set("mx", "a", SetParams.setParams().px(100));
        jedis.mset("mx", "b");
        Thread.sleep(300);
        assertThat(jedis.get("mx")).isEqualTo("b");
    }

    @Test
    void readsCountHitsAndMissesButWritesDoNot() {
        Keyspace ks = server.server().keyspace();
        jedis.set("hm", "v");
        long hits = ks.hits();
        long misses = ks.misses();
        jedis.get("hm");
        jedis.get("hm:missing");
        jedis.mget("hm", "hm:missing");
        assertThat(ks.hits() - hits).isEqualTo(2);
        assertThat(ks.misses() - misses).isEqualTo(2);
        jedis.set("hm", "w");
        jedis.set("hm:new", "w", SetParams.setParams().nx());
        jedis.incr("hm:counter");
        jedis.append("hm", "x");
        assertThat(ks.hits() - hits).isEqualTo(2);
        assertThat(ks.misses() - misses).isEqualTo(2);
    }

    /** Arity, flags, key positions and ACL categories as COMMAND INFO shows them on Redis 7. */
    @Test
    void commandMetadataMatchesRedis() {
        String[][] expected = {
            {"get", "2", "readonly fast", "1 1 1", "@read @string @fast"},
            {"set", "-3", "write denyoom", "1 1 1", "@write @string @slow"},
            {"setnx", "3", "write denyoom fast", "1 1 1", "@write @string @fast"},
            {"setex", "4", "write denyoom", "1 1 1", "@write @string @slow"},
            {"psetex", "4", "write denyoom", "1 1 1", "@write @string @slow"},
            {"getset", "3", "write denyoom fast", "1 1 1", "@write @string @fast"},
            {"getdel", "2", "write fast", "1 1 1", "@write @string @fast"},
            {"getex", "-2", "write fast", "1 1 1", "@write @string @fast"},
            {"mget", "-2", "readonly fast", "1 -1 1", "@read @string @fast"},
            {"mset", "-3", "write denyoom", "1 -1 2", "@write @string @slow"},
            {"msetnx", "-3", "write denyoom", "1 -1 2", "@write @string @slow"},
            {"append", "3", "write denyoom fast", "1 1 1", "@write @string @fast"},
            {"strlen", "2", "readonly fast", "1 1 1", "@read @string @fast"},
            {"getrange", "4", "readonly", "1 1 1", "@read @string @slow"},
            {"substr", "4", "readonly", "1 1 1", "@read @string @slow"},
            {"setrange", "4", "write denyoom", "1 1 1", "@write @string @slow"},
            {"incr", "2", "write denyoom fast", "1 1 1", "@write @string @fast"},
            {"decr", "2", "write denyoom fast", "1 1 1", "@write @string @fast"},
            {"incrby", "3", "write denyoom fast", "1 1 1", "@write @string @fast"},
            {"decrby", "3", "write denyoom fast", "1 1 1", "@write @string @fast"},
            {"incrbyfloat", "3", "write denyoom fast", "1 1 1", "@write @string @fast"},
            {"lcs", "-3", "readonly", "1 2 1", "@read @string @slow"},
        };
        for (String[] e : expected) {
            CommandSpec s = server.server().commands().find(e[0]);
            assertThat(s).as(e[0]).isNotNull();
            assertThat(s.arity()).as(e[0]).isEqualTo(Integer.parseInt(e[1]));
            assertThat(s.flags()).as(e[0]).isEqualTo(Arrays.asList(e[2].split(" ")));
            assertThat(s.firstKey() + " " + s.lastKey() + " " + s.step()).as(e[0]).isEqualTo(e[3]);
            assertThat(s.aclCategories()).as(e[0]).isEqualTo(Arrays.asList(e[4].split(" ")));
            assertThat(s.group()).as(e[0]).isEqualTo("string");
            assertThat(s.summary()).as(e[0]).isNotEmpty();
        }
        assertThat(server.server().commands().find("lcs").since()).isEqualTo("7.0.0");
        assertThat(server.server().commands().find("getex").since()).isEqualTo("6.2.0");
        assertThat(server.server().commands().find("incrbyfloat").since()).isEqualTo("2.6.0");
    }
}
