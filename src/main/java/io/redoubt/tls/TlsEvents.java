package io.redoubt.tls;

/**
 * What happens to TLS, for observers such as metrics, so that the TLS classes never depend on them.
 * Listener names are "client" (the tls-port listener; later "replication", "cluster").
 */
public interface TlsEvents {
    default void handshakeSucceeded(String listener, String protocol) {
    }

    default void handshakeFailed(String listener, HandshakeFailure why) {
    }

    default void reloaded(String trigger, TlsState state) {
    }

    default void reloadFailed(String trigger, String reason) {
    }
}
