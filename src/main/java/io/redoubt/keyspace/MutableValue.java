package io.redoubt.keyspace;

/**
 * A stored value that changes in place (every type but the immutable {@code byte[]} string), as TYPE,
 * OBJECT ENCODING, WATCH and COPY see it: {@link Values} asks these instead of testing each class.
 */
public interface MutableValue {
    /** What TYPE answers. */
    String typeName();

    /** What OBJECT ENCODING answers. */
    String encoding();

    /** Counts changes of the contents, so WATCH can tell a command that changed the value from one that did not. */
    long version();

    /** An independent copy (COPY): changing one never changes the other. */
    MutableValue copy();
}
