package io.redoubt.command.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RedoubtBesideRedis;
import io.redoubt.support.RespProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keyspace notifications compared with a real redis-server: a subscriber to {@code __key*__:*} watches a
 * script of commands of every family run by another connection (P), and a third connection (B) blocks; the
 * messages each command produces, in order, and the commands' replies must be the same on both servers.
 * {@code SLEEP ms} waits (lazy expiry with the active cycle off, then active expiry); {@code B> ...} sends without reading, {@code B<} reads.
 * An argument {@code @dump:key} stands for the payload DUMP gives for that key on the same server (for RESTORE).
 */
class KeyspaceNotificationDifferentialTest extends RedoubtBesideRedis {
    static final String SCRIPT = """
        P CONFIG SET notify-keyspace-events KEg$lshzxetn
        P CONFIG GET notify-keyspace-events
        P SET s1 v
        P SET s1 v2 EX 100
        P SET s1 v2 KEEPTTL
        P SET s1 v3 XX GET
        P SET s1 v4 NX
        P SETNX s1 x
        P SETNX s2 x
        P SETEX s3 100 v
        P PSETEX s4 100000 v
        P GETSET s1 v3
        P MSET m1 a m2 b
        P MSETNX m1 a m3 c
        P MSETNX m4 a m5 c
        P APPEND s1 more
        P APPEND s5 new
        P SETRANGE s1 0 X
        P SETRANGE s6 0 ""
        P SETRANGE s1 0 ""
        P SETRANGE s6 2 ab
        P INCR n1
        P INCRBY n1 5
        P DECR n1
        P DECRBY n1 2
        P INCRBYFLOAT n1 1.5
        P GETDEL s2
        P GETDEL nosuch
        P GETEX s1 EX 100
        P GETEX s1 PERSIST
        P GETEX s1 PERSIST
        P GETEX s1
        P GETEX s3 PXAT 1
        P SET k1 v
        P EXPIRE k1 100
        P PEXPIRE k1 100000
        P EXPIREAT k1 99999999999
        P PEXPIREAT k1 99999999999999
        P EXPIRE k1 100 NX
        P PERSIST k1
        P PERSIST k1
        P EXPIRE k1 -1
        P EXPIRE k1 100
        P DEL m1 m2 nosuch
        P UNLINK m3
        P SET r1 v
        P RENAME r1 r2
        P SET r3 v
        P RENAME r2 r3
        P RENAMENX r3 r4
        P SET r5 x
        P RENAMENX r4 r5
        P RENAME r4 r4
        P COPY r4 c1
        P COPY r4 c1
        P COPY r4 c1 REPLACE
        P COPY r4 c2 DB 1
        P MOVE c1 2
        P MOVE c1 2
        P LPUSH l1 a b c
        P RPUSH l1 d
        P LPUSHX l1 e
        P RPUSHX nosuch e
        P LINSERT l1 BEFORE a z
        P LINSERT l1 BEFORE nosuchpivot z
        P LSET l1 0 y
        P LREM l1 1 z
        P LREM l1 0 nosuch
        P LTRIM l1 0 2
        P LPOP l1
        P RPOP l1 1
        P LPOP l1 0
        P LMOVE l1 l2 LEFT RIGHT
        P RPOPLPUSH l2 l2
        P RPOPLPUSH l2 l3
        P LMPOP 2 nosuch l3 LEFT COUNT 5
        P RPUSH l4 a b
        P BRPOP l4 1
        P BLPOP l4 1
        P LPUSH l5 a b
        P BLMOVE l5 l6 RIGHT LEFT 1
        P BLMPOP 1 1 l5 LEFT
        P LTRIM l6 1 0
        B> BLPOP bw 0
        P LPUSH bw x y
        B<
        B> BLMOVE bm1 bm2 LEFT RIGHT 0
        P RPUSH bm1 x
        B<
        P HSET h1 f v g w
        P HSET h1 f v
        P HSETNX h1 f x
        P HSETNX h1 n x
        P HMSET h1 a b
        P HINCRBY h1 c 3
        P HINCRBYFLOAT h1 c 1.5
        P HDEL h1 nosuch
        P HDEL h1 f g n a c
        P SADD t1 a b c
        P SADD t1 a
        P SREM t1 a nosuch
        P SMOVE t1 t2 b
        P SMOVE t1 t2 c
        P SMOVE nosuch t2 c
        P SADD t3 x
        P SPOP t3
        P SADD t4 x
        P SPOP t4 0
        P SPOP t4 5
        P SADD t5 1 2 3
        P SADD t6 2 3 4
        P SINTERSTORE t7 t5 t6
        P SUNIONSTORE t8 t5 t6
        P SDIFFSTORE t9 t5 t5
        P SDIFFSTORE t8 t5 t5
        P SINTERSTORE t7 nosuch t5
        P ZADD z1 1 a 2 b
        P ZADD z1 1 a
        P ZADD z1 XX 3 a
        P ZADD z1 XX 3 nosuch
        P ZADD z1 INCR 1 a
        P ZADD z1 INCR 0 a
        P ZINCRBY z1 2 b
        P ZADD z1 NX 1 c
        P ZREM z1 nosuch
        P ZREM z1 c
        P ZPOPMIN z1
        P ZADD z2 1 a 2 b 3 c 4 d
        P ZPOPMAX z2 2
        P ZREMRANGEBYRANK z2 0 0
        P ZADD z2 5 e 6 f
        P ZREMRANGEBYSCORE z2 5 5
        P ZREMRANGEBYSCORE z2 50 50
        P ZADD z2 0 m 0 n
        P ZREMRANGEBYLEX z2 [m [m
        P ZUNIONSTORE z3 2 z1 z2
        P ZINTERSTORE z4 2 z1 z2
        P ZDIFFSTORE z5 1 z2
        P ZRANGESTORE z6 z2 0 0
        P ZRANGESTORE z6 nosuch 0 -1
        P ZMPOP 1 z2 MIN COUNT 10
        P BZPOPMIN z5 1
        P BZPOPMAX z3 1
        P BZMPOP 1 1 z1 MAX
        P ZADD z7 1 a
        P ZREMRANGEBYRANK z7 0 -1
        P RPUSH sl 3 1 2
        P SORT sl STORE sd
        P SORT sl DESC LIMIT 0 2 STORE sd
        P SORT sl LIMIT 0 0 STORE sd
        P SORT sl LIMIT 0 0 STORE sd
        P SET sstr v
        P SORT sl ALPHA STORE sstr
        P SORT_RO nosuch
        P SET rsrc hello
        P RESTORE r1 0 @dump:rsrc
        P RESTORE r1 0 @dump:rsrc
        P RESTORE r1 0 @dump:rsrc REPLACE
        P RESTORE r2 100000 @dump:rsrc
        P TYPE r2
        P RESTORE r2 1 @dump:rsrc REPLACE ABSTTL
        P RESTORE r3 1 @dump:rsrc ABSTTL
        P EXISTS r2 r3
        P DEBUG RELOAD
        P DBSIZE
        P DEBUG SET-ACTIVE-EXPIRE 0
        P SET e1 v PX 1
        SLEEP 50
        P EXISTS e0
        P GET e1
        P DEBUG SET-ACTIVE-EXPIRE 1
        P SET e2 v PX 1
        SLEEP 1500
        P SWAPDB 0 1
        P SWAPDB 0 1
        P CONFIG SET notify-keyspace-events KEm
        P GET nosuch
        P MGET nosuch1 nosuch2
        P HGET nosuch f
        P LRANGE nosuch 0 -1
        P SMEMBERS nosuch
        P ZSCORE nosuch a
        P STRLEN nosuch
        P EXISTS nosuch
        P TYPE nosuch
        P TTL nosuch
        P OBJECT ENCODING nosuch
        P TOUCH nosuch
        P SET x y
        P GET x
        P CONFIG SET notify-keyspace-events ""
        P SET quiet v
        """;

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void notificationsMatchRedis(int protocol) throws Exception {
        List<String> theirs = transcript(redis.port(), protocol);
        List<String> ours = transcript(redoubt.port(), protocol);
        for (int i = 0; i < Math.min(theirs.size(), ours.size()); i++) {
            assertThat(ours.get(i)).as("after:\n" + String.join("\n", theirs.subList(Math.max(0, i - 30), i)))
                .isEqualTo(theirs.get(i));
        }
        assertThat(ours).hasSameSizeAs(theirs);
        assertThat(String.join("\n", ours)).contains("__keyevent@0__:expired\", \"e1", "__keyevent@0__:expired\", \"e2",
            "__keyevent@0__:keymiss", "__keyevent@1__:copy_to", "__keyevent@2__:move_to", "__keyevent@0__:lpop\", \"bw",
            "__keyevent@0__:sortstore\", \"sd", "__keyevent@0__:restore\", \"r1");
    }

