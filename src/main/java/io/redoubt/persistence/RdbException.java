package io.redoubt.persistence;

/** An RDB stream that cannot be loaded: what is wrong and at which byte offset it was found. */
public final class RdbException extends Exception {
    private final long offset;
    private final String reason;

    public RdbException(long offset, String reason) {
        super(reason + " at offset " + offset);
        this.offset = offset;
        this.reason = reason;
    }

    public long offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
