package io.redoubt.persistence.aof;

import io.redoubt.propagation.DbTrackingConsumer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the propagated stream to the current incr file. Commands collect in a buffer and are written at the
 * end of each execution unit, before any client is answered (Redis writes its aof_buf before replying);
 * with appendfsync always the file is also synced there, so an acknowledged write is on disk. With everysec
 * a background task calls {@link #fsyncIfNeeded} once a second; with no, the OS decides.
 */
final class AofWriter extends DbTrackingConsumer {
    private static final Logger log = LoggerFactory.getLogger(AofWriter.class);

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
    private final Supplier<String> fsyncPolicy;
    private FileChannel channel;
    private Path path;
    private long written;
    private boolean unsynced;
    private volatile boolean lastWriteOk = true;

    AofWriter(Supplier<String> fsyncPolicy) {
        this.fsyncPolicy = fsyncPolicy;
    }

    /** Opens (creating if needed) the incr file to append to; the next effect starts with a SELECT. */
    synchronized void open(Path file) throws IOException {
        closeChannel();
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
        path = file;
        written = 0;
        resetSelected();
    }

    @Override
    protected void write(byte[][] argv) {
        RespCommands.write(buffer, argv);
    }

    @Override
    public void endOfUnit() {
        flush();
    }

    /** Writes what is buffered; syncs at once under appendfsync always. */
    synchronized void flush() {
        if (buffer.size() == 0 || channel == null) {
            return;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(buffer.toByteArray());
            while (b.hasRemaining()) {
                written += channel.write(b);
            }
            buffer.reset();
            if ("always".equals(fsyncPolicy.get())) {
                channel.force(false);
            } else {
                unsynced = true;
            }
            if (!lastWriteOk) {
                log.warn("AOF write error looks solved, Redoubt can write again.");
            }
            lastWriteOk = true;
        } catch (IOException e) {
            if (lastWriteOk) {
                log.warn("Error writing to the AOF file: {}", e.getMessage());
            }
            lastWriteOk = false; // the buffer is kept and written again after the next command
        }
    }

    /** appendfsync everysec: syncs what was written since the last sync. */
    synchronized void fsyncIfNeeded() {
        if (!unsynced || channel == null) {
            return;
        }
        try {
            channel.force(false);
            unsynced = false;
        } catch (IOException e) {
            log.warn("Can't fsync the AOF file {}: {}", path, e.getMessage());
        }
    }

    /** Bytes written to the current incr file since it was opened. */
    synchronized long written() {
        return written;
    }

    boolean lastWriteOk() {
        return lastWriteOk;
    }

    int buffered() {
        return buffer.size();
    }

    /** Writes, syncs and closes the current file (AOF turned off, shutdown, a new incr file). */
    synchronized void close() {
        flush();
        closeChannel();
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.force(false);
            channel.close();
        } catch (IOException e) {
            log.warn("Error closing the AOF file {}: {}", path, e.getMessage());
        }
        channel = null;
        unsynced = false;
        written = 0;
    }
}
