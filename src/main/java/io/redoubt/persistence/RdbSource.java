package io.redoubt.persistence;

import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Keyspace;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What an RDB is written from: the live keyspace, read while the keyspace lock is held throughout, or a
 * {@link KeyspaceImage} taken earlier, which needs no lock.
 */
public interface RdbSource {
    /** One key: its name, its value (a {@code byte[]} string or a value type) and its expiry (0: none). */
    interface KeyWriter {
        void write(byte[] key, Object value, long expireAt) throws IOException;
    }

    int databases();

    int size(int db);

    int volatileSize(int db);

    void forEach(int db, KeyWriter writer) throws IOException;

    /** The keyspace as it is while the caller holds its lock. */
    static RdbSource live(Keyspace keyspace) {
        return new RdbSource() {
            @Override
            public int databases() {
                return keyspace.count();
            }

            @Override
            public int size(int db) {
                return keyspace.db(db).size();
            }

            @Override
            public int volatileSize(int db) {
                return keyspace.db(db).volatileSize();
            }

            @Override
            public void forEach(int db, KeyWriter writer) throws IOException {
                Database d = keyspace.db(db);
                try {
                    d.dict().forEach(e -> {
                        try {
                            writer.write(e.key, e.value, e.expireAt);
                        } catch (IOException x) {
                            throw new UncheckedIOException(x);
                        }
                    });
                } catch (UncheckedIOException x) {
                    throw x.getCause();
                }
            }
        };
    }
}
