package io.redoubt.command.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ExpireArgs;
import io.redoubt.keyspace.Dict;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Protocol.Command;
import redis.clients.jedis.args.ExpiryOption;

/** EXPIRE PEXPIRE EXPIREAT PEXPIREAT, TTL PTTL EXPIRETIME PEXPIRETIME, PERSIST, lazy and active expiry. */
class ExpireCommandsTest extends ServerTestBase {

    private static long expireAt(String key) {
        return inKeyspace(ks -> {
            Dict.Entry e = ks.db(0).lookup(bytes(key));
            return e == null ? -2L : e.expireAt;
        });
    }

    @Test
    void expireAndTtlInSecondsAndMilliseconds() {
        jedis.set("k", "v");
        assertThat(jedis.expire("k", 100)).isEqualTo(1);
        assertThat(jedis.ttl("k")).isBetween(99L, 100L);
        assertThat(lettuce.pttl("k")).isBetween(99_000L, 100_000L);
        assertThat(lettuce.pexpire("k", 5_500)).isTrue();
        assertThat(lettuce.ttl("k")).as("rounded to the nearest second").isBetween(5L, 6L);
        assertThat(jedis.pttl("k")).isBetween(5_000L, 5_500L);
        assertThat(jedis.expire("nosuch", 100)).isZero();
        assertThat(lettuce.expire("nosuch", 100)).isFalse();
    }

    @Test
    void ttlOfMissingAndPersistentKeys() {
        jedis.set("k", "v");
        assertThat(jedis.ttl("k")).isEqualTo(-1);
        assertThat(lettuce.pttl("k")).isEqualTo(-1);
        assertThat(jedis.expireTime("k")).isEqualTo(-1);
        assertThat(lettuce.pexpiretime("k")).isEqualTo(-1);
        assertThat(lettuce.ttl("nosuch")).isEqualTo(-2);
        assertThat(jedis.pttl("nosuch")).isEqualTo(-2);
        assertThat(lettuce.expiretime("nosuch")).isEqualTo(-2);
        assertThat(jedis.pexpireTime("nosuch")).isEqualTo(-2);
    }

    @Test
    void expireAtAndExpireTimeUseUnixTime() {
        long at = System.currentTimeMillis() / 1000 + 1000;
        jedis.set("k", "v");
        assertThat(jedis.expireAt("k", at)).isEqualTo(1);
        assertThat(lettuce.expiretime("k")).isEqualTo(at);
        assertThat(jedis.pexpireTime("k")).isEqualTo(at * 1000);

        long atMs = System.currentTimeMillis() + 2_000_400;
        assertThat(lettuce.pexpireat("k", atMs)).isTrue();
        assertThat(jedis.pexpireTime("k")).isEqualTo(atMs);
        assertThat(lettuce.expiretime("k")).as("rounded to the nearest second").isEqualTo((atMs + 500) / 1000);
        assertThat(jedis.ttl("k")).isBetween(1999L, 2001L);
    }

    @Test
    void aTimeInThePastDeletesTheKeyAndAnswersOne() {
        jedis.set("a", "v");
        jedis.set("b", "v");
        jedis.set("c", "v");
        jedis.set("d", "v");
        assertThat(jedis.expire("a", -1)).isEqualTo(1);
        assertThat(lettuce.pexpire("b", 0)).isTrue();
        assertThat(jedis.expireAt("c", 1)).isEqualTo(1);
        assertThat(lettuce.pexpireat("d", System.currentTimeMillis() - 1)).isTrue();
        assertThat(jedis.dbSize()).isZero();
        assertThat(lettuce.ttl("a")).isEqualTo(-2);
    }

