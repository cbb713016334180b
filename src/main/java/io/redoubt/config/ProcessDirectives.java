package io.redoubt.config;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Checks for the process-level directives of a stock redis.conf whose values have a shape of their own
 * (oom-score-adj-values, proc-title-template). Redoubt records them; the JVM has no use for them.
 */
final class ProcessDirectives {
    /** The variables Redis's proc-title-template knows. */
    private static final Set<String> TITLE_VARIABLES =
        Set.of("title", "listen-addr", "server-mode", "port", "tls-port", "unixsocket", "config-file");

    private ProcessDirectives() {
    }

    /**
     * "" for standard output, or a file that can be opened for appending (created if need be): like Redis,
     * a log file that cannot be opened is a configuration error, found while the configuration is read.
     */
    static String logFile(String raw) {
        if (raw.isEmpty()) {
            return raw;
        }
        try (OutputStream ignored = Files.newOutputStream(Path.of(raw), StandardOpenOption.CREATE,
                 StandardOpenOption.APPEND)) {
            return raw;
        } catch (NoSuchFileException e) {
            throw new ConfigException("Can't open the log file: No such file or directory");
        } catch (AccessDeniedException e) {
            throw new ConfigException("Can't open the log file: Permission denied");
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("Can't open the log file: " + e.getMessage());
        }
    }

    /** no, yes or absolute; relative is another name for yes, which CONFIG GET shows, as in Redis. */
    static String oomScoreAdj(String raw) {
        String v = DirectiveType.oneOf("no", "yes", "relative", "absolute").normalize(raw);
        return v.equals("relative") ? "yes" : v;
    }

    /** Three whole numbers in -2000..2000 (normal, replica, bgchild), separated by single spaces, as Redis. */
    static String oomScoreAdjValues(String raw) {
        String[] parts = raw.split(" ", -1);
        if (parts.length != 3) {
            throw new ConfigException("wrong number of arguments");
        }
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            long v = DirectiveCatalog.strtoll(part).orElse(Long.MAX_VALUE); // not a number: out of range
            if (v < -2000 || v > 2000) {
                throw new ConfigException("Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
            }
            sb.append(sb.isEmpty() ? "" : " ").append(v);
        }
        return sb.toString();
    }

    /**
     * A template of literal text and {variable}s that Redis knows; "{{" is a literal brace. Like Redis, a
     * template that expands to nothing but spaces is refused too.
     */
    static String procTitleTemplate(String raw) {
        String invalid = "template format is invalid or contains unknown variables";
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '{') {
                int end = raw.indexOf('}', i + 1);
                if (end < 0 || !TITLE_VARIABLES.contains(raw.substring(i + 1, end))) {
                    throw new ConfigException(invalid);
                }
                literal.append('x'); // every variable expands to something for this check
                i = end + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        if (literal.toString().strip().isEmpty()) {
            throw new ConfigException(invalid);
        }
        return raw;
    }
}
