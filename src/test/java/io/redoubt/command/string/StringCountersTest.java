package io.redoubt.command.string;

import static io.redoubt.command.string.StringTestSupport.encoding;
import static io.redoubt.command.string.StringTestSupport.eventually;
import static io.redoubt.command.string.StringTestSupport.putNonString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCommandExecutionException;
import io.redoubt.support.ServerWithClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/** INCR DECR INCRBY DECRBY INCRBYFLOAT; expected values and errors were checked against redis-server 7.0.15. */
class StringCountersTest extends ServerWithClients {
    private static final String NOT_INTEGER = "ERR value is not an integer or out of range";
    private static final String NOT_FLOAT = "ERR value is not a valid float";
    private static final String OVERFLOW = "ERR increment or decrement would overflow";
    private static final String NAN_OR_INF = "ERR increment would produce NaN or Infinity";

    /** INCRBYFLOAT's reply exactly as sent (Jedis' typed method would turn it into a double). */
    private static String incrbyfloat(String key, String by) {
        return new String((byte[]) jedis.sendCommand(Protocol.Command.INCRBYFLOAT, key, by), StandardCharsets.UTF_8);
    }

    @Test
    void integerCounters() {
        assertThat(jedis.incr("c")).isEqualTo(1);
        assertThat(jedis.incrBy("c", 10)).isEqualTo(11);
        assertThat(jedis.decr("c")).isEqualTo(10);
        assertThat(jedis.decrBy("c", 15)).isEqualTo(-5);
        assertThat(lettuce.incr("c")).isEqualTo(-4);
        assertThat(lettuce.decrby("c", -4)).isZero();
        assertThat(jedis.get("c")).isEqualTo("0");
        assertThat(jedis.decr("c:new")).isEqualTo(-1);
        assertThat(jedis.incrBy("c:new2", -9223372036854775808L)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void integerParsingFollowsRedis() {
        for (String bad : List.of(" 1", "1 ", "01", "-0", "+1", "1.0", "", "abc", "9223372036854775808",
            "-9223372036854775809", "1e3", "0x10")) {
            jedis.set("c:bad", bad);
            jedisError(() -> jedis.incr("c:bad"), NOT_INTEGER);
            assertThat(jedis.get("c:bad")).isEqualTo(bad);
        }
        jedis.set("c:min", "-9223372036854775807");
        assertThat(jedis.decr("c:min")).isEqualTo(Long.MIN_VALUE);
        jedisError(() -> jedis.sendCommand(Protocol.Command.INCRBY, "c", "abc"), NOT_INTEGER);
        jedisError(() -> jedis.sendCommand(Protocol.Command.INCRBY, "c", "1.5"), NOT_INTEGER);
        jedisError(() -> jedis.sendCommand(Protocol.Command.DECRBY, "c", ""), NOT_INTEGER);
    }

    @Test
    void overflow() {
        jedis.set("c:max", "9223372036854775807");
        jedisError(() -> jedis.incr("c:max"), OVERFLOW);
        jedisError(() -> jedis.incrBy("c:max", 9223372036854775807L), OVERFLOW);
        jedis.set("c:lo", "-9223372036854775808");
        jedisError(() -> jedis.decr("c:lo"), OVERFLOW);
        jedisError(() -> jedis.incrBy("c:lo", -1), OVERFLOW);
        assertThat(jedis.get("c:max")).isEqualTo("9223372036854775807");
        // -(-2^63) does not exist, so DECRBY has its own message
        jedisError(() -> jedis.decrBy("c:max", Long.MIN_VALUE), "ERR decrement would overflow");
        assertThat(jedis.incrBy("c:max", Long.MIN_VALUE)).isEqualTo(-1);
    }

    @Test
    void countersKeepTheExpiryAndStoreAnInteger() throws Exception {
        jedis.set("c:ttl", "5", SetParams.setParams().px(200));
        assertThat(jedis.incr("c:ttl")).isEqualTo(6);
        assertThat(jedis.get("c:ttl")).isEqualTo("6");
        eventually(() -> jedis.get("c:ttl") == null);

        jedis.set("c:f", "1.5", SetParams.setParams().px(200));
        assertThat(incrbyfloat("c:f", "1")).isEqualTo("2.5");
        eventually(() -> jedis.get("c:f") == null);

        // APPEND makes a raw string; INCR turns it back into an integer, INCRBYFLOAT into a plain string
        jedis.set("c:enc", "12");
        jedis.append("c:enc", "3");
        assertThat(encoding(server, "c:enc")).isEqualTo("raw");
        assertThat(jedis.incr("c:enc")).isEqualTo(124);
        assertThat(encoding(server, "c:enc")).isEqualTo("int");
        jedis.append("c:enc", ".5");
        assertThat(incrbyfloat("c:enc", "0.5")).isEqualTo("125");
    }

    @Test
    void wrongType() {
        putNonString(server, "c:wt");
        for (Runnable r : List.<Runnable>of(() -> jedis.incr("c:wt"), () -> jedis.decr("c:wt"),
            () -> jedis.incrBy("c:wt", 2), () -> jedis.decrBy("c:wt", 2), () -> jedis.incrByFloat("c:wt", 1.5))) {
            jedisError(r, "WRONGTYPE Operation against a key holding the wrong kind of value");
        }
        // the increment is parsed first
        jedisError(() -> jedis.sendCommand(Protocol.Command.INCRBY, "c:wt", "x"), NOT_INTEGER);
    }

    @Test
    void incrbyfloatFormatsLikeRedis() {
        jedis.set("f", "10.50");
        assertThat(incrbyfloat("f", "0.1")).isEqualTo("10.6");
        assertThat(incrbyfloat("f", "-5")).isEqualTo("5.6");
        jedis.set("f", "5.0e3");
        assertThat(incrbyfloat("f", "2.0e2")).isEqualTo("5200");
        jedis.set("f", "5.0e3");
        assertThat(incrbyfloat("f", "1")).isEqualTo("5001");
        assertThat(incrbyfloat("f2", "3")).isEqualTo("3");
        jedis.set("f3", "0.1");
        assertThat(incrbyfloat("f3", "0.2")).isEqualTo("0.3");
        assertThat(incrbyfloat("f3", "-0.3")).isEqualTo("0");
        assertThat(incrbyfloat("f3", "-0.0000000000000000001")).isEqualTo("0"); // "-0" is written as 0
        jedis.set("f4", "3.0");
        assertThat(incrbyfloat("f4", "1.5e-20")).isEqualTo("3");
        assertThat(incrbyfloat("f4", "1e-17")).isEqualTo("3.00000000000000001");
        assertThat(incrbyfloat("f5", "0x10")).isEqualTo("16");
        assertThat(incrbyfloat("f5", "0x1p-2")).isEqualTo("16.25");
        assertThat(incrbyfloat("f5", "+.5")).isEqualTo("16.75");
        assertThat(incrbyfloat("f5", "5.")).isEqualTo("21.75");
        assertThat(incrbyfloat("f6", "0x1p-18")).isEqualTo("0.00000381469726562"); // a tie, rounded to even
        assertThat(incrbyfloat("f7", "0e99999999999")).isEqualTo("0");
        assertThat(lettuce.incrbyfloat("f8", 1.25)).isEqualTo(1.25);
        assertThat(lettuce.get("f8")).isEqualTo("1.25");
    }

    @Test
    void incrbyfloatUsesLongDoubleRange() {
        // 1e400 is beyond a double but a long double holds it: Redis prints all its digits
        String big = incrbyfloat("f:big", "1e400");
        assertThat(big).hasSize(401).startsWith("100000000000000000002818806839475865145864534336290520386259106935396855340086");
        jedis.set("f:max", "1.7976931348623157e308");
        assertThat(incrbyfloat("f:max", "1.7976931348623157e308")).hasSize(309).startsWith("35953862697");
    }

    @Test
    void incrbyfloatErrors() {
        for (String bad : List.of("abc", "nan", "1e5000", "1e-5000", " 1", "1 ", ".", "1e", "", "0x", "0x1p",
            "infinit", "1e-99999999999")) {
            jedisError(() -> incrbyfloat("f:err", bad), NOT_FLOAT);
        }
        for (String inf : List.of("inf", "-inf", "Infinity")) {
            jedisError(() -> incrbyfloat("f:err", inf), NAN_OR_INF);
        }
        assertThat(jedis.get("f:err")).isNull();
        jedis.set("f:inf", "inf");
        jedisError(() -> incrbyfloat("f:inf", "1"), NAN_OR_INF);
        jedis.set("f:str", "abc");
        jedisError(() -> incrbyfloat("f:str", "1"), NOT_FLOAT);
        jedis.set("f:huge", "1.18973149535723176502e+4932");
        jedisError(() -> incrbyfloat("f:huge", "1.18973149535723176502e+4932"), NAN_OR_INF);
        // Redis refuses numbers written with 5120 characters or more
        jedis.set("f:long", "1." + "0".repeat(5117));
        assertThat(incrbyfloat("f:long", "0")).isEqualTo("1");
        jedis.set("f:long", "1." + "0".repeat(5118));
        jedisError(() -> incrbyfloat("f:long", "0"), NOT_FLOAT);
    }

    /** Random values and increments whose results were recorded from redis-server 7.0.15 on x86-64. */
    @Test
    void incrbyfloatMatchesRecordedRedisResults() throws Exception {
        List<String[]> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            getClass().getResourceAsStream("incrbyfloat-redis.tsv"), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#")) {
                    cases.add(line.split("\t", -1));
                }
            }
        }
        assertThat(cases).hasSizeGreaterThan(400);
        Pipeline p = jedis.pipelined();
        List<Response<Object>> replies = new ArrayList<>();
        for (String[] c : cases) {
            p.set("f:rec", c[0]);
            replies.add(p.sendCommand(Protocol.Command.INCRBYFLOAT, "f:rec", c[1]));
        }
        p.sync();
        for (int i = 0; i < cases.size(); i++) {
            String[] c = cases.get(i);
            String got;
            try {
                got = new String((byte[]) replies.get(i).get(), StandardCharsets.UTF_8);
            } catch (JedisDataException e) {
                got = "-" + e.getMessage();
            }
            assertThat(got).as("SET %s; INCRBYFLOAT %s", c[0], c[1]).isEqualTo(c[2]);
        }
    }

    @Test
    void lettuceSeesTheSameErrors() {
        lettuce.set("l:bad", "x");
        assertThatThrownBy(() -> lettuce.incr("l:bad")).isInstanceOf(RedisCommandExecutionException.class)
            .hasMessage(NOT_INTEGER);
        assertThatThrownBy(() -> lettuce.incrbyfloat("l:bad", 1)).isInstanceOf(RedisCommandExecutionException.class)
            .hasMessage(NOT_FLOAT);
    }
}
