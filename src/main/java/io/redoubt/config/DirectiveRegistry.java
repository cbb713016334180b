package io.redoubt.config;

import io.redoubt.util.Glob;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one registry of redis.conf directives. Start-up fills it from defaults, a redis.conf file and Spring
 * properties (see {@link DirectiveLoader}); CONFIG GET reads it and CONFIG SET changes it all-or-nothing.
 */
public class DirectiveRegistry {
    private final Map<String, Directive> directives = new LinkedHashMap<>();
    /** Redis's alias names (list-max-ziplist-size for list-max-listpack-size), each to its directive. */
    private final Map<String, Directive> aliases = new LinkedHashMap<>();
    private final Object setLock = new Object();
    private volatile List<String> sources = List.of("defaults");
    private final Map<DirectiveApplier, Integer> applierOrder = new java.util.concurrent.ConcurrentHashMap<>();

    public Directive define(String name, DirectiveType type, String defaultValue, boolean mutable) {
        return define(name, type, defaultValue, mutable, false);
    }

    public Directive define(String name, DirectiveType type, String defaultValue, boolean mutable, boolean accumulates) {
        Directive d = new Directive(name, type, defaultValue, mutable, accumulates);
        if (directives.putIfAbsent(name, d) != null) {
            throw new IllegalStateException("directive defined twice: " + name);
        }
        return d;
    }

    /**
     * Gives a directive a second name, as Redis keeps its old names: found by {@link #find}, listed by
     * {@link #matchingNames} under the name that matched. Not in {@link #all}.
     */
    public void alias(String alias, String name) {
        if (aliases.putIfAbsent(alias, get(name)) != null || directives.containsKey(alias)) {
            throw new IllegalStateException("directive defined twice: " + alias);
        }
    }

    /** The directive with this name or alias (case-insensitive), or null. */
    public Directive find(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        Directive d = directives.get(lower);
        return d != null ? d : aliases.get(lower);
    }

    public Directive get(String name) {
        Directive d = find(name);
        if (d == null) {
            throw new IllegalArgumentException("no such directive: " + name);
        }
        return d;
    }

    public Collection<Directive> all() {
        return Collections.unmodifiableCollection(directives.values());
    }

    /** Where the values came from (defaults, a redis.conf, property sources), for the start-up log. */
    public List<String> sources() {
        return sources;
    }

    void sources(List<String> used) {
        this.sources = List.copyOf(used);
    }

    /**
     * Registers what happens when any of the named directives changes at runtime. Appliers run in the order
     * they were registered, each at most once per CONFIG SET.
     */
    public void onChange(DirectiveApplier applier, String... names) {
        applierOrder.put(applier, applierOrder.size());
        for (String n : names) {
            get(n).addApplier(applier);
        }
    }

    /** Start-up assignment from a redis.conf line: checks the value and stores it, without running appliers. */
    public void load(String name, String raw) {
        Directive d = known(name);
        d.store(d.normalize(raw));
    }

    /** Start-up assignment from a Spring property source (see {@link Directive#normalizeProperty}). */
    public void loadProperty(String name, String raw) {
        Directive d = known(name);
        d.store(d.normalizeProperty(raw));
    }

    private Directive known(String name) {
        Directive d = find(name);
        if (d == null) {
            throw new ConfigException("Bad directive or wrong number of arguments");
        }
        return d;
    }

