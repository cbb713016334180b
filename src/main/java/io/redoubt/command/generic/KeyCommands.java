package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.Values;
import io.redoubt.net.Reply;
import io.redoubt.util.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic (keyspace) family. Registers every member; DEL UNLINK EXISTS TYPE TOUCH KEYS RANDOMKEY live
 * here, the others in {@link ExpireCommands}, {@link ScanCommand}, {@link RenameCommands},
 * {@link CopyCommands} and {@link ObjectCommand}.
 */
public final class KeyCommands {
    private KeyCommands() {
    }

    public static void register(CommandTable t) {
        t.add("del", -2, "write", 1, -1, 1, "@keyspace @write @slow", KeyCommands::del)
            .doc("Deletes one or more keys.", "1.0.0", "generic",
                "O(N) where N is the number of keys that will be removed. When a key to remove holds a value other "
                    + "than a string, the individual complexity for this key is O(M) where M is the number of "
                    + "elements in the list, set, sorted set or hash. Removing a single key that holds a string "
                    + "value is O(1).");
        // Values are freed by the garbage collector, never on the command path, so UNLINK is DEL.
        t.add("unlink", -2, "write fast", 1, -1, 1, "@keyspace @write @fast", KeyCommands::del)
            .doc("Asynchronously deletes one or more keys.", "4.0.0", "generic",
                "O(1) for each key removed regardless of its size. Then the command does O(N) work in a different "
                    + "thread in order to reclaim memory, where N is the number of allocations the deleted objects "
                    + "where composed of.");
        t.add("exists", -2, "readonly fast", 1, -1, 1, "@keyspace @read @fast", KeyCommands::exists)
            .doc("Determines whether one or more keys exist.", "1.0.0", "generic",
                "O(N) where N is the number of keys to check.");
        t.add("type", 2, "readonly fast", 1, 1, 1, "@keyspace @read @fast", KeyCommands::type)
            .doc("Determines the type of value stored at a key.", "1.0.0", "generic", "O(1)");
        t.add("touch", -2, "readonly fast", 1, -1, 1, "@keyspace @read @fast", KeyCommands::touch)
            .doc("Returns the number of existing keys out of those specified after updating the time they were "
                + "last accessed.", "3.2.1", "generic", "O(N) where N is the number of keys that will be touched.");
        t.add("keys", 2, "readonly", 0, 0, 0, "@keyspace @read @slow @dangerous", KeyCommands::keys)
            .doc("Returns all key names that match a pattern.", "1.0.0", "generic",
                "O(N) with N being the number of keys in the database, under the assumption that the key names in "
                    + "the database and the given pattern have limited length.");
        t.add("randomkey", 1, "readonly touches_arbitrary_keys", 0, 0, 0, "@keyspace @read @slow", KeyCommands::randomKey)
            .doc("Returns a random key name from the database.", "1.0.0", "generic", "O(1)");
        ExpireCommands.register(t);
        ScanCommand.register(t);
        RenameCommands.register(t);
        CopyCommands.register(t);
        ObjectCommand.register(t);
        SortCommand.register(t);
        DumpRestoreCommands.register(t);
    }

    static void del(CommandContext c) {
        Database db = c.db();
        int n = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (db.delete(c.arg(i))) {
                c.notifyKeyEvent(KeyEvents.GENERIC, "del", c.arg(i));
                n++;
            }
        }
        if (n == 0) {
            c.propagateNothing();
        }
        c.reply.integer(n);
    }

    /** Counts a key once per time it is named, as Redis does. */
    static void exists(CommandContext c) {
        Database db = c.db();
        int n = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (db.readNoTouch(c.arg(i)) != null) {
                n++;
            }
        }
        c.reply.integer(n);
    }

    static void type(CommandContext c) {
        Dict.Entry e = c.db().readNoTouch(c.arg(1));
        c.reply.simple(e == null ? "none" : Values.typeName(e.value));
    }

    static void touch(CommandContext c) {
        Database db = c.db();
        int n = 0;
        for (int i = 1; i < c.argc(); i++) {
            if (db.readAndTouch(c.arg(i)) != null) {
                n++;
            }
        }
        c.reply.integer(n);
    }

    /** Like Redis, KEYS skips expired keys without deleting them (it only reads). */
    static void keys(CommandContext c) {
        byte[] pattern = c.arg(1);
        boolean all = pattern.length == 1 && pattern[0] == '*';
        Database db = c.db();
        List<byte[]> found = new ArrayList<>();
        db.dict().forEach(e -> {
            if ((all || Glob.matches(pattern, e.key, false)) && !db.isExpired(e)) {
                found.add(e.key);
            }
        });
        keyArray(c.reply, found);
    }

    static void randomKey(CommandContext c) {
        Dict.Entry e = c.db().randomKey();
        if (e == null) {
            c.reply.nullBulk();
        } else {
            c.reply.bulk(e.key);
        }
    }

    /** An array of key names (KEYS, SCAN). */
    static void keyArray(Reply reply, List<byte[]> keys) {
        reply.array(keys.size());
        for (byte[] k : keys) {
            reply.bulk(k);
        }
    }
}
