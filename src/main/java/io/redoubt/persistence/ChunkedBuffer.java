package io.redoubt.persistence;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-memory output stream of 1 MB chunks, with no 2 GB limit and no copying as it grows: BGSAVE's
 * snapshot, written under the keyspace lock and copied to the file afterwards (or, for replication, to a
 * replica, after announcing {@link #size()}).
 */
public final class ChunkedBuffer extends OutputStream {
    private static final int CHUNK = 1 << 20;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] current;
    private int used = CHUNK;
    private long size;

    @Override
    public void write(int b) {
        if (used == CHUNK) {
            next();
        }
        current[used++] = (byte) b;
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        while (len > 0) {
            if (used == CHUNK) {
                next();
            }
            int n = Math.min(len, CHUNK - used);
            System.arraycopy(b, off, current, used, n);
            used += n;
            off += n;
            len -= n;
            size += n;
        }
    }

    private void next() {
        current = new byte[CHUNK];
        chunks.add(current);
        used = 0;
    }

    public long size() {
        return size;
    }

    public void writeTo(OutputStream out) throws IOException {
        for (int i = 0; i < chunks.size(); i++) {
            byte[] c = chunks.get(i);
            out.write(c, 0, i == chunks.size() - 1 ? used : CHUNK);
        }
    }
}
