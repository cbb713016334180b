package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.util.Bytes;
import io.redoubt.util.Glob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/** COMMAND and its subcommands: the command table as clients (redis-cli, cluster clients) read it. */
public final class CommandCommand {
    private CommandCommand() {
    }

    public static void register(CommandTable t) {
        String acl = "@slow @connection";
        CommandSpec command = t.add("command", -1, "loading stale", 0, 0, 0, acl, c -> infoOf(c, c.server.commands().all()))
            .tips("nondeterministic_output_order")
            .doc("Returns detailed information about all commands.", "2.8.13", "server",
                "O(N) where N is the total number of Redis commands");
        command.sub("count", 2, "loading stale", 0, 0, 0, acl, c -> c.reply.integer(c.server.commands().size()))
            .doc("Returns a count of commands.", "2.8.13", "server", "O(1)");
        command.sub("info", -2, "loading stale", 0, 0, 0, acl, CommandCommand::info)
            .tips("nondeterministic_output_order")
            .doc("Returns information about one, multiple or all commands.", "2.8.13", "server",
                "O(N) where N is the number of commands to look up");
        command.sub("docs", -2, "loading stale", 0, 0, 0, acl, CommandCommand::docs)
            .tips("nondeterministic_output_order")
            .doc("Returns documentary information about one, multiple or all commands.", "7.0.0", "server",
                "O(N) where N is the number of commands to look up");
        command.sub("list", -2, "loading stale", 0, 0, 0, acl, CommandCommand::list)
            .tips("nondeterministic_output_order")
            .doc("Returns a list of command names.", "7.0.0", "server",
                "O(N) where N is the total number of Redis commands");
        command.sub("getkeys", -3, "loading stale", 0, 0, 0, acl, c -> getKeys(c, false))
            .doc("Extracts the key names from an arbitrary command.", "2.8.13", "server",
                "O(N) where N is the number of arguments to the command");
        command.sub("getkeysandflags", -3, "loading stale", 0, 0, 0, acl, c -> getKeys(c, true))
            .doc("Extracts the key names and access flags for an arbitrary command.", "7.0.0", "server",
                "O(N) where N is the number of arguments to the command");
        command.sub("help", 2, "loading stale", 0, 0, 0, acl, CommandCommand::help)
            .doc("Returns helpful text about the different subcommands.", "5.0.0", "server", "O(1)");
    }

    static void info(CommandContext c) {
        if (c.argc() == 2) {
            infoOf(c, c.server.commands().all());
            return;
        }
        List<CommandSpec> specs = new ArrayList<>();
        for (int i = 2; i < c.argc(); i++) {
            specs.add(c.server.commands().findFullName(c.argString(i)));
        }
        infoOf(c, specs);
    }

    private static void infoOf(CommandContext c, Collection<CommandSpec> specs) {
        c.reply.array(specs.size());
        specs.forEach(s -> CommandMetadataReply.info(c.reply, s));
    }

    static void docs(CommandContext c) {
        List<CommandSpec> specs = new ArrayList<>();
        if (c.argc() == 2) {
            specs.addAll(c.server.commands().all());
        }
        for (int i = 2; i < c.argc(); i++) {
            CommandSpec s = c.server.commands().findFullName(c.argString(i));
            if (s != null) {
                specs.add(s);
            }
        }
        CommandMetadataReply.docs(c.reply, specs);
    }

    /** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: names with subcommands. */
    static void list(CommandContext c) {
        Predicate<CommandSpec> filter = s -> true;
        if (c.argc() != 2) {
            if (c.argc() != 5 || !c.argIs(2, "filterby")) {
                throw RedisError.SYNTAX;
            }
            String value = c.argString(4);
            byte[] pattern = c.arg(4);
            switch (c.option(3)) {
                case "module" -> filter = s -> false; // no modules
                case "aclcat" -> filter = s -> s.aclCategories().stream().anyMatch(cat -> cat.equalsIgnoreCase("@" + value));
                case "pattern" -> filter = s -> Glob.matches(pattern, Bytes.utf8(s.fullName()), true);
                default -> throw RedisError.SYNTAX;
            }
        }
        List<String> names = new ArrayList<>();
        for (CommandSpec s : c.server.commands().all()) {
            if (filter.test(s)) {
                names.add(s.fullName());
            }
            for (CommandSpec sub : s.subcommands().values()) {
                if (filter.test(sub)) {
                    names.add(sub.fullName());
                }
            }
        }
        c.reply.stringArray(names);
    }

    /** COMMAND GETKEYS / GETKEYSANDFLAGS &lt;command line&gt; with Redis's checks and error texts. */
    static void getKeys(CommandContext c, boolean withFlags) {
        byte[][] line = Arrays.copyOfRange(c.args(), 2, c.argc());
        CommandSpec spec = c.server.commands().resolve(line);
        if (spec == null) {
            throw new RedisError("ERR Invalid command specified");
        }
        if (!spec.hasKeys()) {
            throw new RedisError("ERR The command has no key arguments");
        }
        if (!spec.arityAccepts(line.length)) {
            throw new RedisError("ERR Invalid number of arguments specified for command");
        }
        List<CommandSpec.KeyAt> keys = spec.findKeys(line);
        if (keys == null || keys.isEmpty()) {
            if (!spec.hasFlag("no_mandatory_keys")) {
                throw new RedisError("ERR Invalid arguments specified for command");
            }
            keys = List.of();
        }
        c.reply.array(keys.size());
        for (CommandSpec.KeyAt k : keys) {
            if (withFlags) {
                c.reply.array(2);
                c.reply.bulk(line[k.position()]);
                c.reply.set(k.spec().flags().size());
                k.spec().flags().forEach(c.reply::simple);
            } else {
                c.reply.bulk(line[k.position()]);
            }
        }
    }

    static void help(CommandContext c) {
        HelpReply.write(c, "COMMAND", List.of(
            "(no subcommand)",
            "    Return details about all Redis commands.",
            "COUNT",
            "    Return the total number of commands in this Redis server.",
            "LIST",
            "    Return a list of all commands in this Redis server.",
            "INFO [<command-name> ...]",
            "    Return details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "DOCS [<command-name> ...]",
            "    Return documentation details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "GETKEYS <full-command>",
            "    Return the keys from a full Redis command.",
            "GETKEYSANDFLAGS <full-command>",
            "    Return the keys and the access flags from a full Redis command."));
    }
}
