package io.redoubt.tls;

import io.redoubt.config.DirectiveRegistry;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads TLS material when its files change ("file change" trigger). Watches the directories holding the files
 * rather than the files, because editors replace files by rename and Kubernetes swaps a {@code ..data} symlink;
 * waits for a quiet period after the last event so a burst of writes gives one reload; reloads only when the
 * bytes of the files differ from what was last seen. A refused reload (a key written before its certificate)
 * keeps the old material; the next change is tried again. tls-auto-reload-interval adds polling for file
 * systems that send no events.
 */
public final class TlsFileWatcher implements TlsEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsFileWatcher.class);
    public static final String TRIGGER = "file change";

    private final TlsReloader reloader;
    private final DirectiveRegistry directives;
    private final boolean watch;
    private final long quietMs;
    private final WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Thread thread;
    /** How often the content is compared even without events. */
    private static final long SAFETY_CHECK_MS = 1000;
    private long lastSafetyCheck;
    private volatile boolean running = true;
    /** The content in force: what the last reload read (hashed before it read), or a refused content. */
    private volatile String lastHash;

    /** watch: use file-system events (redoubt.tls-auto-reload); polling follows tls-auto-reload-interval. */
    public TlsFileWatcher(TlsReloader reloader, DirectiveRegistry directives, boolean watch, Duration quietPeriod) {
        this.reloader = reloader;
        this.directives = directives;
        this.watch = watch;
        this.quietMs = Math.max(0, quietPeriod.toMillis());
        try {
            this.service = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch TLS files: " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, "tls-file-watcher");
        thread.setDaemon(true);
        reloader.addListener(this);
        TlsState loaded = reloader.current();
        if (loaded != null) {
            lastHash = loaded.filesHash();
        }
    }

    public void start() {
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            service.close();
            thread.join(2000);
        } catch (IOException | InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Another trigger loaded the files: what it loaded becomes the baseline, without reloading again. The hash
     * was taken before the files were read, so a change made while they were read is seen as a change.
     */
    @Override
    public void reloaded(String trigger, TlsState state) {
        if (!TRIGGER.equals(trigger)) {
            lastHash = state.filesHash();
        }
    }

    private void run() {
        long deadline = 0;
        long nextPoll = 0;
        while (running) {
            try {
                TlsSettings s = TlsSettings.from(directives);
                syncDirectories(s);
                long now = System.currentTimeMillis();
                long intervalMs = directives.get("tls-auto-reload-interval").asInt() * 1000L;
                if (intervalMs <= 0) {
                    nextPoll = 0;
                } else if (nextPoll == 0 || nextPoll > now + intervalMs) {
                    nextPoll = now + intervalMs;
                }
                long wait = 1000; // at least once a second, to follow CONFIG SET of the paths
                if (deadline > 0) {
                    wait = Math.min(wait, deadline - now);
                }
                if (nextPoll > 0) {
                    wait = Math.min(wait, nextPoll - now);
                }
                if (drain(service.poll(Math.max(1, wait), TimeUnit.MILLISECONDS))) {
                    deadline = System.currentTimeMillis() + quietMs; // each event restarts the quiet period
                }
                now = System.currentTimeMillis();
                if (watch && deadline == 0 && now - lastSafetyCheck >= SAFETY_CHECK_MS) {
                    // file-system events can be missed (a swap racing a registration, overflow): compare
                    // the content now and then too, and treat a difference like an event
                    lastSafetyCheck = now;
                    if (hasBaseline(s) && !s.contentHash().equals(lastHash)) {
                        deadline = now + quietMs;
                    }
                }
                boolean due = deadline > 0 && now >= deadline;
                if (nextPoll > 0 && now >= nextPoll) {
                    due = true;
                    nextPoll = now + intervalMs;
                }
                if (due) {
                    deadline = 0;
                    check(TlsSettings.from(directives));
                }
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("TLS file watcher: {}", e.toString());
            }
        }
    }

    /** True when the key (and any others already queued) held events. */
    private boolean drain(WatchKey key) {
        boolean any = false;
        while (key != null) {
            any |= !key.pollEvents().isEmpty();
            key.reset();
            key = service.poll();
        }
        return any;
    }

    private void check(TlsSettings s) {
        if (!hasBaseline(s)) {
            return;
        }
        String h = s.contentHash();
        if (h.equals(lastHash)) {
            return;
        }
        lastHash = h; // a refused content is not retried until it changes again
        try {
            reloader.reload(TRIGGER);
        } catch (TlsException e) {
            // logged and counted by the reloader; the old material stays in force
        }
    }

    /**
     * Only a load by someone else (start-up, CONFIG SET) sets what the files are compared with. Before it, the
     * watcher does nothing: its thread starts before the server loads TLS at start-up, and loading then would
     * race the start-up load and count as a reload.
     */
    private boolean hasBaseline(TlsSettings s) {
        return s.inUse() && lastHash != null;
    }

    private void syncDirectories(TlsSettings s) {
        Set<Path> wanted = watch && s.inUse() ? directories(s) : Set.of();
        keys.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().cancel();
                return true;
            }
            return !e.getValue().isValid();
        });
        for (Path dir : wanted) {
            if (!keys.containsKey(dir) && Files.isDirectory(dir)) {
                try {
                    keys.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
                } catch (IOException e) {
                    log.warn("TLS file watcher cannot watch {}: {}", dir, e.getMessage());
                }
            }
        }
    }

    /** The directories holding the configured files (as configured, not resolved: the symlinks are what changes). */
    static Set<Path> directories(TlsSettings s) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path f : s.files()) {
            Path parent = f.toAbsolutePath().normalize().getParent();
            if (parent != null) {
                dirs.add(parent);
            }
        }
        if (!s.caCertDir().isEmpty()) {
            dirs.add(Path.of(s.caCertDir()).toAbsolutePath().normalize());
        }
        return dirs;
    }
}
