package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * SCAN cursor [MATCH pattern] [COUNT count] [TYPE type] over {@link Dict#scan}, whose reverse-binary cursor
 * returns every key present for the whole iteration even when the table resizes between calls.
 */
final class ScanCommand {
    private ScanCommand() {
    }

    static void register(CommandTable t) {
        t.add("scan", -2, "readonly touches_arbitrary_keys", 0, 0, 0, "@keyspace @read @slow", ScanCommand::scan)
            .doc("Iterates over the key names in the database.", "2.8.0", "generic",
                "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor "
                    + "to return back to 0. N is the number of elements inside the collection.");
    }

    static void scan(CommandContext c) {
        long cursor = ScanOptions.parseCursor(c.arg(1));
        ScanOptions options = ScanOptions.parse(c, 2, true);
        Database db = c.db();
        List<byte[]> keys = new ArrayList<>();
        long[] visited = {0};
        cursor = options.run(cursor, cur -> db.dict().scan(cur, e -> {
            visited[0]++;
            if (options.matches(e.key)) {
                keys.add(e.key);
            }
        }), () -> visited[0]);

        // Expired keys are deleted here rather than returned. A TYPE filter looks keys up as a read (counting
        // hits and misses), as Redis 7.2 does; an unknown type name matches nothing.
        String wanted = options.type;
        keys.removeIf(key -> {
            if (wanted == null) {
                return db.lookup(key) == null;
            }
            Dict.Entry e = db.readNoTouch(key);
            return e == null || !wanted.equalsIgnoreCase(Values.typeName(e.value));
        });

        ScanOptions.replyCursor(c.reply, cursor);
        KeyCommands.keyArray(c.reply, keys);
    }
}
