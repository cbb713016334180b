package io.redoubt.command.string;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.MutableString;
import io.redoubt.support.ServerWithClients;
import io.redoubt.util.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

/**
 * SET of a key that was already set rewrites the key's own string in place (see MutableString): the value
 * object stays, only its bytes change. Everything that could see the difference must not: WATCH, COPY, the
 * values other commands read, and what OBJECT reports (compared with redis-server in StringDifferentialTest).
 */
class StringRewrittenInPlaceTest extends ServerWithClients {

    private static Object valueOf(String key) {
        return StringTestSupport.withLock(server, () -> {
            Dict.Entry e = server.server().keyspace().db(0).lookup(Bytes.utf8(key));
            return e == null ? null : e.value;
        });
    }

    @Test
    void aSecondSetKeepsTheValueObjectAndChangesOnlyItsBytes() {
        jedis.set("inplace", "first");
        assertThat(valueOf("inplace")).isInstanceOf(byte[].class); // a first SET stores the argument itself
        jedis.set("inplace", "second");
        Object owned = valueOf("inplace");
        assertThat(owned).isInstanceOf(MutableString.class);
        for (String v : List.of("third", "a much longer value than the buffer had room for", "", "x")) {
            jedis.set("inplace", v);
            assertThat(valueOf("inplace")).isSameAs(owned);
            assertThat(jedis.get("inplace")).isEqualTo(v);
            assertThat(jedis.strlen("inplace")).isEqualTo(v.length());
        }
        jedis.mset("inplace", "by mset");
        assertThat(valueOf("inplace")).isSameAs(owned);
        assertThat(jedis.getSet("inplace", "by getset")).isEqualTo("by mset");
        assertThat(valueOf("inplace")).isSameAs(owned);
        assertThat(lettuce.get("inplace")).isEqualTo("by getset");
    }

    @Test
    void watchSeesASetOfTheSameValue() {
        jedis.set("watched", "v");
        jedis.set("watched", "v"); // now rewritten in place
        try (Jedis other = new Jedis(server.host(), server.port())) {
            jedis.watch("watched");
            other.set("watched", "v");
            Transaction tx = jedis.multi();
            tx.set("watched", "mine");
            assertThat(tx.exec()).isNull(); // Redis aborts: SET signals the key modified even with the same value
        }
        assertThat(jedis.get("watched")).isEqualTo("v");
    }

    @Test
    void aCopyKeepsItsValueWhenTheOriginalIsSetAgain() {
        jedis.set("orig", "one");
        jedis.set("orig", "two");
        assertThat(jedis.copy("orig", "dup", false)).isTrue();
        jedis.set("orig", "333");
        jedis.append("orig", "4");
        assertThat(jedis.get("dup")).isEqualTo("two");
        assertThat(jedis.get("orig")).isEqualTo("3334");
        jedis.set("dup", "zz");
        assertThat(jedis.get("orig")).isEqualTo("3334");
    }

    @Test
    void sortStoresCopiesOfTheValuesItGets() {
        jedis.rpush("ids", "1", "2");
        jedis.set("obj:1", "a");
        jedis.set("obj:1", "b");
        jedis.set("obj:2", "c");
        jedis.set("obj:2", "d");
        jedis.sort("ids", new redis.clients.jedis.params.SortingParams().get("obj:*"), "sorted");
        jedis.set("obj:1", "X");
        jedis.set("obj:2", "Y");
        assertThat(jedis.lrange("sorted", 0, -1)).containsExactly("b", "d");
    }
}
