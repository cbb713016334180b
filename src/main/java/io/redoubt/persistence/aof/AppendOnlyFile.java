package io.redoubt.persistence.aof;

import io.redoubt.command.RedisError;
import io.redoubt.config.ConfigException;
import io.redoubt.config.DirectiveRegistry;
import io.redoubt.keyspace.Keyspace;
import io.redoubt.persistence.KeyspaceImage;
import io.redoubt.persistence.RdbSource;
import io.redoubt.propagation.Propagator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis 7's multi-part append-only file: {@code <dir>/<appenddirname>/} holds a base file, incr files and the
 * manifest naming them. While on, a {@link AofWriter} registered with the propagation feed appends every
 * effect to the last incr file. A rewrite (BGREWRITEAOF, automatic growth, CONFIG SET appendonly yes) opens a
 * new incr file and takes a {@link KeyspaceImage} at the same instant, with the keyspace lock held; the image
 * is written, synced and installed as the new base in the background, the older files become history and are
 * deleted. Unlike Redis there is no fork: taking the image copies every collection with the lock held, a
 * pause that grows with them. All state changes happen with the keyspace lock held.
 */
public final class AppendOnlyFile {
    private static final Logger log = LoggerFactory.getLogger(AppendOnlyFile.class);

    enum State { OFF, ON, WAIT_REWRITE }

    private final DirectiveRegistry directives;
    private final Keyspace keyspace;
    private final Propagator propagator;
    private final AofWriter writer;
    private final ScheduledExecutorService background;
    private final AofBaseFormat commandBase = new CommandBase();
    private final AofBaseFormat rdbBase;
    private AofReplayer replayer;

    private State state = State.OFF;
    private AofManifest manifest = new AofManifest();
    private long baseSize;
    private long closedIncrSize;
    private long rewriteBaseSize;

    private boolean feeding;
    private volatile boolean rewriting;
    private boolean scheduled;
    private long rewriteStartMs = -1;
    private long lastRewriteSeconds = -1;
    private boolean lastRewriteOk = true;
    private long rewrites;
    private long consecutiveFailures;

