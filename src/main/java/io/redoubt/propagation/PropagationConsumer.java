package io.redoubt.propagation;

/**
 * Receives every effect the server propagates (what Redis feeds its AOF and its replicas), in execution order,
 * with the keyspace lock held. {@code argv} must not be modified; it may be kept.
 */
public interface PropagationConsumer {
    void propagate(int db, byte[][] argv);

    /**
     * The effects of one execution unit (a command, a transaction, one actively expired key) have all been
     * handed over, before any client is answered: the moment to write them out (an AOF writes, and with
     * appendfsync always syncs, here).
     */
    default void endOfUnit() {
    }

    /** Whether this consumer feeds replicas: only those receive replica-only effects (PUBLISH), not the AOF. */
    default boolean feedsReplicas() {
        return false;
    }
}
