package io.redoubt.keyspace;

/**
 * The encoding thresholds in force (redis.conf's hash-max-listpack-*, set-max-intset-entries and
 * set-max-listpack-*): a hash or set stays in its compact encoding while it is within them.
 */
public record CollectionLimits(long hashEntries, long hashValue, long intsetEntries, long setEntries,
                               long setValue) {
    /** Redis 7.2's defaults. */
    public static final CollectionLimits DEFAULTS = new CollectionLimits(128, 64, 512, 128, 64);
}
