package io.redoubt.command.string;

import io.redoubt.support.RedoubtBesideRedis;
import io.redoubt.support.DifferentialScript;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Runs one script of string commands against Redoubt and against a real redis-server started for the
 * test, in RESP2 and RESP3, and requires every reply to be identical, type included. Skipped (failed in
 * CI) when redis-server is not installed.
 */
class StringDifferentialTest extends RedoubtBesideRedis {
    /** One command a line; {@code ""} is an empty argument. Fresh servers: every key starts missing. */
    private static final String SCRIPT = """
        get a
        set a 10.5
        incrbyfloat a 0.1
        incrbyfloat a 5.0e3
        incrbyfloat a -5
        incrbyfloat a 1e400
        incrbyfloat a abc
        incrbyfloat a inf
        incrbyfloat fl 0x1.8p1
        set k v nx xx
        set k v ex 10 px 100
        set k v keepttl ex 10
        set k v ex
        set k v ex 0
        set k v ex abc
        set k v pxat 0
        set k v ex 9223372036854775
        set k v px 9223372036854775807
        set k v persist
        set k v ""
        set k v get get
        set k v nx
        set k w nx get
        set k x xx get
        set k2 v xx get
        set k2 v xx
        get k2
        set k v keepttl
        set k v exat 1
        get k
        set k v pxat 100 get
        setnx k v
        setnx k w
        setex k 0 v
        setex k abc v
        psetex k -1 v
        setex k 100 v2
        psetex k 100000 v3
        getex k persist ex 10
        getex k nx
        getex k ex 0
        getex nope ex 0
        getex nope foo
        getex k ex 100
        getex k persist
        getex k
        getex k exat 1
        get k
        getdel k
        getset k 1
        getset k 2
        getdel k
        mset a
        mset a 1 b
        msetnx a 1 b
        mset a 1 a 2
        msetnx a 1 c 3
        msetnx c 3 c 4
        mget a b c nosuch
        decrby a -9223372036854775808
        incrby a 9223372036854775807
        set n 9223372036854775807
        incr n
        decr n
        incrby n abc
        set n 01
        incr n
        incr cnt
        incrby cnt 10
        decrby cnt 3
        decr cnt
        append d 123
        append d ""
        append e ""
        append e hello
        strlen e
        strlen nope
        set s "Hello World"
        getrange s 0 4
        getrange s -5 -1
        getrange s 5 2
        getrange s -1 -5
        getrange s 0 -100
        getrange s -100 -50
        getrange s 20 30
        getrange nope 0 1
        getrange s a 1
        substr s 0 4
        setrange sr 5 ""
        get sr
        setrange sr 2 ab
        get sr
        setrange s 0 ""
        setrange s 6 Redis
        get s
        setrange t 536870912 x
        setrange t abc x
        setrange t -1 x
        set t 12
        append t 3
        incr t
        incrbyfloat t 0.5
        mset key1 ohmytext key2 mynewtext
        lcs key1 key2
        lcs key1 key2 len
        lcs key1 key2 idx
        lcs key1 key2 idx minmatchlen 4 withmatchlen
        lcs key1 key2 idx withmatchlen
        lcs key1 key2 len idx
        lcs key1 key2 minmatchlen
        lcs key1 key2 minmatchlen x
        lcs key1 key2 foo
        lcs m1 m2 idx
        lcs key1 m2
        mset x1 ABCBDAB x2 BDCABA y1 aaaa y2 aa
        lcs x1 x2 idx withmatchlen
        lcs x2 x1 idx withmatchlen
        lcs y1 y2 idx withmatchlen
        lcs y2 y1 idx
        mset p1 "the quick brown fox" p2 "a lazy dog jumps over quickly"
        lcs p1 p2
        lcs p1 p2 idx withmatchlen minmatchlen 2
        get
        mget
        lcs a
        set re 1
        set re 2
        object encoding re
        object refcount re
        set re 12345678901
        object encoding re
        object refcount re
        set re hello
        object encoding re
        set re xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
        object encoding re
        get re
        set re short
        get re
        strlen re
        append re more
        object encoding re
        get re
        set re again
        object encoding re
        get re
        getset re 7
        object refcount re
        object encoding re
        mset re 42 other 43
        get re
        object encoding re
        incr re
        object encoding re
        setrange re 0 9
        object encoding re
        get re
        set re ""
        strlen re
        object encoding re
        set re abcdefghij
        set re ab
        setrange re 6 X
        get re
        set re ab
        append re cd
        get re
        set re 1 get
        set re 2 xx get
        set re 3 nx
        get re
        """;

    @Test
    void resp2RepliesMatchRedis() throws Exception {
        compare(2, "2:");
    }

    @Test
    void resp3RepliesMatchRedis() throws Exception {
        compare(3, "3:");
    }

    /** Runs the script on both servers with keys under {@code prefix}, so the two tests do not meet. */
    private static void compare(int protocol, String prefix) throws Exception {
        new DifferentialScript(SCRIPT, StringDifferentialTest::keyPositions, (args, reply) -> reply)
            .run(redoubt.port(), redis.port(), protocol, prefix);
    }

    /** The key arguments of a string command line. */
    private static int[] keyPositions(String[] args) {
        String cmd = args[0].toLowerCase();
        int step = cmd.equals("mset") || cmd.equals("msetnx") ? 2 : 1;
        int first = cmd.equals("object") ? 2 : 1;
        int last = switch (cmd) {
            case "mget", "mset", "msetnx" -> args.length - 1;
            case "lcs", "object" -> Math.min(2, args.length - 1);
            default -> Math.min(1, args.length - 1);
        };
        return IntStream.iterate(first, i -> i <= last, i -> i + step).toArray();
    }
}
