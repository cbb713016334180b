package io.redoubt.persistence;

/** A malformed listpack, ziplist, zipmap or intset inside an RDB value. */
final class BlobException extends RuntimeException {
    BlobException(String message) {
        super(message, null, false, false);
    }
}
