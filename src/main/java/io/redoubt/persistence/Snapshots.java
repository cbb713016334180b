package io.redoubt.persistence;

import io.redoubt.config.ConfigException;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.keyspace.Keyspace;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RDB snapshots of the keyspace to {@code dir}/{@code dbfilename}: SAVE (written with the keyspace lock held),
 * BGSAVE (a {@link KeyspaceImage} taken with the lock held is the consistent snapshot, then encoded and
 * written to the file by a background thread while the server goes on), the {@code save} points checked by the
 * cron, loading at start-up, and the figures of INFO persistence. Files are written to a temporary name,
 * forced to disk and renamed over the old one, as Redis does. Methods other than the getters are called with
 * the keyspace lock held.
 */
public final class Snapshots {
    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    /** Redis's CONFIG_BGSAVE_RETRY_DELAY: after a failed background save, save points wait this long. */
    private static final long RETRY_DELAY_MS = 5000;
    private static final AtomicLong TEMP_IDS = new AtomicLong();

    private final DirectiveRegistry directives;
    private final Keyspace keyspace;
    /** Changes since the last successful save (Redis's server.dirty); counted by the executor. */
    private long dirty;
    private final AtomicLong saves = new AtomicLong();
    private volatile long lastSaveSeconds = System.currentTimeMillis() / 1000;
    private volatile boolean lastBgsaveOk = true;
    private volatile long lastBgsaveDurationSec = -1;
    private volatile long lastBgsaveTryMs;
    private volatile long lastLoadKeysLoaded;
    private volatile long lastLoadKeysExpired;
    private volatile Background running;
    private boolean scheduled;
    /** The command running saved the dataset itself (FLUSHALL), so it does not count as a change. */
    private boolean savedByCommand;

    /**
     * One background save: when it began, the changes it covers, its snapshot and the writer for it, the file
     * it goes to (as {@code dir}, {@code dbfilename} and the rdb-* directives were when it began), and whether
     * it was abandoned.
     */
    private static final class Background {
        final long startMs = System.currentTimeMillis();
        final long dirtyAtStart;
        final KeyspaceImage snapshot;
        final RdbWriter writer;
        final Path target;
        volatile boolean cancelled;

        Background(long dirtyAtStart, KeyspaceImage snapshot, RdbWriter writer, Path target) {
            this.dirtyAtStart = dirtyAtStart;
            this.snapshot = snapshot;
            this.writer = writer;
            this.target = target;
        }
    }

    public Snapshots(DirectiveRegistry directives, Keyspace keyspace) {
        this.directives = directives;
        this.keyspace = keyspace;
    }

    /** The file snapshots are written to and loaded from: {@code dir}/{@code dbfilename}. */
    public Path file() {
        return Path.of(directives.get("dir").value(), directives.get("dbfilename").value());
    }

    private RdbWriter writer() {
        return new RdbWriter(RdbOptions.from(directives));
    }

    /** A write command ran (Redis counts each change; Redoubt counts each successful write command). */
    public void changed() {
        if (savedByCommand) {
            savedByCommand = false; // FLUSHALL saved: Redis leaves the count at 0
            return;
        }
        dirty++;
    }

    public long dirty() {
        return dirty;
    }

    public boolean savePointsSet() {
        return !directives.get("save").value().isEmpty();
    }

    /** SAVE: writes the file now. Throws when it cannot be written, leaving the old file in place. */
    public void save() throws IOException {
        save(true);
    }

    /**
     * Writes the file now. A background save still being written is abandoned first (its snapshot is older
     * than this one, and must not be renamed over it), as Redis kills its child before a synchronous save.
     */
    private void save(boolean counted) throws IOException {
        Background bg = running;
        if (bg != null) {
            bg.cancelled = true;
            running = null;
        }
        long start = System.currentTimeMillis();
        Path target = file();
        Path tmp = target.resolveSibling("temp-" + ProcessHandle.current().pid() + ".rdb");
        try {
            writeTemp(tmp, out -> writer().write(keyspace, out));
            replace(tmp, target);
        } catch (IOException e) {
            log.warn("Failed saving the DB: {}", e.toString());
            throw e;
        }
        dirty = 0;
        lastSaveSeconds = System.currentTimeMillis() / 1000;
        lastBgsaveOk = true;
        if (counted) {
            saves.incrementAndGet();
        }
        log.info("DB saved on disk ({} ms)", System.currentTimeMillis() - start);
    }

    /** Whether a background save is being written. */
    public boolean bgsaveInProgress() {
        return running != null;
    }

    /**
     * BGSAVE: takes the snapshot now and writes it in the background. Returns false when one is already being
     * written.
     */
    public boolean bgsave() {
        if (running != null) {
            return false;
        }
        lastBgsaveTryMs = System.currentTimeMillis();
        KeyspaceImage snapshot = KeyspaceImage.of(keyspace);
        Background bg = new Background(dirty, snapshot, writer(), file());
        running = bg;
        Thread t = new Thread(() -> finish(bg), "redoubt-bgsave");
        t.setDaemon(true);
        t.start();
        log.info("Background saving started ({} keys snapshotted in {} ms)", snapshot.keys(), snapshot.millisTaken());
        return true;
    }

    /** BGSAVE inside EXEC: the cron starts it right after. */
    public void schedule() {
        scheduled = true;
    }

