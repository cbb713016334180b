package io.redoubt.command.list;

import io.redoubt.support.RedoubtBesideRedis;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RespProbe;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Runs one script of list commands against Redoubt and against a real redis-server, in RESP2 and RESP3, and
 * requires every reply to be identical, type included. The installed server is Redis 7.0; the script avoids
 * what 7.2 changed (LPOS RANK of LONG_MIN, timeouts too large for a long, the listpack encoding of small lists). Blocking commands appear only where
 * they answer at once. Skipped (failed in CI) when redis-server is not installed.
 */
class ListDifferentialTest extends RedoubtBesideRedis {
    /** One command a line, arguments split on spaces; {@code ""} is an empty argument. */
    private static final String SCRIPT = """
        llen l
        lpush l a b c
        rpush l d e f
        lrange l 0 -1
        lrange l -100 100
        lrange l 2 1
        lrange l 5 10
        lrange l -2 -1
        lrange l 6 6
        lrange l x 1
        lrange nokey 0 -1
        llen l
        lpushx nokey a
        rpushx nokey a
        lpushx l x y
        rpushx l z ""
        lrange l 0 -1
        lindex l 0
        lindex l -1
        lindex l 100
        lindex l -100
        lindex l x
        lindex nokey x
        lset l 0 first
        lset l -1 last
        lset l 100 x
        lset l x x
        lset nokey 0 x
        lrange l 0 -1
        linsert l before c cc
        linsert l after c cc2
        linsert l before nope x
        linsert l middle c x
        linsert nokey before c x
        lrange l 0 -1
        lpop l
        rpop l
        lpop l 2
        rpop l 2
        lpop l 0
        lpop l -1
        lpop l x
        lpop l 1 2
        lpop nokey
        lpop nokey 2
        lpop nokey 0
        rpop nokey 1
        rpush r a b a c a b a
        lrem r 2 a
        lrange r 0 -1
        lrem r -1 a
        lrange r 0 -1
        lrem r 0 b
        lrem r 0 zz
        lrem r x a
        lrem nokey 1 a
        lrange r 0 -1
        rpush t 1 2 3 4 5 6 7 8 9
        ltrim t 1 -2
        lrange t 0 -1
        ltrim t -3 100
        lrange t 0 -1
        ltrim t 5 1
        exists t
        ltrim nokey 0 1
        ltrim t x 1
        rpush p a b c a b a d a
        lpos p a
        lpos p a rank 2
        lpos p a rank -1
        lpos p a rank -2 count 2
        lpos p a count 0
        lpos p a count 3 rank 2
        lpos p a maxlen 3
        lpos p a rank 3 maxlen 4
        lpos p a count 0 maxlen 4
        lpos p a count 0 rank -1 maxlen 3
        lpos p zz
        lpos p zz count 0
        lpos p a rank 0
        lpos p a count -1
        lpos p a maxlen -1
        lpos p a count x
        lpos p a rank x
        lpos p a rank
        lpos p a foo 1
        lpos nokey a
        lpos nokey a count 1
        rpush m1 a b c
        rpush m2 x y z
        lmove m1 m2 left right
        lmove m1 m2 right left
        lrange m1 0 -1
        lrange m2 0 -1
        lmove m2 m2 left right
        lrange m2 0 -1
        lmove m1 m1 left left
        lmove m1 m3 left left
        exists m1
        lrange m3 0 -1
        lmove nokey m3 left left
        lmove m3 m2 up left
        lmove m3 m2 left down
        rpoplpush m2 m4
        rpoplpush nokey m4
        lrange m4 0 -1
        lmpop 1 m2 left
        lmpop 2 nokey m2 right count 2
        lmpop 2 m2 nokey left count 10
        lmpop 1 nokey left
        lmpop 0 m2 left
        lmpop -1 m2 left
        lmpop x m2 left
        lmpop 2 m2 left
        lmpop 1 m2 middle
        lmpop 1 m2 left count 0
        lmpop 1 m2 left count x
        lmpop 1 m2 left count 1 count 1
        lmpop 1 m2 left foo
        set s v
        lpush s a
        rpush s a
        lpushx s a
        llen s
        lrange s 0 1
        lindex s 0
        lset s 0 a
        linsert s before a b
        lpop s
        rpop s 2
        lrem s 0 a
        ltrim s 0 1
        lpos s a
        lmove s m4 left left
        lmove m4 s left left
        rpoplpush m4 s
        lmpop 2 nokey s left
        blpop s 0
        brpop nokey s 0
        blmove s m4 left left 0
        blmpop 0 1 s left
        rpush b1 a b c
        blpop nokey b1 0
        brpop b1 nokey 1.5
        blmove b1 b2 left right 0
        brpoplpush b2 b1 0
        blmpop 0 2 nokey b1 right count 5
        exists b1
        blpop b1 -1
        blpop b1 abc
        blpop b1 -inf
        blmove b1 b2 left middle x
        blmpop x 1 b1 left
        blmpop -1 0 b1 left
        blmpop -1 1 b1 middle
        rpush big 1 2 3
        type big
        copy big big2
        lrange big2 0 -1
        rename big2 big3
        lrange big3 0 -1
        command info lpush rpush lpushx rpushx lpop rpop llen lrange lindex lset linsert lrem ltrim lpos
        command info lmove rpoplpush lmpop blpop brpop blmove brpoplpush blmpop
        lpush
        lpop
        lrange l 0
        blpop b1
        """;


    @Test
    void resp2RepliesMatchRedis() throws Exception {
        compare(2, "1");
    }

    @Test
    void resp3RepliesMatchRedis() throws Exception {
        compare(3, "2");
    }

    /** Runs the script on both servers in database {@code db}, so the two tests never meet. */
    private static void compare(int protocol, String db) throws Exception {
        try (RespProbe real = RespProbe.open(redis.port(), protocol);
             RespProbe ours = RespProbe.open(redoubt.port(), protocol)) {
            assertThat(ours.call("SELECT", db)).isEqualTo(real.call("SELECT", db));
            for (String line : SCRIPT.strip().split("\n")) {
                String[] args = Arrays.stream(line.strip().split(" +")).map(a -> a.equals("\"\"") ? "" : a)
                    .toArray(String[]::new);
                assertThat(ours.call(args)).as(line).isEqualTo(real.call(args));
            }
        }
    }
}
