package io.redoubt.keyspace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * WATCH: which connections watch which keys, and whether something touched them since. A write command marks
 * its keys ({@link #touch}), an emptied or swapped database marks the watchers of its existing keys, and an
 * expired key marks its watchers unless it was already expired when watched (Redis 7.2). All under the
 * keyspace lock.
 */
public final class WatchRegistry {
    /** One connection's watched keys and its dirty flag (Redis's CLIENT_DIRTY_CAS). */
    public static final class Watcher {
        private final List<Watched> keys = new ArrayList<>();
        private boolean dirty;

        public boolean watching() {
            return !keys.isEmpty();
        }

        public int count() {
            return keys.size();
        }
    }

    private record Watched(DbKey key, boolean expiredAtWatch) {
    }

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
    private final Map<DbKey, Set<Watcher>> byKey = new HashMap<>();

    WatchRegistry(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** Nobody watches anything: write commands skip the key marking. */
    public boolean isEmpty() {
        return byKey.isEmpty();
    }

    public void watch(Watcher w, int db, byte[] key) {
        DbKey k = new DbKey(db, key);
        for (Watched x : w.keys) {
            if (x.key.equals(k)) {
                return;
            }
        }
        // Redis 7.2 remembers a key already logically expired: its later deletion by expiry is no change
        Database d = keyspace.db(db);
        Dict.Entry e = d.dict().find(key);
        w.keys.add(new Watched(k, e != null && d.isExpired(e)));
        byKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(w);
    }

    /** Forgets all of a connection's watches and its dirty flag (EXEC, DISCARD, UNWATCH, RESET, close). */
    public void unwatchAll(Watcher w) {
        for (Watched x : w.keys) {
            Set<Watcher> s = byKey.get(x.key);
            if (s != null) {
                s.remove(w);
                if (s.isEmpty()) {
                    byKey.remove(x.key);
                }
            }
        }
        w.keys.clear();
        w.dirty = false;
    }

    /** A key was modified: its watchers' transactions will fail (Redis's touchWatchedKey). */
    public void touch(int db, byte[] key) {
        Set<Watcher> s = byKey.get(new DbKey(db, key));
        if (s != null) {
            s.forEach(w -> w.dirty = true);
        }
    }

    /** A key was deleted because it expired. */
    void expired(int db, byte[] key) {
        DbKey k = new DbKey(db, key);
        Set<Watcher> s = byKey.get(k);
        if (s == null) {
            return;
        }
        for (Watcher w : s) {
            for (Watched x : w.keys) {
                if (x.key.equals(k) && !x.expiredAtWatch) {
                    w.dirty = true;
                }
            }
        }
    }

    /**
     * {@code emptied} loses its keys (FLUSHDB, FLUSHALL) or takes those of {@code replacedWith} (SWAPDB, else
     * null): watchers of a key present on either side are dirty (Redis's touchAllWatchedKeysInDb).
     */
    void databaseChanging(Database emptied, Database replacedWith) {
        if (byKey.isEmpty()) {
            return;
        }
        for (Iterator<Map.Entry<DbKey, Set<Watcher>>> it = byKey.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<DbKey, Set<Watcher>> en = it.next();
            DbKey k = en.getKey();
            if (k.db != emptied.index()) {
                continue;
            }
            boolean inEmptied = emptied.dict().find(k.key) != null;
            boolean inReplacement = replacedWith != null && replacedWith.dict().find(k.key) != null;
            if (!inEmptied && !inReplacement) {
                continue;
            }
            for (Watcher w : en.getValue()) {
                boolean skip = false;
                if (inEmptied && !inReplacement) {
                    for (Watched x : w.keys) {
                        if (x.key.equals(k) && x.expiredAtWatch) {
                            skip = true; // already expired when watched: its removal changes nothing
                        }
                    }
                }
                if (!skip) {
                    w.dirty = true;
                }
            }
        }
    }

    /**
     * Whether EXEC must fail: a watched key was touched, or has expired since it was watched while still
     * present in the dictionary (Redis's isWatchedKeyExpired).
     */
    public boolean isDirty(Watcher w) {
        if (w.dirty) {
            return true;
        }
        for (Watched x : w.keys) {
            if (x.expiredAtWatch) {
                continue;
            }
            Database d = keyspace.db(x.key.db);
            Dict.Entry e = d.dict().find(x.key.key);
            if (e != null && d.isExpired(e)) {
                return true;
            }
        }
        return false;
    }
}
