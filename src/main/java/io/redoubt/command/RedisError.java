package io.redoubt.command;

/**
 * An error reply. The message is the full Redis error text including its code ("ERR syntax error",
 * "WRONGTYPE Operation against a key holding the wrong kind of value"). Carries no stack trace: errors are
 * ordinary replies, not bugs.
 */
public class RedisError extends RuntimeException {
    public static final RedisError SYNTAX = new RedisError("ERR syntax error");
    public static final RedisError WRONGTYPE =
        new RedisError("WRONGTYPE Operation against a key holding the wrong kind of value");
    public static final RedisError NOT_INTEGER = new RedisError("ERR value is not an integer or out of range");
    public static final RedisError NOT_FLOAT = new RedisError("ERR value is not a valid float");
    public static final RedisError NO_SUCH_KEY = new RedisError("ERR no such key");
    public static final RedisError OVERFLOW = new RedisError("ERR increment or decrement would overflow");
    public static final RedisError DB_INDEX = new RedisError("ERR DB index is out of range");

    public RedisError(String message) {
        super(message, null, false, false);
    }

    /** The error code: the first word, e.g. ERR or WRONGTYPE (INFO errorstats counts by it). */
    public static String code(String message) {
        int sp = message.indexOf(' ');
        return sp < 0 ? message : message.substring(0, sp);
    }
}
