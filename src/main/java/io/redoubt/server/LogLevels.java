package io.redoubt.server;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/** Maps Redis's loglevel words onto the logging system for Redoubt's own loggers. */
public final class LogLevels {
    private LogLevels() {
    }

    public static void apply(String redisLevel) {
        LogLevel level = switch (redisLevel) {
            case "debug" -> LogLevel.TRACE;
            case "verbose" -> LogLevel.DEBUG;
            case "warning" -> LogLevel.WARN;
            case "nothing" -> LogLevel.OFF;
            default -> LogLevel.INFO;
        };
        LoggingSystem.get(LogLevels.class.getClassLoader()).setLogLevel("io.redoubt", level);
    }
}