    @Test
    void nxAndXx() {
        jedis.set("k", "v");
        assertThat(jedis.expire("k", 100, ExpiryOption.XX)).as("XX needs an expiry").isZero();
        assertThat(jedis.ttl("k")).isEqualTo(-1);
        assertThat(lettuce.expire("k", 100, ExpireArgs.Builder.nx())).isTrue();
        assertThat(jedis.expire("k", 200, ExpiryOption.NX)).as("NX needs none").isZero();
        assertThat(lettuce.ttl("k")).isEqualTo(100);
        assertThat(lettuce.pexpire("k", 300_000, ExpireArgs.Builder.xx())).isTrue();
        assertThat(jedis.ttl("k")).isEqualTo(300);
    }

    @Test
    void gtAndLtTreatNoExpiryAsInfinite() {
        long t = System.currentTimeMillis() + 1_000_000; // absolute times, so "equal" means equal
        jedis.set("k", "v");
        assertThat(jedis.pexpireAt("k", t, ExpiryOption.GT)).as("nothing is greater than infinite").isZero();
        assertThat(lettuce.pexpireat("k", t, ExpireArgs.Builder.lt())).isTrue();
        assertThat(jedis.pexpireAt("k", t - 1, ExpiryOption.GT)).isZero();
        assertThat(lettuce.pexpireat("k", t, ExpireArgs.Builder.gt())).as("equal is not greater").isFalse();
        assertThat(jedis.pexpireAt("k", t + 1, ExpiryOption.GT)).isEqualTo(1);
        assertThat(lettuce.pexpireat("k", t + 2, ExpireArgs.Builder.lt())).isFalse();
        assertThat(jedis.pexpireAt("k", t + 1, ExpiryOption.LT)).as("equal is not less").isZero();
        assertThat(lettuce.pexpireat("k", t - 5, ExpireArgs.Builder.lt())).isTrue();
        assertThat(jedis.pexpireTime("k")).isEqualTo(t - 5);
        assertThat(jedis.expire("k", -5, ExpiryOption.GT)).isZero();
        assertThat(jedis.exists("k")).isTrue();
        // XX and GT may be combined
        assertThat(jedis.sendCommand(Command.EXPIRE, "k", "4000", "xx", "gt")).isEqualTo(1L);
        assertThat(jedis.ttl("k")).isEqualTo(4000);
        // LT on a key without expiry sets it, and a time in the past then deletes the key
        jedis.set("p", "v");
        assertThat(lettuce.pexpire("p", 0, ExpireArgs.Builder.lt())).isTrue();
        assertThat(jedis.exists("p")).isFalse();
    }

