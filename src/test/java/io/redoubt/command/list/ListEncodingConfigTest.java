package io.redoubt.command.list;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RedoubtBesideRedis;
import io.redoubt.support.RespReplies;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SortingParams;

/**
 * list-max-listpack-size (and its old name list-max-ziplist-size) and list-compress-depth: CONFIG GET/SET
 * compared with a real redis-server, and the list encodings each setting gives. The installed reference is
 * Redis 7.0, whose lists are always quicklists, so the encodings are checked against Redis 7.2's rules
 * (t_list.c's listTypeTryConversion and quicklist's node limits) rather than against the server.
 */
class ListEncodingConfigTest extends RedoubtBesideRedis {
    private static final String CONFIG_SCRIPT = """
        config get list-max-listpack-size
        config get list-max-ziplist-size
        config get LIST-MAX-ZIPLIST-SIZE
        config get List-Compress-Depth
        config get list-compress-depth
        config get list-*
        config set list-max-ziplist-size 7
        config get list-max-listpack-size
        config set list-max-listpack-size -10
        config get list-max-ziplist-size
        config set list-max-listpack-size abc
        config set LIST-MAX-ZIPLIST-SIZE abc
        config set list-max-listpack-size 1.5
        config set list-max-listpack-size 2147483648
        config set list-max-listpack-size -2147483649
        config set list-max-listpack-size -2147483648
        config get list-max-listpack-size
        config set list-max-listpack-size 1k
        config set list-max-listpack-size -2
        config set list-compress-depth -1
        config set list-compress-depth 3
        config get list-compress-depth
        config set list-compress-depth 2147483648
        config set list-compress-depth x
        config set list-compress-depth 0
        """;

    @AfterEach
    void restoreDefaults() {
        try (Jedis j = ours()) {
            j.configSet("list-max-listpack-size", "-2");
            j.configSet("list-compress-depth", "0");
            j.flushAll();
        }
    }

    private static Jedis ours() {
        return new Jedis(redoubt.host(), redoubt.port());
    }

    @Test
    void configGetAndSetMatchRedis() throws Exception {
        new DifferentialScript(CONFIG_SCRIPT, args -> new int[0],
            (args, reply) -> args[2].equals("list-*") ? RespReplies.sorted(reply) : reply)
            .run(redoubt.port(), redis.port(), 3, "");
    }

    @Test
    void aPositiveSizeCountsEntries() {
        try (Jedis j = ours()) {
            j.configSet("list-max-listpack-size", "3");
            j.rpush("l", "a", "b", "c");
            assertThat(j.objectEncoding("l")).isEqualTo("listpack");
            j.rpush("l", "d");
            assertThat(j.objectEncoding("l")).isEqualTo("quicklist");
            j.rpop("l");
            assertThat(j.objectEncoding("l")).as("3 entries are more than half of 3").isEqualTo("quicklist");
            j.rpop("l", 2);
            assertThat(j.objectEncoding("l")).isEqualTo("listpack");
            j.rpush("l2", "a", "b");
            j.configSet("list-max-listpack-size", "2");
            j.lset("l2", 0, "x");
            assertThat(j.objectEncoding("l2")).as("LSET counts as adding one entry").isEqualTo("quicklist");
        }
    }

    @Test
    void zeroMeansOneEntryAndNeverGoesBack() {
        try (Jedis j = ours()) {
            j.configSet("list-max-listpack-size", "0");
            j.rpush("l", "a");
            assertThat(j.objectEncoding("l")).isEqualTo("listpack");
            j.rpush("l", "b");
            j.rpop("l");
            assertThat(j.objectEncoding("l")).isEqualTo("quicklist");
        }
    }

    @Test
    void aCountLimitStillKeepsNodesWithin8Kb() {
        try (Jedis j = ours()) {
            j.configSet("list-max-listpack-size", "1000");
            j.rpush("l", "x".repeat(8000));
            assertThat(j.objectEncoding("l")).isEqualTo("listpack");
            j.rpush("l", "x".repeat(200));
            assertThat(j.objectEncoding("l")).isEqualTo("quicklist");
        }
    }

    @Test
    void negativeSizesAreByteLimits() {
        String hundred = "v".repeat(100); // 103 bytes in a listpack
        String[] forty = Collections.nCopies(40, hundred).toArray(String[]::new);
        try (Jedis j = ours()) {
            j.configSet("list-max-listpack-size", "-1");
            j.rpush("l", forty); // 7 + 4000 raw bytes are checked: within 4 KB
            assertThat(j.objectEncoding("l")).isEqualTo("listpack");
            j.rpush("l", "x"); // now 7 + 40 * 103 + 1 > 4096
            assertThat(j.objectEncoding("l")).isEqualTo("quicklist");
            j.configSet("list-max-listpack-size", "-2");
            j.rpush("m", forty);
            j.rpush("m", forty);
            assertThat(j.objectEncoding("m")).as("4127 + 4000 raw bytes are within 8 KB").isEqualTo("listpack");
            j.rpush("m", "x");
            assertThat(j.objectEncoding("m")).as("8247 + 1 > 8 KB").isEqualTo("quicklist");
            j.ltrim("m", 0, 38);
            assertThat(j.objectEncoding("m")).as("4024 bytes fit in half of 8 KB").isEqualTo("listpack");
            for (String fill : new String[] {"-5", "-100", "-2147483648"}) {
                j.del("big");
                j.configSet("list-max-listpack-size", fill);
                for (int i = 0; i < 15; i++) {
                    j.rpush("big", forty);
                }
                assertThat(j.objectEncoding("big")).as(fill + ": 61 KB within 64 KB").isEqualTo("listpack");
                j.rpush("big", forty);
                assertThat(j.objectEncoding("big")).as(fill).isEqualTo("quicklist");
            }
        }
    }

    @Test
    void sortStoreFollowsTheSetting() {
        try (Jedis j = ours()) {
            j.rpush("src", "5", "4", "3", "2", "1");
            j.configSet("list-max-listpack-size", "4");
            j.sort("src", new SortingParams(), "dst");
            assertThat(j.objectEncoding("dst")).isEqualTo("quicklist");
            j.sort("src", new SortingParams().limit(0, 4), "dst");
            assertThat(j.objectEncoding("dst")).isEqualTo("listpack");
            j.configSet("list-max-ziplist-size", "-2");
            assertThat(j.configGet("list-max-listpack-size")).isEqualTo(Map.of("list-max-listpack-size", "-2"));
        }
    }
}
