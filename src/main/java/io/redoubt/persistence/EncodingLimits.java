package io.redoubt.persistence;

import io.redoubt.config.DirectiveRegistry;
import io.redoubt.keyspace.CollectionLimits;
import io.redoubt.keyspace.ListNodeLimit;
import io.redoubt.keyspace.SortedSet;

/** The encoding thresholds loaded values are built with, as Redis converts values to its current limits on load. */
public record EncodingLimits(CollectionLimits collections, SortedSet.Limits zsets, ListNodeLimit lists) {
    public static final EncodingLimits DEFAULTS =
        new EncodingLimits(CollectionLimits.DEFAULTS, new SortedSet.Limits(128, 64), ListNodeLimit.DEFAULT);

    /** The thresholds in force now. */
    public static EncodingLimits from(DirectiveRegistry d) {
        return new EncodingLimits(new CollectionLimits(d.get("hash-max-listpack-entries").asLong(),
            d.get("hash-max-listpack-value").asLong(), d.get("set-max-intset-entries").asLong(),
            d.get("set-max-listpack-entries").asLong(), d.get("set-max-listpack-value").asLong()),
            new SortedSet.Limits(d.get("zset-max-listpack-entries").asLong(),
                d.get("zset-max-listpack-value").asLong()),
            ListNodeLimit.of(d.get("list-max-listpack-size").asLong()));
    }
}
