package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.config.ConfigException;
import io.redoubt.config.Directive;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** CONFIG GET, SET, RESETSTAT and HELP over the directive registry. */
public final class ConfigCommand {
    private ConfigCommand() {
    }

    public static void register(CommandTable t) {
        CommandSpec config = t.container("config", -2, "", "@slow")
            .doc("A container for server configuration commands.", "2.0.0", "server", "Depends on subcommand.");
        config.sub("get", -3, "admin noscript loading stale", 0, 0, 0, "@admin @slow @dangerous", ConfigCommand::get)
            .doc("Returns the effective values of configuration parameters.", "2.0.0", "server",
                "O(N) when N is the number of configuration parameters provided");
        config.sub("set", -4, "admin noscript loading stale", 0, 0, 0, "@admin @slow @dangerous", ConfigCommand::set)
            .tips("request_policy:all_nodes response_policy:all_succeeded")
            .doc("Sets configuration parameters in-flight.", "2.0.0", "server",
                "O(N) when N is the number of configuration parameters provided");
        config.sub("resetstat", 2, "admin noscript loading stale", 0, 0, 0, "@admin @slow @dangerous",
                ConfigCommand::resetStat)
            .doc("Resets the server's statistics.", "2.0.0", "server", "O(1)");
        config.sub("help", 2, "loading stale", 0, 0, 0, "@slow", ConfigCommand::help)
            .doc("Returns helpful text about the different subcommands.", "5.0.0", "server", "O(1)");
    }

    static void get(CommandContext c) {
        List<String> patterns = new ArrayList<>();
        for (int i = 2; i < c.argc(); i++) {
            patterns.add(c.argString(i));
        }
        List<Map.Entry<String, Directive>> found = c.server.directives().matchingNames(patterns);
        c.reply.map(found.size());
        for (Map.Entry<String, Directive> d : found) {
            c.reply.bulk(d.getKey());
            c.reply.bulk(d.getValue().value());
        }
    }

    static void set(CommandContext c) {
        if ((c.argc() - 2) % 2 != 0) {
            throw RedisError.SYNTAX;
        }
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        for (int i = 2; i < c.argc(); i += 2) {
            pairs.add(Map.entry(c.argString(i), c.argString(i + 1)));
        }
        try {
            c.server.directives().set(pairs, protectedAllowed(c));
        } catch (ConfigException e) {
            throw new RedisError("ERR " + e.getMessage());
        }
        c.reply.ok();
    }

    /** enable-protected-configs: yes, or local for clients on the loopback address as Redis checks it. */
    private static boolean protectedAllowed(CommandContext c) {
        return switch (c.server.directives().get("enable-protected-configs").value()) {
            case "yes" -> true;
            case "local" -> c.client.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                && (a.getAddress().getHostAddress().equals("127.0.0.1") || a.getAddress().getHostAddress().equals("0:0:0:0:0:0:0:1"));
            default -> false;
        };
    }

    static void resetStat(CommandContext c) {
        c.server.stats().reset();
        c.server.commands().resetStats();
        c.keyspace().resetStats();
        c.server.clients().resetStats();
        c.reply.ok();
    }

    static void help(CommandContext c) {
        HelpReply.write(c, "CONFIG", List.of(
            "GET <pattern>",
            "    Return parameters matching the glob-like <pattern> and their values.",
            "SET <directive> <value>",
            "    Set the configuration <directive> to <value>.",
            "RESETSTAT",
            "    Reset statistics reported by the INFO command."));
    }
}
