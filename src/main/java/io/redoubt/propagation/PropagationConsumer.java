package io.redoubt.propagation;

/**
 * Receives every effect the server propagates (what Redis feeds its AOF and its replicas), in execution order,
 * with the keyspace lock held. {@code argv} must not be modified; it may be kept.
 */
public interface PropagationConsumer {
    void propagate(int db, byte[][] argv);
}
