package io.redoubt.keyspace;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A hash table of byte-string keys in Redis's manner: chained buckets in power-of-two tables that grow and
 * shrink by incremental rehashing (one bucket moved per operation, plus time-boxed steps from the server
 * cron), so no single command pays for a whole resize. {@link #scan} uses Redis's reverse-binary cursor,
 * which returns every key present for a whole scan even when the table is resized between calls.
 * Not thread-safe: the keyspace lock guards it.
 */
public final class Dict {
    private static final Entry[] EMPTY = new Entry[0];
    private static final int INITIAL_SIZE = 4;
    /** Shrink once fewer than one bucket in this many is used (Redis's HT_MIN_FILL of 10%). */
    private static final int MIN_FILL_RATIO = 10;

    /** One key with its value and absolute expiry time in ms (0 = none). */
    public static final class Entry {
        public final byte[] key;
        final int hash;
        public Object value;
        public long expireAt;
        /** Last access, in seconds of the command clock (OBJECT IDLETIME). */
        public int lruSeconds;
        Entry next;

        Entry(byte[] key, int hash) {
            this.key = key;
            this.hash = hash;
        }
    }

    private final int seed = ThreadLocalRandom.current().nextInt();
    private Entry[] t0 = EMPTY;
    private Entry[] t1 = EMPTY;
    private int used0;
    private int used1;
    private int rehashIdx = -1;
    /** forEach calls in progress; while any runs, no entry moves between tables (see forEach). */
    private int iterators;

    public int size() {
        return used0 + used1;
    }

    public boolean isRehashing() {
        return rehashIdx >= 0;
    }

    /** Number of buckets in the main table (and the one being grown into); INFO and DEBUG report it. */
    public int buckets() {
        return t0.length + t1.length;
    }

    public Entry find(byte[] key) {
        if (size() == 0) {
            return null;
        }
        if (rehashIdx >= 0) {
            rehashStep();
        }
        int h = hash(key);
        Entry e = lookup(t0, h, key);
        if (e == null && rehashIdx >= 0) {
            e = lookup(t1, h, key);
        }
        return e;
    }

    /** Adds a key that the caller has just found absent; returns its entry with a null value. */
    public Entry insert(byte[] key) {
        if (rehashIdx >= 0) {
            rehashStep();
        }
        growIfNeeded();
        int h = hash(key);
        Entry e = new Entry(key, h);
        if (rehashIdx >= 0) {
            int i = h & (t1.length - 1);
            e.next = t1[i];
            t1[i] = e;
            used1++;
        } else {
            int i = h & (t0.length - 1);
            e.next = t0[i];
            t0[i] = e;
            used0++;
        }
        return e;
    }

    public Entry remove(byte[] key) {
        if (size() == 0) {
            return null;
        }
        if (rehashIdx >= 0) {
            rehashStep();
        }
        int h = hash(key);
        Entry e = unlink(t0, h, key);
        if (e != null) {
            used0--;
        } else if (rehashIdx >= 0) {
            e = unlink(t1, h, key);
            if (e != null) {
                used1--;
            }
        }
        if (e != null) {
            shrinkIfNeeded();
        }
        return e;
    }

    public void clear() {
        t0 = EMPTY;
        t1 = EMPTY;
        used0 = 0;
        used1 = 0;
        rehashIdx = -1;
    }

    /**
     * Visits every entry once. The action may remove entries: rehashing is paused meanwhile, as Redis does
     * for safe iterators, because moving buckets between tables under the loop would visit some entries
     * twice and, if a shrink started, skip others.
     */
    public void forEach(Consumer<Entry> action) {
        iterators++;
        try {
            for (Entry[] t : new Entry[][] {t0, t1}) {
                for (Entry head : t) {
                    for (Entry e = head; e != null; ) {
                        Entry next = e.next; // the action may remove e
                        action.accept(e);
                        e = next;
                    }
                }
            }
        } finally {
            iterators--;
        }
    }

    /**
     * Visits the buckets at {@code cursor} and returns the next cursor, 0 when the scan is complete.
     * Cursors are unsigned 64-bit values in Redis; here they are carried in a long.
     */
    public long scan(long cursor, Consumer<Entry> visitor) {
        if (size() == 0) {
            return 0;
        }
        long v = cursor;
        if (rehashIdx < 0) {
            long m0 = t0.length - 1;
            emit(t0[(int) (v & m0)], visitor);
            v |= ~m0;
            v = Long.reverse(Long.reverse(v) + 1);
        } else {
            Entry[] small = t0.length <= t1.length ? t0 : t1;
            Entry[] large = small == t0 ? t1 : t0;
            long m0 = small.length - 1;
            long m1 = large.length - 1;
            emit(small[(int) (v & m0)], visitor);
            do {
                emit(large[(int) (v & m1)], visitor);
                v |= ~m1;
                v = Long.reverse(Long.reverse(v) + 1);
            } while ((v & (m0 ^ m1)) != 0);
        }
        return v;
    }

    /** A random entry, each bucket equally likely (Redis's fair random key), or null when empty. */
    public Entry random() {
        if (size() == 0) {
            return null;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        Entry head;
        do {
            int total = t0.length + t1.length;
            int i = rnd.nextInt(total);
            if (i < t0.length) {
                head = i < rehashIdx ? null : t0[i];
            } else {
                head = t1[i - t0.length];
            }
        } while (head == null);
        int len = 0;
        for (Entry e = head; e != null; e = e.next) {
            len++;
        }
        int pick = rnd.nextInt(len);
        Entry e = head;
        while (pick-- > 0) {
            e = e.next;
        }
        return e;
    }

    /** Does incremental rehashing for about the given time; returns true if more work is left. */
    public boolean rehashFor(long nanos) {
        if (rehashIdx < 0 || iterators > 0) {
            return rehashIdx >= 0;
        }
        long end = System.nanoTime() + nanos;
        while (rehashIdx >= 0) {
            for (int i = 0; i < 100 && rehashIdx >= 0; i++) {
                rehashStep();
            }
            if (System.nanoTime() > end) {
                break;
            }
        }
        return rehashIdx >= 0;
    }

    private static void emit(Entry head, Consumer<Entry> visitor) {
        for (Entry e = head; e != null; ) {
            Entry next = e.next;
            visitor.accept(e);
            e = next;
        }
    }

    private Entry lookup(Entry[] t, int h, byte[] key) {
        if (t.length == 0) {
            return null;
        }
        for (Entry e = t[h & (t.length - 1)]; e != null; e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                return e;
            }
        }
        return null;
    }

    private Entry unlink(Entry[] t, int h, byte[] key) {
        if (t.length == 0) {
            return null;
        }
        int i = h & (t.length - 1);
        Entry prev = null;
        for (Entry e = t[i]; e != null; prev = e, e = e.next) {
            if (e.hash == h && Arrays.equals(e.key, key)) {
                if (prev == null) {
                    t[i] = e.next;
                } else {
                    prev.next = e.next;
                }
                e.next = null;
                return e;
            }
        }
        return null;
    }

    private void growIfNeeded() {
        if (rehashIdx >= 0) {
            return;
        }
        if (t0.length == 0) {
            t0 = new Entry[INITIAL_SIZE];
        } else if (used0 >= t0.length && t0.length < (1 << 30)) {
            startRehash(t0.length * 2);
        }
    }

    private void shrinkIfNeeded() {
        if (rehashIdx >= 0 || t0.length <= INITIAL_SIZE || (long) used0 * MIN_FILL_RATIO >= t0.length) {
            return;
        }
        int target = INITIAL_SIZE;
        while (target < used0) {
            target <<= 1;
        }
        if (target < t0.length) {
            startRehash(target);
        }
    }

    private void startRehash(int newSize) {
        t1 = new Entry[newSize];
        used1 = 0;
        rehashIdx = 0;
    }

    /** Moves one bucket (skipping at most ten empty ones) from the old table to the new one. */
    private void rehashStep() {
        if (iterators > 0) {
            return;
        }
        int emptyVisits = 10;
        while (rehashIdx < t0.length && t0[rehashIdx] == null) {
            rehashIdx++;
            if (--emptyVisits == 0) {
                break;
            }
        }
        if (rehashIdx < t0.length && t0[rehashIdx] != null) {
            int mask = t1.length - 1;
            for (Entry e = t0[rehashIdx]; e != null; ) {
                Entry next = e.next;
                int i = e.hash & mask;
                e.next = t1[i];
                t1[i] = e;
                used0--;
                used1++;
                e = next;
            }
            t0[rehashIdx] = null;
            rehashIdx++;
        }
        if (used0 == 0) { // every entry has moved: the new table becomes the main one
            t0 = t1;
            used0 = used1;
            t1 = EMPTY;
            used1 = 0;
            rehashIdx = -1;
        }
    }

    private int hash(byte[] key) {
        int h = seed;
        for (byte b : key) {
            h = (h ^ b) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
