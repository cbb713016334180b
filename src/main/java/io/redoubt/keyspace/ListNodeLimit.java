package io.redoubt.keyspace;

/**
 * What {@code list-max-listpack-size} allows one Redis list node (a listpack) to hold, as Redis 7.2's
 * quicklistNodeLimit reads it: -1 to -5 are byte limits of 4, 8, 16, 32 and 64 KB (below -5: 64 KB); a
 * positive value is an entry count (0 counts as 1), with nodes still kept within 8 KB for safety.
 */
public record ListNodeLimit(long maxBytes, long maxEntries) {
    /** The 8 KB a count-limited node never passes. */
    private static final long SIZE_SAFETY_LIMIT = 8192;
    private static final long[] SIZE_LEVELS = {4096, 8192, 16384, 32768, 65536};
    private static final long UNLIMITED = Long.MAX_VALUE;

    /** Redis's default, -2. */
    public static final ListNodeLimit DEFAULT = of(-2);

    public static ListNodeLimit of(long fill) {
        if (fill >= 0) {
            return new ListNodeLimit(UNLIMITED, fill == 0 ? 1 : fill);
        }
        int level = (int) Math.min(-fill - 1, SIZE_LEVELS.length - 1);
        return new ListNodeLimit(SIZE_LEVELS[level], UNLIMITED);
    }

    private boolean bySize() {
        return maxBytes != UNLIMITED;
    }

    /** Whether a node of {@code bytes} (listpack bytes) and {@code entries} would be over the limit. */
    public boolean exceeded(long bytes, long entries) {
        if (bySize()) {
            return bytes > maxBytes;
        }
        return bytes > SIZE_SAFETY_LIMIT || entries > maxEntries;
    }

    /**
     * Whether a quicklist of one node holding {@code bytes} and {@code entries} goes back to a listpack: after
     * a removal it must fit in half the limit, so that lists on the edge do not flip back and forth. A count
     * limit checks only the count, as Redis does.
     */
    public boolean fitsOneNode(long bytes, long entries, boolean shrinking) {
        long sizeLimit = bySize() ? (shrinking ? maxBytes / 2 : maxBytes) : UNLIMITED;
        long countLimit = bySize() ? UNLIMITED : (shrinking ? maxEntries / 2 : maxEntries);
        return bytes <= sizeLimit && entries <= countLimit;
    }
}
