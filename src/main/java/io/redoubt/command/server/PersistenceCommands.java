package io.redoubt.command.server;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.persistence.Snapshots;
import java.io.IOException;

/** SAVE, BGSAVE [SCHEDULE] and LASTSAVE over {@link Snapshots}. SAVE is refused after MULTI (no_multi). */
public final class PersistenceCommands {
    private static final RedisError IN_PROGRESS = new RedisError("ERR Background save already in progress");

    private PersistenceCommands() {
    }

    public static void register(CommandTable t) {
        t.add("save", 1, "admin noscript no_async_loading no_multi", 0, 0, 0, "@admin @slow @dangerous",
                PersistenceCommands::save)
            .doc("Synchronously saves the database(s) to disk.", "1.0.0", "server",
                "O(N) where N is the total number of keys in all databases");
        t.add("bgsave", -1, "admin noscript no_async_loading", 0, 0, 0, "@admin @slow @dangerous",
                PersistenceCommands::bgsave)
            .doc("Asynchronously saves the database(s) to disk.", "1.0.0", "server", "O(1)");
        t.add("lastsave", 1, "loading stale fast", 0, 0, 0, "@admin @fast @dangerous",
                c -> c.reply.integer(c.server.snapshots().lastSaveSeconds()))
            .tips("nondeterministic_output")
            .doc("Returns the Unix timestamp of the last successful save to disk.", "1.0.0", "server", "O(1)");
    }

    static void save(CommandContext c) {
        Snapshots s = c.server.snapshots();
        if (s.bgsaveInProgress()) {
            throw IN_PROGRESS;
        }
        try {
            s.save();
        } catch (IOException e) {
            throw new RedisError("ERR"); // Redis answers a bare -ERR; the reason is in the log
        }
        c.reply.ok();
    }

    static void bgsave(CommandContext c) {
        boolean schedule = false;
        if (c.argc() > 1) {
            if (c.argc() == 2 && c.argIs(1, "schedule")) {
                schedule = true;
            } else {
                throw RedisError.SYNTAX;
            }
        }
        Snapshots s = c.server.snapshots();
        if (s.bgsaveInProgress()) {
            throw IN_PROGRESS; // SCHEDULE only waits for other background work, which Redoubt does not have
        }
        if (c.transaction().executing()) { // as Redis, never inside EXEC: the cron starts it right after
            s.schedule();
            c.reply.simple("Background saving scheduled");
            return;
        }
        s.bgsave();
        c.reply.simple("Background saving started");
    }
}
