package io.redoubt.replication;

/**
 * Redis's replication backlog: the last {@code size} bytes of the replication stream in a ring, so that a
 * replica that lost its link can continue from its offset (PSYNC answered +CONTINUE) instead of a full sync.
 * Offsets are those of the stream: the byte at offset {@code o} was the o-th byte ever propagated (starting at 1,
 * as Redis numbers them). Used with the keyspace lock held.
 */
final class ReplicationBacklog {
    private byte[] ring;
    /** Offset of the first byte the ring still holds (repl_backlog_first_byte_offset). */
    private long firstOffset;
    /** Bytes held (repl_backlog_histlen), at most the ring's size. */
    private long histlen;
    /** Where the next byte goes. */
    private int writeAt;

    /** A backlog whose next byte appended will have offset {@code masterOffset + 1}. */
    ReplicationBacklog(long size, long masterOffset) {
        ring = new byte[(int) Math.max(16 * 1024, Math.min(size, Integer.MAX_VALUE - 8))];
        firstOffset = masterOffset + 1;
    }

    void append(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, ring.length - writeAt);
            System.arraycopy(b, off, ring, writeAt, n);
            writeAt = (writeAt + n) % ring.length;
            off += n;
            len -= n;
            histlen += n;
        }
        if (histlen > ring.length) {
            firstOffset += histlen - ring.length;
            histlen = ring.length;
        }
    }

    /** repl-backlog-size changed: keeps what fits of the most recent bytes. */
    void resize(long size) {
        int newSize = (int) Math.max(16 * 1024, Math.min(size, Integer.MAX_VALUE - 8));
        if (newSize == ring.length) {
            return;
        }
        long keep = Math.min(histlen, newSize);
        byte[] recent = copy(firstOffset + histlen - keep, (int) keep);
        ring = new byte[newSize];
        System.arraycopy(recent, 0, ring, 0, recent.length);
        writeAt = recent.length % newSize;
        firstOffset = firstOffset + histlen - keep;
        histlen = keep;
    }

    /** Whether the bytes from {@code offset} (the first byte the replica lacks) to the end are all held. */
    boolean holdsFrom(long offset) {
        return histlen > 0 ? offset >= firstOffset && offset <= firstOffset + histlen : offset == firstOffset;
    }

    /** The bytes from {@code offset} to the end of the stream; {@link #holdsFrom} must be true. */
    byte[] from(long offset) {
        return copy(offset, (int) (firstOffset + histlen - offset));
    }

    private byte[] copy(long offset, int len) {
        byte[] out = new byte[len];
        long back = firstOffset + histlen - offset; // how far behind the write position it starts
        int start = (int) Math.floorMod(writeAt - back, (long) ring.length);
        int first = Math.min(len, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, len - first);
        return out;
    }

    long size() {
        return ring.length;
    }

    long firstOffset() {
        return firstOffset;
    }

    long histlen() {
        return histlen;
    }
}
