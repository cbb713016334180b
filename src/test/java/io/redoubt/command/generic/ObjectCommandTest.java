package io.redoubt.command.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.keyspace.MutableString;
import io.redoubt.keyspace.Dict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol.Command;

/** OBJECT ENCODING FREQ IDLETIME REFCOUNT HELP through Jedis (RESP2) and Lettuce (RESP3). */
class ObjectCommandTest extends ServerTestBase {

    private static final String NO_LFU = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. "
        + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";

    /** Makes a key look idle for the given number of seconds. */
    private static void age(String key, int seconds) {
        Dict.Entry e = inKeyspace(ks -> ks.db(0).lookup(bytes(key)));
        withKeyspace(ks -> e.lruSeconds -= seconds);
    }

    @Test
    void encodingOfStrings() throws Exception {
        jedis.set("int", "-9223372036854775808");
        jedis.set("notint", "007");
        jedis.set("emb", "x".repeat(44));
        jedis.set("raw", "x".repeat(45));
        withKeyspace(ks -> ks.db(0).put(bytes("grown"), new MutableString(bytes("ab")), false));
        assertThat(jedis.objectEncoding("int")).isEqualTo("int");
        assertThat(lettuce.objectEncoding("notint")).isEqualTo("embstr");
        assertThat(jedis.objectEncoding("emb")).isEqualTo("embstr");
        assertThat(lettuce.objectEncoding("raw")).isEqualTo("raw");
        assertThat(jedis.objectEncoding("grown")).isEqualTo("raw");
        assertThat(jedis.objectEncoding("nosuch")).isNull();
        assertThat(lettuce.objectEncoding("nosuch")).isNull();
        assertThat(reply(2, "OBJECT", "ENCODING", "emb")).isEqualTo("$6\r\nembstr\r\n");
        assertThat(reply(2, "OBJECT", "ENCODING", "nosuch")).isEqualTo("$-1\r\n");
        assertThat(reply(3, "object", "encoding", "nosuch")).isEqualTo("_\r\n");
    }

    @Test
    void refcountOfSharedIntegersIsIntMax() {
        jedis.set("shared", "9999");
        jedis.set("big", "10000");
        jedis.set("neg", "-1");
        jedis.set("s", "hello");
        assertThat(jedis.objectRefcount("shared")).isEqualTo(Integer.MAX_VALUE);
        assertThat(lettuce.objectRefcount("big")).isEqualTo(1);
        assertThat(jedis.objectRefcount("neg")).isEqualTo(1);
        assertThat(lettuce.objectRefcount("s")).isEqualTo(1);
        assertThat(jedis.objectRefcount("nosuch")).isNull();
        assertThat(lettuce.objectRefcount("nosuch")).isNull();
    }

    @Test
    void freqNeedsAnLfuPolicy() {
        jedis.set("k", "v");
        assertThatThrownBy(() -> jedis.objectFreq("k")).hasMessage(NO_LFU);
        assertThatThrownBy(() -> lettuce.objectFreq("k")).hasMessage(NO_LFU);
        assertThat(jedis.objectFreq("nosuch")).as("a missing key answers null first").isNull();
    }

    @Test
    void idletimeCountsSecondsSinceTheLastAccess() {
        jedis.set("k", "v");
        assertThat(jedis.objectIdletime("k")).isLessThan(2);
        age("k", 100);
        assertThat(lettuce.objectIdletime("k")).isBetween(100L, 102L);
        assertThat(jedis.objectIdletime("nosuch")).isNull();
    }

    /** Looking at a key with OBJECT, TYPE, EXISTS or TTL does not count as using it; GET does. */
    @Test
    void onlyRealAccessResetsTheIdleTime() {
        jedis.set("k", "v");
        age("k", 100);
        lettuce.objectIdletime("k");
        lettuce.objectEncoding("k");
        lettuce.objectRefcount("k");
        jedis.type("k");
        jedis.exists("k");
        lettuce.ttl("k");
        lettuce.pttl("k");
        jedis.expireTime("k");
        assertThat(jedis.objectIdletime("k")).isGreaterThanOrEqualTo(100);
        assertThat(jedis.get("k")).isEqualTo("v");
        assertThat(lettuce.objectIdletime("k")).isLessThan(2);
    }

    @Test
    void objectLookupsCountHitsAndMisses() {
        jedis.set("k", "v");
        long hits = keyspaceValue(ks -> ks.hits());
        long misses = keyspaceValue(ks -> ks.misses());
        jedis.objectEncoding("k");
        jedis.objectEncoding("nosuch");
        assertThat(keyspaceValue(ks -> ks.hits())).isEqualTo(hits + 1);
        assertThat(keyspaceValue(ks -> ks.misses())).isEqualTo(misses + 1);
    }

    @Test
    void helpIsAnArrayOfStatusLines() throws Exception {
        List<String> lines = jedis.objectHelp();
        assertThat(lines).hasSize(15);
        assertThat(lines.get(0)).isEqualTo("OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        assertThat(lines).contains("ENCODING <key>", "FREQ <key>", "IDLETIME <key>", "REFCOUNT <key>", "HELP");
        String raw = reply(3, "OBJECT", "HELP");
        assertThat(raw).startsWith("*15\r\n+OBJECT <subcommand>").endsWith("+HELP\r\n+    Print this help.\r\n");
        assertThat(raw.lines().skip(1)).allMatch(l -> l.startsWith("+"));
    }

    @Test
    void subcommandErrors() {
        assertThatThrownBy(() -> jedis.sendCommand(Command.OBJECT))
            .hasMessage("ERR wrong number of arguments for 'object' command");
        assertThatThrownBy(() -> jedis.sendCommand(Command.OBJECT, "foo"))
            .hasMessage("ERR unknown subcommand 'foo'. Try OBJECT HELP.");
        assertThatThrownBy(() -> jedis.sendCommand(Command.OBJECT, "encoding"))
            .hasMessage("ERR wrong number of arguments for 'object|encoding' command");
        assertThatThrownBy(() -> jedis.sendCommand(Command.OBJECT, "IDLETIME", "a", "b"))
            .hasMessage("ERR wrong number of arguments for 'object|idletime' command");
        assertThatThrownBy(() -> jedis.sendCommand(Command.OBJECT, "help", "x"))
            .hasMessage("ERR wrong number of arguments for 'object|help' command");
    }

    @Test
    void repliesAreBytesNotText() {
        byte[] key = {(byte) 0xff, 0, 'k'};
        jedis.set(key, new byte[] {(byte) 0xfe});
        assertThat(jedis.objectEncoding(key)).isEqualTo("embstr".getBytes(StandardCharsets.US_ASCII));
        assertThat(jedis.keys("*".getBytes(StandardCharsets.US_ASCII))).containsExactly(key);
    }
}
