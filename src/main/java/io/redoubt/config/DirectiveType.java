package io.redoubt.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a directive's text is checked and normalised. {@link #normalize} returns the canonical text that
 * CONFIG GET shows (Redis's form: yes/no, plain byte counts), or throws with the reason.
 */
public interface DirectiveType {

    String normalize(String raw);

    /** Whole numbers in a closed range. */
    static DirectiveType integer(long min, long max) {
        return raw -> {
            long v;
            try {
                v = Long.parseLong(raw.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException("argument couldn't be parsed into an integer");
            }
            if (v < min || v > max) {
                throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(v);
        };
    }

    /** Byte counts with Redis's units (1k = 1000, 1kb = 1024, up to gb). */
    static DirectiveType memory(long min, long max) {
        return raw -> {
            long v = MemoryUnits.parse(raw);
            if (v < min || v > max) {
                throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
            }
            return Long.toString(v);
        };
    }

    /** yes/no; YAML's true/false are accepted since YAML turns yes/no into booleans. */
    static DirectiveType bool() {
        return raw -> switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> "yes";
            case "no", "false" -> "no";
            default -> throw new ConfigException("argument must be 'yes' or 'no'");
        };
    }

    /** One word out of a fixed set, compared case-insensitively; aliases map to the first spelling given. */
    static DirectiveType oneOf(String... values) {
        List<String> allowed = Arrays.asList(values);
        return raw -> {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw new ConfigException("argument(s) must be one of the following: " + String.join(", ", allowed));
            }
            return v;
        };
    }

    /** Free text, kept as given. */
    static DirectiveType text() {
        return raw -> raw;
    }
}
