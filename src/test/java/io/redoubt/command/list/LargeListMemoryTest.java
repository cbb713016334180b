package io.redoubt.command.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.redoubt.keyspace.ListMemory;
import io.redoubt.keyspace.ListMemoryLimit;
import io.redoubt.support.Eventually;
import io.redoubt.support.TestServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A large list's nodes live outside the heap: through a real client, INFO reports them in used_memory, commands
 * that move the list (RENAME, MOVE), copy it (COPY), snapshot it (BGSAVE) or reload it (DEBUG RELOAD) keep its
 * elements, and deleting it gives the memory back.
 */
class LargeListMemoryTest {
    private static final int ELEMENTS = 50_000;

    private static long infoField(Jedis j, String field) {
        Matcher m = Pattern.compile("(?m)^" + field + ":(\\d+)\r?$").matcher(j.info("memory"));
        assertThat(m.find()).as(field + " in INFO memory").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static String element(int i) {
        return String.format("element-%040d", i);
    }

    private static void checkList(Jedis j, String key) {
        assertThat(j.llen(key)).isEqualTo(ELEMENTS);
        assertThat(j.lindex(key, 0)).isEqualTo(element(0));
        assertThat(j.lindex(key, ELEMENTS / 2)).isEqualTo(element(ELEMENTS / 2));
        assertThat(j.lrange(key, -2, -1)).isEqualTo(List.of(element(ELEMENTS - 2), element(ELEMENTS - 1)));
    }

    @Test
    void aLargeListKeepsItsElementsThroughMovesCopiesAndReloadsAndGivesItsMemoryBackWhenDeleted() throws Exception {
        assumeTrue(ListMemory.AVAILABLE, "Unsafe is not available: list nodes stay on the heap");
        try (TestServer server = TestServer.start(); Jedis j = new Jedis(server.host(), server.port())) {
            long before = ListMemory.used();
            Pipeline p = j.pipelined();
            for (int i = 0; i < ELEMENTS; i++) {
                p.rpush("big", element(i));
            }
            p.sync();
            assertThat(j.objectEncoding("big")).isEqualTo("quicklist");
            long nodes = infoField(j, "used_memory_list_nodes");
            assertThat(nodes - before).isGreaterThanOrEqualTo(ELEMENTS * 48L);
            assertThat(infoField(j, "used_memory")).isGreaterThan(nodes);

            j.rename("big", "renamed");
            j.move("renamed", 1);
            j.select(1);
            checkList(j, "renamed");
            j.copy("renamed", "copied", false);
            j.del("renamed");
            checkList(j, "copied");

            j.bgsave();
            Eventually.holds("BGSAVE to finish", () -> j.info("persistence").contains("rdb_bgsave_in_progress:0"));
            assertThat(j.info("persistence")).contains("rdb_last_bgsave_status:ok");
            j.sendCommand(() -> "DEBUG".getBytes(), "RELOAD");
            checkList(j, "copied");

            j.del("copied");
            j.ping(); // memory let go of goes back before the next command
            assertThat(ListMemory.used()).isLessThanOrEqualTo(before);
        }
    }

    @Test
    void aPushPastTheLimitOutsideTheHeapIsRefusedWithAnOomErrorAndTheConnectionStays() {
        assumeTrue(ListMemory.AVAILABLE, "Unsafe is not available: list nodes stay on the heap");
        try (TestServer server = TestServer.start(); Jedis j = new Jedis(server.host(), server.port())) {
            Pipeline p = j.pipelined();
            for (int i = 0; i < 2000; i++) {
                p.rpush("big", element(i));
            }
            p.sync();
            long old = ListMemoryLimit.set(ListMemory.used() + 64 * 1024);
            try {
                assertThatThrownBy(() -> {
                    for (int i = 0; i < ELEMENTS; i++) {
                        j.rpush("big", element(i));
                    }
                }).isInstanceOf(JedisDataException.class).hasMessageStartingWith("OOM large lists would hold more than");
                long kept = j.llen("big");
                assertThat(kept).isGreaterThan(2000).isLessThan(2000 + ELEMENTS);
                assertThat(j.lindex("big", kept - 1)).isEqualTo(element((int) kept - 2001));
            } finally {
                ListMemoryLimit.set(old);
            }
            j.rpush("big", "after");
            assertThat(j.ping()).isEqualTo("PONG");
            j.del("big");
        }
    }
}
