package io.redoubt.persistence;

import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.keyspace.ListValue;
import io.redoubt.keyspace.MutableString;
import io.redoubt.keyspace.MutableValue;
import java.io.IOException;

/**
 * The keyspace at one instant, taken with the lock held and written out after it is released: BGSAVE's
 * consistent snapshot, as Redis takes it by forking. Keys and {@code byte[]} strings are never changed in
 * place, so the image shares them; every value that changes in place is copied, so commands run on while the
 * image is written. Taking it costs references for most keys and a copy of each list, hash, set and sorted
 * set, far less time under the lock than encoding (and compressing) them all.
 */
public final class KeyspaceImage implements RdbSource {
    private final Db[] dbs;
    /** How long taking it held the lock: the pause every client saw. */
    private final long millisTaken;

    private static final class Db {
        final byte[][] keys;
        final Object[] values;
        final long[] expires;
        final int volatileSize;

        Db(int size, int volatileSize) {
            keys = new byte[size][];
            values = new Object[size];
            expires = new long[size];
            this.volatileSize = volatileSize;
        }
    }

    private KeyspaceImage(Db[] dbs, long millisTaken) {
        this.dbs = dbs;
        this.millisTaken = millisTaken;
    }

    /** The keyspace now (keyspace lock held). */
    public static KeyspaceImage of(Keyspace keyspace) {
        long began = System.nanoTime();
        Db[] dbs = new Db[keyspace.count()];
        for (int i = 0; i < dbs.length; i++) {
            Database live = keyspace.db(i);
            Db db = new Db(live.size(), live.volatileSize());
            int[] n = {0};
            live.dict().forEach(e -> {
                int k = n[0]++;
                db.keys[k] = e.key;
                db.values[k] = frozen(e.value);
                db.expires[k] = e.expireAt;
            });
            dbs[i] = db;
        }
        return new KeyspaceImage(dbs, (System.nanoTime() - began) / 1_000_000);
    }

    /** A value the image can keep: a string's bytes, a copy of any other type that changes in place. */
    private static Object frozen(Object value) {
        if (value instanceof MutableString s) {
            return s.toBytes(); // the RDB has one string form, whatever OBJECT ENCODING says
        }
        return value instanceof MutableValue m ? m.copy() : value;
    }

    /**
     * Gives back the memory outside the heap that its copies of large lists hold, once it is written. Needed
     * only for promptness: a forgotten image's lists are given back when the garbage collector finds them.
     */
    public void release() {
        for (Db db : dbs) {
            for (Object v : db.values) {
                if (v instanceof ListValue l) {
                    l.releaseUnlessHeld();
                }
            }
        }
    }

    /** Keys in all databases. */
    public long keys() {
        long n = 0;
        for (Db db : dbs) {
            n += db.keys.length;
        }
        return n;
    }

    /** How long taking it held the keyspace lock, in milliseconds. */
    public long millisTaken() {
        return millisTaken;
    }

    @Override
    public int databases() {
        return dbs.length;
    }

    @Override
    public int size(int db) {
        return dbs[db].keys.length;
    }

    @Override
    public int volatileSize(int db) {
        return dbs[db].volatileSize;
    }

    @Override
    public void forEach(int db, KeyWriter writer) throws IOException {
        Db d = dbs[db];
        for (int k = 0; k < d.keys.length; k++) {
            writer.write(d.keys[k], d.values[k], d.expires[k]);
        }
    }
}
