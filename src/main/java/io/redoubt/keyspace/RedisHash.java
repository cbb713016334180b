package io.redoubt.keyspace;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A hash value. Small hashes are kept as Redis keeps them in a listpack: field/value pairs in insertion
 * order, searched linearly ("listpack"). Past {@link CollectionLimits#hashEntries} fields, or once a field
 * or value is longer than {@link CollectionLimits#hashValue} bytes, it becomes a {@link Dict} of field to
 * value ("hashtable") and stays one, as in Redis.
 */
public final class RedisHash implements MutableValue {
    /** Listpack form: fields at even indexes, their values after them; null once converted. */
    private byte[][] pairs = new byte[8][];
    private int count;
    /** Hashtable form: entry key = field, entry value = value (byte[]). */
    private Dict table;

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
        return table != null ? "hashtable" : "listpack";
    }

    public byte[] get(byte[] field) {
        if (table != null) {
            Dict.Entry e = table.find(field);
            return e == null ? null : (byte[]) e.value;
        }
        int i = indexOf(field);
        return i < 0 ? null : pairs[i + 1];
    }

    /** Sets a field; returns true when the field is new. Converts to a hashtable past the limits. */
    public boolean put(byte[] field, byte[] value, CollectionLimits limits) {
        version++; // setting a field counts as a change even when the value is the same, as in Redis
        if (table == null && (field.length > limits.hashValue() || value.length > limits.hashValue())) {
            convert();
        }
        if (table != null) {
            Dict.Entry e = table.find(field);
            boolean added = e == null;
            if (added) {
                e = table.insert(field);
            }
            e.value = value;
            return added;
        }
        int i = indexOf(field);
        if (i >= 0) {
            pairs[i + 1] = value;
            return false;
        }
        if (count * 2 == pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
        }
        pairs[count * 2] = field;
        pairs[count * 2 + 1] = value;
        count++;
        if (count > limits.hashEntries()) {
            convert();
        }
        return true;
    }

    /**
     * Redis's pre-sizing before HSET sets {@code newFields} pairs: a listpack that could not hold that many
     * becomes a hashtable at once, even if some of the fields turn out to be repeats.
     */
    public void prepareFor(long newFields, CollectionLimits limits) {
        if (table == null && newFields > limits.hashEntries()) {
            convert();
        }
    }

    public boolean remove(byte[] field) {
        boolean removed = removeField(field);
        if (removed) {
            version++;
        }
        return removed;
    }

    private boolean removeField(byte[] field) {
        if (table != null) {
            return table.remove(field) != null;
        }
        int i = indexOf(field);
        if (i < 0) {
            return false;
        }
        // Shift the rest down so the listpack keeps its insertion order, as Redis's does.
        System.arraycopy(pairs, i + 2, pairs, i, count * 2 - i - 2);
        count--;
        pairs[count * 2] = null;
        pairs[count * 2 + 1] = null;
        return true;
    }

    /** Visits every field and value; listpack order for a small hash. */
    public void forEach(BiConsumer<byte[], byte[]> action) {
        if (table != null) {
            table.forEach(e -> action.accept(e.key, (byte[]) e.value));
            return;
        }
        for (int i = 0; i < count * 2; i += 2) {
            action.accept(pairs[i], pairs[i + 1]);
        }
    }

    /**
     * One HSCAN step. A listpack is returned whole with cursor 0 (Redis ignores COUNT for it); a hashtable
     * is scanned bucket by bucket with {@link Dict#scan}'s guarantee.
     */
    public long scan(long cursor, BiConsumer<byte[], byte[]> visitor) {
        if (table != null) {
            return table.scan(cursor, e -> visitor.accept(e.key, (byte[]) e.value));
        }
        forEach(visitor);
        return 0;
    }

    /** A random field and its value as {field, value}; the hash must not be empty. */
    public byte[][] random() {
        if (table != null) {
            Dict.Entry e = table.random();
            return new byte[][] {e.key, (byte[]) e.value};
        }
        int i = java.util.concurrent.ThreadLocalRandom.current().nextInt(count) * 2;
        return new byte[][] {pairs[i], pairs[i + 1]};
    }

    /** An independent copy in the same encoding (values are never modified in place, so they are shared). */
    @Override
    public RedisHash copy() {
        RedisHash h = new RedisHash();
        if (table != null) {
            h.pairs = null;
            h.table = new Dict();
            table.forEach(e -> h.table.insert(e.key).value = e.value);
        } else {
            h.pairs = pairs.clone();
            h.count = count;
        }
        return h;
    }

    private int indexOf(byte[] field) {
        for (int i = 0; i < count * 2; i += 2) {
            if (Arrays.equals(pairs[i], field)) {
                return i;
            }
        }
        return -1;
    }

    private void convert() {
        Dict d = new Dict();
        for (int i = 0; i < count * 2; i += 2) {
            d.insert(pairs[i]).value = pairs[i + 1];
        }
        table = d;
        pairs = null;
        count = 0;
    }

    @Override
    public String typeName() {
        return "hash";
    }
}
