package io.redoubt.keyspace;

/**
 * One numbered database: the key dictionary and, beside it, a dictionary of the keys that have a time to
 * live (its values are the main entries), which the active expiry cycle samples. Keys past their time are
 * deleted when touched (lazy expiry) or when sampled.
 */
public final class Database {
    private final int index;
    private final Keyspace keyspace;
    private Dict keys = new Dict();
    private Dict expires = new Dict();

    Database(int index, Keyspace keyspace) {
        this.index = index;
        this.keyspace = keyspace;
    }

    public int index() {
        return index;
    }

    public int size() {
        return keys.size();
    }

    public int volatileSize() {
        return expires.size();
    }

    public Dict dict() {
        return keys;
    }

    /** The live entry for a key, deleting it first if it has expired; does not count hits or misses. */
    public Dict.Entry lookup(byte[] key) {
        Dict.Entry e = keys.find(key);
        if (e != null && isExpired(e)) {
            expire(e);
            return null;
        }
        return e;
    }

    /** Like {@link #lookup}, counting a keyspace hit or miss and refreshing the key's access time. */
    public Dict.Entry read(byte[] key) {
        Dict.Entry e = lookup(key);
        keyspace.countAccess(e != null);
        if (e != null) {
            keyspace.touch(e);
        } else {
            keyspace.keyMissed(this, key);
        }
        return e;
    }

    /** The value of a live key, or null. */
    public Object get(byte[] key) {
        Dict.Entry e = lookup(key);
        return e == null ? null : e.value;
    }

    /**
     * Sets a key's value, creating it if needed. Its time to live is cleared unless keepTtl; returns the
     * entry so the caller may set a new expiry.
     */
    public Dict.Entry put(byte[] key, Object value, boolean keepTtl) {
        return put(lookup(key), key, value, keepTtl);
    }

    /** {@link #put(byte[], Object, boolean)} for a caller that has just looked the key up: {@code e} or null. */
    public Dict.Entry put(Dict.Entry e, byte[] key, Object value, boolean keepTtl) {
        boolean created = e == null;
        if (created) {
            e = keys.insert(key);
        } else if (!keepTtl && e.expireAt != 0) {
            expires.remove(key);
            e.expireAt = 0;
        }
        if (e.value != value) { // a string rewritten in place stays: storing it again would still cost a GC barrier
            if (!created) {
                keyspace.letGo(e.value);
            }
            keyspace.held(value);
            e.value = value;
        }
        keyspace.stamp(e);
        if (created) {
            keyspace.keyCreated(this, key);
        }
        return e;
    }

    /**
     * Adds a key known to be absent (after a failed lookup). Every new key is signalled ready, so a client
     * blocked on it is served whichever command created it (push, RENAME, MOVE, COPY), as Redis's dbAdd does.
     */
    public Dict.Entry add(byte[] key, Object value) {
        Dict.Entry e = keys.insert(key);
        e.value = value;
        keyspace.held(value);
        keyspace.stamp(e);
        keyspace.keyCreated(this, key);
        return e;
    }

    public void setExpire(Dict.Entry e, long whenMs) {
        if (e.expireAt == 0) {
            expires.insert(e.key).value = e;
        }
        e.expireAt = whenMs;
    }

    /** Removes a key's time to live; returns false if it had none. */
    public boolean persist(Dict.Entry e) {
        if (e.expireAt == 0) {
            return false;
        }
        expires.remove(e.key);
        e.expireAt = 0;
        return true;
    }

    public boolean delete(byte[] key) {
        Dict.Entry e = lookup(key);
        if (e == null) {
            return false;
        }
        remove(e);
        return true;
    }

    /** Removes an entry already looked up. */
    public void remove(Dict.Entry e) {
        keyspace.letGo(e.value);
        keys.remove(e.key);
        if (e.expireAt != 0) {
            expires.remove(e.key);
        }
    }

    public void clear() {
        keyspace.watches().databaseChanging(this, null); // FLUSHDB, FLUSHALL: watchers of existing keys fail
        keyspace.letGoOfAll(keys);
        keys = new Dict();
        expires = new Dict();
    }

    /** Exchanges contents with another database (SWAPDB). */
    void swapWith(Database other) {
        Dict k = keys;
        Dict x = expires;
        keys = other.keys;
        expires = other.expires;
        other.keys = k;
        other.expires = x;
    }

    /**
     * A random live key, or null when there is none. Expired keys drawn on the way are deleted, so the loop
     * ends; like Redis on a master, it does not give up while live keys remain.
     */
    public Dict.Entry randomKey() {
        while (keys.size() > 0) {
            Dict.Entry e = keys.random();
            if (!isExpired(e)) {
                return e;
            }
            expire(e);
        }
        return null;
    }

    /**
     * One round of active expiry: samples up to {@code samples} keys with a time to live and deletes the
     * expired ones. Returns {sampled, expired}.
     */
    int[] sampleExpired(int samples) {
        int n = Math.min(samples, expires.size());
        int expired = 0;
        for (int i = 0; i < n; i++) {
            Dict.Entry x = expires.random();
            if (x == null) {
                break;
            }
            Dict.Entry e = (Dict.Entry) x.value;
            if (isExpired(e)) {
                expire(e);
                expired++;
            }
        }
        return new int[] {n, expired};
    }

    /** Spends a little time on incremental rehashing of both dictionaries. */
    boolean rehash(long nanos) {
        boolean more = keys.rehashFor(nanos);
        return expires.rehashFor(nanos) || more;
    }

    private void expire(Dict.Entry e) {
        remove(e);
        keyspace.countExpired(this, e.key);
    }

    /**
     * Like {@link #lookup}, refreshing the key's access time as Redis's write lookups do, without counting a
     * keyspace hit or miss.
     */
    public Dict.Entry lookupWrite(byte[] key) {
        Dict.Entry e = lookup(key);
        if (e != null) {
            keyspace.touch(e);
        }
        return e;
    }

    /**
     * Whether a key's time is past. As in Redis, a key lives through the millisecond of its expiry time
     * (PTTL answers 0 then) and is gone after it.
     */
    public boolean isExpired(Dict.Entry e) {
        return e.expireAt != 0 && e.expireAt < keyspace.now();
    }

    /** Like {@link #read} but leaves the access time alone (Redis's LOOKUP_NOTOUCH: EXISTS, TYPE, TTL, OBJECT). */
    public Dict.Entry readNoTouch(byte[] key) {
        Dict.Entry e = lookup(key);
        keyspace.countAccess(e != null);
        if (e == null) {
            keyspace.keyMissed(this, key);
        }
        return e;
    }

    /** Like {@link #readNoTouch} without a keymiss event (Redis's LOOKUP_NONOTIFY, as OBJECT reads keys). */
    public Dict.Entry readNoTouchNoNotify(byte[] key) {
        Dict.Entry e = lookup(key);
        keyspace.countAccess(e != null);
        return e;
    }

    /** Like {@link #read} but refreshes the access time even for a CLIENT NO-TOUCH client, as TOUCH does. */
    public Dict.Entry readAndTouch(byte[] key) {
        Dict.Entry e = readNoTouch(key);
        if (e != null) {
            keyspace.stamp(e);
        }
        return e;
    }
}