    @Test
    void optionErrors() {
        jedis.set("k", "v");
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIRE, "k", "10", "nx", "xx"))
            .hasMessage("ERR NX and XX, GT or LT options at the same time are not compatible");
        assertThatThrownBy(() -> jedis.sendCommand(Command.PEXPIRE, "k", "10", "NX", "GT"))
            .hasMessage("ERR NX and XX, GT or LT options at the same time are not compatible");
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIREAT, "k", "10", "gt", "lt"))
            .hasMessage("ERR GT and LT options at the same time are not compatible");
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIRE, "k", "10", "Foo"))
            .hasMessage("ERR Unsupported option Foo");
        // options are read before the time
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIRE, "k", "x", "foo"))
            .hasMessage("ERR Unsupported option foo");
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIRE, "k", "x"))
            .hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> jedis.sendCommand(Command.PEXPIRE, "k", "10.5"))
            .hasMessage("ERR value is not an integer or out of range");
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIRE, "k"))
            .hasMessage("ERR wrong number of arguments for 'expire' command");
        assertThat(jedis.ttl("k")).isEqualTo(-1);
    }

    @Test
    void timesThatOverflowAreRefusedNamingTheCommand() {
        jedis.set("k", "v");
        String max = Long.toString(Long.MAX_VALUE);
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIRE, "k", max))
            .hasMessage("ERR invalid expire time in 'expire' command");
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIRE, "k", "9223372036854775"))
            .as("fits once multiplied by 1000, overflows once now is added")
            .hasMessage("ERR invalid expire time in 'expire' command");
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIRE, "k", Long.toString(Long.MIN_VALUE)))
            .hasMessage("ERR invalid expire time in 'expire' command");
        assertThatThrownBy(() -> jedis.sendCommand(Command.PEXPIRE, "k", max))
            .hasMessage("ERR invalid expire time in 'pexpire' command");
        assertThatThrownBy(() -> jedis.sendCommand(Command.EXPIREAT, "k", max))
            .hasMessage("ERR invalid expire time in 'expireat' command");
        assertThat(jedis.ttl("k")).isEqualTo(-1);
        // PEXPIREAT adds nothing, so the largest time is accepted
        assertThat(jedis.sendCommand(Command.PEXPIREAT, "k", max)).isEqualTo(1L);
        assertThat(jedis.pexpireTime("k")).isEqualTo(Long.MAX_VALUE);
        assertThat(lettuce.pexpireat("k", Long.MIN_VALUE)).isTrue();
        assertThat(jedis.exists("k")).isFalse();
    }

    @Test
    void persistRemovesTheExpiry() {
        jedis.set("k", "v");
        assertThat(jedis.persist("k")).isZero();
        jedis.expire("k", 100);
        assertThat(lettuce.persist("k")).isTrue();
        assertThat(jedis.ttl("k")).isEqualTo(-1);
        assertThat(jedis.persist("nosuch")).isZero();
        assertThat(keyspaceValue(ks -> ks.db(0).volatileSize())).isZero();
    }

    @Test
    void setWithoutOptionsClearsTheExpiry() {
        jedis.set("k", "v");
        jedis.expire("k", 100);
        jedis.set("k", "w");
        assertThat(lettuce.ttl("k")).isEqualTo(-1);
    }

    /** With the active cycle off, an expired key stays in DBSIZE until a command touches it. */
    @Test
    void lazyExpiryOnAccess() throws Exception {
        withKeyspace(ks -> ks.activeExpireEnabled(false));
        jedis.set("a", "v");
        jedis.set("b", "v");
        jedis.set("keep", "v");
        jedis.pexpire("a", 30);
        lettuce.pexpire("b", 30);
        Thread.sleep(300);
        assertThat(jedis.dbSize()).isEqualTo(3);
        long expired = keyspaceValue(ks -> ks.expiredKeys());
        assertThat(jedis.get("a")).isNull();
        assertThat(lettuce.ttl("b")).isEqualTo(-2);
        assertThat(jedis.dbSize()).isEqualTo(1);
        long expiredAfter = keyspaceValue(ks -> ks.expiredKeys());
        assertThat(expiredAfter).isEqualTo(expired + 2);
    }

    /** The cron (hz 10) deletes keys past their time that nobody reads. */
    @Test
    void activeExpiryDeletesKeysNobodyReads() throws Exception {
        withKeyspace(ks -> ks.activeExpireEnabled(false)); // so that all are there when counted
        for (int i = 0; i < 200; i++) {
            jedis.set("short:" + i, "v");
            jedis.pexpire("short:" + i, 50);
        }
        for (int i = 0; i < 20; i++) {
            lettuce.set("long:" + i, "v");
            lettuce.expire("long:" + i, Duration.ofHours(1));
        }
        lettuce.set("persistent", "v");
        Thread.sleep(100);
        assertThat(jedis.dbSize()).isEqualTo(221);

        withKeyspace(ks -> ks.activeExpireEnabled(true));
        long deadline = System.currentTimeMillis() + 5_000;
        while (jedis.dbSize() > 21 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(lettuce.dbsize()).isEqualTo(21);
        assertThat(keyspaceValue(ks -> ks.db(0).volatileSize())).isEqualTo(20);
    }

    @Test
    void expiryTimesAreAbsoluteInTheKeyspace() {
        jedis.set("k", "v");
        long before = System.currentTimeMillis();
        jedis.pexpire("k", 10_000);
        long after = System.currentTimeMillis();
        assertThat(expireAt("k")).isBetween(before + 10_000, after + 10_000);
    }
}
