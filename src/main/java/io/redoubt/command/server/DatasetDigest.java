package io.redoubt.command.server;

import io.redoubt.command.zset.Scores;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.keyspace.ListValue;
import io.redoubt.keyspace.RedisHash;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.keyspace.Values;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE, computed exactly as Redis 7.2's debug.c computes them, so that two
 * servers holding the same data (a master and its replica, Redoubt and Redis) answer the same hex string.
 * Two SHA-1 operations build everything: xor (digest ^= SHA1(data): order does not matter, for entries, set
 * members, hash fields and sorted-set elements, the last three digested first) and mix
 * (digest = SHA1(digest ^ SHA1(data)): order matters, for list elements and the parts of one entry). An entry is its key, its type code, its value and, when it
 * has a time to live, the text "!!expire!!" (not the time, which differs between servers). Each non-empty
 * database mixes its number in first. Like Redis, keys past their expiry but not yet deleted are included.
 */
public final class DatasetDigest {
    private static final int SIZE = 20;
    /** Redis's OBJ_STRING, OBJ_LIST, OBJ_SET, OBJ_ZSET and OBJ_HASH. */
    private static final int STRING = 0;
    private static final int LIST = 1;
    private static final int SET = 2;
    private static final int ZSET = 3;
    private static final int HASH = 4;
    private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha1;

    private DatasetDigest() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java platform", e);
        }
    }

    /** DEBUG DIGEST: the whole dataset; 20 zero bytes when every database is empty. */
    public static byte[] ofDataset(Keyspace keyspace) {
        DatasetDigest d = new DatasetDigest();
        byte[] result = new byte[SIZE];
        for (int i = 0; i < keyspace.count(); i++) {
            Database db = keyspace.db(i);
            if (db.size() == 0) {
                continue;
            }
            d.mix(result, bigEndian(i));
            db.dict().forEach(e -> {
                byte[] entry = new byte[SIZE];
                d.mix(entry, e.key);
                d.value(entry, e);
                d.xor(result, entry);
            });
        }
        return result;
    }

    /** DEBUG DIGEST-VALUE: one key's value (type, contents, expiry mark, not its name); zeros when missing. */
    public static byte[] ofValue(Database db, byte[] key) {
        byte[] result = new byte[SIZE];
        Dict.Entry e = db.dict().find(key); // like Redis, logically expired keys still count
        if (e != null) {
            new DatasetDigest().value(result, e);
        }
        return result;
    }

    /** The digest as DEBUG answers it: 40 lower-case hex digits. */
    public static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }

    /** Redis's xorObjectDigest. */
    private void value(byte[] digest, Dict.Entry e) {
        Object v = e.value;
        if (Values.isString(v)) {
            mix(digest, bigEndian(STRING));
            mix(digest, Arrays.copyOf(Values.stringBuffer(v), Values.stringLength(v)));
        } else if (v instanceof ListValue l) {
            mix(digest, bigEndian(LIST));
            for (int i = 0; i < l.size(); i++) {
                mix(digest, l.get(i));
            }
        } else if (v instanceof RedisSet s) {
            mix(digest, bigEndian(SET));
            s.forEach(m -> xor(digest, m));
        } else if (v instanceof SortedSet z) {
            mix(digest, bigEndian(ZSET));
            z.forEach((member, score) -> xor(digest,
                pair(member, Scores.fpconv(score).getBytes(StandardCharsets.US_ASCII))));
        } else if (v instanceof RedisHash h) {
            mix(digest, bigEndian(HASH));
            h.forEach((field, value) -> xor(digest, pair(field, value)));
        } else {
            throw new IllegalStateException("no digest for " + v.getClass());
        }
        if (e.expireAt != 0) {
            xor(digest, EXPIRE_MARK);
        }
    }

    /** One element of a sorted set or hash: both parts mixed, in order, into a fresh digest. */
    private byte[] pair(byte[] first, byte[] second) {
        byte[] element = new byte[SIZE];
        mix(element, first);
        mix(element, second);
        return element;
    }

    /** digest ^= SHA1(data) */
    private void xor(byte[] digest, byte[] data) {
        xorInto(digest, sha1.digest(data));
    }

    /** digest = SHA1(digest ^ SHA1(data)) */
    private void mix(byte[] digest, byte[] data) {
        xor(digest, data);
        System.arraycopy(sha1.digest(digest), 0, digest, 0, SIZE);
    }

    private static void xorInto(byte[] digest, byte[] other) {
        for (int i = 0; i < SIZE; i++) {
            digest[i] ^= other[i];
        }
    }

    /** A 32-bit number in network byte order, as Redis's htonl. */
    private static byte[] bigEndian(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }
}
