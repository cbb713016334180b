package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.persistence.RdbException;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DEBUG SLEEP, SET-ACTIVE-EXPIRE, RELOAD, DIGEST, DIGEST-VALUE ({@link DatasetDigest}) and HELP. Like Redis, DEBUG is one command that reads its subcommand
 * itself, and parses numbers as C's strtod/atoi do (leading number, else 0).
 */
public final class DebugCommand {
    private static final Pattern LEADING_NUMBER =
        Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private DebugCommand() {
    }

    public static void register(CommandTable t) {
        t.add("debug", -2, "admin noscript loading stale", 0, 0, 0, "@admin @slow @dangerous", DebugCommand::debug)
            .doc("A container for debugging commands.", "1.0.0", "server", "Depends on subcommand.");
    }

    static void debug(CommandContext c) {
        String sub = c.option(1);
        if (sub.equals("help") && c.argc() == 2) {
            help(c);
        } else if (sub.equals("sleep") && c.argc() == 3) {
            sleep(leadingNumber(c.argString(2)));
            c.reply.ok();
        } else if (sub.equals("digest") && c.argc() == 2) {
            c.reply.simple(DatasetDigest.hex(DatasetDigest.ofDataset(c.keyspace())));
        } else if (sub.equals("digest-value")) {
            c.reply.array(c.argc() - 2);
            for (int i = 2; i < c.argc(); i++) {
                c.reply.simple(DatasetDigest.hex(DatasetDigest.ofValue(c.db(), c.arg(i))));
            }
        } else if (sub.equals("reload")) {
            reload(c);
        } else if (sub.equals("set-active-expire") && c.argc() == 3) {
            c.keyspace().activeExpireEnabled((long) leadingNumber(c.argString(2)) != 0);
            c.reply.ok();
        } else {
            throw c.subcommandSyntaxError();
        }
    }

    /**
     * DEBUG RELOAD [NOSAVE]: saves the RDB (unless NOSAVE) and loads it back in place of the keyspace. Redis's
     * MERGE and NOFLUSH are not supported.
     */
    private static void reload(CommandContext c) {
        boolean save = true;
        for (int i = 2; i < c.argc(); i++) {
            if (c.option(i).equals("nosave")) {
                save = false;
            } else {
                throw new RedisError("ERR DEBUG RELOAD only supports the NOSAVE option");
            }
        }
        if (save) {
            try {
                c.server.snapshots().save();
            } catch (IOException e) {
                throw new RedisError("ERR Error trying to save the RDB dump");
            }
        }
        try {
            c.server.snapshots().reload();
        } catch (IOException e) {
            throw new RedisError("ERR Error trying to load the RDB dump, check server logs.");
        } catch (RdbException e) {
            throw new RedisError("ERR Error trying to load the RDB dump, check server logs.");
        }
        c.reply.ok();
    }

    /** Blocks the server: the keyspace lock is held, as Redis's single thread would be. */
    private static void sleep(double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            return;
        }
        long nanos = (long) (seconds * 1e9);
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double leadingNumber(String s) {
        Matcher m = LEADING_NUMBER.matcher(s);
        return m.find() ? Double.parseDouble(m.group().trim()) : 0;
    }

    static void help(CommandContext c) {
        HelpReply.write(c, "DEBUG", List.of(
            "DIGEST",
            "    Output a hex signature representing the current DB content.",
            "DIGEST-VALUE <key> [<key> ...]",
            "    Output a hex signature of the values of all the specified keys.",
            "SET-ACTIVE-EXPIRE <0|1>",
            "    Setting it to 0 disables expiring keys in background when they are not",
            "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
            "    default.",
            "RELOAD [NOSAVE]",
            "    Save the RDB on disk and reload it back to memory. With NOSAVE, load the",
            "    RDB file on disk without saving first.",
            "SLEEP <seconds>",
            "    Stop the server for <seconds>. Decimals allowed."));
    }
}
