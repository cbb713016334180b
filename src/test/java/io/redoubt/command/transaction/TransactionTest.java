package io.redoubt.command.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.TransactionResult;
import io.redoubt.support.RawConnection;
import io.redoubt.support.RespProbe;
import io.redoubt.support.ServerWithClients;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;

/** MULTI, EXEC, DISCARD, WATCH and UNWATCH over real sockets with Jedis, Lettuce and raw RESP. */
class TransactionTest extends ServerWithClients {

    @BeforeEach
    void clean() {
        jedis.flushAll();
    }

    @Test
    void queuedCommandsRunAtExec() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            assertThat(p.call("MULTI")).isEqualTo("+OK");
            assertThat(p.call("SET", "a", "1")).isEqualTo("+QUEUED");
            assertThat(p.call("INCR", "a")).isEqualTo("+QUEUED");
            assertThat(p.call("GET", "a")).isEqualTo("+QUEUED");
            assertThat(jedis.exists("a")).isFalse(); // nothing ran yet
            assertThat(p.call("EXEC")).isEqualTo("[+OK, :2, \"2\"]");
        }
    }

    @Test
    void jedisAndLettuceTransactions() {
        Transaction t = jedis.multi();
        Response<String> set = t.set("j", "v");
        Response<Long> len = t.strlen("j");
        t.exec();
        assertThat(set.get()).isEqualTo("OK");
        assertThat(len.get()).isEqualTo(1L);

        lettuce.multi();
        lettuce.set("l", "x");
        lettuce.append("l", "y");
        TransactionResult r = lettuce.exec();
        assertThat(r.wasDiscarded()).isFalse();
        assertThat((Object) r.get(1)).isEqualTo(2L);
        assertThat(lettuce.get("l")).isEqualTo("xy");
    }

    @Test
    void refusedCommandAbortsExec() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            p.call("MULTI");
            assertThat(p.call("SET", "a", "1")).isEqualTo("+QUEUED");
            assertThat(p.call("NOSUCH", "x")).startsWith("-ERR unknown command 'NOSUCH'");
            assertThat(p.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command");
            assertThat(p.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.");
            assertThat(jedis.exists("a")).isFalse();
            assertThat(p.call("EXEC")).isEqualTo("-ERR EXEC without MULTI");
        }
    }

    @Test
    void runtimeErrorStaysInsideTheArray() throws Exception {
        jedis.lpush("list", "x");
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            p.call("MULTI");
            p.call("SET", "a", "1");
            p.call("INCR", "list");
            p.call("INCR", "a");
            assertThat(p.call("EXEC")).isEqualTo(
                "[+OK, -WRONGTYPE Operation against a key holding the wrong kind of value, :2]");
        }
    }

    @Test
    void discardAndStateErrors() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            assertThat(p.call("DISCARD")).isEqualTo("-ERR DISCARD without MULTI");
            assertThat(p.call("EXEC")).isEqualTo("-ERR EXEC without MULTI");
            p.call("MULTI");
            assertThat(p.call("MULTI")).isEqualTo("-ERR MULTI calls can not be nested");
            assertThat(p.call("WATCH", "k")).isEqualTo("-ERR WATCH inside MULTI is not allowed");
            p.call("SET", "d", "1");
            assertThat(p.call("DISCARD")).isEqualTo("+OK");
            assertThat(jedis.exists("d")).isFalse();
            // the nesting and WATCH errors do not abort, as in Redis
            p.call("MULTI");
            p.call("MULTI");
            p.call("SET", "d", "2");
            assertThat(p.call("EXEC")).isEqualTo("[+OK]");
        }
    }

    @Test
    void watchedKeyModifiedByAnotherClientFailsExec() {
        try (Jedis mine = new Jedis(server.host(), server.port());
             Jedis other = new Jedis(server.host(), server.port())) {
            mine.set("w", "1");
            mine.watch("w");
            other.set("w", "2");
            Transaction t = mine.multi();
            t.set("w", "3");
            assertThat(t.exec()).isNull();
            assertThat(mine.get("w")).isEqualTo("2");
            // the failed EXEC unwatched: the next transaction runs
            Transaction t2 = mine.multi();
            t2.set("w", "4");
            assertThat(t2.exec()).containsExactly("OK");
        }
    }

    @Test
    void writesThatChangeNothingLeaveTheWatchIntact() {
        try (Jedis mine = new Jedis(server.host(), server.port());
             Jedis other = new Jedis(server.host(), server.port())) {
            mine.set("w", "1");
            mine.sadd("s", "m");
            mine.watch("w", "s", "missing");
            assertThat(other.setnx("w", "2")).isZero();
            assertThat(other.sadd("s", "m")).isZero();
            assertThat(other.del("missing")).isZero();
            assertThat(other.expire("w", 100, redis.clients.jedis.args.ExpiryOption.XX)).isZero();
            Transaction t = mine.multi();
            t.set("w", "3");
            assertThat(t.exec()).containsExactly("OK");

            mine.watch("s");
            assertThat(other.sadd("s", "n")).isOne();
            Transaction t2 = mine.multi();
            t2.scard("s");
            assertThat(t2.exec()).as("a real change still aborts").isNull();
        }
    }

    @Test
    void untouchedWatchLetsExecRunAndUnwatchForgets() {
        try (Jedis mine = new Jedis(server.host(), server.port());
             Jedis other = new Jedis(server.host(), server.port())) {
            mine.watch("u", "v");
            other.set("elsewhere", "x");
            Transaction t = mine.multi();
            t.set("u", "1");
            assertThat(t.exec()).containsExactly("OK");

            mine.watch("u");
            assertThat(mine.unwatch()).isEqualTo("OK");
            other.set("u", "2");
            Transaction t2 = mine.multi();
            t2.get("u");
            assertThat(t2.exec()).containsExactly("2");
        }
    }

    @Test
    void watchedKeyThatExpiresFailsExec() throws Exception {
        try (Jedis mine = new Jedis(server.host(), server.port())) {
            mine.psetex("e", 100, "v");
            mine.watch("e");
            Thread.sleep(200);
            Transaction t = mine.multi();
            t.set("x", "1");
            assertThat(t.exec()).isNull();
        }
    }

    @Test
    void watchingAnAlreadyExpiredKeyIsNoChange() throws Exception {
        try (Jedis mine = new Jedis(server.host(), server.port())) {
            mine.set("gone", "v");
            mine.pexpire("gone", 50);
            Thread.sleep(120);
            mine.watch("gone"); // logically absent already: Redis 7.2 does not count its deletion
            assertThat(mine.get("gone")).isNull(); // lazy expiry deletes it now
            Transaction t = mine.multi();
            t.set("x", "1");
            assertThat(t.exec()).containsExactly("OK");
        }
    }

    @Test
    void flushAllDirtiesWatchOfExistingKey() {
        try (Jedis mine = new Jedis(server.host(), server.port());
             Jedis other = new Jedis(server.host(), server.port())) {
            mine.set("f", "1");
            mine.watch("f");
            other.flushAll();
            Transaction t = mine.multi();
            t.set("f", "2");
            assertThat(t.exec()).isNull();
        }
    }

    @Test
    void moveIntoAnotherDatabaseDirtiesItsWatchers() {
        try (Jedis mine = new Jedis(server.host(), server.port());
             Jedis other = new Jedis(server.host(), server.port())) {
            mine.select(1);
            mine.watch("m");
            other.set("m", "v");
            other.move("m", 1);
            Transaction t = mine.multi();
            t.get("m");
            assertThat(t.exec()).isNull();
        }
    }

    @Test
    void swapDbDirtiesWatchersOfEitherDatabase() {
        try (Jedis mine = new Jedis(server.host(), server.port());
             Jedis other = new Jedis(server.host(), server.port())) {
            other.select(2);
            other.set("s", "in2");
            mine.watch("s"); // absent in db 0, present in db 2
            other.swapDB(0, 2);
            Transaction t = mine.multi();
            t.get("s");
            assertThat(t.exec()).isNull();
            other.swapDB(0, 2);
        }
    }

    @Test
    void blockingCommandInsideMultiAnswersNullAtOnce() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            p.call("MULTI");
            p.call("BLPOP", "empty", "0");
            p.call("SET", "after", "1");
            long start = System.nanoTime();
            assertThat(p.call("EXEC")).isEqualTo("[*-1, +OK]");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        }
    }

    @Test
    void pushInExecServesABlockedClientAfterTheTransaction() throws Exception {
        try (RawConnection waiter = new RawConnection(server.port());
             RespProbe p = RespProbe.open(server.port(), 2)) {
            waiter.send(RawConnection.command("BLPOP", "q", "5"));
            Thread.sleep(100);
            p.call("MULTI");
            p.call("RPUSH", "q", "a", "b");
            p.call("LLEN", "q");
            // the waiter is served after EXEC, not between its commands: LLEN still sees both elements
            assertThat(p.call("EXEC")).isEqualTo("[:2, :2]");
            assertThat(waiter.reply()).isEqualTo(List.of("q", "a"));
        }
    }

    @Test
    void abortedExecIsRespThreeNull() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 3)) {
            jedis.set("r3", "1");
            p.call("WATCH", "r3");
            jedis.set("r3", "2");
            p.call("MULTI");
            p.call("GET", "r3");
            assertThat(p.call("EXEC")).isEqualTo("_");
        }
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            p.call("WATCH", "r3");
            jedis.del("r3");
            p.call("MULTI");
            assertThat(p.call("EXEC")).isEqualTo("*-1");
        }
    }

    @Test
    void pipelinedTransactionInOneWrite() throws Exception {
        try (RawConnection c = new RawConnection(server.port())) {
            StringBuilder all = new StringBuilder();
            for (String[] line : new String[][] {{"MULTI"}, {"SET", "p", "1"}, {"INCR", "p"}, {"EXEC"}}) {
                all.append(new String(RawConnection.command(line), StandardCharsets.UTF_8));
            }
            c.send(all.toString());
            assertThat(c.reply()).isEqualTo("OK");
            assertThat(c.reply()).isEqualTo("QUEUED");
            assertThat(c.reply()).isEqualTo("QUEUED");
            assertThat(c.reply()).isEqualTo(List.of("OK", 2L));
        }
    }

    @Test
    void clientListShowsMultiAndResetLeavesIt() throws Exception {
        try (RespProbe p = RespProbe.open(server.port(), 2)) {
            String id = "id=" + p.call("CLIENT", "ID").substring(1) + " ";
            p.call("WATCH", "z");
            p.call("MULTI");
            p.call("SET", "z", "1");
            p.call("GET", "z");
            assertThat(lineOf(id)).contains("flags=x ").contains(" multi=2 ");
            assertThat(p.call("RESET")).isEqualTo("+RESET");
            assertThat(p.call("EXEC")).isEqualTo("-ERR EXEC without MULTI");
            assertThat(lineOf(id)).contains("flags=N ").contains(" multi=-1 ");
            jedis.set("z", "other");
            p.call("MULTI");
            p.call("GET", "z");
            assertThat(p.call("EXEC")).isEqualTo("[\"other\"]"); // RESET dropped the watch
        }
    }

    private static String lineOf(String idField) {
        return jedis.clientList().lines().filter(l -> l.startsWith(idField)).findFirst().orElseThrow();
    }
}
