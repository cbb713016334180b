package io.redoubt.command.zset;

import io.redoubt.support.RedoubtBesideRedis;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RespProbe;
import io.redoubt.util.SplitArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs one script of sorted-set commands against Redoubt and a real redis-server, in RESP2 and RESP3, and
 * requires identical replies, type included. The installed server is Redis 7.0, which prints scores with
 * %.17g where 7.2 (and Redoubt) print the shortest round-trip form; so the script only uses scores that both
 * print alike: integers, inf, and binary fractions with few digits (1.5, 0.25). ScoresTest covers the rest.
 * Random replies (ZRANDMEMBER, ZSCAN of large sets) and 7.2-only syntax (ZRANK ... WITHSCORE) are left to
 * SortedSetCommandsTest.
 */
class SortedSetDifferentialTest extends RedoubtBesideRedis {
    /** One command a line, split like redis-cli; each protocol runs in a database of its own. */
    private static final String SCRIPT = """
        zadd z 1 a 2 b 3 c
        zadd z 1.5 a 2.25 d -inf lo +inf hi
        zrange z 0 -1 withscores
        zadd z nx 10 a 11 e
        zadd z xx 10 a 11 f
        zadd z xx ch 0.5 a
        zadd z gt ch 0.25 b 5 c
        zadd z lt ch 9 c 1 b
        zadd z nx xx 1 a
        zadd z gt lt 1 a
        zadd z nx gt 1 a
        zadd z incr 1 a 2 b
        zadd z incr 1.5 a
        zadd z incr nx 1 a
        zadd z incr xx 1 zz
        zadd z 1 a 2
        zadd z abc a
        zadd z nan a
        zadd z "" a
        zadd z " 1" a
        zadd z 1e400 a
        zadd z 0x10 hex
        zadd z incr 1 lo
        zadd z incr -inf hi
        zincrby z 1 a
        zincrby z inf lo
        zincrby z x a
        zincrby newz 2.5 m
        zscore z a
        zscore z nope
        zscore nokey a
        zmscore z a nope b
        zmscore nokey a b
        zcard z
        zcard nokey
        zrank z c
        zrevrank z nope
        zrange z 0 -1
        zrange z 2 1
        zrange z -100 100 withscores
        zrange z 0 -1 rev withscores
        zrange z (1 5 byscore withscores
        zrange z 5 (1 byscore rev withscores
        zrange z -inf +inf byscore limit 1 2
        zrange z -inf +inf byscore limit -1 2
        zrange z -inf +inf byscore limit 1 -1
        zrange z +inf -inf byscore rev limit 1 2 withscores
        zrange z 0 -1 limit 0 1
        zrange z - + bylex withscores
        zrange z a b byscore
        zrange z 1 x byscore
        zrange z 0 1 byscore bylex
        zrange z 0 1 rev rev
        zrange z 0 1 foo
        zrange z a 1
        zrangebyscore z -inf +inf withscores limit 0 3
        zrangebyscore z (2 (10
        zrangebyscore z "(" 3
        zrangebyscore z "" 3
        zrevrangebyscore z +inf -inf
        zrevrangebyscore z 3 1 withscores
        zrevrangebyscore z 3 1 rev
        zrevrange z 0 2 withscores
        zrevrange z 0 2 limit 0 1
        zcount z -inf +inf
        zcount z (1 3
        zcount z x 3
        zcount nokey 0 1
        zadd lex 0 a 0 b 0 c 0 d 0 e 0 f 0 ab
        zrangebylex lex - +
        zrangebylex lex [b (e
        zrangebylex lex (a [c limit 1 5
        zrangebylex lex + -
        zrangebylex lex a c
        zrangebylex lex [a c
        zrangebylex lex - + withscores
        zrevrangebylex lex + - limit 0 3
        zrevrangebylex lex [e (b
        zrange lex [f [a bylex rev
        zlexcount lex - +
        zlexcount lex [b [d
        zlexcount lex b d
        zremrangebylex lex [b (d
        zrange lex 0 -1
        zremrangebylex lex x +
        zremrangebyrank lex 0 1
        zremrangebyrank lex a 1
        zremrangebyrank lex 10 20
        zrange lex 0 -1
        zremrangebyscore z (2 5
        zremrangebyscore z x 5
        zrange z 0 -1 withscores
        zrem z a nope b
        zrem nokey a
        zremrangebyrank lex 0 -1
        exists lex
        zadd p 1 a 2 b 3 c 4 d 5 e
        zpopmin p
        zpopmax p
        zpopmin p 2
        zpopmin p 0
        zpopmin p -1
        zpopmin p x
        zpopmin p 1 2
        zpopmax p 10
        exists p
        zpopmin p
        zpopmin p 3
        zadd m1 1 a 2 b
        zadd m2 3 c 4 d 5 e
        zmpop 2 nokey m2 min count 2
        zmpop 2 nokey m1 max
        zmpop 1 m1 max count 5
        zmpop 1 m1 min
        zmpop 0 m1 min
        zmpop 1 m2 middle
        zmpop 1 m2 min count 0
        zmpop 1 m2 min count 1 count 1
        zmpop 3 m2 min
        zmpop x m2 min
        zmpop 9223372036854775807 m2 min
        zmpop 9223372036854775806 m2 min
        zunion 9223372036854775807 m2
        zintercard 9223372036854775807 m2
        zadd u1 1 a 2 b 3 c
        zadd u2 10 b 20 c 30 d
        zunion 2 u1 u2 withscores
        sadd plainset a b zz
        zadd bz 1 a 2 b 3 c
        bzpopmin bz 0
        bzpopmax nosuch bz 0
        bzmpop 0 2 nosuch bz min count 5
        bzpopmin bz 0.05
        bzmpop 0.05 1 bz max
        bzpopmin bz -1
        bzpopmin bz abc
        bzmpop -1 0 bz min
        bzmpop -1 1 bz foo
        bzmpop 0 1 bz min count 0
        bzpopmin plainset 0
        zunion 2 plainset u1 withscores
        zinter 2 plainset u1 weights 2 3 withscores
        zdiff 2 plainset u1 withscores
        zunionstore plaindst 2 u1 plainset
        zrange plaindst 0 -1 withscores
        zunion 2 u1 u2 weights 2 0.5 withscores
        zunion 2 u1 u2 aggregate min withscores
        zunion 2 u1 u2 aggregate max withscores
        zunion 2 u1 u2 aggregate avg
        zunion 2 u1 u2 weights 1 x
        zunion 2 u1 u2 weights 1
        zunion 0 u1
        zunion 3 u1 u2
        zunion 2 u1 nokey
        zinter 2 u1 u2 withscores
        zinter 2 u1 u2 weights 1 -1 aggregate sum withscores
        zinter 2 u1 nokey withscores
        zdiff 2 u1 u2 withscores
        zdiff 2 u2 u1
        zdiff 2 u1 u2 weights 1 1
        zdiff 2 u1 u2 aggregate sum
        zdiff 1 nokey
        zintercard 2 u1 u2
        zintercard 2 u1 u2 limit 1
        zintercard 2 u1 u2 limit -1
        zintercard 0 u1
        zintercard 2 u1 u2 withscores
        zunionstore dst 2 u1 u2
        zrange dst 0 -1 withscores
        object encoding dst
        zinterstore dst 2 u1 u2 aggregate max
        zrange dst 0 -1 withscores
        zdiffstore dst 2 u1 u2
        zrange dst 0 -1 withscores
        zinterstore dst 2 u1 nokey
        exists dst
        zunionstore dst 2 u1 u2 withscores
        zunionstore dst 0 u1
        zadd inf 1 a
        zadd inf2 -inf a +inf b
        zunion 2 inf inf2 weights 0 0 withscores
        zunion 2 inf2 inf2 withscores
        zrangestore dst u2 0 1
        zrange dst 0 -1 withscores
        zrangestore dst u2 (10 +inf byscore limit 0 1
        zrangestore dst u2 [c + bylex
        zrangestore dst u2 5 1
        exists dst
        zrangestore dst nokey 0 -1
        zrangestore dst u2 0 -1 withscores
        set str x
        zadd str 1 a
        zrange str 0 -1
        zscore str a
        zunion 2 u1 str
        zunionstore dst 2 u1 str
        zrangestore dst str 0 -1
        zpopmin str
        zmpop 1 str min
        zscan str 0
        zrandmember str
        type u1
        object encoding u1
        zadd long 1 0123456789012345678901234567890123456789012345678901234567890123456789
        object encoding long
        zscan u1 0
        zscan u1 0 match a*
        zscan u1 0 count 0
        zscan nokey 0 count 0
        zscan u1 x
        zrandmember nokey
        zrandmember nokey 5
        zrandmember u1 0
        zrandmember u1 1 2
        zrandmember u1 x
        zrandmember u1 -9223372036854775808
        zrandmember u1 -9223372036854775807 withscores
        copy u1 u1copy
        zadd u1copy 100 a
        zscore u1 a
        zscore u1copy a
        zadd g 5 a
        zadd g gt incr 1 a
        zadd g lt incr 1 a
        zadd g ch incr 0 a
        zadd g xx gt ch 10 a 20 nope
        zadd g 0x1p-2 hex -0 negzero 1e20 e20 123456789 int
        zrange g 0 -1 withscores
        zscore g negzero
        zunionstore u1 2 u1 u2
        zrange u1 0 -1 withscores
        zdiffstore u2 2 u2 u2
        exists u2
        zadd w 0 a
        zunion 1 w weights inf withscores
        zunion 2 inf2 inf2 weights inf -inf withscores
        zinter 2 inf2 inf2 aggregate min withscores
        zrangestore d g 0 -1 limit 0 1
        zremrangebyrank g -2 -1
        zrange g 0 -1 withscores
        zremrangebyscore g -inf (0
        zcount g (inf +inf
        zrangebyscore g (-inf (+inf
        zrangebyscore g 1 1
        zrangebyscore g (1 1
        zrangebyscore g 5 1
        zrevrangebyscore g 1 5
        zadd lex2 0 a 0 b 0 c
        zrangebylex lex2 (a (a
        zrangebylex lex2 [a [a
        zrangebylex lex2 "" +
        zrangebylex lex2 - "["
        zrangebylex lex2 - +x
        zlexcount lex2 (a +
        zmpop 1 u1 max count 9999999999999
        zpopmin lex2 99999999999999999999
        zscan lex2 0 type zset
        zscan lex2 0 count
        zscan lex2 18446744073709551616
        zscan lex2 18446744073709551615
        zadd
        zrange z 0
        zmpop 1
        """;


