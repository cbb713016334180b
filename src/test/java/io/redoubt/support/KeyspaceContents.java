package io.redoubt.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every key of a server read back through a client, in a form two servers can be compared by. */
public final class KeyspaceContents {
    private KeyspaceContents() {
    }

    /**
     * db:key -> type and contents (sets and hashes sorted, scores as doubles) and whether the key has a time
     * to live, for databases 0 to databases-1: equal for two servers holding the same data.
     */
    public static Map<String, String> of(RawConnection c, int databases) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (int db = 0; db < databases; db++) {
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
}
