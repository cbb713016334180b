package io.redoubt.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.redoubt.config.DirectiveRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The process-level directives of a redis.conf: {@code daemonize} (a JVM cannot fork into the background, so
 * "yes" only warns), {@code pidfile} (written at start-up and removed at shutdown, as Redis does when it is
 * set) and {@code logfile} (a file appender beside standard output, for as long as the server runs).
 */
final class ProcessFiles {
    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ProcessFiles.class);
    private static final String LOG_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %5level [%thread] %logger{39} : %msg%n";

    private Path pidFile;
    private FileAppender<ILoggingEvent> logFile;

    void start(DirectiveRegistry d) {
        String logfile = d.get("logfile").value();
        if (!logfile.isEmpty()) {
            logFile = openLogFile(logfile); // first, so that what follows is in the file too
        }
        if (d.get("daemonize").asBool()) {
            log.warn("daemonize yes: Redoubt cannot fork into the background and stays in the foreground; "
                + "run it under a supervisor (systemd, Kubernetes, docker)");
        }
        String pidfile = d.get("pidfile").value();
        if (!pidfile.isEmpty()) {
            Path path = Path.of(pidfile);
            try {
                Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
                pidFile = path;
            } catch (IOException | RuntimeException e) {
                log.warn("Failed to write PID file: {}", e.getMessage()); // as Redis: not fatal
            }
        }
    }

    void stop() {
        if (pidFile != null) {
            log.info("Removing the pid file.");
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                log.warn("Could not remove the pid file {}: {}", pidFile, e.getMessage());
            }
            pidFile = null;
        }
        if (logFile != null) {
            rootLogger().detachAppender(logFile);
            logFile.stop();
            logFile = null;
        }
    }

    private static FileAppender<ILoggingEvent> openLogFile(String file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(LOG_PATTERN);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("redoubt-logfile");
        appender.setFile(file);
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        rootLogger().addAppender(appender);
        return appender;
    }

    private static Logger rootLogger() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
