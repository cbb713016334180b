package io.redoubt.persistence;

import io.redoubt.command.zset.Scores;
import io.redoubt.keyspace.ListValue;
import io.redoubt.keyspace.RedisHash;
import io.redoubt.keyspace.RedisSet;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.keyspace.Values;
import io.redoubt.util.Bytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one value as its RDB type byte and body, in the encoding Redis 7.2 uses for the same value:
 * strings (rdbSaveRawString), lists as QUICKLIST_2 (listpack nodes of up to 8 KB, an element above 8 KB in
 * a plain node of its own), hashes and sorted sets as listpacks while compact (else HASH, and ZSET_2 from the
 * highest score down, as Redis saves a skiplist), sets as intsets, or as listpacks in version 11 (version
 * 10 has no set listpack, so the members are written as a plain SET).
 */
final class ValueWriter {
    /** Redis's node limit for list-max-listpack-size -2. */
    private static final int NODE_LIMIT = 8192;
    /** What Redis 7.2 adds to a node's size per element when deciding whether it still fits. */
    private static final int SIZE_ESTIMATE_OVERHEAD = 8;

    private ValueWriter() {
    }

    /** The RDB type byte the value is written with. */
    static int type(Object value, int version) {
        if (Values.isString(value)) {
            return RdbFormat.TYPE_STRING;
        } else if (value instanceof ListValue) {
            return RdbFormat.TYPE_LIST_QUICKLIST_2;
        } else if (value instanceof RedisHash h) {
            return h.encoding().equals("listpack") ? RdbFormat.TYPE_HASH_LISTPACK : RdbFormat.TYPE_HASH;
        } else if (value instanceof RedisSet s) {
            return switch (s.encoding()) {
                case "intset" -> RdbFormat.TYPE_SET_INTSET;
                case "listpack" -> version >= RdbFormat.VERSION_7_2 ? RdbFormat.TYPE_SET_LISTPACK : RdbFormat.TYPE_SET;
                default -> RdbFormat.TYPE_SET;
            };
        } else if (value instanceof SortedSet z) {
            return z.isListpack() ? RdbFormat.TYPE_ZSET_LISTPACK : RdbFormat.TYPE_ZSET_2;
        }
        throw new IllegalStateException("unknown value type " + value.getClass());
    }

    /** Writes the value's body in the form its {@link #type} announces. */
    static void writeBody(RdbOutput out, Object value, int type) throws IOException {
        switch (type) {
            case RdbFormat.TYPE_STRING -> out.writeString(Values.stringBuffer(value), 0, Values.stringLength(value));
            case RdbFormat.TYPE_LIST_QUICKLIST_2 -> writeList(out, (ListValue) value);
            case RdbFormat.TYPE_HASH_LISTPACK, RdbFormat.TYPE_HASH -> writeHash(out, (RedisHash) value, type);
            case RdbFormat.TYPE_SET_INTSET, RdbFormat.TYPE_SET_LISTPACK, RdbFormat.TYPE_SET ->
                writeSet(out, (RedisSet) value, type);
            case RdbFormat.TYPE_ZSET_LISTPACK, RdbFormat.TYPE_ZSET_2 -> writeZset(out, (SortedSet) value, type);
            default -> throw new IllegalStateException("no writer for type " + type);
        }
    }

    private static void writeList(RdbOutput out, ListValue l) throws IOException {
        List<Object> nodes = new ArrayList<>(); // byte[] for a plain node, Listpack.Builder for a packed one
        Listpack.Builder current = null;
        for (int i = 0, n = l.size(); i < n; i++) {
            byte[] e = l.get(i);
            if (e.length > NODE_LIMIT) {
                nodes.add(e);
                current = null;
                continue;
            }
            if (current == null || current.bytes() + e.length + SIZE_ESTIMATE_OVERHEAD > NODE_LIMIT) {
                current = new Listpack.Builder();
                nodes.add(current);
            }
            current.add(e);
        }
        out.writeLength(nodes.size());
        for (Object node : nodes) {
            if (node instanceof byte[] plain) {
                out.writeLength(RdbFormat.QUICKLIST_NODE_PLAIN);
                out.writeString(plain);
            } else {
                out.writeLength(RdbFormat.QUICKLIST_NODE_PACKED);
                out.writeString(((Listpack.Builder) node).build());
            }
        }
    }

    private static void writeHash(RdbOutput out, RedisHash h, int type) throws IOException {
        IOException[] failure = new IOException[1];
        if (type == RdbFormat.TYPE_HASH_LISTPACK) {
            Listpack.Builder lp = new Listpack.Builder();
            h.forEach((f, v) -> lp.add(f).add(v));
            out.writeString(lp.build());
            return;
        }
        out.writeLength(h.size());
        h.forEach((f, v) -> {
            try {
                if (failure[0] == null) {
                    out.writeString(f);
                    out.writeString(v);
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        rethrow(failure);
    }

    private static void writeSet(RdbOutput out, RedisSet s, int type) throws IOException {
        if (type == RdbFormat.TYPE_SET_INTSET) {
            long[] ints = new long[s.size()];
            int[] n = {0};
            s.forEach(m -> ints[n[0]++] = Bytes.toLong(m));
            out.writeString(Intset.encode(ints, n[0]));
            return;
        }
        if (type == RdbFormat.TYPE_SET_LISTPACK) {
            Listpack.Builder lp = new Listpack.Builder();
            s.forEach(lp::add);
            out.writeString(lp.build());
            return;
        }
        out.writeLength(s.size());
        IOException[] failure = new IOException[1];
        s.forEach(m -> {
            try {
                if (failure[0] == null) {
                    out.writeString(m);
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        rethrow(failure);
    }

    private static void writeZset(RdbOutput out, SortedSet z, int type) throws IOException {
        if (type == RdbFormat.TYPE_ZSET_LISTPACK) {
            Listpack.Builder lp = new Listpack.Builder();
            z.forEach((m, score) -> lp.add(m).add(Scores.format(score)));
            out.writeString(lp.build());
            return;
        }
        out.writeLength(z.size());
        IOException[] failure = new IOException[1];
        z.forRange(0, z.size() - 1, true, (m, score) -> {
            try {
                if (failure[0] == null) {
                    out.writeString(m);
                    out.writeBinaryDouble(score);
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        rethrow(failure);
    }

    private static void rethrow(IOException[] failure) throws IOException {
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
