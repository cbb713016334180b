package io.redoubt.keyspace;

/** The elements of a list, in one of {@link ListValue}'s two representations. Indexes are valid positions. */
interface ListStore {
    int size();

    byte[] get(int index);

    void set(int index, byte[] value);

    void pushHead(byte[] value);

    void pushTail(byte[] value);

    byte[] popHead();

    byte[] popTail();

    /** Inserts so that the new element has position {@code index} (0..size). */
    void insert(int index, byte[] value);

    void remove(int index);

    ListStore copy();
}
