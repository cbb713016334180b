package io.redoubt.net;

/** A request the server will not read past: answered with an error (or not at all) and the connection closed. */
public final class ProtocolFault extends RuntimeException {
    private final boolean replies;

    private ProtocolFault(String message, boolean replies) {
        super(message, null, false, false);
        this.replies = replies;
    }

    static ProtocolFault reply(String message) {
        return new ProtocolFault(message, true);
    }

    static ProtocolFault closeSilently(String reason) {
        return new ProtocolFault(reason, false);
    }

    /** True when the client is sent "-ERR message" before the close. */
    public boolean replies() {
        return replies;
    }
}
