package io.redoubt.tls;

import java.time.Instant;
import java.util.List;

/** One generation of TLS configuration in force: what was loaded, when, why, and the contexts built from it. */
public record TlsState(long generation, TlsSettings settings, TlsMaterial material, TlsContexts contexts,
                       TlsEngine engine, Instant loadedAt, String trigger, List<String> warnings,
                       String filesHash) {
}
