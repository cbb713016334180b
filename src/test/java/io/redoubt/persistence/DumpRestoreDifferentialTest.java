package io.redoubt.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RedoubtBesideRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.RestoreParams;

/**
 * DUMP and RESTORE against a real redis-server: the checks of RESTORE in Redis's order and with its texts
 * (options, BUSYKEY, TTL, payload footer, payload body), and what a RESTORE with each option leaves behind.
 */
class DumpRestoreDifferentialTest extends RedoubtBesideRedis {
    private static final String SCRIPT = """
        set k v
        dump nokey
        restore k 0 garbage
        restore k 0 garbage replace
        restore new 0 garbage
        restore new 0 x
        restore new 0 ""
        restore new -1 garbage
        restore new abc garbage
        restore new 0 garbage idletime -1
        restore new 0 garbage idletime abc
        restore new 0 garbage idletime
        restore new 0 garbage freq 256
        restore new 0 garbage freq -1
        restore new 0 garbage freq 1 idletime 1
        restore new 0 garbage idletime 1 freq 1
        restore new 0 garbage unknown
        restore new 0 garbage replace absttl
        restore k
        dump
        exists new
        """;

    @Test
    void resp2RepliesMatchRedis() throws Exception {
        script().run(redoubt.port(), redis.port(), 2, "2:");
    }

    @Test
    void resp3RepliesMatchRedis() throws Exception {
        script().run(redoubt.port(), redis.port(), 3, "3:");
    }

    private static DifferentialScript script() {
        return new DifferentialScript(SCRIPT, args -> args.length > 1 ? new int[] {1} : new int[0], (a, r) -> r);
    }

    /** The replies (or error texts) of a sequence of calls on one server. */
    private static List<String> run(Jedis j, String prefix) {
        List<String> out = new ArrayList<>();
        byte[] payload = j.dump(prefix + "src");
        byte[] body = java.util.Arrays.copyOf(payload, payload.length - 10);
        body[1] = 9; // the string's length now runs past the end of the body
        byte[] badBody = RdbCodecTest.withFooter(body, 10);
        byte[] emptySet = RdbCodecTest.withFooter(new byte[] {RdbFormat.TYPE_SET, 0}, 10);
        byte[] stream = RdbCodecTest.withFooter(new byte[] {RdbFormat.TYPE_STREAM_LISTPACKS, 0}, 10);
        List<Runnable> calls = List.of(
            () -> out.add(j.restore(prefix + "a", 0, badBody)),
            () -> out.add(j.restore(prefix + "a", 0, emptySet)),
            () -> out.add(j.restore(prefix + "a", 0, stream)),
            () -> out.add(j.restore(prefix + "a", 0, payload)),
            () -> out.add(j.restore(prefix + "a", 0, payload)),
            () -> out.add(j.restore(prefix + "a", 0, payload, RestoreParams.restoreParams().replace())),
            () -> out.add(j.restore(prefix + "b", 100_000, payload)),
            () -> out.add(Boolean.toString(j.pttl(prefix + "b") > 90_000)),
            () -> out.add(j.restore(prefix + "c", 1, payload, RestoreParams.restoreParams().absTtl())),
            () -> out.add(Boolean.toString(j.exists(prefix + "c"))),
            () -> out.add(j.restore(prefix + "b", 1, payload, RestoreParams.restoreParams().absTtl().replace())),
            () -> out.add(Boolean.toString(j.exists(prefix + "b"))),
            () -> out.add(j.restore(prefix + "d", System.currentTimeMillis() + 100_000, payload,
                RestoreParams.restoreParams().absTtl())),
            () -> out.add(Boolean.toString(j.pttl(prefix + "d") > 90_000)),
            () -> out.add(j.restore(prefix + "e", 0, payload, RestoreParams.restoreParams().idleTime(5000))),
            () -> out.add(Boolean.toString(j.objectIdletime(prefix + "e") >= 5000)),
            () -> out.add(j.restore(prefix + "f", 0, payload, RestoreParams.restoreParams().frequency(5))),
            () -> out.add(j.get(prefix + "f")));
        for (Runnable call : calls) {
            try {
                call.run();
            } catch (RuntimeException e) {
                out.add("error: " + e.getMessage());
            }
        }
        return out;
    }

    @Test
    void restoreBehavesAsRedisDoes() {
        try (Jedis ours = new Jedis(redoubt.host(), redoubt.port());
             Jedis theirs = new Jedis("127.0.0.1", redis.port())) {
            ours.set("r:src", "some value that is long enough");
            theirs.set("r:src", "some value that is long enough");
            assertThat(run(ours, "r:")).isEqualTo(run(theirs, "r:"));
        }
    }
}
