package io.redoubt.tls;

import io.redoubt.config.ConfigException;

/** TLS material or settings that cannot be used; the message names the file or directive and the reason. */
public class TlsException extends ConfigException {
    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
