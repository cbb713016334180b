package io.redoubt.config;

/** A directive that cannot be accepted: unknown name, bad value, or a value that cannot be applied. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
