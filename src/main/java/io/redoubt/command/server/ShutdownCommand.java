package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. Nothing is replied on success: the connection closes as the
 * server stops. The RDB is saved first when save points are set or SAVE is given (not with NOSAVE); a failed
 * save keeps the server up with Redis's error, unless FORCE. With no replicas yet there is nothing to wait for,
 * so NOW changes nothing and ABORT never finds a shutdown in progress.
 */
public final class ShutdownCommand {
    private static final Logger log = LoggerFactory.getLogger(ShutdownCommand.class);

    private ShutdownCommand() {
    }

    public static void register(CommandTable t) {
        t.add("shutdown", -1, "admin noscript loading stale no_multi allow_busy", 0, 0, 0,
                "@admin @slow @dangerous", ShutdownCommand::shutdown)
            .doc("Synchronously saves the database(s) to disk and shuts down the Redis server.", "1.0.0", "server",
                "O(N) when saving, where N is the total number of keys in all databases when saving data, "
                    + "otherwise O(1)");
    }

    static void shutdown(CommandContext c) {
        boolean save = false;
        boolean noSave = false;
        boolean abort = false;
        boolean force = false;
        for (int i = 1; i < c.argc(); i++) {
            switch (c.option(i)) {
                case "save" -> save = true;
                case "nosave" -> noSave = true;
                case "abort" -> abort = true;
                case "force" -> force = true;
                case "now" -> { }
                default -> throw RedisError.SYNTAX;
            }
        }
        if (save && noSave || abort && c.argc() > 2) {
            throw RedisError.SYNTAX;
        }
        if (abort) {
            throw new RedisError("ERR No shutdown in progress.");
        }
        log.warn("User requested shutdown...");
        if (save || !noSave && c.server.snapshots().savePointsSet()) {
            log.info("Saving the final RDB snapshot before exiting.");
            try {
                c.server.snapshots().save();
            } catch (java.io.IOException e) {
                log.warn("Error trying to save the DB, can't exit.");
                if (!force) {
                    throw new RedisError("ERR Errors trying to SHUTDOWN. Check logs.");
                }
            }
        }
        c.client.closeAfterReply();
        c.server.shutdown();
    }
}
