package io.redoubt.command.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RedoubtBesideRedis;
import io.redoubt.support.RespProbe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WATCH is invalidated only by commands that really modify the key (Redis's signalModifiedKey), not by every
 * write command that names it. Each case: connection A sets up and watches a key, connection B runs one
 * command, A runs MULTI / PING / EXEC. The replies of B and of EXEC (null when the transaction was aborted)
 * must be the same on Redoubt and on a real redis-server.
 */
class WatchModificationDifferentialTest extends RedoubtBesideRedis {
    /** setup commands (';'-separated, may be empty) | watched key | the other connection's command. */
    private static final String[] CASES = {
        "set k v | k | set k w nx",
        "set k v | k | set k w xx",
        "set k v | k | set k v",
        "| k | del k",
        "set a 1 | b | del a b",
        "set a 1 | a | del a b",
        "| k | set k v xx",
        "set k v | k | setnx k w",
        "set k v | k | msetnx k v x y",
        "set k v | k | mset k v",
        "set k 1 | k | incrby k 0",
        "set k v | k | append k \"\"",
        "set k v | k | setrange k 0 \"\"",
        "set k v | k | setrange k 0 v",
        "set k v | k | getex k",
        "set k v | k | getex k persist",
        "set k v | k | getdel nokey",
        "set k v | k | expire k 100 xx",
        "set k v | k | expire k 100",
        "set k v | k | persist k",
        "set k v; expire k 100 | k | expire k 50 gt",
        "set k v; expire k 100 | k | persist k",
        "| k | expire k 100",
        "sadd s m | s | sadd s m",
        "sadd s m | s | sadd s n",
        "sadd s m | s | srem s x",
        "sadd s m | s | srem s m",
        "sadd s1 m; sadd s2 m | s2 | smove s1 s2 m",
        "sadd s1 m; sadd s2 m | s1 | smove s1 s2 m",
        "sadd s1 m | s1 | smove s1 s2 x",
        "| d | sinterstore d nokey1 nokey2",
        "set d x | d | sinterstore d nokey1",
        "sadd a 1; sadd d 1 | d | sunionstore d a",
        "hset h f v | h | hset h f v",
        "hset h f v | h | hsetnx h f w",
        "hset h f v | h | hdel h nope",
        "hset h f 1 | h | hincrby h f 0",
        "zadd z 1 m | z | zadd z 1 m",
        "zadd z 1 m | z | zadd z 2 m",
        "zadd z 1 m | z | zadd z xx 5 n",
        "zadd z 1 m | z | zincrby z 0 m",
        "zadd z 1 m | z | zrem z x",
        "zadd z 1 m | z | zremrangebyscore z 5 10",
        "zadd z 1 m | z | zremrangebyrank z 5 10",
        "zadd z 1 m | z | zpopmin nokey",
        "rpush l a | l | lrem l 0 x",
        "rpush l a | l | lrem l 0 a",
        "rpush l a | l | ltrim l 0 -1",
        "rpush l a | l | linsert l before zz x",
        "rpush l a | l | lset l 0 a",
        "| l | lpushx l a",
        "| l | lpop l",
        "rpush l a b | l | lmove l l left right",
        "rpush l a | l2 | lmove nokey l2 left right",
        "rpush l 3 1 2 | l | sort l",
        "zadd z 2 a 1 b | z | sort z",
        "rpush l 3 1 2 | d | sort l store d",
        "| d | sort nokey store d",
        "set d x | d | sort nokey store d",
        "set a 1 | b | rename a b",
        "set a 1 | a | rename a a",
        "set a 1; set b 2 | b | renamenx a b",
        "set k v | k | copy k k2",
        "set k v | k2 | copy k k2",
        "set k v | k | lpop k",
        "set k v | k | move k 1",
        "set k v | k | unlink nokey",
    };

    @Test
    void execAbortsOnlyWhenTheWatchedKeyReallyChanged() throws Exception {
        for (int protocol : new int[] {2, 3}) {
            assertThat(run(redoubt.port(), protocol)).isEqualTo(run(redis.port(), protocol));
        }
    }

    private static List<String> run(int port, int protocol) throws Exception {
        List<String> out = new ArrayList<>();
        try (RespProbe a = RespProbe.open(port, protocol);
             RespProbe b = RespProbe.open(port, protocol)) {
            for (String c : CASES) {
                String[] parts = c.split("\\|");
                a.call("FLUSHALL");
                for (String setup : parts[0].split(";")) {
                    if (!setup.isBlank()) {
                        a.call(DifferentialScript.split(setup));
                    }
                }
                a.call("WATCH", parts[1].strip());
                String other = b.call(DifferentialScript.split(parts[2]));
                a.call("MULTI");
                a.call("PING");
                out.add(c + " -> " + other + " / EXEC " + a.call("EXEC"));
            }
            a.call("FLUSHALL");
        }
        return out;
    }
}
