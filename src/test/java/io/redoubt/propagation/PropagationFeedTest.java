package io.redoubt.propagation;

import static org.assertj.core.api.Assertions.assertThat;

import io.redoubt.support.RawConnection;
import io.redoubt.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The propagated stream as Redis 7 writes it to its AOF (checked against redis-server 7.0.15's AOF): commands
 * run through a real connection, a consumer records what the feed hands out, with its SELECTs.
 */
class PropagationFeedTest {
    private static TestServer server;
    private RawConnection c;
    private final Recorder recorder = new Recorder();

    /** Records the stream as one space-joined line per command. */
    private static class Recorder extends DbTrackingConsumer {
        final List<String> lines = new ArrayList<>();

        @Override
        protected synchronized void write(byte[][] argv) {
            StringBuilder b = new StringBuilder();
            for (byte[] a : argv) {
                b.append(b.isEmpty() ? "" : " ").append(new String(a, StandardCharsets.UTF_8));
            }
            lines.add(b.toString());
        }

        synchronized List<String> take() {
            List<String> out = new ArrayList<>(lines);
            lines.clear();
            return out;
        }
    }

    /** Records what a replica link is fed: replica-only effects (PUBLISH) too. */
    private static final class ReplicaRecorder extends Recorder {
        @Override
        public boolean feedsReplicas() {
            return true;
        }
    }

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        c = new RawConnection(server.port());
        c.call("FLUSHALL");
        withLock(() -> server.server().propagator().register(recorder));
        recorder.take();
        recorder.resetSelected();
    }

    @AfterEach
    void disconnect() throws Exception {
        withLock(() -> server.server().propagator().unregister(recorder));
        server.server().keyspace().activeExpireEnabled(true);
        c.call("CONFIG", "SET", "lazyfree-lazy-expire", "no");
        c.close();
    }

    private static void withLock(Runnable r) {
        ReentrantLock lock = server.server().keyspace().lock();
        lock.lock();
        try {
            r.run();
        } finally {
            lock.unlock();
        }
    }

    private String pexpiretime(String key) throws Exception {
        return String.valueOf(c.call("PEXPIRETIME", key));
    }

    @Test
    void writesGoOutAsReceivedWithASelectFirstAndReadsNotAtAll() throws Exception {
        c.call("SET", "a", "1");
        c.call("GET", "a");
        c.call("SRANDMEMBER", "nosuchset");
        c.call("hset", "h", "f", "v");
        c.call("hset", "h", "f", "v"); // same value: Redis still counts it a change
        c.call("SELECT", "3");
        c.call("SET", "b", "2");
        c.call("SELECT", "0");
        c.call("FLUSHDB");
        assertThat(recorder.take()).containsExactly("SELECT 0", "SET a 1", "hset h f v", "hset h f v",
            "SELECT 3", "SET b 2", "SELECT 0", "FLUSHDB");
    }

    @Test
    void aTransactionSettingOneKeyTwiceHandsOutBothValues() throws Exception {
        c.call("SET", "k", "000");
        c.call("SET", "k", "111"); // from here on the key's string is rewritten in place
        recorder.take();
        c.call("MULTI");
        c.call("SET", "k", "aaa");
        c.call("SET", "k", "bbb");
        c.call("MSET", "k", "ccc", "j", "ddd");
        c.call("EXEC");
        assertThat(recorder.take()).containsExactly("MULTI", "SET k aaa", "SET k bbb", "MSET k ccc j ddd", "EXEC");
        assertThat(c.call("GET", "k")).isEqualTo("ccc");
    }

    @Test
    void commandsThatChangeNothingPropagateNothing() throws Exception {
        c.call("SET", "k", "v");
        recorder.take();
        c.call("DEL", "missing");
        c.call("UNLINK", "missing");
        c.call("SET", "k", "w", "NX");
        c.call("SETNX", "k", "w");
        c.call("SADD", "s", "a");
        c.call("SADD", "s", "a");
        c.call("SREM", "s", "zz");
        c.call("HDEL", "nohash", "f");
        c.call("ZREM", "noz", "m");
        c.call("LPOP", "nolist");
        c.call("RPOPLPUSH", "nolist", "other");
        c.call("SPOP", "noset");
        c.call("ZPOPMIN", "noz");
        c.call("LMPOP", "1", "nolist", "LEFT");
        c.call("EXPIRE", "missing", "10");
        c.call("PERSIST", "k");
        c.call("GETEX", "k");
        c.call("GETDEL", "missing");
        c.call("MSETNX", "k", "1", "other", "2");
        c.call("ZADD", "z", "1", "m");
        c.call("ZADD", "z", "1", "m");
        c.call("ZADD", "z", "XX", "2", "new");
        c.call("ZINCRBY", "z", "0", "m");
        c.call("LPUSHX", "nolist", "x");
        c.call("LINSERT", "nolist", "BEFORE", "a", "b");
        c.call("LREM", "nolist", "0", "a");
        c.call("LTRIM", "nolist", "0", "1");
        c.call("RENAMENX", "k", "s");
        c.call("RENAME", "k", "k");
        c.call("HSET", "h", "f", "v");
        c.call("HSETNX", "h", "f", "w");
        c.call("SMOVE", "s", "t", "nomember");
        assertThat(recorder.take()).containsExactly("SADD s a", "ZADD z 1 m", "HSET h f v");
    }

    @Test
    void relativeExpiriesBecomeAbsolute() throws Exception {
        c.call("SET", "a", "1");
        c.call("EXPIRE", "a", "100");
        String t1 = pexpiretime("a");
        c.call("PEXPIRE", "a", "200000");
        String t2 = pexpiretime("a");
        c.call("EXPIREAT", "a", "4000000000");
        c.call("SET", "b", "1", "EX", "100", "NX");
        String tb = pexpiretime("b");
        c.call("SETEX", "c", "100", "v");
        String tc = pexpiretime("c");
        c.call("PSETEX", "d", "100000", "v");
        String td = pexpiretime("d");
        c.call("SET", "e", "v", "EXAT", "4000000000");
        c.call("SET", "f", "v", "PXAT", "4000000000123");
        c.call("GETEX", "f", "EX", "50");
        String tf = pexpiretime("f");
        c.call("GETEX", "f", "PERSIST");
        c.call("SET", "g", "v", "KEEPTTL");
        c.call("SET", "g", "w", "GET");
        assertThat(recorder.take()).containsExactly("SELECT 0", "SET a 1", "PEXPIREAT a " + t1, "PEXPIREAT a " + t2,
            "PEXPIREAT a 4000000000000", "SET b 1 PXAT " + tb, "SET c v PXAT " + tc, "SET d v PXAT " + td,
            "SET e v PXAT 4000000000000", "SET f v PXAT 4000000000123", "PEXPIREAT f " + tf, "PERSIST f",
            "SET g v KEEPTTL", "SET g w");
    }

    @Test
    void anExpiryInThePastDeletes() throws Exception {
        c.call("SET", "a", "1");
        c.call("SET", "b", "1");
        c.call("SET", "c", "1");
        recorder.take();
        c.call("EXPIRE", "a", "-1");
        c.call("PEXPIREAT", "b", "1");
        c.call("CONFIG", "SET", "lazyfree-lazy-expire", "yes");
        c.call("GETEX", "c", "PXAT", "1");
        assertThat(recorder.take()).containsExactly("DEL a", "DEL b", "UNLINK c");
    }

    @Test
    void expiredKeysArePropagatedAsDelOrUnlink() throws Exception {
        server.server().keyspace().activeExpireEnabled(false);
        c.call("SET", "e", "1", "PX", "1");
        c.call("SET", "f", "1", "PX", "1");
        c.call("SET", "g", "1", "PX", "1");
        Thread.sleep(20);
        recorder.take();
        c.call("GET", "f"); // a read deleting an expired key propagates its DEL alone
        c.call("SET", "e", "2"); // a write deleting one: both, wrapped in a transaction as Redis 7 does
        c.call("CONFIG", "SET", "lazyfree-lazy-expire", "yes");
        c.call("EXISTS", "g");
        assertThat(recorder.take()).containsExactly("DEL f", "MULTI", "DEL e", "SET e 2", "EXEC",
            "UNLINK g");
    }

    @Test
    void scanExpiringSeveralKeysDoesNotWrapTheirDels() throws Exception {
        server.server().keyspace().activeExpireEnabled(false);
        c.call("SET", "e1", "1", "PX", "1");
        c.call("SET", "e2", "1", "PX", "1");
        Thread.sleep(20);
        recorder.take();
        c.call("SCAN", "0", "COUNT", "100");
        assertThat(recorder.take()).containsExactlyInAnyOrder("DEL e1", "DEL e2");
    }

    @Test
    void activeExpiryPropagatesDel() throws Exception {
        c.call("SET", "e", "1", "PX", "1");
        recorder.take();
        for (int i = 0; i < 200 && (Long) c.call("DBSIZE") > 0; i++) {
            Thread.sleep(10);
        }
        assertThat(recorder.take()).containsExactly("DEL e");
    }

    @Test
    void computedResultsAreReplicatedAsValues() throws Exception {
        c.call("INCRBYFLOAT", "fl", "1.5");
        c.call("HINCRBYFLOAT", "h", "f", "2.5");
        c.call("SADD", "s", "only");
        c.call("SPOP", "s");
        c.call("SADD", "t", "a", "b", "c");
        c.call("SPOP", "t", "5");
        c.call("GETDEL", "fl");
        assertThat(recorder.take()).containsExactly("SELECT 0", "SET fl 1.5 KEEPTTL", "HSET h f 2.5", "SADD s only",
            "SREM s only", "SADD t a b c", "DEL t", "DEL fl");
    }

    @Test
    void spopWithACountIsOneSremPerMemberInATransaction() throws Exception {
        c.call("SADD", "s", "a", "b", "c");
        recorder.take();
        @SuppressWarnings("unchecked")
        List<Object> popped = (List<Object>) c.call("SPOP", "s", "2");
        assertThat(recorder.take()).containsExactly("MULTI", "SREM s " + popped.get(0),
            "SREM s " + popped.get(1), "EXEC");
    }

    @Test
    void blockingPopsGoOutAsTheirNonBlockingForms() throws Exception {
        c.call("RPUSH", "l", "a", "b", "c", "d");
        c.call("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
        recorder.take();
        c.call("BLPOP", "nolist", "l", "0");
        c.call("BRPOP", "l", "0");
        c.call("BLMOVE", "l", "l2", "LEFT", "RIGHT", "0");
        c.call("BRPOPLPUSH", "l2", "l", "0");
        c.call("BLMPOP", "0", "1", "l", "RIGHT", "COUNT", "5");
        c.call("LMPOP", "1", "l2", "LEFT");
        c.call("BZPOPMIN", "z", "0");
        c.call("BZMPOP", "0", "1", "z", "MAX", "COUNT", "2");
        c.call("ZMPOP", "1", "z", "MIN");
        assertThat(recorder.take()).containsExactly("LPOP l", "RPOP l", "LMOVE l l2 LEFT RIGHT",
            "RPOPLPUSH l2 l", "RPOP l 2", "ZPOPMIN z", "ZPOPMAX z 2", "ZPOPMIN z 1");
    }

    @Test
    void aBlockedPopServedLaterIsPropagatedWhenServed() throws Exception {
        try (RawConnection waiter = new RawConnection(server.port())) {
            waiter.send(RawConnection.command("BLPOP", "q", "0"));
            for (int i = 0; i < 200 && !String.valueOf(c.call("CLIENT", "LIST")).contains("cmd=blpop"); i++) {
                Thread.sleep(10);
            }
            c.call("RPUSH", "q", "x");
            assertThat(waiter.reply()).isEqualTo(List.of("q", "x"));
        }
        assertThat(recorder.take()).containsExactly("SELECT 0", "RPUSH q x", "LPOP q");
    }

    @Test
    void transactionsAreWrappedWhenTheyWroteSeveralThings() throws Exception {
        c.call("MULTI");
        c.call("SET", "x", "1");
        c.call("GET", "x");
        c.call("EXEC");
        c.call("MULTI");
        c.call("SET", "y", "1");
        c.call("INCR", "y");
        c.call("DEL", "nothing");
        c.call("EXEC");
        c.call("MULTI");
        c.call("GET", "y");
        c.call("DEL", "nothing");
        c.call("EXEC");
        c.call("MULTI");
        c.call("BLPOP", "nolist", "0");
        c.call("EXEC");
        assertThat(recorder.take()).containsExactly("SELECT 0", "SET x 1", "MULTI", "SET y 1", "INCR y", "EXEC");
    }

    @Test
    void restoreWithARelativeTtlGoesOutWithAnAbsoluteOne() throws Exception {
        try (redis.clients.jedis.Jedis j = new redis.clients.jedis.Jedis("127.0.0.1", server.port())) {
            j.set("src", "value");
            byte[] payload = j.dump("src".getBytes(StandardCharsets.UTF_8));
            recorder.take();
            j.restore("k".getBytes(StandardCharsets.UTF_8), 100_000, payload);
            String t = String.valueOf(j.pexpireTime("k"));
            j.restore("k".getBytes(StandardCharsets.UTF_8), 1, payload,
                redis.clients.jedis.params.RestoreParams.restoreParams().replace().absTtl()); // past: deletes
            assertThat(recorder.take()).containsExactly(
                "RESTORE k " + t + " " + new String(payload, StandardCharsets.UTF_8) + " ABSTTL", "DEL k");
        }
    }

    @Test
    void databaseWideAndKeyMovingCommandsGoOutAsThemselves() throws Exception {
        c.call("SET", "a", "1");
        c.call("COPY", "a", "b");
        c.call("RENAME", "b", "c");
        c.call("MOVE", "c", "1");
        c.call("SWAPDB", "0", "1");
        c.call("FLUSHALL");
        assertThat(recorder.take()).containsExactly("SELECT 0", "SET a 1", "COPY a b", "RENAME b c", "MOVE c 1",
            "SWAPDB 0 1", "FLUSHALL");
    }

    @Test
    void publishGoesToReplicasButNotToTheAof() throws Exception {
        ReplicaRecorder replica = new ReplicaRecorder();
        withLock(() -> server.server().propagator().register(replica));
        try {
            c.call("PUBLISH", "ch", "m");
            c.call("SPUBLISH", "sc", "m");
            c.call("SET", "k", "v");
            c.call("MULTI");
            c.call("PUBLISH", "ch", "x");
            c.call("SET", "k", "w");
            c.call("EXEC");
            assertThat(recorder.take()).containsExactly("SELECT 0", "SET k v", "MULTI", "SET k w", "EXEC");
            assertThat(replica.take()).containsExactly("SELECT 0", "PUBLISH ch m", "SPUBLISH sc m", "SET k v",
                "MULTI", "PUBLISH ch x", "SET k w", "EXEC");
        } finally {
            withLock(() -> server.server().propagator().unregister(replica));
        }
    }

    @Test
    void restoreGoesOutWithAnAbsoluteTtlAndSortStoreOnlyWhenItChangedSomething() throws Exception {
        c.call("SET", "src", "hello");
        c.send(RawConnection.command("DUMP", "src"));
        String header = c.line();
        byte[] payload = java.util.Arrays.copyOf(c.read(Integer.parseInt(header.substring(1)) + 2),
            Integer.parseInt(header.substring(1)));
        byte[] restore = "RESTORE".getBytes(StandardCharsets.UTF_8);
        c.send(RawConnection.command(restore, bytes("r"), bytes("100000"), payload));
        assertThat(c.reply()).isEqualTo("OK");
        String ttl = pexpiretime("r");
        c.send(RawConnection.command(restore, bytes("r"), bytes("1"), payload, bytes("REPLACE"), bytes("ABSTTL")));
        assertThat(c.reply()).isEqualTo("OK");
        c.send(RawConnection.command(restore, bytes("r"), bytes("1"), payload, bytes("ABSTTL")));
        assertThat(c.reply()).isEqualTo("OK");
        c.call("SORT", "nolist", "STORE", "dst");
        c.call("RPUSH", "l", "2", "1");
        c.call("SORT", "l", "STORE", "dst");
        c.call("SORT", "nolist", "STORE", "dst");
        List<String> lines = recorder.take();
        assertThat(lines).hasSize(7);
        assertThat(lines.get(2)).startsWith("RESTORE r " + ttl + " ").endsWith(" ABSTTL");
        assertThat(lines.subList(3, 7)).containsExactly("DEL r", "RPUSH l 2 1", "SORT l STORE dst",
            "SORT nolist STORE dst");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
