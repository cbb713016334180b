package io.redoubt.server;

import io.netty.util.concurrent.EventExecutor;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.keyspace.Values;
import io.redoubt.net.Client;
import io.redoubt.net.Reply;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Clients blocked on keys (BLPOP, BLMOVE, BZPOPMIN, ...). A command that finds nothing to serve asks to
 * block ({@link io.redoubt.command.CommandContext#block}); its connection then stops running commands and
 * reading, and is registered here under each key, behind the clients already waiting (FIFO per key). When a
 * key of the awaited type is created, the key is marked ready; after the command that created it, the
 * waiters are served in order by running their command again (Redis's handleClientsBlockedOnKeys): a waiter
 * whose command blocks again stays in its place. A timeout, CLIENT UNBLOCK or a disconnect ends the wait.
 * Everything here runs with the keyspace lock held; no thread ever waits.
 */
public final class Blocking implements Keyspace.ReadyListener {
    /** The connection side of a wait, implemented by the connection handler. */
    public interface Waiting {
        Client client();

        EventExecutor loop();

        /** Runs the blocked command again (lock held); true when it answered, false when it blocked again. */
        boolean retry(byte[][] args);

        /** Answers the blocked command {@code args} with {@code answer} and lets the connection go on (lock held). */
        void finish(byte[][] args, Consumer<Reply> answer);
    }

    /**
     * What a blocking command waits for: keys holding a value of {@code type} ("list", "zset"), until
     * {@code deadlineMs} (absolute, 0 = forever), answering {@code onTimeout} when it passes.
     */
    public record Request(List<byte[]> keys, String type, long deadlineMs, Consumer<Reply> onTimeout) {
        /** The usual timeout answer of blocking commands: a null array ({@code *-1}, RESP3 {@code _}). */
        public Request(List<byte[]> keys, String type, long deadlineMs) {
            this(keys, type, deadlineMs, Reply::nullArray);
        }
    }

    private static final class Waiter {
        final Waiting conn;
        final int db;
        final byte[][] args;
        final Request request;
        Future<?> timer;
        boolean done;

        Waiter(Waiting conn, int db, byte[][] args, Request request) {
            this.conn = conn;
            this.db = db;
            this.args = args;
            this.request = request;
        }
    }

    /** A key in a database, compared by content. */
    private record DbKey(int db, byte[] key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof DbKey k && k.db == db && Arrays.equals(k.key, key);
        }

        @Override
        public int hashCode() {
            return 31 * db + Arrays.hashCode(key);
        }
    }

    private final Keyspace keyspace;
    private final Map<DbKey, ArrayDeque<Waiter>> byKey = new HashMap<>();
    private final Map<Long, Waiter> byClient = new HashMap<>();
    private final LinkedHashSet<DbKey> ready = new LinkedHashSet<>();
    private boolean serving;

    public Blocking(Keyspace keyspace) {
        this.keyspace = keyspace;
        keyspace.readyListener(this);
    }

    /** Blocks a connection whose command {@code args} asked to wait (lock held). */
    public void block(Waiting conn, int db, byte[][] args, Request request) {
        Waiter w = new Waiter(conn, db, args, request);
        for (byte[] key : request.keys()) {
            ArrayDeque<Waiter> q = byKey.computeIfAbsent(new DbKey(db, key), k -> new ArrayDeque<>());
            if (!q.contains(w)) { // a key named twice (BLPOP k k 0) waits once
                q.addLast(w);
            }
        }
        byClient.put(conn.client().id(), w);
        if (request.deadlineMs() > 0) {
            long delay = Math.max(0, request.deadlineMs() - System.currentTimeMillis());
            w.timer = conn.loop().schedule(() -> timeout(w), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void timeout(Waiter w) {
        ReentrantLock lock = keyspace.lock();
        lock.lock();
        try {
            if (!w.done) {
                remove(w);
                w.conn.finish(w.args, w.request.onTimeout());
            }
        } finally {
            lock.unlock();
        }
    }

    /** CLIENT UNBLOCK: ends a client's wait with {@code answer}; false when the client is not blocked on keys. */
    public boolean unblock(long clientId, Consumer<Reply> answer) {
        Waiter w = byClient.get(clientId);
        if (w == null) {
            return false;
        }
        remove(w);
        w.conn.finish(w.args, answer);
        return true;
    }

    /** CLIENT UNBLOCK ... TIMEOUT: ends a client's wait with its command's timeout answer. */
    public boolean unblockTimeout(long clientId) {
        Waiter w = byClient.get(clientId);
        return w != null && unblock(clientId, w.request.onTimeout());
    }

    /** Forgets a client's wait without answering (it disconnected). */
    public void cancel(long clientId) {
        Waiter w = byClient.get(clientId);
        if (w != null) {
            remove(w);
        }
    }

    /** Keys some client waits on (INFO total_blocking_keys). */
    public int blockingKeys() {
        return byKey.size();
    }

    @Override
    public void keyReady(int db, byte[] key) {
        if (byKey.isEmpty()) {
            return; // the common case: nobody waits, so a new key costs nothing more
        }
        DbKey k = new DbKey(db, key);
        if (byKey.containsKey(k)) {
            ready.add(k);
        }
    }

    @Override
    public void databaseReady(int db) {
        for (DbKey k : byKey.keySet()) {
            if (k.db() == db) {
                ready.add(k);
            }
        }
    }

    /**
     * Serves the clients waiting on keys made ready, in the order they blocked; called after every command
     * (lock held). Serving may make more keys ready (BLMOVE pushes), which are served in the same call.
     */
    public void serveReady() {
        if (serving || ready.isEmpty()) {
            return;
        }
        serving = true;
        try {
            while (!ready.isEmpty()) {
                Iterator<DbKey> it = ready.iterator();
                DbKey k = it.next();
                it.remove();
                serveKey(k);
            }
        } finally {
            serving = false;
        }
    }

    private void serveKey(DbKey k) {
        ArrayDeque<Waiter> q = byKey.get(k);
        if (q == null) {
            return;
        }
        for (Waiter w : new ArrayList<>(q)) {
            if (w.done) {
                continue;
            }
            Dict.Entry e = keyspace.db(k.db()).lookup(k.key());
            if (e == null) {
                return; // consumed by the waiters before this one
            }
            if (Values.typeName(e.value).equals(w.request.type()) && w.conn.retry(w.args)) {
                remove(w);
            }
        }
    }

    private void remove(Waiter w) {
        w.done = true;
        if (w.timer != null) {
            w.timer.cancel(false);
        }
        byClient.remove(w.conn.client().id(), w);
        for (byte[] key : w.request.keys()) {
            DbKey k = new DbKey(w.db, key);
            ArrayDeque<Waiter> q = byKey.get(k);
            if (q != null) {
                q.remove(w);
                if (q.isEmpty()) {
                    byKey.remove(k);
                }
            }
        }
    }
}
