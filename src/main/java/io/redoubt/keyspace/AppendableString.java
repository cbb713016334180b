package io.redoubt.keyspace;

import java.util.Arrays;

/**
 * A string value grown in place by APPEND or SETRANGE, with spare capacity like Redis's sds, so that a
 * key built by many appends costs amortised O(1) per append instead of a full copy each time.
 */
public final class AppendableString {
    private byte[] buf;
    private int len;

    public AppendableString(byte[] initial) {
        this.buf = Arrays.copyOf(initial, Math.max(16, initial.length * 2));
        this.len = initial.length;
    }

    /** Counts changes of the contents, so WATCH can tell a command that changed the value from one that did not. */
    private long version;

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

    public void append(byte[] more) {
        version++;
        ensure(len + more.length);
        System.arraycopy(more, 0, buf, len, more.length);
        len += more.length;
    }

    /** Overwrites from offset, zero-padding any gap, as SETRANGE does. */
    public void setRange(int offset, byte[] value) {
        version++;
        int end = offset + value.length;
        ensure(end);
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
}
