package io.redoubt.config;

import java.math.BigInteger;
import java.util.Locale;

/**
 * client-output-buffer-limit: a hard limit, a soft limit and its seconds for each client class (normal,
 * replica, pubsub), Redis's syntax and checks. A value names one or more classes ({@code pubsub 32mb 8mb 60});
 * the classes it leaves out keep their values. CONFIG GET shows all three, replicas as "slave", as Redis does.
 */
public final class OutputBufferLimits implements DirectiveType {
    public static final String DEFAULT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

    /** Redis's client classes for output limits, in CONFIG GET order. */
    public enum ClientClass { NORMAL, REPLICA, PUBSUB }

    /** One class's limits; 0 disables a limit. */
    public record Limit(long hardBytes, long softBytes, long softSeconds) {
    }

    private static final String[] NAMES = {"normal", "slave", "pubsub"};

    private final Limit[] limits;

    private OutputBufferLimits(Limit[] limits) {
        this.limits = limits;
    }

    /** The directive type (its normalisation merges with the current value). */
    public static DirectiveType type() {
        return new OutputBufferLimits(null);
    }

    public Limit of(ClientClass c) {
        return limits[c.ordinal()];
    }

    private static volatile OutputBufferLimits cached;

    /** The limits of a canonical value (CONFIG GET form), parsed once per distinct value. */
    public static OutputBufferLimits of(String canonical) {
        OutputBufferLimits c = cached;
        if (c == null || !c.source.equals(canonical)) {
            c = new OutputBufferLimits(merge(canonical, null));
            c.source = canonical;
            cached = c;
        }
        return c;
    }

    private String source = "";

    @Override
    public String normalize(String raw) {
        return normalize(raw, DEFAULT);
    }

    @Override
    public String normalize(String raw, String current) {
        return format(merge(raw, current == null ? DEFAULT : current));
    }

    /** Applies the classes named in {@code raw} over {@code base} (null: nothing, for canonical values). */
    private static Limit[] merge(String raw, String base) {
        Limit[] out = base == null ? new Limit[3] : merge(base, null);
        String[] w = raw.trim().isEmpty() ? new String[0] : raw.trim().split("\\s+");
        if (w.length % 4 != 0) {
            throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
        }
        Limit[] given = new Limit[3];
        for (int i = 0; i < w.length; i += 4) {
            int cls = switch (w[i].toLowerCase(Locale.ROOT)) {
                case "normal" -> 0;
                case "slave", "replica" -> 1;
                case "pubsub" -> 2;
                default -> throw new ConfigException("Invalid client class specified in buffer limit configuration.");
            };
            given[cls] = new Limit(bytes(w[i + 1]), bytes(w[i + 2]), seconds(w[i + 3]));
        }
        for (int i = 0; i < 3; i++) { // all or nothing: every class was checked before any is taken
            if (given[i] != null) {
                out[i] = given[i];
            }
        }
        for (Limit l : out) {
            if (l == null) {
                throw new ConfigException("Wrong number of arguments in buffer limit configuration.");
            }
        }
        return out;
    }

    private static long bytes(String word) {
        try {
            BigInteger v = MemoryUnits.parseExact(word);
            if (v.bitLength() > 63) {
                throw badValue();
            }
            return v.longValue();
        } catch (ConfigException e) {
            throw badValue();
        }
    }

    /** Read as strtoll: an optional sign and digits, nothing after; negative refused. */
    private static long seconds(String word) {
        try {
            long v = Long.parseLong(word.startsWith("+") ? word.substring(1) : word);
            if (v < 0) {
                throw badValue();
            }
            return v;
        } catch (NumberFormatException e) {
            throw badValue();
        }
    }

    private static ConfigException badValue() {
        return new ConfigException("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
    }

    private static String format(Limit[] l) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            sb.append(i == 0 ? "" : " ").append(NAMES[i]).append(' ').append(l[i].hardBytes()).append(' ')
                .append(l[i].softBytes()).append(' ').append(l[i].softSeconds());
        }
        return sb.toString();
    }
}