    @Test
    void resp2RepliesMatchRedis() throws Exception {
        compare(2, "2");
    }

    @Test
    void resp3RepliesMatchRedis() throws Exception {
        compare(3, "3");
    }

    /** A set of 129 members: one past zset-max-listpack-entries, so it is a skiplist in both servers. */
    private static String bigSet() {
        StringBuilder sb = new StringBuilder("zadd big");
        for (int i = 0; i < 129; i++) {
            sb.append(' ').append(i % 7).append(" m").append(i);
        }
        return sb.toString();
    }

    private static void compare(int protocol, String db) throws Exception {
        try (RespProbe real = RespProbe.open(redis.port(), protocol);
             RespProbe ours = RespProbe.open(redoubt.port(), protocol)) {
            real.call("select", db);
            ours.call("select", db);
            String script = SCRIPT + bigSet() + "\n" + """
                object encoding big
                zrange big 0 10 withscores
                zrange big 3 (5 byscore rev limit 2 10 withscores
                zrank big m100
                zrevrank big m3
                zcount big 2 (4
                zremrangebyrank big 10 20
                zremrangebyscore big 6 6
                zrange big -5 -1 withscores
                zrem big m0 m1 m2
                zcard big
                zpopmax big 3
                zunionstore small 1 big
                object encoding small
                zrangestore small big 0 9
                object encoding small
                zrange small 0 -1 withscores
                """;
            List<String> differences = new ArrayList<>();
            for (String line : script.strip().split("\n")) {
                byte[][] args = SplitArgs.split(line.getBytes(StandardCharsets.UTF_8), 0, line.length())
                    .toArray(byte[][]::new);
                String mine = ours.call(args);
                String theirs = real.call(args);
                if (!mine.equals(theirs)) {
                    differences.add(line + "\n    redis:   " + theirs + "\n    redoubt: " + mine);
                }
            }
            assertThat(differences).isEmpty();
        }
    }

}
