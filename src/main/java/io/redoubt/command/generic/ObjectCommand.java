package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.Values;

/**
 * OBJECT ENCODING | FREQ | IDLETIME | REFCOUNT | HELP. Keys are looked up as reads that leave the access
 * time alone, so asking for the idle time does not reset it.
 */
final class ObjectCommand {
    /** Redoubt has no LFU eviction policy, so it keeps no access frequency and FREQ always answers this. */
    private static final RedisError NO_LFU = new RedisError("ERR An LFU maxmemory policy is not selected, access "
        + "frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data "
        + "will take some time to adjust.");

    private ObjectCommand() {
    }

    static void register(CommandTable t) {
        CommandSpec object = t.container("object", -2, "", "@slow")
            .doc("A container for object introspection commands.", "2.2.3", "generic", "Depends on subcommand.");
        String flags = "readonly";
        String acl = "@keyspace @read @slow";
        object.sub("encoding", 3, flags, 2, 2, 1, acl, ObjectCommand::encoding)
            .doc("Returns the internal encoding of a Redis object.", "2.2.3", "generic", "O(1)");
        object.sub("freq", 3, flags, 2, 2, 1, acl, ObjectCommand::freq)
            .doc("Returns the logarithmic access frequency counter of a Redis object.", "4.0.0", "generic", "O(1)");
        object.sub("idletime", 3, flags, 2, 2, 1, acl, ObjectCommand::idletime)
            .doc("Returns the time since the last access to a Redis object.", "2.2.3", "generic", "O(1)");
        object.sub("refcount", 3, flags, 2, 2, 1, acl, ObjectCommand::refcount)
            .doc("Returns the reference count of a value of a key.", "2.2.3", "generic", "O(1)");
        object.sub("help", 2, "loading stale", 0, 0, 0, "@keyspace @slow", ObjectCommand::help)
            .doc("Returns helpful text about the different subcommands.", "6.2.0", "generic", "O(1)");
    }

    /** The key's entry, or null after answering null. */
    private static Dict.Entry lookup(CommandContext c) {
        Dict.Entry e = c.db().readNoTouchNoNotify(c.arg(2));
        if (e == null) {
            c.reply.nullBulk();
        }
        return e;
    }

    static void encoding(CommandContext c) {
        Dict.Entry e = lookup(c);
        if (e != null) {
            c.reply.bulk(Values.encoding(e.value));
        }
    }

    static void freq(CommandContext c) {
        if (lookup(c) != null) {
            throw NO_LFU;
        }
    }

    static void idletime(CommandContext c) {
        Dict.Entry e = lookup(c);
        if (e != null) {
            c.reply.integer(Math.max(0, c.keyspace().now() / 1000 - e.lruSeconds));
        }
    }

    static void refcount(CommandContext c) {
        Dict.Entry e = lookup(c);
        if (e != null) {
            c.reply.integer(Values.refcount(e.value));
        }
    }

    /** Status lines, as Redis's help replies are. */
    static void help(CommandContext c) {
        String[] lines = {
            "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "ENCODING <key>",
            "    Return the kind of internal representation used in order to store the value",
            "    associated with a <key>.",
            "FREQ <key>",
            "    Return the access frequency index of the <key>. The returned integer is",
            "    proportional to the logarithm of the recent access frequency of the key.",
            "IDLETIME <key>",
            "    Return the idle time of the <key>, that is the approximated number of",
            "    seconds elapsed since the last access to the key.",
            "REFCOUNT <key>",
            "    Return the number of references of the value associated with the specified",
            "    <key>.",
            "HELP",
            "    Print this help.",
        };
        c.reply.array(lines.length);
        for (String line : lines) {
            c.reply.simple(line);
        }
    }
}
