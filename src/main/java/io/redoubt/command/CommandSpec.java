package io.redoubt.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command's metadata, as COMMAND INFO and COMMAND DOCS report it (arity, flags, key positions, ACL
 * categories, summary), and its handler. A container command (CONFIG, CLIENT, ...) has subcommands instead
 * of a handler.
 */
public final class CommandSpec {
    private final String name;
    private final String fullName;
    private final int arity;
    private final List<String> flags;
    private final int firstKey;
    private final int lastKey;
    private final int step;
    private final List<String> aclCategories;
    private final CommandHandler handler;
    private final Map<String, CommandSpec> subcommands = new LinkedHashMap<>();
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
        this.firstKey = firstKey;
        this.lastKey = lastKey;
        this.step = step;
        this.aclCategories = words(acl);
        this.handler = handler;
    }

    private static List<String> words(String s) {
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

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
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
