package io.redoubt.persistence.aof;

import io.redoubt.keyspace.Keyspace;
import io.redoubt.persistence.RdbSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * How the base file of a rewrite is written and read: as commands ({@link CommandBase}, aof-use-rdb-preamble no)
 * or as an RDB snapshot ({@link RdbBase}, yes, Redis's default).
 */
public interface AofBaseFormat {
    /** Whether the base file is an RDB (named {@code .base.rdb}) rather than commands ({@code .base.aof}). */
    boolean rdb();

    /** Writes every database of {@code source} (the live keyspace with its lock held, or an image of it). */
    void write(RdbSource source, OutputStream out) throws IOException;

    /** Loads an RDB base file into the keyspace (start-up, before clients); command bases are replayed instead. */
    void load(Keyspace keyspace, InputStream in, String fileName) throws IOException;
}
