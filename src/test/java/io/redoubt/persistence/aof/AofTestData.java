package io.redoubt.persistence.aof;

import io.redoubt.support.KeyspaceContents;
import io.redoubt.support.RawConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Data of every type written through a client, and a comparable picture of what a server holds. */
final class AofTestData {
    private AofTestData() {
    }

    /** Writes strings, lists, sets, sorted sets, hashes, expiries, counters, in databases 0 and 3. */
    static void write(RawConnection c) throws IOException {
        c.call("SELECT", "0");
        c.call("SET", "str", "hello world");
        c.call("SET", "bin", "a\r\nb\u0000c");
        c.call("INCRBY", "counter", "41");
        c.call("INCR", "counter");
        c.call("INCRBYFLOAT", "float", "2.5");
        c.call("APPEND", "str", "!");
        c.call("RPUSH", "list", "a", "b", "c");
        c.call("LPUSH", "list", "z");
        c.call("LPOP", "list");
        c.call("SADD", "set", "x", "y", "1", "2");
        c.call("SREM", "set", "y");
        c.call("SADD", "ints", "1", "2", "3");
        c.call("ZADD", "zset", "1.5", "m", "-2", "n", "0.1", "o");
        c.call("ZINCRBY", "zset", "1", "m");
        c.call("HSET", "hash", "f1", "v1", "f2", "v2");
        c.call("HINCRBYFLOAT", "hash", "n", "1.25");
        c.call("SET", "ttl", "v", "EX", "1000");
        c.call("SET", "gone", "v");
        c.call("DEL", "gone");
        for (int i = 0; i < 150; i++) {
            c.call("RPUSH", "biglist", "element-" + i);
            c.call("SADD", "bigset", "member-" + i);
            c.call("HSET", "bighash", "field-" + i, "value-" + i);
            c.call("ZADD", "bigzset", Integer.toString(i), "m" + i);
        }
        c.call("SELECT", "3");
        c.call("SET", "in3", "three");
        c.call("RPUSH", "l3", "q");
        c.call("SELECT", "0");
    }

    /** db:key -> type and contents of all 16 databases (see {@link KeyspaceContents}). */
    static Map<String, String> snapshot(RawConnection c) throws IOException {
        return KeyspaceContents.of(c, 16);
    }

    /** The file names in a directory, sorted. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Polls INFO persistence until no rewrite runs. */
    static void awaitNoRewrite(RawConnection c) throws Exception {
        for (int i = 0; i < 300; i++) {
            String info = (String) c.call("INFO", "persistence");
            if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("AOF rewrite still running");
    }
}
