package io.redoubt.persistence;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.resps.Tuple;

/**
 * A data set with every type in every encoding Redis 7 has for it (int, embstr and raw strings, compressible
 * and binary ones; small and large lists, one with an element above 8 KB; intsets of 16, 32 and 64-bit
 * integers, small and large sets of strings; listpack and hashtable hashes; listpack and skiplist sorted sets
 * with integral, fractional and infinite scores), keys with times to live, in two databases. Filled through a
 * client, so the same data goes into Redoubt and a real Redis; {@link #snapshot} reads it all back.
 */
final class DataSet {
    private static final HexFormat HEX = HexFormat.of();

    private DataSet() {
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every key {@link #fill} writes to database 0 whose DUMP is the same on Redis 7.0 and 7.2 (and Redoubt). */
    static final List<String> DETERMINISTIC_DUMPS = List.of("s:int", "s:neg", "s:bigint", "s:short", "s:embstr",
        "s:raw", "s:binary", "s:empty", "s:appended", "s:float", "l:small", "l:ints", "l:large", "set:int16",
        "set:int32", "set:int64", "h:small", "z:small", "z:large", "z:longmember");

    static void fill(Jedis j) {
        Random r = new Random(7);
        j.select(0);
        j.set("s:int", "12345");
        j.set("s:neg", "-70000");
        j.set("s:bigint", "12345678901234567");
        j.set("s:short", "hello");
        j.set("s:embstr", "x".repeat(40));
        j.set("s:raw", "abc".repeat(400));
        byte[] binary = new byte[300];
        r.nextBytes(binary);
        j.set(b("s:binary"), binary);
        j.set("s:empty", "");
        j.set("s:appended", "start");
        j.append("s:appended", "-more".repeat(10));
        j.set("s:float", "3.14");
        j.rpush("l:small", "a", "b", "c", "", "x".repeat(100));
        j.rpush("l:ints", "0", "127", "128", "-1", "4095", "-4096", "32767", "-32768", "8388607", "-8388608",
            "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808", "007", "1.5");
        for (int i = 0; i < 2000; i++) {
            j.rpush("l:large", "element-number-" + i);
        }
        j.rpush(b("l:bigelement"), b("small"), b("y".repeat(10000)), b("after"));
        j.sadd("set:int16", "1", "2", "3", "-7");
        j.sadd("set:int32", "1", "70000", "-70000");
        j.sadd("set:int64", "1", "5000000000", "-9223372036854775808");
        j.sadd("set:strings", "apple", "banana", "cherry");
        for (int i = 0; i < 700; i++) {
            j.sadd("set:large", "member-" + i);
            j.sadd("set:largeints", Integer.toString(i * 3));
        }
        j.hset("h:small", Map.of("f1", "v1"));
        j.hset("h:small", "f2", "2");
        j.hset("h:small", "f3", "z".repeat(30));
        for (int i = 0; i < 300; i++) {
            j.hset("h:large", "field-" + i, "value-" + i);
        }
        j.hset("h:longvalue", "f", "v".repeat(100));
        j.zadd("z:small", 1, "a");
        j.zadd("z:small", 2.5, "b");
        j.zadd("z:small", -3, "c");
        j.zadd("z:small", Double.POSITIVE_INFINITY, "top");
        j.zadd("z:small", Double.NEGATIVE_INFINITY, "bottom");
        j.zadd("z:small", 1e15, "big");
        for (int i = 0; i < 300; i++) {
            j.zadd("z:large", i * 0.5 - 20, "m" + i);
        }
        j.zadd("z:longmember", 1, "m".repeat(100));
        j.set("ttl:string", "soon");
        j.pexpireAt("ttl:string", System.currentTimeMillis() + 3_600_000);
        j.rpush("ttl:list", "a");
        j.pexpireAt("ttl:list", System.currentTimeMillis() + 7_200_000);
        j.select(1);
        j.set("db1:key", "in database one");
        j.zadd("db1:zset", 5, "five");
        j.pexpireAt("db1:zset", System.currentTimeMillis() + 600_000);
        j.select(0);
    }

    /** Every key of databases 0 to 2 with its type, full content and absolute expiry time. */
    static Map<String, String> snapshot(Jedis j) {
        Map<String, String> out = new TreeMap<>();
        for (int db = 0; db < 3; db++) {
            j.select(db);
            for (byte[] key : j.keys(b("*"))) {
                String k = db + "/" + new String(key, StandardCharsets.UTF_8);
                String type = j.type(key);
                out.put(k, type + " " + content(j, key, type) + " expires " + j.pexpireTime(key));
            }
        }
        j.select(0);
        return out;
    }

    static String content(Jedis j, byte[] key, String type) {
        switch (type) {
            case "string":
                return HEX.formatHex(j.get(key));
            case "list": {
                List<String> items = new ArrayList<>();
                j.lrange(key, 0, -1).forEach(e -> items.add(HEX.formatHex(e)));
                return items.toString();
            }
            case "set": {
                List<String> items = new ArrayList<>();
                j.smembers(key).forEach(e -> items.add(HEX.formatHex(e)));
                items.sort(null);
                return items.toString();
            }
            case "hash": {
                Map<String, String> m = new TreeMap<>();
                j.hgetAll(key).forEach((f, v) -> m.put(HEX.formatHex(f), HEX.formatHex(v)));
                return m.toString();
            }
            case "zset": {
                List<String> items = new ArrayList<>();
                for (Tuple t : j.zrangeWithScores(key, 0, -1)) {
                    items.add(HEX.formatHex(t.getBinaryElement()) + "=" + t.getScore());
                }
                return items.toString();
            }
            default:
                throw new AssertionError("unexpected type " + type);
        }
    }
}
