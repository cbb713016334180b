package io.redoubt.persistence.aof;

import io.redoubt.support.RawConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** db:key -> type and contents (sets and hashes sorted), and whether the key has a time to live. */
    static Map<String, String> snapshot(RawConnection c) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (int db = 0; db < 16; db++) {
            c.call("SELECT", Integer.toString(db));
            @SuppressWarnings("unchecked")
            List<Object> keys = (List<Object>) c.call("KEYS", "*");
            for (Object k : keys) {
                String key = (String) k;
                String type = (String) c.call("TYPE", key);
                Object value = switch (type) {
                    case "string" -> c.call("GET", key);
                    case "list" -> c.call("LRANGE", key, "0", "-1");
                    case "set" -> sorted(c.call("SMEMBERS", key));
                    case "zset" -> scores(c.call("ZRANGE", key, "0", "-1", "WITHSCORES"));
                    case "hash" -> sortedPairs(c.call("HGETALL", key));
                    default -> type;
                };
                long ttl = (Long) c.call("PTTL", key);
                out.put(db + ":" + key, type + " " + value + (ttl > 0 ? " (ttl)" : ""));
            }
        }
        c.call("SELECT", "0");
        return out;
    }

    /** Members with their scores as doubles: Redis 7.0 prints 0.1 as 0.10000000000000001, 7.2 as 0.1. */
    private static List<String> scores(Object reply) {
        List<String> out = new ArrayList<>();
        List<?> l = (List<?>) reply;
        for (int i = 0; i + 1 < l.size(); i += 2) {
            out.add(l.get(i) + "=" + Double.parseDouble((String) l.get(i + 1)));
        }
        return out;
    }

    private static List<String> sorted(Object list) {
        List<String> l = new ArrayList<>();
        ((List<?>) list).forEach(o -> l.add((String) o));
        l.sort(Comparator.naturalOrder());
        return l;
    }

    private static Map<String, String> sortedPairs(Object reply) {
        Map<String, String> m = new TreeMap<>();
        if (reply instanceof Map<?, ?> map) {
            map.forEach((k, v) -> m.put((String) k, (String) v));
        } else {
            List<?> l = (List<?>) reply;
            for (int i = 0; i + 1 < l.size(); i += 2) {
                m.put((String) l.get(i), (String) l.get(i + 1));
            }
        }
        return m;
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