    private void finish(Background bg) {
        Path target = bg.target;
        Path tmp = target.resolveSibling("temp-bg-" + ProcessHandle.current().pid() + "-" + TEMP_IDS.incrementAndGet()
            + ".rdb");
        boolean ok = true;
        try {
            writeTemp(tmp, out -> bg.writer.write(bg.snapshot, out, java.util.Map.of()));
        } catch (IOException | RuntimeException e) { // a thread of its own: nobody else would hear of it
            ok = false;
            log.warn("Background saving error: {}", e.toString());
        } finally {
            bg.snapshot.release();
        }
        keyspace.lock().lock();
        try {
            if (bg.cancelled) { // a synchronous save superseded it: its file and figures are not wanted any more
                Files.deleteIfExists(tmp);
                return;
            }
            if (ok) {
                try {
                    replace(tmp, target); // under the lock, so a FLUSHALL save cannot be overwritten by an old snapshot
                } catch (IOException e) {
                    ok = false;
                    log.warn("Background saving error: {}", e.toString());
                }
            }
            lastBgsaveDurationSec = (System.currentTimeMillis() - bg.startMs) / 1000;
            lastBgsaveOk = ok;
            if (ok) {
                dirty -= bg.dirtyAtStart;
                lastSaveSeconds = System.currentTimeMillis() / 1000;
                saves.incrementAndGet();
                log.info("Background saving terminated with success");
            }
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", tmp, e.toString());
        } finally {
            if (running == bg) {
                running = null;
            }
            keyspace.lock().unlock();
        }
    }

    /** Writes a temporary file and forces it to disk; deletes it when that fails. */
    private static void writeTemp(Path tmp, Body body) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
             OutputStream out = new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
            body.write(out);
            out.flush();
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Renames a written temporary file over the snapshot file; deletes it when that fails. */
    private static void replace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    private interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * FLUSHALL with save points set, as Redis 7.0: a running background save is abandoned and the (now empty)
     * keyspace is saved at once, which leaves no change unsaved and is not counted in rdb_saves.
     */
    public void afterFlushAll() {
        if (!savePointsSet()) {
            return;
        }
        try {
            save(false);
            savedByCommand = true;
        } catch (IOException e) {
            // logged by save(); FLUSHALL itself succeeded
        }
    }

    /**
     * The cron's part ({@code hz} times a second, lock held): starts a background save when a save point is
     * reached (at least N changes and M seconds since the last save; after a failure, not within 5 seconds of
     * the last try), or when one was scheduled.
     */
    public void cron() {
        if (running != null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (scheduled) {
            scheduled = false;
            bgsave();
            return;
        }
        String points = directives.get("save").value();
        if (points.isEmpty() || dirty == 0) {
            return;
        }
        String[] p = points.split(" ");
        for (int i = 0; i + 1 < p.length; i += 2) {
            long seconds = Long.parseLong(p[i]);
            long changes = Long.parseLong(p[i + 1]);
            if (dirty >= changes && now / 1000 - lastSaveSeconds > seconds
                && (lastBgsaveOk || now - lastBgsaveTryMs > RETRY_DELAY_MS)) {
                log.info("{} changes in {} seconds. Saving...", changes, seconds);
                bgsave();
                return;
            }
        }
    }

    /** stop-writes-on-bgsave-error: writes (and PING) are refused while the last background save failed. */
    public boolean writesDenied() {
        return !lastBgsaveOk && savePointsSet() && directives.get("stop-writes-on-bgsave-error").asBool();
    }

    /**
     * Start-up: loads the snapshot file when there is one. A file that cannot be read whole stops start-up
     * with the file, offset and reason; nothing is half-loaded.
     */
    public void loadAtStartup() {
        Path f = file();
        long start = System.currentTimeMillis();
        RdbLoader.Result r;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 1 << 16)) {
            keyspace.lock().lock();
            try {
                r = new RdbLoader(EncodingLimits.from(directives), directives.get("rdbchecksum").asBool(), true)
                    .load(in, keyspace);
            } finally {
                keyspace.lock().unlock();
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (RdbException e) {
            throw new ConfigException("Bad RDB file " + f + " at offset " + e.offset() + ": " + e.reason());
        } catch (IOException e) {
            throw new ConfigException("Can't read RDB file " + f + ": " + e.getMessage());
        }
        lastLoadKeysLoaded = r.keysLoaded();
        lastLoadKeysExpired = r.keysExpired();
        byte[] ver = r.aux().get("redis-ver");
        log.info("Loading RDB produced by version {}", ver == null ? "unknown" : new String(ver));
        log.info("Done loading RDB, keys loaded: {}, keys expired: {}.", r.keysLoaded(), r.keysExpired());
        log.info("DB loaded from disk: {} seconds", String.format("%.3f", (System.currentTimeMillis() - start) / 1000.0));
    }

    /** DEBUG RELOAD: loads the file back in place of the keyspace. */
    public void reload() throws IOException, RdbException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file()), 1 << 16)) {
            RdbLoader.Result r = new RdbLoader(EncodingLimits.from(directives),
                directives.get("rdbchecksum").asBool(), true).load(in, keyspace);
            lastLoadKeysLoaded = r.keysLoaded();
            lastLoadKeysExpired = r.keysExpired();
        }
    }

    public long lastSaveSeconds() {
        return lastSaveSeconds;
    }

    public boolean lastBgsaveOk() {
        return lastBgsaveOk;
    }

    public long lastBgsaveDurationSec() {
        return lastBgsaveDurationSec;
    }

    /** Seconds the running background save has taken so far, or -1. */
    public long currentBgsaveSec() {
        Background bg = running;
        return bg == null ? -1 : (System.currentTimeMillis() - bg.startMs) / 1000;
    }

    public long saves() {
        return saves.get();
    }

    public long lastLoadKeysLoaded() {
        return lastLoadKeysLoaded;
    }

    public long lastLoadKeysExpired() {
        return lastLoadKeysExpired;
    }
}
