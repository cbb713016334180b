package io.redoubt.command.zset;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RespProbe;
import io.redoubt.support.RealRedis;
import io.redoubt.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * COMMAND INFO of every sorted-set command, reply for reply against a real redis-server: arity, flags, key
 * positions, ACL categories, tips and key specs. Redis 7.2 gave ZRANK and ZREVRANK arity -3 (WITHSCORE)
 * where the installed 7.0 says 3.
 */
class SortedSetMetadataTest {
    static final List<String> COMMANDS = List.of("zadd", "zincrby", "zrem", "zcard", "zcount", "zlexcount", "zscore",
        "zmscore", "zrank", "zrevrank", "zrange", "zrangestore", "zrangebyscore", "zrevrangebyscore", "zrangebylex",
        "zrevrangebylex", "zrevrange", "zremrangebyrank", "zremrangebyscore", "zremrangebylex", "zpopmin", "zpopmax",
        "zmpop", "zrandmember", "zunion", "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore",
        "zintercard", "zscan");

    @Test
    void commandInfoMatchesRedis() throws Exception {
        try (RealRedis redis = RealRedis.startEmpty();
             TestServer ours = TestServer.start();
             RespProbe real = RespProbe.open(redis.port(), 2);
             RespProbe mine = RespProbe.open(ours.port(), 2)) {
            for (String name : COMMANDS) {
                String expected = real.call("command", "info", name);
                if (name.equals("zrank") || name.equals("zrevrank")) {
                    expected = expected.replace("\"" + name + "\", :3,", "\"" + name + "\", :-3,");
                }
                assertThat(mine.call("command", "info", name)).as(name).isEqualTo(expected);
            }
            assertThat(mine.call("command", "getkeys", "zunionstore", "d", "2", "a", "b", "weights", "1", "2"))
                .isEqualTo("[\"d\", \"a\", \"b\"]");
        }
    }
}
