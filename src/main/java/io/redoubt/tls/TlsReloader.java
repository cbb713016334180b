package io.redoubt.tls;

import io.redoubt.config.ConfigException;
import io.redoubt.config.DirectiveRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way TLS material changes. Start-up, CONFIG SET, the file watcher ({@link TlsFileWatcher}) and
 * Actuator all call {@link #reload}: it reads the tls-* directives and the files as they are now, validates
 * everything, builds new contexts and only then swaps them in. A failure keeps the generation in force and is
 * remembered; registered {@link TlsEvents} listeners hear of both.
 */
public final class TlsReloader {
    private static final Logger log = LoggerFactory.getLogger(TlsReloader.class);

    /** A reload that was refused: when, what asked for it, and why. */
    public record Failure(Instant at, String trigger, String reason) {
    }

    private final DirectiveRegistry directives;
    private final String engineSetting;
    private final AtomicReference<TlsState> current = new AtomicReference<>();
    private volatile Failure lastFailure;
    private long generations;
    private final List<TlsEvents> listeners = new CopyOnWriteArrayList<>();
    private final TlsEvents fanOut = new TlsEvents() {
        @Override
        public void handshakeSucceeded(String listener, String protocol) {
            each(l -> l.handshakeSucceeded(listener, protocol));
        }

        @Override
        public void handshakeFailed(String listener, HandshakeFailure why) {
            each(l -> l.handshakeFailed(listener, why));
        }

        @Override
        public void reloaded(String trigger, TlsState state) {
            each(l -> l.reloaded(trigger, state));
        }

        @Override
        public void reloadFailed(String trigger, String reason) {
            each(l -> l.reloadFailed(trigger, reason));
        }
    };

    /** An observer that fails must not turn a reload or a handshake into a failure. */
    private void each(Consumer<TlsEvents> call) {
        for (TlsEvents l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                log.warn("TLS event listener {} failed: {}", l.getClass().getSimpleName(), e.toString());
            }
        }
    }

    public TlsReloader(DirectiveRegistry directives, String engineSetting) {
        this.directives = directives;
        this.engineSetting = engineSetting;
    }

    /** The configuration in force, or null when TLS has never been loaded. */
    public TlsState current() {
        return current.get();
    }

    public Failure lastFailure() {
        return lastFailure;
    }

    public void addListener(TlsEvents listener) {
        listeners.add(listener);
    }

    /** Tells every registered listener; handed to the handshake handlers of TLS connections. */
    public TlsEvents events() {
        return fanOut;
    }

    /** Reads the directives and the files as they are now and, when all of it is valid, puts it in force. */
    public synchronized TlsState reload(String trigger) {
        return install(trigger, () -> {
            TlsSettings settings = TlsSettings.from(directives);
            String filesHash = settings.contentHash(); // before reading: a change while loading is not missed
            return new Loaded(settings, TlsMaterial.load(settings), filesHash);
        });
    }

    /** What one generation is built from. */
    private record Loaded(TlsSettings settings, TlsMaterial material, String filesHash) {
    }

    private interface Loader {
        Loaded load();
    }

    private TlsState install(String trigger, Loader loader) {
        TlsState old = current.get();
        try {
            Loaded loaded = loader.load();
            TlsSettings settings = loaded.settings();
            TlsMaterial material = loaded.material();
            // what loading the files accepted with a warning (expired CAs, empty CA dir), then what the engine adds
            List<String> warnings = new ArrayList<>(material.warnings());
            TlsEngine engine = TlsEngine.choose(engineSetting, settings, warnings);
            if (material.dhParameters() != null) {
                warnings.add("tls-dh-params-file is read and checked, but not applied: "
                    + (engine == TlsEngine.OPENSSL ? "BoringSSL has no DHE cipher suites (ECDHE is used)"
                    : "the JDK engine takes DH parameters only JVM-wide (jdk.tls.server.defaultDHEParameters)"));
            }
            TlsContexts contexts = TlsContexts.build(material, settings, engine, warnings);
            TlsState next = new TlsState(++generations, settings, material, contexts, engine, Instant.now(), trigger,
                List.copyOf(warnings), loaded.filesHash());
            current.set(next);
            warnings.forEach(w -> log.warn("TLS: {}", w));
            log.info("TLS reload ({}) succeeded: generation {} in force, engine {}, server certificate serial {} -> {}, expires {}",
                trigger, next.generation(), engine.displayName(),
                old == null ? "none" : CertificateFacts.serial(old.material().serverChain().get(0)),
                CertificateFacts.serial(material.serverChain().get(0)),
                material.serverChain().get(0).getNotAfter().toInstant());
            fanOut.reloaded(trigger, next);
            return next;
        } catch (ConfigException e) {
            lastFailure = new Failure(Instant.now(), trigger, e.getMessage());
            log.warn("TLS reload ({}) failed, keeping generation {} (server certificate serial {}): {}", trigger,
                old == null ? "none" : old.generation(),
                old == null ? "none" : CertificateFacts.serial(old.material().serverChain().get(0)), e.getMessage());
            fanOut.reloadFailed(trigger, e.getMessage());
            throw e instanceof TlsException t ? t : new TlsException(e.getMessage(), e);
        }
    }

    /** CONFIG SET of a tls-* directive: rebuild when TLS is in use, answering with Redis's error on failure. */
    public void applyConfigSet() {
        if (!TlsSettings.from(directives).inUse()) {
            return;
        }
        answerConfigSet(() -> reload("CONFIG SET"));
    }

    /**
     * CONFIG SET tls-port: a rebind, which needs contexts only when none were ever built (TLS turned on by
     * this very change). The files are not read again, as in Redis. A tls-auth-clients set while TLS was off
     * takes effect now, as Redis reads it for each accepted connection.
     */
    public void applyPortChange() {
        if (!TlsSettings.from(directives).inUse()) {
            return;
        }
        if (current() == null) {
            answerConfigSet(() -> reload("CONFIG SET"));
        } else {
            applyAuthClients();
        }
    }

    /**
     * CONFIG SET tls-auth-clients. Redis reads it as each connection is accepted and reads no file for it, so a
     * half-written rotation cannot make it fail: new contexts are built from the material already in force.
     * Unlike Redis, verifying clients without any CA is refused rather than failing every handshake after.
     */
    public synchronized void applyAuthClients() {
        TlsState old = current();
        ClientAuth wanted = ClientAuth.of(directives.get("tls-auth-clients").value());
        if (old == null || old.settings().authClients() == wanted || !TlsSettings.from(directives).inUse()) {
            return; // not loaded yet (the next load reads it), or already in force (a reload in the same CONFIG SET)
        }
        answerConfigSet(() -> install("CONFIG SET", () -> {
            TlsSettings settings = old.settings().withAuthClients(wanted);
            if (settings.needsCa() && old.material().caCertificates().isEmpty()) {
                throw new TlsException("tls-auth-clients " + wanted.directiveValue()
                    + " needs a CA: set tls-ca-cert-file or tls-ca-cert-dir");
            }
            return new Loaded(settings, old.material(), old.filesHash());
        }));
    }

    private static void answerConfigSet(Runnable change) {
        try {
            change.run();
        } catch (TlsException e) {
            throw new ConfigException("Unable to update TLS configuration. Check server logs.");
        }
    }
}
