package io.redoubt.config;

import io.redoubt.util.Bytes;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How a directive's text is checked and normalised. {@link #normalize} returns the canonical text that
 * CONFIG GET shows (Redis's form: yes/no, plain byte counts), or throws with Redis's reason.
 */
public interface DirectiveType {

    String normalize(String raw);

    /**
     * The same for a value from a Spring property source (application.yml, command line, environment), where
     * Spring's conventions may differ from redis.conf's.
     */
    default String normalizeProperty(String raw) {
        return normalize(raw);
    }

    /**
     * For a directive whose value may give only part of the whole (client-output-buffer-limit names some
     * classes): the parts not given keep their {@code current} values. Others ignore {@code current}.
     */
    default String normalize(String raw, String current) {
        return normalize(raw);
    }

    /** Like {@link #normalize(String, String)} for a value from a Spring property source. */
    default String normalizeProperty(String raw, String current) {
        return normalizeProperty(raw);
    }

    /** Whole numbers in a closed range, written as Redis's string2ll reads them (no '+', spaces or leading zeros). */
    static DirectiveType integer(long min, long max) {
        return raw -> {
            byte[] b = Bytes.utf8(raw);
            long[] v = new long[1];
            if (!Bytes.parseLong(b, 0, b.length, v)) {
                throw new ConfigException("argument couldn't be parsed into an integer");
            }
            checkRange(BigInteger.valueOf(v[0]), min, max);
            return Long.toString(v[0]);
        };
    }

    /** Byte counts with Redis's units (1k = 1000, 1kb = 1024, up to gb). */
    static DirectiveType memory(long min, long max) {
        return raw -> {
            BigInteger v = MemoryUnits.parseExact(raw);
            checkRange(v, min, max);
            return v.toString();
        };
    }

    private static void checkRange(BigInteger v, long min, long max) {
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new ConfigException("argument must be between " + min + " and " + max + " inclusive");
        }
    }

    /**
     * yes/no in any case, as Redis reads them. From Spring properties true/false are accepted too: YAML turns
     * an unquoted yes/no into a boolean, and true/false is how Spring users write booleans.
     */
    static DirectiveType bool() {
        return new DirectiveType() {
            @Override
            public String normalize(String raw) {
                return switch (raw.toLowerCase(Locale.ROOT)) {
                    case "yes" -> "yes";
                    case "no" -> "no";
                    default -> throw new ConfigException("argument must be 'yes' or 'no'");
                };
            }

            @Override
            public String normalizeProperty(String raw) {
                return switch (raw.toLowerCase(Locale.ROOT)) {
                    case "true" -> "yes";
                    case "false" -> "no";
                    default -> normalize(raw);
                };
            }
        };
    }

    /** One word out of a fixed set, compared case-insensitively; CONFIG GET shows it in lower case. */
    static DirectiveType oneOf(String... values) {
        List<String> allowed = Arrays.asList(values);
        return raw -> {
            String v = raw.toLowerCase(Locale.ROOT);
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
