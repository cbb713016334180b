package io.redoubt.propagation;

import io.redoubt.util.Bytes;

/**
 * A consumer writing one linear command stream (an AOF, a replica link): it keeps its own selected database
 * and writes SELECT before an effect for another one, as Redis does for each of its feeds.
 */
public abstract class DbTrackingConsumer implements PropagationConsumer {
    private int selected = -1;

    @Override
    public final void propagate(int db, byte[][] argv) {
        if (db != selected) {
            write(new byte[][] {Words.SELECT, Bytes.fromLong(db)});
            selected = db;
        }
        write(argv);
    }

    /** Forgets the selected database, so the next effect starts with SELECT (a new file, a new link). */
    protected final void resetSelected() {
        selected = -1;
    }

    /** Writes one command of the stream. */
    protected abstract void write(byte[][] argv);
}
