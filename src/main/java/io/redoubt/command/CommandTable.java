package io.redoubt.command;

import io.redoubt.util.Bytes;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every command Redoubt answers, keyed by lower-case name. Families add themselves through
 * {@link #add}; COMMAND, INFO commandstats and the executor all read the same entries.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> commands = new HashMap<>();
    private final CommandIndex index = new CommandIndex();

    /**
     * Declares a command. Arity counts the name (negative: at least that many); flags and ACL categories are
     * space-separated words as COMMAND INFO shows them; key positions are first, last (-1 = last argument)
     * and step, 0 0 0 for none.
     */
    public CommandSpec add(String name, int arity, String flags, int firstKey, int lastKey, int step, String acl,
                           CommandHandler handler) {
        CommandSpec spec = new CommandSpec(name, name, arity, flags, firstKey, lastKey, step, acl, handler);
        if (commands.putIfAbsent(name, spec) != null) {
            throw new IllegalStateException("command declared twice: " + name);
        }
        index.put(spec);
        return spec;
    }

    /** Declares a container such as CONFIG whose subcommands are added with {@link CommandSpec#sub}. */
    public CommandSpec container(String name, int arity, String flags, String acl) {
        return add(name, arity, flags, 0, 0, 0, acl, null);
    }

    public CommandSpec find(String lowerName) {
        return commands.get(lowerName);
    }

    /** The top-level command a request's first argument names, in any letter case, or null. */
    public CommandSpec find(byte[] name) {
        return index.get(name);
    }

    /**
     * The command a command line names, as the executor picks it: the subcommand of a container (CLIENT KILL
     * -> client|kill), the container itself when given no subcommand, null for unknown names.
     */
    public CommandSpec resolve(byte[][] args) {
        CommandSpec spec = index.get(args[0]);
        if (spec == null || !spec.isContainer() || args.length < 2) {
            return spec;
        }
        return spec.subcommand(Bytes.lowerAscii(args[1]));
    }

    /** A command by the name COMMAND INFO and DOCS accept: "get", or "client|kill" for a subcommand. */
    public CommandSpec findFullName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        int bar = lower.indexOf('|');
        if (bar < 0) {
            return commands.get(lower);
        }
        CommandSpec container = commands.get(lower.substring(0, bar));
        return container == null ? null : container.subcommand(lower.substring(bar + 1));
    }

    public int size() {
        return commands.size();
    }

    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(new TreeMap<>(commands).values());
    }

    public void resetStats() {
        for (CommandSpec c : commands.values()) {
            c.stats.reset();
            c.subcommands().values().forEach(s -> s.stats.reset());
        }
    }
}
