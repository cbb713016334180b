package io.redoubt.keyspace;

import io.redoubt.util.Bytes;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * A set value in Redis 7.2's three encodings: "intset" (sorted 64-bit integers, while every member is a
 * canonical integer and there are at most {@link CollectionLimits#intsetEntries}), "listpack" (members in
 * insertion order, while small and short) and "hashtable" (a {@link Dict}). Conversions only go towards
 * the hashtable, as in Redis.
 */
public final class RedisSet implements MutableValue {
    /** Redis caps set-max-intset-entries here. */
    public static final int MAX_INTSET = 1 << 30;

    private long[] ints;
    private byte[][] items;
    private int count;
    private Dict table;

    private RedisSet() {
    }

    /**
     * An empty set in the encoding Redis's setTypeCreate picks for {@code sizeHint} members, the first
     * being {@code first}: intset for an integer, else listpack when the hint fits, else hashtable.
     */
    public static RedisSet create(byte[] first, long sizeHint, CollectionLimits limits) {
        RedisSet s = new RedisSet();
        if (Bytes.isLong(first) && sizeHint <= limits.intsetEntries()) {
            s.ints = new long[8];
        } else if (sizeHint <= limits.setEntries()) {
            s.items = new byte[8][];
        } else {
            s.table = new Dict();
        }
        return s;
    }

    /** An empty set that starts as an intset, as the results of SINTERSTORE and friends do. */
    public static RedisSet empty() {
        RedisSet s = new RedisSet();
        s.ints = new long[8];
        return s;
    }

    /**
     * An empty set to hold what SPOP leaves of this one when it pops most of it (Redis 7.2 rebuilds the set
     * then): an intset stays an intset, any other set starts again as a listpack.
     */
    public RedisSet emptyLike() {
        return ints != null ? empty() : emptyListpack();
    }

    /** An empty listpack set, where Redis 7.2 gathers SINTERSTORE's result when it may not be integers. */
    public static RedisSet emptyListpack() {
        RedisSet s = new RedisSet();
        s.items = new byte[8][];
        return s;
    }

    /**
     * Redis's setTypeMaybeConvert: before SADD adds {@code sizeHint} members to an existing set, a compact
     * set that could not hold that many becomes a hashtable at once.
     */
    public void maybeConvert(long sizeHint, CollectionLimits limits) {
        if ((items != null && sizeHint > limits.setEntries()) || (ints != null && sizeHint > limits.intsetEntries())) {
            convertToTable();
        }
    }

    /** Counts changes of the contents, so WATCH can tell a command that changed the value from one that did not. */
    private long version;

    @Override
    public long version() {
        return version;
    }

    public int size() {
        return table != null ? table.size() : count;
    }

    @Override
    public String encoding() {
        return ints != null ? "intset" : items != null ? "listpack" : "hashtable";
    }

    public boolean contains(byte[] member) {
        if (ints != null) {
            long[] v = new long[1];
            return Bytes.parseLong(member, 0, member.length, v) && Arrays.binarySearch(ints, 0, count, v[0]) >= 0;
        }
        if (items != null) {
            return indexOf(member) >= 0;
        }
        return table.find(member) != null;
    }

    /** Adds a member; returns false if it was there already. */
    public boolean add(byte[] member, CollectionLimits limits) {
        boolean added = addMember(member, limits);
        if (added) {
            version++;
        }
        return added;
    }

    private boolean addMember(byte[] member, CollectionLimits limits) {
        if (ints != null) {
            long[] v = new long[1];
            if (Bytes.parseLong(member, 0, member.length, v)) {
                return addInt(v[0], limits);
            }
            if (count < limits.setEntries() && member.length <= limits.setValue()
                && maxIntLength() <= limits.setValue()) {
                intsToListpack();
            } else {
                convertToTable();
            }
        }
        if (items != null) {
            if (indexOf(member) >= 0) {
                return false;
            }
            if (count < limits.setEntries() && member.length <= limits.setValue()) {
                if (count == items.length) {
                    items = Arrays.copyOf(items, count * 2);
                }
                items[count++] = member;
                return true;
            }
            convertToTable();
        }
        if (table.find(member) != null) {
            return false;
        }
        table.insert(member);
        return true;
    }

