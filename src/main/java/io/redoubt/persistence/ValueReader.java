package io.redoubt.persistence;

import io.redoubt.command.zset.Scores;
import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.ListNodeLimit;
import io.redoubt.keyspace.ListValue;
import io.redoubt.keyspace.RedisHash;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.util.Bytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one value of a given RDB type into Redoubt's value classes, built with the encoding thresholds in
 * force (as Redis converts a loaded value to its current limits). Every encoding Redis has written since
 * RDB version 1 is understood; module and stream types are refused. Returns null for an empty collection,
 * which Redis skips when loading a file and refuses in RESTORE.
 */
final class ValueReader {
    private ValueReader() {
    }

    static Object read(RdbInput in, int type, EncodingLimits limits) throws IOException, RdbException {
        long at = in.offset();
        try {
            return switch (type) {
                case RdbFormat.TYPE_STRING -> in.readString();
                case RdbFormat.TYPE_LIST -> list(readStrings(in, in.readLength()), limits.lists());
                case RdbFormat.TYPE_LIST_ZIPLIST -> list(Ziplist.decode(in.readString()), limits.lists());
                case RdbFormat.TYPE_LIST_QUICKLIST -> quicklist(in, false, limits.lists());
                case RdbFormat.TYPE_LIST_QUICKLIST_2 -> quicklist(in, true, limits.lists());
                case RdbFormat.TYPE_SET -> set(readStrings(in, in.readLength()), limits.collections(), false);
                case RdbFormat.TYPE_SET_INTSET -> intset(Intset.decode(in.readString()), limits.collections());
                case RdbFormat.TYPE_SET_LISTPACK -> set(Listpack.decode(in.readString()), limits.collections(), true);
                case RdbFormat.TYPE_HASH -> hash(readStrings(in, pairs(in)), limits.collections());
                case RdbFormat.TYPE_HASH_ZIPMAP -> hash(Zipmap.decode(in.readString()), limits.collections());
                case RdbFormat.TYPE_HASH_ZIPLIST -> hash(Ziplist.decode(in.readString()), limits.collections());
                case RdbFormat.TYPE_HASH_LISTPACK -> hash(Listpack.decode(in.readString()), limits.collections());
                case RdbFormat.TYPE_ZSET, RdbFormat.TYPE_ZSET_2 -> zset(in, type == RdbFormat.TYPE_ZSET_2, limits);
                case RdbFormat.TYPE_ZSET_ZIPLIST -> zsetPacked(Ziplist.decode(in.readString()), limits);
                case RdbFormat.TYPE_ZSET_LISTPACK -> zsetPacked(Listpack.decode(in.readString()), limits);
                case RdbFormat.TYPE_MODULE, RdbFormat.TYPE_MODULE_2 ->
                    throw new RdbException(at, "module values are not supported (Redoubt has no modules)");
                case RdbFormat.TYPE_STREAM_LISTPACKS, RdbFormat.TYPE_STREAM_LISTPACKS_2,
                     RdbFormat.TYPE_STREAM_LISTPACKS_3 ->
                    throw new RdbException(at, "stream values are not supported (Redoubt has no streams)");
                default -> throw new RdbException(at, "unknown value type " + type);
            };
        } catch (BlobException e) {
            throw new RdbException(at, "bad encoded value: " + e.getMessage());
        }
    }

    private static long pairs(RdbInput in) throws IOException, RdbException {
        long n = in.readLength();
        if (n > Integer.MAX_VALUE / 2) {
            throw in.error("hash length " + n + " out of range");
        }
        return n * 2;
    }

    private static List<byte[]> readStrings(RdbInput in, long n) throws IOException, RdbException {
        if (n > Integer.MAX_VALUE - 8) {
            throw in.error("collection length " + n + " out of range");
        }
        List<byte[]> out = new ArrayList<>((int) Math.min(n, 1 << 16));
        for (long i = 0; i < n; i++) {
            out.add(in.readString());
        }
        return out;
    }

    private static ListValue list(List<byte[]> elements, ListNodeLimit limit) {
        ListValue l = new ListValue();
        for (byte[] e : elements) {
            l.growing(e.length, 1, limit);
            l.pushTail(e);
        }
        return l.isEmpty() ? null : l;
    }

