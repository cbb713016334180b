package io.redoubt.command.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.CopyArgs;
import io.redoubt.keyspace.MutableString;
import io.redoubt.keyspace.Dict;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol.Command;

/** COPY and MOVE through Jedis (RESP2) and Lettuce (RESP3). */
class CopyCommandsTest extends ServerTestBase {

    @Test
    void copyDuplicatesValueAndTtl() {
        jedis.set("a", "hello");
        jedis.expire("a", 100);
        assertThat(jedis.copy("a", "b", false)).isTrue();
        assertThat(lettuce.get("b")).isEqualTo("hello");
        assertThat(lettuce.ttl("b")).isEqualTo(100);
        assertThat(jedis.get("a")).isEqualTo("hello");
        assertThat(keyspaceValue(ks -> ks.db(0).volatileSize())).isEqualTo(2);
        assertThat(lettuce.copy("nosuch", "c")).isFalse();
        assertThat(jedis.exists("c")).isFalse();
    }

    @Test
    void copyNeedsReplaceToOverwrite() {
        jedis.set("a", "1");
        jedis.set("b", "2");
        jedis.expire("b", 100);
        assertThat(jedis.copy("a", "b", false)).isFalse();
        assertThat(jedis.get("b")).isEqualTo("2");
        assertThat(lettuce.copy("a", "b", CopyArgs.Builder.replace(true))).isTrue();
        assertThat(jedis.get("b")).isEqualTo("1");
        assertThat(jedis.ttl("b")).as("the source had no TTL").isEqualTo(-1);
    }

    @Test
    void copyToAnotherDatabase() {
        jedis.set("a", "1");
        assertThat(jedis.copy("a", "a", 1, false)).isTrue();
        assertThat(lettuce.copy("a", "z", CopyArgs.Builder.destinationDb(2))).isTrue();
        assertThat(jedis.copy("a", "a", 1, false)).as("taken in db 1").isFalse();
        try (Jedis other = new Jedis(server.host(), server.port())) {
            other.select(1);
            assertThat(other.get("a")).isEqualTo("1");
            other.set("a", "changed");
            other.select(2);
            assertThat(other.get("z")).isEqualTo("1");
        }
        assertThat(jedis.copy("a", "a", 1, true)).isTrue();
        try (Jedis other = new Jedis(server.host(), server.port())) {
            other.select(1);
            assertThat(other.get("a")).isEqualTo("1");
        }
        assertThat(jedis.get("a")).isEqualTo("1");
    }

