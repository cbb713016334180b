package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import java.util.List;

/** The reply of every "X HELP": status lines, Redis's heading first and "HELP / Prints this help." last. */
public final class HelpReply {
    private HelpReply() {
    }

    public static void write(CommandContext c, String command, List<String> lines) {
        c.reply.array(lines.size() + 3);
        c.reply.simple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        lines.forEach(c.reply::simple);
        c.reply.simple("HELP");
        c.reply.simple("    Prints this help.");
    }
}
