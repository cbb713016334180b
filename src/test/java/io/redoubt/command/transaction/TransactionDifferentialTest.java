package io.redoubt.command.transaction;

import io.redoubt.support.RedoubtBesideRedis;
import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RespProbe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same transaction script on Redoubt and on a real redis-server: replies and error texts must match. */
class TransactionDifferentialTest extends RedoubtBesideRedis {
    private static final String[] SCRIPT = {
        "DISCARD", "EXEC", "MULTI", "MULTI", "WATCH k", "SET a 1", "EXEC",
        "MULTI", "EXEC x", "EXEC",
        "MULTI", "SET a", "NOSUCH b", "EXEC",
        "LPUSH l x", "MULTI", "INCR l", "INCR a", "UNWATCH", "BLPOP nothing 0", "EXEC",
        "MULTI", "GET a", "DISCARD x", "DISCARD", "DISCARD",
        "WATCH", "WATCH a a b", "UNWATCH", "UNWATCH x",
    };

    @Test
    void repliesMatchRedis() throws Exception {
        for (int protocol : new int[] {2, 3}) {
            assertThat(run(redoubt.port(), protocol)).isEqualTo(run(redis.port(), protocol));
        }
    }

    private static List<String> run(int port, int protocol) throws Exception {
        List<String> out = new ArrayList<>();
        try (RespProbe p = RespProbe.open(port, protocol)) {
            p.call("FLUSHALL");
            for (String line : SCRIPT) {
                out.add(line + " -> " + p.call(line.split(" ")));
            }
        }
        return out;
    }
}