    /** The words as bytes, each {@code @dump:key} replaced by that key's DUMP payload. */
    private static byte[][] arguments(RespProbe p, String[] words) throws IOException {
        byte[][] raw = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            raw[i] = words[i].startsWith("@dump:") ? dump(p, words[i].substring(6))
                : words[i].getBytes(StandardCharsets.UTF_8);
        }
        return raw;
    }

    private static byte[] dump(RespProbe p, String key) throws IOException {
        RawConnection c = p.connection();
        c.send(RawConnection.command("DUMP", key));
        String header = c.line();
        assertThat(header).startsWith("$");
        byte[] withCrlf = c.read(Integer.parseInt(header.substring(1)) + 2);
        return Arrays.copyOf(withCrlf, withCrlf.length - 2);
    }

    /** Each line, its reply, then the messages the subscriber received for it. */
    private static List<String> transcript(int port, int protocol) throws Exception {
        List<String> out = new ArrayList<>();
        try (RespProbe sub = RespProbe.open(port, protocol);
             RespProbe p = RespProbe.open(port, 2);
             RespProbe b = RespProbe.open(port, 2)) {
            p.call("FLUSHALL");
            sub.call("PSUBSCRIBE", "__key*__:*");
            int n = 0;
            for (String line : SCRIPT.strip().split("\n")) {
                String[] words = DifferentialScript.split(line);
                out.add(line.strip());
                switch (words[0]) {
                    case "SLEEP" -> Thread.sleep(Long.parseLong(words[1]));
                    case "B>" -> b.send(Arrays.copyOfRange(words, 1, words.length));
                    case "B<" -> out.add("  " + b.next());
                    default -> out.add("  " + p.call(arguments(p, Arrays.copyOfRange(words, 1, words.length))));
                }
                String marker = "marker-" + n++;
                sub.send("PING", marker);
                for (;;) {
                    String r = sub.next();
                    if (r.equals("\"" + marker + "\"") || r.equals("[\"pong\", \"" + marker + "\"]")) {
                        break;
                    }
                    out.add("    " + r);
                }
            }
            p.call("FLUSHALL");
        }
        return out;
    }
}