    private static ListValue quicklist(RdbInput in, boolean version2, ListNodeLimit limit) throws IOException, RdbException {
        long nodes = in.readLength();
        ListValue l = new ListValue();
        for (long i = 0; i < nodes; i++) {
            long container = version2 ? in.readLength() : RdbFormat.QUICKLIST_NODE_PACKED;
            byte[] blob = in.readString();
            List<byte[]> elements;
            if (container == RdbFormat.QUICKLIST_NODE_PLAIN) {
                elements = List.of(blob);
            } else if (container == RdbFormat.QUICKLIST_NODE_PACKED) {
                elements = version2 ? Listpack.decode(blob) : Ziplist.decode(blob);
                if (elements.isEmpty()) {
                    throw in.error("empty quicklist node");
                }
            } else {
                throw in.error("unknown quicklist node container " + container);
            }
            for (byte[] e : elements) {
                l.growing(e.length, 1, limit);
                l.pushTail(e);
            }
        }
        return l.isEmpty() ? null : l;
    }

    private static RedisSet set(List<byte[]> members, CollectionLimits limits, boolean fromListpack) {
        if (members.isEmpty()) {
            return null;
        }
        RedisSet s;
        if (fromListpack) {
            s = RedisSet.emptyListpack();
        } else if (members.size() > limits.intsetEntries()) {
            s = RedisSet.create(members.get(0), members.size(), limits);
        } else {
            s = RedisSet.empty();
        }
        for (byte[] m : members) {
            if (!s.add(m, limits)) {
                throw new BlobException("duplicate set member");
            }
        }
        return s;
    }

    private static RedisSet intset(long[] ints, CollectionLimits limits) {
        if (ints.length == 0) {
            return null;
        }
        RedisSet s = RedisSet.empty();
        for (long v : ints) {
            s.add(Bytes.fromLong(v), limits);
        }
        return s;
    }

    private static RedisHash hash(List<byte[]> flat, CollectionLimits limits) {
        if (flat.size() % 2 != 0) {
            throw new BlobException("hash with a field without value");
        }
        if (flat.isEmpty()) {
            return null;
        }
        RedisHash h = new RedisHash();
        h.prepareFor(flat.size() / 2, limits);
        for (int i = 0; i < flat.size(); i += 2) {
            if (!h.put(flat.get(i), flat.get(i + 1), limits)) {
                throw new BlobException("duplicate hash field");
            }
        }
        return h;
    }

    private static SortedSet zset(RdbInput in, boolean binary, EncodingLimits limits)
            throws IOException, RdbException {
        long n = in.readLength();
        if (n > Integer.MAX_VALUE - 8) {
            throw in.error("sorted set length " + n + " out of range");
        }
        List<byte[]> members = new ArrayList<>((int) Math.min(n, 1 << 16));
        double[] scores = new double[(int) Math.min(n, 1 << 16)];
        for (long i = 0; i < n; i++) {
            members.add(in.readString());
            double score = binary ? in.readBinaryDouble() : in.readStringDouble();
            if (Double.isNaN(score)) {
                throw in.error("sorted set score is NaN");
            }
            if (i >= scores.length) {
                scores = java.util.Arrays.copyOf(scores, scores.length * 2);
            }
            scores[(int) i] = score;
        }
        return zsetOf(members, scores, limits);
    }

    private static SortedSet zsetPacked(List<byte[]> flat, EncodingLimits limits) {
        if (flat.size() % 2 != 0) {
            throw new BlobException("sorted set member without score");
        }
        List<byte[]> members = new ArrayList<>(flat.size() / 2);
        double[] scores = new double[flat.size() / 2];
        for (int i = 0; i < flat.size(); i += 2) {
            members.add(flat.get(i));
            try {
                scores[i / 2] = Scores.parse(flat.get(i + 1));
            } catch (io.redoubt.command.RedisError e) {
                throw new BlobException("sorted set score is not a number");
            }
        }
        return zsetOf(members, scores, limits);
    }

    private static SortedSet zsetOf(List<byte[]> members, double[] scores, EncodingLimits limits) {
        if (members.isEmpty()) {
            return null;
        }
        long longest = 0;
        for (byte[] m : members) {
            longest = Math.max(longest, m.length);
        }
        SortedSet z = SortedSet.create(members.size(), longest, limits.zsets());
        for (int i = 0; i < members.size(); i++) {
            if (!z.put(members.get(i), scores[i], limits.zsets())) {
                throw new BlobException("duplicate sorted set member");
            }
        }
        return z;
    }
}
