package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.server.SlowLog;
import java.util.List;

/** SLOWLOG GET [count] | LEN | RESET | HELP over the server's slow log. */
public final class SlowlogCommand {
    private static final int DEFAULT_COUNT = 10;

    private SlowlogCommand() {
    }

    public static void register(CommandTable t) {
        CommandSpec slowlog = t.container("slowlog", -2, "", "@slow")
            .doc("A container for slow log commands.", "2.2.12", "server", "Depends on subcommand.");
        String acl = "@admin @slow @dangerous";
        slowlog.sub("get", -2, "admin loading stale", 0, 0, 0, acl, SlowlogCommand::get)
            .tips("request_policy:all_nodes nondeterministic_output")
            .doc("Returns the slow log's entries.", "2.2.12", "server", "O(N) where N is the number of entries returned");
        slowlog.sub("len", 2, "admin loading stale", 0, 0, 0, acl, c -> c.reply.integer(c.server.slowLog().size()))
            .tips("request_policy:all_nodes response_policy:agg_sum nondeterministic_output")
            .doc("Returns the number of entries in the slow log.", "2.2.12", "server", "O(1)");
        slowlog.sub("reset", 2, "admin loading stale", 0, 0, 0, acl, SlowlogCommand::reset)
            .tips("request_policy:all_nodes response_policy:all_succeeded")
            .doc("Clears all entries from the slow log.", "2.2.12", "server",
                "O(N) where N is the number of entries in the slowlog");
        slowlog.sub("help", 2, "loading stale", 0, 0, 0, "@slow", SlowlogCommand::help)
            .doc("Show helpful text about the different subcommands", "6.2.0", "server", "O(1)");
    }

    static void get(CommandContext c) {
        if (c.argc() > 3) {
            throw c.subcommandSyntaxError();
        }
        long count = DEFAULT_COUNT;
        if (c.argc() == 3) {
            String error = "ERR count should be greater than or equal to -1";
            count = c.longArg(2, error);
            if (count < -1) {
                throw new RedisError(error);
            }
        }
        int limit = count == -1 ? Integer.MAX_VALUE : (int) Math.min(count, Integer.MAX_VALUE);
        List<SlowLog.Entry> entries = c.server.slowLog().newest(limit);
        c.reply.array(entries.size());
        for (SlowLog.Entry e : entries) {
            c.reply.array(6);
            c.reply.integer(e.id());
            c.reply.integer(e.timestampSeconds());
            c.reply.integer(e.micros());
            c.reply.array(e.args().size());
            e.args().forEach(c.reply::bulk);
            c.reply.bulk(e.address());
            c.reply.bulk(e.name());
        }
    }

    static void reset(CommandContext c) {
        c.server.slowLog().reset();
        c.reply.ok();
    }

    static void help(CommandContext c) {
        HelpReply.write(c, "SLOWLOG", List.of(
            "GET [<count>]",
            "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
            "    Entries are made of:",
            "    id, timestamp, time in microseconds, arguments array, client IP and port,",
            "    client name",
            "LEN",
            "    Return the length of the slowlog.",
            "RESET",
            "    Reset the slowlog."));
    }
}