    public AppendOnlyFile(DirectiveRegistry directives, Keyspace keyspace, Propagator propagator) {
        this.directives = directives;
        this.keyspace = keyspace;
        this.propagator = propagator;
        // no-appendfsync-on-rewrite yes: no fsync while a rewrite runs, as Redis skips it during its child's I/O
        this.writer = new AofWriter(() -> rewriting && directives.get("no-appendfsync-on-rewrite").asBool()
            ? "no" : directives.get("appendfsync").value());
        this.rdbBase = new RdbBase(directives);
        this.background = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "redoubt-aof");
            t.setDaemon(true);
            return t;
        });
    }

    private AofBaseFormat baseFormat() {
        return directives.get("aof-use-rdb-preamble").asBool() ? rdbBase : commandBase;
    }

    private Path aofDir() {
        return Path.of(directives.get("dir").value()).resolve(directives.get("appenddirname").value());
    }

    private String prefix() {
        return directives.get("appendfilename").value();
    }

    private Path manifestPath() {
        return aofDir().resolve(prefix() + ".manifest");
    }

    /**
     * Start-up, before clients: reads the manifest; with appendonly yes loads the AOF (or creates the first
     * base and incr files) and starts appending. Failures stop start-up with Redis's reason.
     */
    public void startUp(AofReplayer replayer) {
        this.replayer = replayer;
        directives.onChange(this::applyAppendonly, "appendonly");
        background.scheduleAtFixedRate(this::fsyncEverySecond, 1, 1, TimeUnit.SECONDS);
        ReentrantLock lock = keyspace.lock();
        lock.lock();
        try {
            readManifest();
            if (!directives.get("appendonly").asBool()) {
                return;
            }
            if (manifest.isEmpty()) {
                createOnStart();
            } else {
                new AofLoader(aofDir(), replayer, rdbBase, keyspace, directives.get("aof-load-truncated").asBool())
                    .load(manifest);
                openLastIncrOnStart();
            }
            baseSize = size(manifest.base());
            closedIncrSize = 0;
            for (AofManifest.Entry e : manifest.incrs()) {
                closedIncrSize += e == last(manifest) ? 0 : size(e);
            }
            rewriteBaseSize = currentSize();
            state = State.ON;
            feed(true);
        } catch (AofException e) {
            throw new ConfigException(e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("Can't open the append-only file: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void readManifest() throws IOException {
        Path m = manifestPath();
        if (Files.exists(m)) {
            manifest = AofManifest.parse(Files.readAllBytes(m));
        }
    }

    private static AofManifest.Entry last(AofManifest m) {
        return m.incrs().isEmpty() ? null : m.incrs().get(m.incrs().size() - 1);
    }

    /** No AOF yet: the base is the (empty) data set, then a first incr file, as Redis 7 does on start-up. */
    private void createOnStart() throws IOException {
        Files.createDirectories(aofDir());
        AofManifest.Entry base = manifest.newBase(prefix(), baseFormat().rdb());
        log.info("Creating AOF base file {} on server start", base.fileName());
        Path temp = aofDir().resolve("temp-" + base.fileName());
        writeSnapshot(temp, baseFormat(), RdbSource.live(keyspace));
        Files.move(temp, aofDir().resolve(base.fileName()), StandardCopyOption.ATOMIC_MOVE);
        AofManifest.Entry incr = manifest.newIncr(prefix());
        log.info("Creating AOF incr file {} on server start", incr.fileName());
        writer.open(aofDir().resolve(incr.fileName()));
        persistManifest();
    }

    private void openLastIncrOnStart() throws IOException {
        AofManifest.Entry incr = last(manifest);
        if (incr == null) {
            incr = manifest.newIncr(prefix());
            log.info("Creating AOF incr file {} on server start", incr.fileName());
            writer.open(aofDir().resolve(incr.fileName()));
            persistManifest();
        } else {
            log.info("Opening AOF incr file {} on server start", incr.fileName());
            writer.open(aofDir().resolve(incr.fileName()));
        }
    }

    /** CONFIG SET appendonly: yes starts a rewrite that turns the AOF on when done; no stops appending. */
    private void applyAppendonly() {
        boolean on = directives.get("appendonly").asBool();
        if (on && state == State.OFF) {
            state = State.WAIT_REWRITE;
            if (propagator.hasPending()) {
                scheduled = true; // writes of this transaction come first: they will be in the snapshot
                return;
            }
            try {
                startRewrite();
            } catch (RuntimeException e) {
                state = State.OFF;
                log.warn("Redoubt needs to enable the AOF but can't trigger a background AOF rewrite operation. "
                    + "Check the above logs for more info about the error.");
                throw new ConfigException("Unable to turn on AOF. Check server logs.");
            }
        } else if (!on && state != State.OFF) {
            feed(false);
            writer.close();
            state = State.OFF;
            scheduled = false;
        }
    }

    private void feed(boolean on) {
        if (on != feeding) {
            if (on) {
                propagator.register(writer);
            } else {
                propagator.unregister(writer);
            }
            feeding = on;
        }
    }

    /** BGREWRITEAOF (lock held): Redis's reply text, or an error when one is already running. */
    public String bgrewriteaof(boolean inExec) {
        if (rewriting) {
            throw new RedisError("ERR Background append only file rewriting already in progress");
        }
        if (inExec || propagator.hasPending()) {
            // the transaction's effects are not written yet: the snapshot is taken after it, by the cron
            scheduled = true;
            consecutiveFailures = 0;
            return "Background append only file rewriting scheduled";
        }
        try {
            startRewrite();
        } catch (RedisError e) {
            throw new RedisError("ERR Can't execute an AOF background rewriting. Please check the server logs for "
                + "more information.");
        }
        return "Background append only file rewriting started";
    }

    /**
     * Starts a rewrite (lock held): a new incr file receives every effect from now on, and an image of the
     * keyspace at this instant is written to a temporary file in the background, then installed as the new base.
     */
    private void startRewrite() {
        long startMs = System.currentTimeMillis();
        try {
            Files.createDirectories(aofDir());
            if (state != State.OFF) {
                writer.flush();
                AofManifest.Entry incr = manifest.newIncr(prefix());
                closedIncrSize += writer.written();
                writer.open(aofDir().resolve(incr.fileName()));
                feed(true); // turning on: effects from this instant on go to the new incr file
                persistManifest();
            }
        } catch (IOException e) {
            rewriteFailed(null, e);
            throw new RedisError("ERR Can't rewrite append only file in background: "
                + e.getMessage());
        }
        KeyspaceImage image = KeyspaceImage.of(keyspace);
        AofBaseFormat format = baseFormat();
        Path temp = aofDir().resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
        rewriting = true;
        scheduled = false;
        rewriteStartMs = startMs;
        log.info("Background append only file rewriting started ({} keys snapshotted in {} ms)", image.keys(),
            image.millisTaken());
        background.execute(() -> finishRewrite(temp, format, image));
    }

    private static void writeSnapshot(Path file, AofBaseFormat format, RdbSource source) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 256 * 1024)) {
            format.write(source, out);
        }
    }

    /** In the background: writes and syncs the snapshot, then (lock held) installs it as the new base. */
    private void finishRewrite(Path temp, AofBaseFormat format, KeyspaceImage image) {
        try {
            writeSnapshot(temp, format, image);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            log.info("Successfully created the temporary AOF base file {}", temp.getFileName());
        } catch (IOException | RuntimeException e) { // on the background executor: nobody else would hear of it
            withLock(() -> rewriteFailed(temp, e));
            return;
        } finally {
            image.release();
        }
        withLock(() -> {
            try {
                install(temp, format);
            } catch (IOException e) {
                rewriteFailed(temp, e);
            }
        });
    }

    private void install(Path temp, AofBaseFormat format) throws IOException {
        AofManifest next = manifest.copy();
        AofManifest.Entry base = next.newBase(prefix(), format.rdb());
        Files.move(temp, aofDir().resolve(base.fileName()), StandardCopyOption.ATOMIC_MOVE);
        log.info("Successfully renamed the temporary AOF base file {} into {}", temp.getFileName(), base.fileName());
        next.markRewrittenIncrsAsHistory(state == State.OFF ? 0 : 1);
        manifest = next;
        persistManifest();
        for (AofManifest.Entry old : manifest.takeHistory()) {
            Files.deleteIfExists(aofDir().resolve(old.fileName()));
            log.info("Removing the history file {} in the background", old.fileName());
        }
        persistManifest();
        baseSize = size(manifest.base());
        closedIncrSize = 0;
        if (state == State.WAIT_REWRITE) {
            state = State.ON;
            log.info("AOF rewrite successful, the AOF is now on");
        }
        rewriteBaseSize = currentSize();
        lastRewriteSeconds = (System.currentTimeMillis() - rewriteStartMs) / 1000;
        rewriteStartMs = -1;
        rewriting = false;
        lastRewriteOk = true;
        consecutiveFailures = 0;
        rewrites++;
        log.info("Background AOF rewrite finished successfully");
    }

    private void rewriteFailed(Path temp, Exception e) {
        log.warn("Background AOF rewrite failed: {}", e.getMessage());
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
        rewriting = false;
        rewriteStartMs = -1;
        lastRewriteOk = false;
        consecutiveFailures++;
        if (state == State.WAIT_REWRITE) {
            scheduled = true; // retried by the cron, as Redis does while turning the AOF on
        }
    }

    /** Writes the manifest to a temporary file, syncs it and renames it over the old one. */
    private void persistManifest() throws IOException {
        Path temp = aofDir().resolve("temp-" + prefix() + ".manifest");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(manifest.format()));
            ch.force(true);
        }
        Files.move(temp, manifestPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** serverCron (lock held): a scheduled rewrite, or one for growth past auto-aof-rewrite-percentage. */
    public void cron() {
        if (rewriting) {
            return;
        }
        if (scheduled) {
            tryRewrite();
            return;
        }
        long percentage = directives.get("auto-aof-rewrite-percentage").asLong();
        long current = currentSize();
        if (state != State.ON || percentage == 0 || current <= directives.get("auto-aof-rewrite-min-size").asLong()) {
            return;
        }
        long base = rewriteBaseSize == 0 ? 1 : rewriteBaseSize;
        long growth = current * 100 / base - 100;
        if (growth >= percentage) {
            log.info("Starting automatic rewriting of AOF on {}% growth", growth);
            tryRewrite();
        }
    }

    private void tryRewrite() {
        try {
            startRewrite();
        } catch (RuntimeException e) {
            log.warn("Can't start an AOF rewrite: {}", e.getMessage());
        }
    }

    private void fsyncEverySecond() {
        boolean skip = rewriting && directives.get("no-appendfsync-on-rewrite").asBool();
        if (!skip && "everysec".equals(directives.get("appendfsync").value())) {
            writer.fsyncIfNeeded();
        }
    }

    /** Shutdown: what is buffered is written and synced. */
    public void shutdown() {
        background.shutdown();
        withLock(() -> {
            if (state != State.OFF) {
                writer.close();
            }
        });
    }

    private long currentSize() {
        return baseSize + closedIncrSize + writer.written();
    }

    private long size(AofManifest.Entry e) {
        if (e == null) {
            return 0;
        }
        try {
            return Files.size(aofDir().resolve(e.fileName()));
        } catch (IOException x) {
            return 0;
        }
    }

    private void withLock(IoAction action) {
        ReentrantLock lock = keyspace.lock();
        lock.lock();
        try {
            action.run();
        } catch (IOException e) {
            log.warn("AOF: {}", e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    public boolean rewriting() {
        return rewriting;
    }

    /** INFO persistence's aof_* fields that are always shown, in Redis's order. */
    public void info(BiConsumer<String, Object> field) {
        field.accept("aof_enabled", state != State.OFF ? 1 : 0);
        field.accept("aof_rewrite_in_progress", rewriting ? 1 : 0);
        field.accept("aof_rewrite_scheduled", scheduled ? 1 : 0);
        field.accept("aof_last_rewrite_time_sec", lastRewriteSeconds);
        field.accept("aof_current_rewrite_time_sec",
            rewriteStartMs < 0 ? -1 : (System.currentTimeMillis() - rewriteStartMs) / 1000);
        field.accept("aof_last_bgrewrite_status", lastRewriteOk ? "ok" : "err");
        field.accept("aof_rewrites", rewrites);
        field.accept("aof_rewrites_consecutive_failures", consecutiveFailures);
        field.accept("aof_last_write_status", writer.lastWriteOk() ? "ok" : "err");
        field.accept("aof_last_cow_size", 0);
    }

    /** The fields Redis adds while the AOF is on. */
    public void infoWhenOn(BiConsumer<String, Object> field) {
        if (state == State.OFF) {
            return;
        }
        field.accept("aof_current_size", currentSize());
        field.accept("aof_base_size", rewriteBaseSize);
        field.accept("aof_pending_rewrite", scheduled ? 1 : 0);
        field.accept("aof_buffer_length", writer.buffered());
        field.accept("aof_pending_bio_fsync", 0);
        field.accept("aof_delayed_fsync", 0);
    }
}