    public boolean remove(byte[] member) {
        boolean removed = removeMember(member);
        if (removed) {
            version++;
        }
        return removed;
    }

    private boolean removeMember(byte[] member) {
        if (ints != null) {
            long[] v = new long[1];
            if (!Bytes.parseLong(member, 0, member.length, v)) {
                return false;
            }
            int i = Arrays.binarySearch(ints, 0, count, v[0]);
            if (i < 0) {
                return false;
            }
            System.arraycopy(ints, i + 1, ints, i, count - i - 1);
            count--;
            return true;
        }
        if (items != null) {
            int i = indexOf(member);
            if (i < 0) {
                return false;
            }
            System.arraycopy(items, i + 1, items, i, count - i - 1);
            items[--count] = null;
            return true;
        }
        return table.remove(member) != null;
    }

    /** Visits every member: ascending for an intset, insertion order for a listpack. */
    public void forEach(Consumer<byte[]> action) {
        if (ints != null) {
            for (int i = 0; i < count; i++) {
                action.accept(Bytes.fromLong(ints[i]));
            }
        } else if (items != null) {
            for (int i = 0; i < count; i++) {
                action.accept(items[i]);
            }
        } else {
            table.forEach(e -> action.accept(e.key));
        }
    }

    /** One SSCAN step: compact encodings are returned whole with cursor 0, as Redis does. */
    public long scan(long cursor, Consumer<byte[]> visitor) {
        if (table != null) {
            return table.scan(cursor, e -> visitor.accept(e.key));
        }
        forEach(visitor);
        return 0;
    }

    /** A random member; the set must not be empty. */
    public byte[] random() {
        if (table != null) {
            return table.random().key;
        }
        int i = ThreadLocalRandom.current().nextInt(count);
        return ints != null ? Bytes.fromLong(ints[i]) : items[i];
    }

    /** An independent copy in the same encoding (members are never modified in place, so they are shared). */
    @Override
    public RedisSet copy() {
        RedisSet s = new RedisSet();
        s.count = count;
        if (ints != null) {
            s.ints = ints.clone();
        } else if (items != null) {
            s.items = items.clone();
        } else {
            s.table = new Dict();
            table.forEach(e -> s.table.insert(e.key));
        }
        return s;
    }

    private boolean addInt(long v, CollectionLimits limits) {
        int i = Arrays.binarySearch(ints, 0, count, v);
        if (i >= 0) {
            return false;
        }
        int at = -i - 1;
        if (count == ints.length) {
            ints = Arrays.copyOf(ints, count * 2);
        }
        System.arraycopy(ints, at, ints, at + 1, count - at);
        ints[at] = v;
        count++;
        if (count > Math.min(limits.intsetEntries(), MAX_INTSET)) {
            convertToTable();
        }
        return true;
    }

    /** The longest decimal text among the integers: Redis checks it against set-max-listpack-value. */
    private int maxIntLength() {
        if (count == 0) {
            return 0;
        }
        return Math.max(Long.toString(ints[0]).length(), Long.toString(ints[count - 1]).length());
    }

    private int indexOf(byte[] member) {
        for (int i = 0; i < count; i++) {
            if (Arrays.equals(items[i], member)) {
                return i;
            }
        }
        return -1;
    }

    private void intsToListpack() {
        byte[][] b = new byte[Math.max(8, count * 2)][];
        for (int i = 0; i < count; i++) {
            b[i] = Bytes.fromLong(ints[i]);
        }
        items = b;
        ints = null;
    }

    private void convertToTable() {
        Dict d = new Dict();
        forEach(d::insert);
        table = d;
        ints = null;
        items = null;
        count = 0;
    }

    @Override
    public String typeName() {
        return "set";
    }
}
