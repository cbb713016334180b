package io.redoubt.command.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redoubt.keyspace.Dict;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DEL UNLINK EXISTS TYPE TOUCH KEYS RANDOMKEY, through Jedis (RESP2) and Lettuce (RESP3). */
class KeyCommandsTest extends ServerTestBase {

    @Test
    void delAndUnlinkCountTheKeysTheyRemoved() {
        jedis.set("a", "1");
        jedis.set("b", "2");
        jedis.set("c", "3");
        assertThat(jedis.del("a", "nosuch", "a")).isEqualTo(1);
        assertThat(jedis.get("a")).isNull();
        assertThat(lettuce.del("b", "c", "nosuch")).isEqualTo(2);
        assertThat(lettuce.dbsize()).isZero();

        jedis.set("x", "1");
        jedis.set("y", "2");
        assertThat(jedis.unlink("x", "y", "z")).isEqualTo(2);
        lettuce.set("x", "1");
        assertThat(lettuce.unlink("x")).isEqualTo(1);
        assertThat(lettuce.unlink("x")).isZero();
        assertThat(jedis.dbSize()).isZero();
    }

    @Test
    void delOfAnExpiredKeyCountsNothing() throws Exception {
        jedis.set("k", "v");
        jedis.pexpire("k", 1);
        Thread.sleep(5);
        assertThat(jedis.del("k")).isZero();
    }

    @Test
    void existsCountsEveryMentionAndCountsHitsAndMisses() {
        jedis.set("a", "1");
        long hits = keyspaceValue(ks -> ks.hits());
        long misses = keyspaceValue(ks -> ks.misses());
        assertThat(jedis.exists("a", "a", "nosuch", "a")).isEqualTo(3);
        assertThat(lettuce.exists("a", "a", "nosuch")).isEqualTo(2);
        assertThat(jedis.exists("a")).isTrue();
        assertThat(jedis.exists("nosuch")).isFalse();
        long hitsAfter = keyspaceValue(ks -> ks.hits());
        long missesAfter = keyspaceValue(ks -> ks.misses());
        assertThat(hitsAfter).isEqualTo(hits + 6);
        assertThat(missesAfter).isEqualTo(misses + 3);
    }

    @Test
    void typeIsAStatusReply() throws Exception {
        jedis.set("s", "hello");
        assertThat(jedis.type("s")).isEqualTo("string");
        assertThat(lettuce.type("s")).isEqualTo("string");
        assertThat(jedis.type("nosuch")).isEqualTo("none");
        assertThat(lettuce.type("nosuch")).isEqualTo("none");
        assertThat(reply(2, "TYPE", "s")).isEqualTo("+string\r\n");
        assertThat(reply(3, "TYPE", "nosuch")).isEqualTo("+none\r\n");
    }

    @Test
    void touchCountsExistingKeysAndRefreshesTheirAccessTime() {
        jedis.set("a", "1");
        jedis.set("b", "2");
        Dict.Entry a = inKeyspace(ks -> ks.db(0).lookup(bytes("a")));
        withKeyspace(ks -> a.lruSeconds -= 100);
        assertThat(jedis.objectIdletime("a")).isGreaterThanOrEqualTo(100);
        assertThat(jedis.touch("a", "b", "nosuch", "a")).isEqualTo(3);
        assertThat(lettuce.objectIdletime("a")).isLessThan(2);
        assertThat(lettuce.touch("nosuch")).isZero();
        assertThat(jedis.touch("b")).isEqualTo(1);
    }

    @Test
    void keysMatchesGlobPatternsCaseSensitively() {
        for (String k : new String[] {"hello", "hallo", "hxllo", "hllo", "heeeello", "Hello", "h*llo", "user:1",
            "user:2"}) {
            jedis.set(k, "v");
        }
        assertThat(jedis.keys("*")).hasSize(9);
        assertThat(lettuce.keys("h?llo")).containsExactlyInAnyOrder("hello", "hallo", "hxllo", "h*llo");
        assertThat(jedis.keys("h*llo")).containsExactlyInAnyOrder("hello", "hallo", "hxllo", "hllo", "heeeello",
            "h*llo");
        assertThat(lettuce.keys("h[ae]llo")).containsExactlyInAnyOrder("hello", "hallo");
        assertThat(jedis.keys("h[^e]llo")).containsExactlyInAnyOrder("hallo", "hxllo", "h*llo");
        assertThat(lettuce.keys("h[a-b]llo")).containsExactly("hallo");
        assertThat(jedis.keys("h\\*llo")).containsExactly("h*llo");
        assertThat(lettuce.keys("Hel*")).containsExactly("Hello");
        assertThat(jedis.keys("user:*")).containsExactlyInAnyOrder("user:1", "user:2");
        assertThat(lettuce.keys("nomatch*")).isEmpty();
    }

    /** KEYS leaves expired keys out but, being a read of the whole table, does not delete them. */
    @Test
    void keysSkipsExpiredKeysWithoutDeletingThem() throws Exception {
        withKeyspace(ks -> ks.activeExpireEnabled(false));
        jedis.set("live", "v");
        jedis.set("dead", "v");
        jedis.pexpire("dead", 1);
        Thread.sleep(5);
        assertThat(jedis.keys("*")).containsExactly("live");
        assertThat(lettuce.keys("*")).containsExactly("live");
        assertThat(jedis.dbSize()).isEqualTo(2);
    }

    @Test
    void randomKeyReturnsALiveKeyOrNull() throws Exception {
        assertThat(jedis.randomKey()).isNull();
        assertThat(lettuce.randomkey()).isNull();
        assertThat(reply(2, "RANDOMKEY")).isEqualTo("$-1\r\n");
        assertThat(reply(3, "RANDOMKEY")).isEqualTo("_\r\n");

        Set<String> keys = Set.of("a", "b", "c");
        keys.forEach(k -> jedis.set(k, "v"));
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            drawn.add(i % 2 == 0 ? jedis.randomKey() : lettuce.randomkey());
        }
        assertThat(drawn).isEqualTo(keys);
    }

    @Test
    void randomKeyNeverAnswersAnExpiredKey() throws Exception {
        withKeyspace(ks -> ks.activeExpireEnabled(false));
        for (int i = 0; i < 500; i++) {
            jedis.set("dead:" + i, "v");
            jedis.pexpire("dead:" + i, 1);
        }
        jedis.set("live", "v");
        Thread.sleep(5);
        assertThat(jedis.randomKey()).isEqualTo("live");
        assertThat(lettuce.randomkey()).isEqualTo("live");
    }

    @Test
    void arityErrors() {
        assertThatThrownBy(() -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.DEL))
            .hasMessage("ERR wrong number of arguments for 'del' command");
        assertThatThrownBy(() -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.KEYS))
            .hasMessage("ERR wrong number of arguments for 'keys' command");
        assertThatThrownBy(() -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.TYPE, "a", "b"))
            .hasMessage("ERR wrong number of arguments for 'type' command");
        assertThatThrownBy(() -> jedis.sendCommand(redis.clients.jedis.Protocol.Command.RANDOMKEY, "a"))
            .hasMessage("ERR wrong number of arguments for 'randomkey' command");
    }
}
