package io.redoubt.command.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** SCAN cursor [MATCH] [COUNT] [TYPE] through Jedis (RESP2) and Lettuce (RESP3). */
class ScanCommandTest extends ServerTestBase {

    private static Set<String> fill(String prefix, int n) {
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < n; i++) {
            jedis.set(prefix + i, "v");
            keys.add(prefix + i);
        }
        return keys;
    }

    /** A whole Jedis iteration; also checks no single call answers more than {@code maxPerCall} keys. */
    private static List<String> jedisScanAll(ScanParams params, String type, int maxPerCall) {
        List<String> all = new ArrayList<>();
        String cursor = "0";
        do {
            ScanResult<String> r = type == null ? jedis.scan(cursor, params) : jedis.scan(cursor, params, type);
            assertThat(r.getResult().size()).isLessThanOrEqualTo(maxPerCall);
            all.addAll(r.getResult());
            cursor = r.getCursor();
        } while (!cursor.equals("0"));
        return all;
    }

    private static List<String> lettuceScanAll(Function<ScanCursor, KeyScanCursor<String>> call) {
        List<String> all = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        KeyScanCursor<String> r;
        do {
            r = call.apply(cursor);
            all.addAll(r.getKeys());
            cursor = ScanCursor.of(r.getCursor());
        } while (!r.isFinished());
        return all;
    }

    @Test
    void aFullIterationReturnsEveryKey() {
        Set<String> keys = fill("key:", 1000);
        List<String> viaJedis = jedisScanAll(new ScanParams(), null, 40);
        assertThat(new HashSet<>(viaJedis)).isEqualTo(keys);
        List<String> viaLettuce = lettuceScanAll(c -> lettuce.scan(c));
        assertThat(new HashSet<>(viaLettuce)).isEqualTo(keys);
    }

    @Test
    void countBoundsTheWorkPerCall() {
        Set<String> keys = fill("k", 500);
        List<String> small = jedisScanAll(new ScanParams().count(1), null, 8);
        assertThat(new HashSet<>(small)).isEqualTo(keys);
        KeyScanCursor<String> one = lettuce.scan(ScanCursor.INITIAL, ScanArgs.Builder.limit(10_000));
        assertThat(one.isFinished()).as("a COUNT beyond the table size finishes in one call").isTrue();
        assertThat(new HashSet<>(one.getKeys())).isEqualTo(keys);
    }

    @Test
    void matchFiltersByGlobPattern() {
        Set<String> users = fill("user:", 300);
        fill("order:", 300);
        List<String> viaJedis = jedisScanAll(new ScanParams().match("user:*").count(50), null, 60);
        assertThat(new HashSet<>(viaJedis)).isEqualTo(users);
        List<String> viaLettuce = lettuceScanAll(c -> lettuce.scan(c, ScanArgs.Builder.matches("user:1?")));
        assertThat(viaLettuce).containsExactlyInAnyOrder("user:10", "user:11", "user:12", "user:13", "user:14",
            "user:15", "user:16", "user:17", "user:18", "user:19");
        assertThat(lettuceScanAll(c -> lettuce.scan(c, ScanArgs.Builder.matches("USER:*")))).isEmpty();
    }

    @Test
    void typeFiltersByValueType() {
        Set<String> keys = fill("s", 200);
        List<String> strings = lettuceScanAll(c -> lettuce.scan(c, KeyScanArgs.Builder.type("string")));
        assertThat(new HashSet<>(strings)).isEqualTo(keys);
        assertThat(new HashSet<>(jedisScanAll(new ScanParams(), "STRING", 40))).isEqualTo(keys);
        assertThat(jedisScanAll(new ScanParams(), "list", 40)).isEmpty();
        // an unknown type matches nothing (Redis 7.2 does not reject it yet)
        assertThat(lettuceScanAll(c -> lettuce.scan(c, KeyScanArgs.Builder.type("nosuchtype")))).isEmpty();
    }

    /** With the active cycle off, SCAN must still not return keys past their time; it deletes them. */
    @Test
    void expiredKeysAreNotReturnedAndAreDeleted() throws Exception {
        withKeyspace(ks -> ks.activeExpireEnabled(false));
        Set<String> live = fill("live:", 200);
        fill("dead:", 200);
        for (int i = 0; i < 200; i++) {
            jedis.pexpire("dead:" + i, 1);
        }
        Thread.sleep(10);
        assertThat(jedis.dbSize()).isEqualTo(400);
        assertThat(new HashSet<>(jedisScanAll(new ScanParams().count(7), null, 20))).isEqualTo(live);
        assertThat(jedis.dbSize()).isEqualTo(200);
    }

    @Test
    void expiredKeysAreNotReturnedWithATypeFilterEither() throws Exception {
        withKeyspace(ks -> ks.activeExpireEnabled(false));
        Set<String> live = fill("live:", 50);
        fill("dead:", 50);
        for (int i = 0; i < 50; i++) {
            lettuce.pexpire("dead:" + i, 1);
        }
        Thread.sleep(10);
        assertThat(new HashSet<>(lettuceScanAll(c -> lettuce.scan(c, KeyScanArgs.Builder.type("string")))))
            .isEqualTo(live);
    }

    /** Keys present for the whole iteration are returned while another client adds and deletes keys. */
    @Test
    void everyKeyPresentThroughoutIsReturnedUnderConcurrentWrites() {
        Set<String> stable = fill("stable:", 300);
        try (Jedis writer = new Jedis(server.host(), server.port())) {
            Set<String> seen = new HashSet<>();
            String cursor = "0";
            int round = 0;
            do {
                ScanResult<String> r = jedis.scan(cursor, new ScanParams().count(5));
                seen.addAll(r.getResult());
                cursor = r.getCursor();
                // grow to thousands of keys, then delete them all again, so the table resizes under the scan
                for (int i = 0; i < 40; i++) {
                    int n = round * 40 + i;
                    if (round < 100) {
                        writer.set("churn:" + n, "v");
                    } else {
                        writer.del("churn:" + (n - 4000));
                    }
                }
                round = (round + 1) % 200;
            } while (!cursor.equals("0"));
            assertThat(seen).containsAll(stable);
        }
    }

    @Test
    void cursorsAreUnsigned64BitDecimals() throws Exception {
        fill("k", 3);
        assertThat(reply(2, "SCAN", "18446744073709551615")).startsWith("*2\r\n$1\r\n0\r\n");
        assertThat(reply(3, "SCAN", "+0", "COUNT", "100")).startsWith("*2\r\n$1\r\n0\r\n*3\r\n");
        // C's strtoul: a minus sign wraps around, an empty cursor is 0
        assertThat(reply(2, "SCAN", "-1")).startsWith("*2\r\n$1\r\n0\r\n");
        assertThat(reply(2, "SCAN", "", "COUNT", "100")).startsWith("*2\r\n$1\r\n0\r\n*3\r\n");
        for (String bad : new String[] {"abc", " 1", "1 ", "18446744073709551616", "99999999999999999999", "0x10",
            "+", "-", "1.5"}) {
            assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN, bad)).as(bad).hasMessage("ERR invalid cursor");
        }
    }

    @Test
    void optionErrors() {
        assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN, "0", "COUNT", "0")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN, "0", "COUNT", "-1")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN, "0", "COUNT", "x"))
            .hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN, "0", "MATCH")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN, "0", "TYPE")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN, "0", "foo", "bar")).hasMessage("ERR syntax error");
        assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN, "x", "COUNT", "0")).hasMessage("ERR invalid cursor");
        assertThatThrownBy(() -> jedis.sendCommand(Command.SCAN))
            .hasMessage("ERR wrong number of arguments for 'scan' command");
    }

    @Test
    void repeatedOptionsTakeTheLastValue() throws Exception {
        fill("k", 5);
        assertThat(reply(2, "SCAN", "0", "COUNT", "1", "COUNT", "100", "MATCH", "nomatch", "MATCH", "k*"))
            .startsWith("*2\r\n$1\r\n0\r\n*5\r\n");
    }

    @Test
    void emptyDatabase() throws Exception {
        assertThat(reply(2, "SCAN", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
        assertThat(reply(3, "SCAN", "123")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
    }
}
