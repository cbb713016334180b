package io.redoubt.command.set;

import io.redoubt.support.RedoubtBesideRedis;
import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RespReplies;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * One script of set commands against Redoubt and a real redis-server, in RESP2 and RESP3: every reply must
 * be identical, type included. Unordered replies are compared sorted. The reference server is Redis 7.0,
 * which has no listpack sets: OBJECT ENCODING is compared only for intsets and hashtables here
 * ({@code SetCommandsTest} covers listpacks).
 */
class SetDifferentialTest extends RedoubtBesideRedis {
    private static final String SCRIPT = """
        sadd s
        sadd s a b c a
        sadd s a d
        scard s
        scard nokey
        sismember s a
        sismember s z
        sismember nokey a
        smismember s a z b
        smismember nokey a b
        smismember s
        smembers s
        smembers nokey
        srem s a z
        srem s
        srem nokey a
        srem s b c d
        exists s
        sadd i 3 1 2 -5 1000000000000
        object encoding i
        smembers i
        sismember i 01
        sismember i 1
        sismember i abc
        srem i 01
        srem i 2
        smembers i
        sadd i x
        smembers i
        sadd big 0123456789012345678901234567890123456789012345678901234567890123456789
        object encoding big
        sadd one m
        srandmember one
        srandmember one 1
        srandmember one 5
        srandmember one -3
        srandmember one 0
        srandmember one abc
        srandmember one -9223372036854775808
        srandmember one 1 2
        srandmember nokey
        srandmember nokey 5
        srandmember nokey -5
        spop nokey
        spop nokey 3
        spop one 0
        spop one -1
        spop one abc
        spop one 1 2
        spop one
        exists one
        sadd p 1 2 3
        spop p 3
        exists p
        sadd p 1 2 3
        spop p 10
        sadd m1 a b c d
        sadd m2 c d e
        sadd m3 d e f
        sadd n1 1 2 3 4
        sadd n2 3 4 5
        sinter m1 m2
        sinter m1 m2 m3
        sinter m1 nokey
        sinter nokey m1
        sinter m1
        sinter n1 n2
        sunion m1 m2 m3
        sunion m1 nokey
        sunion nokey
        sunion n1 n2
        sdiff m1 m2
        sdiff m1 m2 m3
        sdiff m1 nokey
        sdiff nokey m1
        sdiff n1 n2
        sdiff m1 m1
        sintercard 2 m1 m2
        sintercard 3 m1 m2 m3
        sintercard 2 m1 m2 limit 1
        sintercard 2 m1 m2 limit 0
        sintercard 1 nokey
        sintercard 0 m1
        sintercard -1 m1
        sintercard a m1
        sintercard 3 m1 m2
        sintercard 2 m1 m2 limit -1
        sintercard 2 m1 m2 limit abc
        sintercard 2 m1 m2 limit
        sintercard 2 m1 m2 foo 1
        sinterstore d1 m1 m2
        smembers d1
        sinterstore d1 m1 nokey
        exists d1
        sinterstore d2 n1 n2
        object encoding d2
        smembers d2
        sunionstore d3 n1 n2
        object encoding d3
        smembers d3
        sunionstore d3 m1 m2
        smembers d3
        sunionstore d3 nokey
        exists d3
        sdiffstore d4 n1 n2
        smembers d4
        object encoding d4
        sdiffstore d4 n1 n1
        exists d4
        set str v
        sadd str a
        srem str a
        scard str
        sismember str a
        smismember str a
        smembers str
        srandmember str
        srandmember str 2
        spop str
        spop str 2
        sscan str 0
        sinter m1 str
        sinter nokey str
        sinter str nokey
        sunion m1 str
        sdiff m1 str
        sdiff nokey str
        sintercard 2 m1 str
        sinterstore dst m1 str
        sunionstore dst m1 str
        sdiffstore dst m1 str
        sinterstore str m1 m2
        type str
        smembers str
        set str2 v
        sunionstore str2 n1
        type str2
        smove m1 m2 a
        smove m1 m2 a
        smove m1 m2 zz
        smove nokey m2 a
        smove nokey str a
        smove m1 str b
        smove str m1 b
        smove m1 m1 b
        smove m1 m1 zz
        smove m1 newset b
        smembers newset
        smove newset m1 b
        exists newset
        smove n1 n2 1
        smembers n2
        object encoding n2
        sscan n1 0
        sscan n1 0 match 2*
        sscan n1 0 count 1
        sscan n1 0 count 0
        sscan n1 0 type set
        sscan n1 abc
        sscan n1 0 match
        sscan nokey 0
        sscan nokey abc
        config set set-max-intset-entries 3
        sadd t 1 2 3
        object encoding t
        sadd t 4
        object encoding t
        srem t 1 2 3
        object encoding t
        config set set-max-intset-entries 512
        copy n2 n2copy
        smembers n2copy
        sadd n2copy 99
        scard n2
        type n2copy
        object encoding n2copy
        copy t tcopy
        object encoding tcopy
        command info sadd srem scard sismember smismember smembers srandmember spop smove sscan
        command info sinter sintercard sinterstore sunion sunionstore sdiff sdiffstore
        command getkeys sintercard 2 a b limit 1
        command getkeys sintercard 3 a b
        command getkeys smove a b m
        command getkeys sinterstore d a b c
        command getkeys sunionstore d a
        """;
    /** Commands whose reply order Redis leaves open; compared sorted. */
    private static final Set<String> UNORDERED = Set.of("smembers", "sinter", "sunion", "sdiff", "srandmember",
        "spop", "sscan");


    @Test
    void resp2RepliesMatchRedis() throws Exception {
        script().run(redoubt.port(), redis.port(), 2, "2:");
    }

    @Test
    void resp3RepliesMatchRedis() throws Exception {
        script().run(redoubt.port(), redis.port(), 3, "3:");
    }

    private static DifferentialScript script() {
        return new DifferentialScript(SCRIPT, SetDifferentialTest::keyPositions,
            (args, reply) -> UNORDERED.contains(args[0].toLowerCase()) ? RespReplies.sorted(reply) : reply);
    }

    private static int[] keyPositions(String[] args) {
        int n = args.length;
        return switch (args[0].toLowerCase()) {
            case "config", "command" -> new int[0];
            case "object" -> n > 2 ? new int[] {2} : new int[0];
            case "copy" -> new int[] {1, 2};
            case "smove" -> IntStream.rangeClosed(1, Math.min(2, n - 1)).toArray();
            case "sinter", "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore" ->
                IntStream.range(1, n).toArray();
            case "sintercard" -> {
                long keys = n > 1 && args[1].matches("\\d+") ? Long.parseLong(args[1]) : 0;
                yield IntStream.range(2, (int) Math.min(n, 2 + keys)).toArray();
            }
            default -> IntStream.rangeClosed(1, Math.min(1, n - 1)).toArray();
        };
    }
}