    /** Directives whose names match any of the glob patterns, in registry order. */
    public List<Directive> matching(List<String> patterns) {
        List<Directive> out = new ArrayList<>();
        for (Directive d : directives.values()) {
            for (String p : patterns) {
                if (Glob.matches(p, d.name())) {
                    out.add(d);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * CONFIG GET: the names (directive names and aliases) matching the patterns, each with its directive, as
     * Redis's configGetCommand finds them: a pattern without glob characters is a name, looked up and answered
     * as the client spelled it; a glob matches names and aliases. A name comes once, whatever its case.
     */
    public List<Map.Entry<String, Directive>> matchingNames(List<String> patterns) {
        Map<String, Map.Entry<String, Directive>> out = new LinkedHashMap<>();
        for (String p : patterns) {
            if (p.indexOf('*') < 0 && p.indexOf('?') < 0 && p.indexOf('[') < 0) {
                Directive d = find(p);
                if (d != null) {
                    out.putIfAbsent(p.toLowerCase(Locale.ROOT), Map.entry(p, d));
                }
                continue;
            }
            for (Directive d : directives.values()) {
                addIfMatching(out, d.name(), d, p);
                aliases.forEach((alias, target) -> {
                    if (target == d) {
                        addIfMatching(out, alias, d, p);
                    }
                });
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void addIfMatching(Map<String, Map.Entry<String, Directive>> out, String name, Directive d,
                                      String pattern) {
        if (Glob.matches(pattern, name)) {
            out.putIfAbsent(name, Map.entry(name, d));
        }
    }

    /**
     * CONFIG SET with the name/value pairs as given. Like Redis it first checks every name (unknown, immutable,
     * protected unless allowed, duplicate: reported with the name as the client spelled it), then every value
     * (reported with the directive's name), stores them all, then applies the changed ones (and every file
     * directive, changed or not); if any applier refuses, every
     * directive goes back to its old value (re-applied) and the error names that directive.
     */
    public void set(List<Map.Entry<String, String>> pairs, boolean allowProtected) {
        synchronized (setLock) {
            List<Directive> targets = new ArrayList<>();
            for (Map.Entry<String, String> e : pairs) {
                Directive d = find(e.getKey());
                if (d == null) {
                    throw new ConfigSetException(null, "Unknown option or number of arguments for CONFIG SET - '" + e.getKey() + "'");
                }
                if (!d.mutable()) {
                    throw new ConfigSetException(e.getKey(), "can't set immutable config");
                }
                if (d.isProtected() && !allowProtected) {
                    throw new ConfigSetException(e.getKey(), "can't set protected config");
                }
                if (targets.contains(d)) {
                    throw new ConfigSetException(e.getKey(), "duplicate parameter");
                }
                targets.add(d);
            }
            Map<Directive, String> normalized = new LinkedHashMap<>();
            for (int i = 0; i < pairs.size(); i++) {
                Directive d = targets.get(i);
                try {
                    normalized.put(d, d.normalize(pairs.get(i).getValue()));
                } catch (ConfigException ex) {
                    throw new ConfigSetException(spelledAs(d, pairs.get(i).getKey()), ex.getMessage());
                }
            }
            Map<Directive, String> old = new LinkedHashMap<>();
            normalized.forEach((d, v) -> {
                old.put(d, d.value());
                d.store(v);
            });
            // each applier once, in registration order, remembering which directive of the call brought it in
            Map<DirectiveApplier, Directive> toRun = new java.util.TreeMap<>(
                java.util.Comparator.comparing(applierOrder::get));
            for (Directive d : normalized.keySet()) {
                if (!d.namesFile() && d.value().equals(old.get(d))) {
                    continue; // unchanged: nothing to apply (a file path is applied again: the file may have changed)
                }
                for (DirectiveApplier a : d.appliers()) {
                    toRun.putIfAbsent(a, d);
                }
            }
            List<DirectiveApplier> applied = new ArrayList<>();
            for (Map.Entry<DirectiveApplier, Directive> run : toRun.entrySet()) {
                try {
                    run.getKey().apply();
                    applied.add(run.getKey());
                } catch (ConfigException ex) {
                    old.forEach(Directive::store);
                    for (DirectiveApplier a : applied) {
                        try {
                            a.apply();
                        } catch (ConfigException ignored) {
                            // best effort: the old values worked before
                        }
                    }
                    throw new ConfigSetException(run.getValue().name(), ex.getMessage());
                }
            }
        }
    }

    /** The name an error reports: the alias when the client used one, else the directive's name. */
    private String spelledAs(Directive d, String given) {
        String lower = given.toLowerCase(Locale.ROOT);
        return aliases.containsKey(lower) ? lower : d.name();
    }

    /** Thrown by {@link #set}; the message is the whole Redis error text without the leading "ERR ". */
    public static final class ConfigSetException extends ConfigException {
        public ConfigSetException(String argument, String reason) {
            super(argument == null ? reason : "CONFIG SET failed (possibly related to argument '" + argument + "') - " + reason);
        }
    }
}
