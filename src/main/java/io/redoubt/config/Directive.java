package io.redoubt.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One redis.conf directive: its Redis name, how its value is checked, its default, whether CONFIG SET may
 * change it, and what applying a new value does. The current value lives here so hot paths can hold the
 * Directive and read it without a map look-up.
 */
public final class Directive {
    private final String name;
    private final DirectiveType type;
    private final String defaultValue;
    private final boolean mutable;
    private final boolean accumulates;
    private final List<DirectiveApplier> appliers = new CopyOnWriteArrayList<>();
    private boolean protectedConfig;
    private boolean namesFile;
    private boolean severalArguments;
    private volatile String value;
    private volatile long number;

    Directive(String name, DirectiveType type, String defaultValue, boolean mutable, boolean accumulates) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.mutable = mutable;
        this.accumulates = accumulates;
        store(type.normalize(defaultValue));
    }

    public String name() {
        return name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public boolean mutable() {
        return mutable;
    }

    /**
     * A protected directive (like {@code dir}) can be changed by CONFIG SET only when
     * {@code enable-protected-configs} allows it, as in Redis: it can make the server write files anywhere.
     */
    public boolean isProtected() {
        return protectedConfig;
    }

    /** Marks the directive protected; for the catalog. */
    Directive protect() {
        protectedConfig = true;
        return this;
    }

    /**
     * The value names a file whose content is the real setting (a certificate, a key): CONFIG SET of the same
     * value applies it again, re-reading the file. Any other directive set to its current value changes
     * nothing and applies nothing, as in Redis (its VOLATILE_CONFIG flag).
     */
    public boolean namesFile() {
        return namesFile;
    }

    /** Marks the directive as naming a file; for the catalog. */
    Directive namingFile() {
        namesFile = true;
        return this;
    }

    /**
     * Marks the directive as taking any number of arguments, joined by spaces into its value ({@code save 900
     * 1 300 10}, {@code bind 127.0.0.1 ::1}): Redis's MULTI_ARG_CONFIG, whose type then checks the words.
     * Every other directive takes exactly one argument, quoted if it holds spaces. For the catalog.
     */
    Directive severalArguments() {
        severalArguments = true;
        return this;
    }

    /**
     * The value text of the arguments a redis.conf line or a redis-server option gives this directive, or
     * Redis's reason when there are not as many as it takes. None, for one that takes several, gives an
     * empty value, as in Redis ({@code bind} alone is {@code bind ""}).
     */
    public String valueOf(List<String> arguments) {
        if (!severalArguments && arguments.size() != 1) {
            throw new ConfigException("wrong number of arguments");
        }
        return String.join(" ", arguments);
    }

    /** Repeated lines in a redis.conf add to each other (like {@code save}) instead of replacing. */
    public boolean accumulates() {
        return accumulates;
    }

    public String value() {
        return value;
    }

    /** The value as a number; only meaningful for integer, memory and yes/no (1/0) directives. */
    public long asLong() {
        return number;
    }

    public int asInt() {
        return (int) number;
    }

    public boolean asBool() {
        return number != 0;
    }

    public String normalize(String raw) {
        return type.normalize(raw, value);
    }

    /** Like {@link #normalize} for a value from a Spring property source. */
    public String normalizeProperty(String raw) {
        return type.normalizeProperty(raw, value);
    }

    void store(String normalized) {
        this.value = normalized;
        long n;
        if ("yes".equals(normalized)) {
            n = 1;
        } else if ("no".equals(normalized)) {
            n = 0;
        } else {
            try {
                n = Long.parseLong(normalized);
            } catch (NumberFormatException e) {
                n = 0;
            }
        }
        this.number = n;
    }

    void addApplier(DirectiveApplier applier) {
        appliers.add(applier);
    }

    List<DirectiveApplier> appliers() {
        return appliers;
    }
}
