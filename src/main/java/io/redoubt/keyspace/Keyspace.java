package io.redoubt.keyspace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The numbered databases and the one lock that makes command execution serial, as in Redis. A batch of
 * commands runs with the lock held; {@link #now()} is frozen per command so one command sees one time.
 */
public final class Keyspace {
    private final Database[] databases;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long now = System.currentTimeMillis();
    /** The wall clock in nanoseconds since the epoch, read at {@link #wallReadNanos} (see beginCommand). */
    private long wallReadEpochNanos;
    private long wallReadNanos;
    private boolean touchEnabled = true;
    private final WatchRegistry watches = new WatchRegistry(this);
    /** Large lists no key holds any more, whose memory goes back when the command that let go of them ends. */
    private final List<ListValue> letGo = new ArrayList<>();
    private KeyEvents events = KeyEvents.NONE;

    private long hits;
    private long misses;
    private long expiredKeys;
    private volatile boolean activeExpireEnabled = true;
    private ReadyListener readyListener = new ReadyListener() {
        @Override
        public void keyReady(int db, byte[] key) {
        }

        @Override
        public void databaseReady(int db) {
        }
    };

    private ExpiryListener expiryListener = (db, key) -> { };

    /** Told (lock held) when an expired key is deleted, lazily or actively: propagation sends a DEL. */
    public interface ExpiryListener {
        void expired(int db, byte[] key);
    }

    public void expiryListener(ExpiryListener listener) {
        this.expiryListener = listener;
    }

    /**
     * Told (with the lock held) when a key may now hold what a blocked client waits for: a key was created
     * (push, RENAME, MOVE, COPY, ...) or a whole database changed (SWAPDB). Blocking commands listen.
     */
    public interface ReadyListener {
        void keyReady(int db, byte[] key);

        void databaseReady(int db);
    }

    public Keyspace(int count) {
        databases = new Database[count];
        for (int i = 0; i < count; i++) {
            databases[i] = new Database(i, this);
        }
        readWallClock();
    }

    public ReentrantLock lock() {
        return lock;
    }

    public int count() {
        return databases.length;
    }

    public Database db(int index) {
        return databases[index];
    }

    /** The command clock in milliseconds. */
    public long now() {
        return now;
    }

    /**
     * Starts a command at {@code nanos} (System.nanoTime, which the caller reads anyway to time the command):
     * freezes the clock and sets whether key reads refresh access times (CLIENT NO-TOUCH). The time is the
     * wall clock, read with nanosecond precision at most every 100 ms and carried forward on the monotonic
     * clock in between: at hundreds of thousands of pipelined commands a second, a wall clock read each was
     * several percent of the server's time. It never goes back.
     */
    public void beginCommand(long nanos, boolean touch) {
        releaseLetGo();
        if (nanos - wallReadNanos >= 100_000_000L) {
            readWallClock();
        }
        now = Math.max(now, (wallReadEpochNanos + (nanos - wallReadNanos)) / 1_000_000L);
        touchEnabled = touch;
    }

    private void readWallClock() {
        Instant wall = Instant.now();
        wallReadEpochNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano();
        wallReadNanos = System.nanoTime();
    }

    /** WATCH: who watches which keys. */
    public WatchRegistry watches() {
        return watches;
    }

    /** Keyspace notifications: commands report through it, and the keyspace reports expiry, new keys and misses. */
    public KeyEvents events() {
        return events;
    }

    public void events(KeyEvents events) {
        this.events = events;
    }

    /** A key was created: blocked clients may be served, and it is a "new" key event (as Redis's dbAdd). */
    void keyCreated(Database db, byte[] key) {
        signalKeyReady(db, key);
        events.notify(KeyEvents.NEW, "new", db.index(), key);
    }

    /** A read found no key ("keymiss" event). */
    void keyMissed(Database db, byte[] key) {
        events.notify(KeyEvents.KEY_MISS, "keymiss", db.index(), key);
    }

    public void readyListener(ReadyListener listener) {
        this.readyListener = listener;
    }

    /** A key was created in {@code db}: clients blocked on it may be served (Redis's signalKeyAsReady). */
    public void signalKeyReady(Database db, byte[] key) {
        readyListener.keyReady(db.index(), key);
    }

    public void swap(int a, int b) {
        watches.databaseChanging(databases[a], databases[b]);
        watches.databaseChanging(databases[b], databases[a]);
        databases[a].swapWith(databases[b]);
        readyListener.databaseReady(a); // both databases now hold other keys, as Redis's scanDatabaseForReadyKeys
        readyListener.databaseReady(b);
    }

    /**
     * Takes the contents of another keyspace of the same size (a freshly loaded RDB), database by database;
     * the other one gets this one's old contents. Watchers of keys on either side fail, and clients blocked
     * on keys are looked at again, as after SWAPDB.
     */
    public void replaceWith(Keyspace loaded) {
        if (loaded.count() != databases.length) {
            throw new IllegalArgumentException("keyspaces of different sizes");
        }
        for (int i = 0; i < databases.length; i++) {
            watches.databaseChanging(databases[i], loaded.databases[i]);
            databases[i].swapWith(loaded.databases[i]);
            letGoOfAll(loaded.databases[i].dict());
            readyListener.databaseReady(i);
        }
        loaded.releaseLetGo();
    }

    /** A key now holds {@code value}. */
    void held(Object value) {
        if (value instanceof ListValue l) {
            l.held();
        }
    }

    /**
     * No key holds {@code value} any more. A large list's memory outside the heap is given back before the
     * next command rather than now: the command letting go may store the same list under another key.
     */
    void letGo(Object value) {
        if (value instanceof ListValue l && l.letGo()) {
            letGo.add(l);
        }
    }

    /** Every value of a dictionary the keyspace drops (FLUSHDB, FLUSHALL, a loaded RDB replacing the data). */
    void letGoOfAll(Dict dropped) {
        if (ListMemory.used() > 0) { // only large lists have anything to give back: skip the walk when none exist
            dropped.forEach(e -> letGo(e.value));
        }
    }

    /**
     * At the end of a command: gives back the memory of the large lists it let go of, so the command that
     * dropped them is the one that takes the time. {@link #beginCommand} does it too, for any command that
     * ends without this call.
     */
    public void endCommand() {
        releaseLetGo();
    }

    private void releaseLetGo() {
        if (letGo.isEmpty()) { // on every command's path: nothing more when there is nothing to give back
            return;
        }
        for (ListValue l : letGo) {
            l.releaseUnlessHeld();
        }
        letGo.clear();
    }

    public void flushAll() {
        for (Database db : databases) {
            db.clear();
        }
    }

    public long totalKeys() {
        long n = 0;
        for (Database db : databases) {
            n += db.size();
        }
        return n;
    }

    void countAccess(boolean hit) {
        if (hit) {
            hits++;
        } else {
            misses++;
        }
    }

    void touch(Dict.Entry e) {
        if (touchEnabled) {
            stamp(e);
        }
    }

    void countExpired(Database db, byte[] key) {
        expiredKeys++;
        watches.expired(db.index(), key);
        events.notify(KeyEvents.EXPIRED, "expired", db.index(), key);
        expiryListener.expired(db.index(), key);
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }

    public long expiredKeys() {
        return expiredKeys;
    }

    public void resetStats() {
        hits = 0;
        misses = 0;
        expiredKeys = 0;
    }

    public boolean activeExpireEnabled() {
        return activeExpireEnabled;
    }

    public void activeExpireEnabled(boolean on) {
        activeExpireEnabled = on;
    }

    /**
     * The active expiry cycle, run {@code hz} times a second with the lock held: samples keys with a time
     * to live in each database and keeps going while more than 10% of a sample was expired, within a time
     * budget of a quarter of the cycle period. Also does a little incremental rehashing, and gives back the
     * memory of large lists that keys let go of.
     */
    public void cron(int hz) {
        long budgetNanos = 250_000_000L / Math.max(1, hz);
        long deadline = System.nanoTime() + budgetNanos;
        now = System.currentTimeMillis();
        for (Database db : databases) {
            if (activeExpireEnabled) {
                while (db.volatileSize() > 0 && System.nanoTime() < deadline) {
                    int[] r = db.sampleExpired(20);
                    if (r[0] == 0 || r[1] * 10 <= r[0]) {
                        break;
                    }
                }
            }
            db.rehash(1_000_000L);
        }
        releaseLetGo();
    }

    /** Sets a key's access time to now, whatever CLIENT NO-TOUCH says (new values, the TOUCH command). */
    void stamp(Dict.Entry e) {
        e.lruSeconds = (int) (now / 1000);
    }
}
