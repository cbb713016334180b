package io.redoubt.keyspace;

import java.util.Arrays;

/**
 * A string value the keyspace owns alone and changes in place: grown by APPEND or SETRANGE, with spare
 * capacity like Redis's sds (so many appends cost amortised O(1) each), or rewritten by SET. Rewriting in
 * place matters on the JVM: storing a new young array into an entry that lives in the old generation makes
 * the collector track that reference (G1's card refinement), a cost paid on every SET of an existing key,
 * while copying the bytes into the buffer the entry already has costs nothing of the kind. Its buffer is
 * never handed out to be kept: readers copy it or write it out at once.
 */
public final class MutableString implements MutableValue {
    private byte[] buf;
    private int len;
    /** Changed by APPEND or SETRANGE since the last SET: Redis reports such a string as "raw" whatever it holds. */
    private boolean grown = true;

    public MutableString(byte[] initial) {
        this.buf = Arrays.copyOf(initial, Math.max(16, initial.length * 2));
        this.len = initial.length;
    }

    /** A string set whole by SET, which takes a copy: the caller's array may be shared (arguments, constants). */
    public static MutableString set(byte[] value) {
        MutableString s = new MutableString();
        s.buf = value.clone();
        s.len = value.length;
        s.grown = false;
        return s;
    }

    private MutableString() {
    }

    /** Counts changes of the contents, so WATCH can tell a command that changed the value from one that did not. */
    private long version;

    @Override
    public long version() {
        return version;
    }

    public int length() {
        return len;
    }

    /** The bytes of the string; a copy, since the buffer has spare room. */
    public byte[] toBytes() {
        return Arrays.copyOf(buf, len);
    }

    /** The backing buffer; only the first {@link #length()} bytes are the string. */
    public byte[] buffer() {
        return buf;
    }

    /** An independent copy (COPY), reported the same way. */
    @Override
    public MutableString copy() {
        return grown ? new MutableString(toBytes()) : set(toBytes());
    }

    /** Whether APPEND or SETRANGE changed it since it was last set whole. */
    public boolean grown() {
        return grown;
    }

    /**
     * SET of a new value: copied into the buffer when it fits without wasting much of it, else into a new
     * buffer of its size.
     */
    public void assign(byte[] value) {
        version++;
        grown = false;
        if (value.length > buf.length || buf.length > 2 * value.length + 16) {
            buf = value.clone();
        } else {
            System.arraycopy(value, 0, buf, 0, value.length);
        }
        len = value.length;
    }

    public void append(byte[] more) {
        version++;
        grown = true;
        ensure(len + more.length);
        System.arraycopy(more, 0, buf, len, more.length);
        len += more.length;
    }

    /** Overwrites from offset, zero-padding any gap, as SETRANGE does. */
    public void setRange(int offset, byte[] value) {
        version++;
        grown = true;
        int end = offset + value.length;
        ensure(end);
        if (offset > len) {
            Arrays.fill(buf, len, offset, (byte) 0); // past len the buffer may still hold a longer string SET before
        }
        System.arraycopy(value, 0, buf, offset, value.length);
        if (end > len) {
            len = end;
        }
    }

    private void ensure(int needed) {
        if (needed > buf.length) {
            // grow like sds: double until 1 MB, then by 1 MB at a time
            int cap = needed < 1024 * 1024 ? needed * 2 : needed + 1024 * 1024;
            buf = Arrays.copyOf(buf, cap);
        }
    }

    @Override
    public String typeName() {
        return "string";
    }

    /** "raw" once grown; after a SET, what Redis's new object would say for the content. */
    @Override
    public String encoding() {
        return grown ? "raw" : Values.stringEncoding(buf, len);
    }
}
