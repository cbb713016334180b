package io.redoubt.persistence.aof;

/** An AOF that cannot be loaded or written; the message is the one Redis logs. */
public final class AofException extends RuntimeException {
    public AofException(String message) {
        super(message);
    }

    public AofException(String message, Throwable cause) {
        super(message, cause);
    }
}
