package io.redoubt.command.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RedoubtBesideRedis;
import io.redoubt.support.RespProbe;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE against a real redis-server (started with DEBUG enabled): the same
 * commands go to both servers, then the digests must be equal, for every type, every encoding, integer
 * strings, expiry and several databases. The installed reference is Redis 7.0, which prints scores with
 * "%.17g" where 7.2 uses the shortest round-trip form; the scores here print the same both ways.
 */
class DatasetDigestDifferentialTest extends RedoubtBesideRedis {
    private static String script() {
        String ints = String.join(" ", IntStream.range(0, 600).mapToObj(Integer::toString).toList());
        String words = String.join(" ", IntStream.range(0, 200).mapToObj(i -> "w" + i).toList());
        String zbig = String.join(" ", IntStream.range(0, 200).mapToObj(i -> (i * 0.5) + " m" + i).toList());
        String hbig = String.join(" ", IntStream.range(0, 200).mapToObj(i -> "f" + i + " " + i).toList());
        return """
            flushall
            debug digest
            debug digest-value nokey
            set s1 hello
            debug digest
            set n1 12345
            set n2 -9223372036854775808
            set big xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            append ap abc
            append ap def
            setrange sr 5 zz
            set empty ""
            debug digest-value s1 n1 n2 big ap sr empty nokey
            debug digest
            rpush l1 a b 1 2 c
            rpush l2 %s
            lpush l3 z y x
            debug digest-value l1 l2 l3
            debug digest
            sadd is 3 1 2
            sadd ls a b c
            sadd bs %s
            sadd hs %s
            debug digest-value is ls bs hs
            debug digest
            zadd z1 1 a 0.5 b -2.5 c 3.125 d inf e -inf f 123456.75 g 100000000000000000 h
            zadd z2 %s
            zadd z3 1 10 2 20
            debug digest-value z1 z2 z3
            debug digest
            hset h1 f v g 12 h ""
            hset h2 %s
            debug digest-value h1 h2
            debug digest
            set t1 v
            expire t1 1000
            rpush t2 a
            pexpire t2 100000
            debug digest-value t1 t2
            debug digest
            persist t1
            debug digest-value t1
            debug digest
            select 1
            set s1 hello
            debug digest
            select 2
            set other 1
            debug digest
            select 0
            del s1
            debug digest
            """.formatted(words, ints, words, zbig, hbig);
    }

    @Test
    void digestsMatchRedis() throws Exception {
        DifferentialScript s = new DifferentialScript(script(), DatasetDigestDifferentialTest::keyPositions,
            (args, reply) -> reply);
        s.run(redoubt.port(), redis.port(), 2, "k:");
        s.run(redoubt.port(), redis.port(), 3, "k:");
    }

    @Test
    void anEmptyDatasetIsFortyZeros() throws Exception {
        try (RespProbe p = RespProbe.open(redoubt.port(), 2)) {
            p.call("FLUSHALL");
            assertThat(p.call("DEBUG", "DIGEST")).contains("0".repeat(40));
            assertThat(p.call("DEBUG", "DIGEST-VALUE", "a", "b")).contains("0".repeat(40));
        }
    }

    private static int[] keyPositions(String[] args) {
        String cmd = args[0].toLowerCase();
        if (List.of("flushall", "select").contains(cmd)) {
            return new int[0];
        }
        if (cmd.equals("debug")) {
            return IntStream.range(2, args.length).toArray();
        }
        return new int[] {1};
    }
}