    @Test
    void copyErrors() {
        jedis.set("a", "1");
        assertThatThrownBy(() -> jedis.copy("a", "a", false))
            .hasMessage("ERR source and destination objects are the same");
        assertThatThrownBy(() -> jedis.copy("a", "a", 0, true))
            .hasMessage("ERR source and destination objects are the same");
        assertThatThrownBy(() -> jedis.copy("a", "b", 16, false)).hasMessage("ERR DB index is out of range");
        assertThatThrownBy(() -> lettuce.copy("a", "b", CopyArgs.Builder.destinationDb(-1)))
            .hasMessage("ERR DB index is out of range");
        assertThatThrownBy(() -> jedis.sendCommand(Command.COPY, "a", "b", "DB", "x"))
            .hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> jedis.sendCommand(Command.COPY, "a", "b", "DB", "4294967296"))
            .hasMessage("ERR value is out of range, value must between -2147483648 and 2147483647");
        assertThatThrownBy(() -> jedis.sendCommand(Command.COPY, "a", "b", "DB"))
            .hasMessage("ERR syntax error");
        assertThatThrownBy(() -> jedis.sendCommand(Command.COPY, "a", "b", "foo"))
            .hasMessage("ERR syntax error");
        // options are checked before the source: an out-of-range DB fails even for the same key
        assertThatThrownBy(() -> jedis.sendCommand(Command.COPY, "nosuch", "nosuch", "DB", "99"))
            .hasMessage("ERR DB index is out of range");
        assertThat(jedis.sendCommand(Command.COPY, "a", "b", "replace", "REPLACE", "db", "0", "db", "1"))
            .isEqualTo(1L);
        assertThatThrownBy(() -> jedis.sendCommand(Command.COPY, "a"))
            .hasMessage("ERR wrong number of arguments for 'copy' command");
    }

    /** A copy is a new value: changing the source in place leaves it alone. */
    @Test
    void copyIsDeepForStringsGrownInPlace() {
        withKeyspace(ks -> ks.db(0).put(bytes("grown"), new MutableString(bytes("hello")), false));
        assertThat(lettuce.copy("grown", "copy")).isTrue();
        assertThat(jedis.objectEncoding("copy")).isEqualTo("raw");
        withKeyspace(ks -> ((MutableString) ks.db(0).lookup(bytes("grown")).value).append(bytes(" world")));
        Object copy = inKeyspace(ks -> ks.db(0).lookup(bytes("copy")).value);
        assertThat(copy).isInstanceOf(MutableString.class);
        assertThat(((MutableString) copy).toBytes()).isEqualTo(bytes("hello"));
    }

    @Test
    void copyKeepsTheEncodingAndStartsAFreshIdleTime() {
        jedis.set("int", "12345");
        jedis.set("emb", "hello");
        jedis.set("raw", "x".repeat(45));
        for (String k : new String[] {"int", "emb", "raw"}) {
            jedis.copy(k, k + "2", false);
            assertThat(lettuce.objectEncoding(k + "2")).isEqualTo(lettuce.objectEncoding(k));
        }
        Dict.Entry e = inKeyspace(ks -> ks.db(0).lookup(bytes("emb")));
        withKeyspace(ks -> e.lruSeconds -= 100);
        jedis.copy("emb", "emb3", false);
        assertThat(jedis.objectIdletime("emb3")).isLessThan(2);
    }

    @Test
    void moveTakesTheKeyAndItsTtlToAnotherDatabase() {
        jedis.set("a", "1");
        jedis.expire("a", 100);
        assertThat(jedis.move("a", 1)).isEqualTo(1);
        assertThat(jedis.exists("a")).isFalse();
        assertThat(keyspaceValue(ks -> ks.db(0).volatileSize())).isZero();
        lettuce.select(1);
        assertThat(lettuce.get("a")).isEqualTo("1");
        assertThat(lettuce.ttl("a")).isEqualTo(100);
        assertThat(lettuce.move("a", 3)).isTrue();
        lettuce.select(3);
        assertThat(lettuce.ttl("a")).isEqualTo(100);
        assertThat(keyspaceValue(ks -> ks.db(3).volatileSize())).isEqualTo(1);
    }

    @Test
    void moveDoesNotOverwrite() {
        jedis.set("a", "mine");
        jedis.select(1);
        jedis.set("a", "theirs");
        jedis.select(0);
        assertThat(jedis.move("a", 1)).isZero();
        assertThat(lettuce.move("nosuch", 1)).isFalse();
        assertThat(jedis.get("a")).isEqualTo("mine");
        jedis.select(1);
        assertThat(jedis.get("a")).isEqualTo("theirs");
    }

    @Test
    void moveKeepsTheIdleTime() {
        jedis.set("a", "1");
        Dict.Entry e = inKeyspace(ks -> ks.db(0).lookup(bytes("a")));
        withKeyspace(ks -> e.lruSeconds -= 100);
        jedis.move("a", 1);
        jedis.select(1);
        assertThat(jedis.objectIdletime("a")).isGreaterThanOrEqualTo(100);
    }

    @Test
    void moveErrors() {
        jedis.set("a", "1");
        assertThatThrownBy(() -> jedis.move("a", 0)).hasMessage("ERR source and destination objects are the same");
        assertThatThrownBy(() -> lettuce.move("nosuch", 0))
            .hasMessage("ERR source and destination objects are the same");
        assertThatThrownBy(() -> jedis.move("a", 16)).hasMessage("ERR DB index is out of range");
        assertThatThrownBy(() -> jedis.move("a", -1)).hasMessage("ERR DB index is out of range");
        assertThatThrownBy(() -> jedis.sendCommand(Command.MOVE, "a", "x"))
            .hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> jedis.sendCommand(Command.MOVE, "a", "2147483648"))
            .hasMessage("ERR value is out of range, value must between -2147483648 and 2147483647");
        assertThatThrownBy(() -> jedis.sendCommand(Command.MOVE, "a"))
            .hasMessage("ERR wrong number of arguments for 'move' command");
        assertThat(jedis.get("a")).isEqualTo("1");
    }
}
