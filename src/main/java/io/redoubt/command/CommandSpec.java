package io.redoubt.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One command's metadata, as COMMAND INFO and COMMAND DOCS report it (arity, flags, key positions, ACL
 * categories, key specs, tips, summary), and its handler. A container command (CONFIG, CLIENT, ...) has
 * subcommands instead of a handler; COMMAND has both, its handler answering when it is called alone.
 */
public final class CommandSpec {
    /** Flags Redis keeps to itself: they steer the server but COMMAND INFO does not show them. */
    private static final Set<String> INTERNAL_FLAGS = Set.of("sentinel", "only_sentinel", "may_replicate",
        "touches_arbitrary_keys");

    private final String name;
    private final String fullName;
    private final int arity;
    private final List<String> flags;
    /** The same flags for lookups; writing is asked of every command, so it has a field of its own. */
    private final Set<String> flagSet;
    private final boolean write;
    private final int firstKey;
    private final int lastKey;
    private final int step;
    private final List<String> aclCategories;
    private final CommandHandler handler;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
    private List<String> tips = List.of();
    private final List<KeySpec> keySpecs = new ArrayList<>();
    private Function<byte[][], List<KeyAt>> keyFinder;
    private String summary = "";
    private String since = "1.0.0";
    private String group = "generic";
    private String complexity = "O(1)";
    final CommandStats stats = new CommandStats();

    CommandSpec(String name, String fullName, int arity, String flags, int firstKey, int lastKey, int step,
                String acl, CommandHandler handler) {
        this.name = name;
        this.fullName = fullName;
        this.arity = arity;
        this.flags = words(flags);
        this.flagSet = Set.copyOf(this.flags);
        this.write = flagSet.contains("write");
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.step = step;
        this.aclCategories = words(acl);
        this.handler = handler;
    }

    /** Space-separated words as a list, the form flags, categories and tips are declared in. */
    static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
    }

    /** Adds documentation shown by COMMAND DOCS. */
    public CommandSpec doc(String summary, String since, String group, String complexity) {
        this.summary = summary;
        this.since = since;
        this.group = group;
        this.complexity = complexity;
        return this;
    }

    /** Adds COMMAND INFO tips, space-separated, e.g. "request_policy:all_shards response_policy:agg_sum". */
    public CommandSpec tips(String tips) {
        this.tips = words(tips);
        return this;
    }

    /**
     * Declares a key specification. Commands that declare none get one derived from first/last/step, with
     * flags RW update (write commands), RO access (read-only ones) or RO; declare them to be exact.
     */
    public CommandSpec keySpec(KeySpec spec) {
        keySpecs.add(spec);
        return this;
    }

    /**
     * Finds the keys of a command line with code instead of the key specs (Redis's getkeys_proc, e.g. SORT's
     * STORE destination): returns the keys, or null when the arguments don't fit.
     */
    public CommandSpec keyFinder(Function<byte[][], List<KeyAt>> finder) {
        this.keyFinder = finder;
        return this;
    }

    public CommandSpec sub(String subName, int arity, String flags, int firstKey, int lastKey, int step, String acl,
                           CommandHandler handler) {
        CommandSpec s = new CommandSpec(subName, name + "|" + subName, arity, flags, firstKey, lastKey, step, acl, handler);
        s.group = group;
        s.since = since;
        subcommands.put(subName, s);
        return s;
    }

    public String name() {
        return name;
    }

    /** "get", or "config|get" for a subcommand: the name used in errors, stats and ACL. */
    public String fullName() {
        return fullName;
    }

    public int arity() {
        return arity;
    }

    public List<String> flags() {
        return flags;
    }

    /** The flags COMMAND INFO shows. */
    public List<String> publicFlags() {
        return flags.stream().filter(f -> !INTERNAL_FLAGS.contains(f)).toList();
    }

    public List<String> tips() {
        return tips;
    }

    /** Declared key specs, or the one implied by first/last/step, or none for commands without keys. */
    public List<KeySpec> keySpecs() {
        if (!keySpecs.isEmpty() || firstKey <= 0) {
            return Collections.unmodifiableList(keySpecs);
        }
        String keyFlags = write ? "RW update" : hasFlag("readonly") ? "RO access" : "RO";
        int relativeLast = lastKey < 0 ? lastKey : lastKey - firstKey;
        return List.of(KeySpec.range(keyFlags, firstKey, relativeLast, step, 0));
    }

    public boolean hasKeys() {
        return !keySpecs().isEmpty();
    }

    /** A key found in a command line: its position and the spec that found it. */
    public record KeyAt(int position, KeySpec spec) {
    }

    /** The keys of a command line (args[0] is the name), or null when the arguments don't fit the key specs. */
    public List<KeyAt> findKeys(byte[][] args) {
        if (keyFinder != null) {
            return keyFinder.apply(args);
        }
        List<KeyAt> found = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (KeySpec ks : keySpecs()) {
            positions.clear();
            if (!ks.collect(args, positions)) {
                return null;
            }
            positions.forEach(p -> found.add(new KeyAt(p, ks)));
        }
        return found;
    }

    public boolean hasFlag(String flag) {
        return flagSet.contains(flag);
    }

    /** Whether the command may modify the data set (Redis's "write" flag). */
    public boolean isWrite() {
        return write;
    }

    public int firstKey() {
        return firstKey;
    }

    public int lastKey() {
        return lastKey;
    }

    public int step() {
        return step;
    }

    public List<String> aclCategories() {
        return aclCategories;
    }

    public CommandHandler handler() {
        return handler;
    }

    public boolean isContainer() {
        return !subcommands.isEmpty();
    }

    public Map<String, CommandSpec> subcommands() {
        return Collections.unmodifiableMap(subcommands);
    }

    public CommandSpec subcommand(String lowerName) {
        return subcommands.get(lowerName);
    }

    public String summary() {
        return summary;
    }

    public String since() {
        return since;
    }

    public String group() {
        return group;
    }

    public String complexity() {
        return complexity;
    }

    public CommandStats stats() {
        return stats;
    }

    /** Accepts {@code argc} arguments (command name included)? Negative arity means "at least". */
    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }
}
