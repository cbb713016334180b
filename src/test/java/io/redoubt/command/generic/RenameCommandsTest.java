package io.redoubt.command.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.keyspace.Dict;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol.Command;

/** RENAME and RENAMENX through Jedis (RESP2) and Lettuce (RESP3). */
class RenameCommandsTest extends ServerTestBase {

    @Test
    void renameMovesTheValueAndKeepsTheTtl() {
        jedis.set("a", "1");
        jedis.pexpire("a", 100_000);
        assertThat(jedis.rename("a", "b")).isEqualTo("OK");
        assertThat(jedis.exists("a")).isFalse();
        assertThat(lettuce.get("b")).isEqualTo("1");
        assertThat(lettuce.pttl("b")).isBetween(90_000L, 100_000L);
        assertThat(lettuce.rename("b", "c")).isEqualTo("OK");
        assertThat(jedis.pttl("c")).isBetween(90_000L, 100_000L);
        assertThat(keyspaceValue(ks -> ks.db(0).volatileSize())).isEqualTo(1);
        assertThat(jedis.dbSize()).isEqualTo(1);
    }

    @Test
    void renameOverwritesTheDestinationAndItsTtl() {
        jedis.set("src", "new");
        jedis.set("dst", "old");
        jedis.expire("dst", 100);
        assertThat(lettuce.rename("src", "dst")).isEqualTo("OK");
        assertThat(jedis.get("dst")).isEqualTo("new");
        assertThat(jedis.ttl("dst")).isEqualTo(-1);
        assertThat(keyspaceValue(ks -> ks.db(0).volatileSize())).isZero();
        assertThat(jedis.dbSize()).isEqualTo(1);
    }

    @Test
    void renameOfAMissingKeyFails() {
        assertThatThrownBy(() -> jedis.rename("nosuch", "x")).hasMessage("ERR no such key");
        assertThatThrownBy(() -> lettuce.rename("nosuch", "nosuch")).hasMessage("ERR no such key");
        assertThatThrownBy(() -> jedis.renamenx("nosuch", "x")).hasMessage("ERR no such key");
        assertThatThrownBy(() -> jedis.sendCommand(Command.RENAME, "a"))
            .hasMessage("ERR wrong number of arguments for 'rename' command");
    }

    @Test
    void renameOfAnExpiredKeyFails() throws Exception {
        withKeyspace(ks -> ks.activeExpireEnabled(false));
        jedis.set("a", "1");
        jedis.pexpire("a", 1);
        Thread.sleep(5);
        assertThatThrownBy(() -> jedis.rename("a", "b")).hasMessage("ERR no such key");
        assertThat(jedis.dbSize()).isZero();
    }

    @Test
    void renameToItself() {
        jedis.set("a", "1");
        jedis.expire("a", 100);
        assertThat(jedis.rename("a", "a")).isEqualTo("OK");
        assertThat(lettuce.renamenx("a", "a")).isFalse();
        assertThat(jedis.get("a")).isEqualTo("1");
        assertThat(jedis.ttl("a")).isEqualTo(100);
    }

    @Test
    void renamenxOnlyWhenTheDestinationIsFree() {
        jedis.set("a", "1");
        jedis.set("b", "2");
        assertThat(jedis.renamenx("a", "b")).isZero();
        assertThat(lettuce.renamenx("a", "b")).isFalse();
        assertThat(jedis.get("a")).isEqualTo("1");
        assertThat(jedis.get("b")).isEqualTo("2");
        jedis.expire("a", 100);
        assertThat(lettuce.renamenx("a", "c")).isTrue();
        assertThat(jedis.ttl("c")).isEqualTo(100);
        assertThat(jedis.renamenx("c", "d")).isEqualTo(1);
        assertThat(jedis.exists("a", "c")).isZero();
    }

    /** The renamed key is the same object in Redis, so it keeps its idle time. */
    @Test
    void renameKeepsTheIdleTime() {
        jedis.set("a", "1");
        Dict.Entry a = inKeyspace(ks -> ks.db(0).lookup(bytes("a")));
        withKeyspace(ks -> a.lruSeconds -= 100);
        jedis.rename("a", "b");
        assertThat(lettuce.objectIdletime("b")).isGreaterThanOrEqualTo(100);
    }
}
