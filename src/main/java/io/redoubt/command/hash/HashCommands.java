package io.redoubt.command.hash;

import io.redoubt.command.CommandTable;
import io.redoubt.command.KeySpec;

/**
 * The hash family. Metadata (arity, flags, key positions and specs, ACL categories, tips, docs) is Redis
 * 7.2's, as COMMAND INFO and COMMAND DOCS report it; the handlers live in one class per kind of work.
 */
public final class HashCommands {
    private static final String READ_FAST = "@read @hash @fast";
    private static final String READ_SLOW = "@read @hash @slow";
    private static final String WRITE_FAST = "@write @hash @fast";
    private static final String WHOLE_HASH = "O(N) where N is the size of the hash.";
    private static final String SCAN_COMPLEXITY = "O(1) for every call. O(N) for a complete iteration, including "
        + "enough command calls for the cursor to return back to 0. N is the number of elements inside the "
        + "collection.";

    private HashCommands() {
    }

    public static void register(CommandTable t) {
        registerFields(t);
        registerWhole(t);
        t.add("hincrby", 4, "write denyoom fast", 1, 1, 1, WRITE_FAST, HashCounterCommands::hincrby)
            .keySpec(KeySpec.range("RW access update", 1, 0, 1, 0))
            .doc("Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the "
                + "field doesn't exist.", "2.0.0", "hash", "O(1)");
        t.add("hincrbyfloat", 4, "write denyoom fast", 1, 1, 1, WRITE_FAST, HashCounterCommands::hincrbyfloat)
            .keySpec(KeySpec.range("RW access update", 1, 0, 1, 0))
            .doc("Increments the floating point value of a field by a number. Uses 0 as initial value if the "
                + "field doesn't exist.", "2.6.0", "hash", "O(1)");
    }

    private static void registerFields(CommandTable t) {
        t.add("hset", -4, "write denyoom fast", 1, 1, 1, WRITE_FAST, HashFieldCommands::hset)
            .doc("Creates or modifies the value of a field in a hash.", "2.0.0", "hash",
                "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is "
                    + "called with multiple field/value pairs.");
        t.add("hmset", -4, "write denyoom fast", 1, 1, 1, WRITE_FAST, HashFieldCommands::hmset)
            .doc("Sets the values of multiple fields.", "2.0.0", "hash",
                "O(N) where N is the number of fields being set.");
        t.add("hsetnx", 4, "write denyoom fast", 1, 1, 1, WRITE_FAST, HashFieldCommands::hsetnx)
            .keySpec(KeySpec.range("RW insert", 1, 0, 1, 0))
            .doc("Sets the value of a field in a hash only when the field doesn't exist.", "2.0.0", "hash", "O(1)");
        t.add("hget", 3, "readonly fast", 1, 1, 1, READ_FAST, HashFieldCommands::hget)
            .doc("Returns the value of a field in a hash.", "2.0.0", "hash", "O(1)");
        t.add("hmget", -3, "readonly fast", 1, 1, 1, READ_FAST, HashFieldCommands::hmget)
            .doc("Returns the values of all fields in a hash.", "2.0.0", "hash",
                "O(N) where N is the number of fields being requested.");
        t.add("hdel", -3, "write fast", 1, 1, 1, WRITE_FAST, HashFieldCommands::hdel)
            .keySpec(KeySpec.range("RW delete", 1, 0, 1, 0))
            .doc("Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.",
                "2.0.0", "hash", "O(N) where N is the number of fields to be removed.");
        t.add("hlen", 2, "readonly fast", 1, 1, 1, READ_FAST, HashFieldCommands::hlen)
            .keySpec(KeySpec.range("RO", 1, 0, 1, 0))
            .doc("Returns the number of fields in a hash.", "2.0.0", "hash", "O(1)");
        t.add("hstrlen", 3, "readonly fast", 1, 1, 1, READ_FAST, HashFieldCommands::hstrlen)
            .keySpec(KeySpec.range("RO", 1, 0, 1, 0))
            .doc("Returns the length of the value of a field.", "3.2.0", "hash", "O(1)");
        t.add("hexists", 3, "readonly fast", 1, 1, 1, READ_FAST, HashFieldCommands::hexists)
            .keySpec(KeySpec.range("RO", 1, 0, 1, 0))
            .doc("Determines whether a field exists in a hash.", "2.0.0", "hash", "O(1)");
    }

    private static void registerWhole(CommandTable t) {
        t.add("hkeys", 2, "readonly", 1, 1, 1, READ_SLOW, HashAllCommands::hkeys)
            .tips("nondeterministic_output_order")
            .doc("Returns all fields in a hash.", "2.0.0", "hash", WHOLE_HASH);
        t.add("hvals", 2, "readonly", 1, 1, 1, READ_SLOW, HashAllCommands::hvals)
            .tips("nondeterministic_output_order")
            .doc("Returns all values in a hash.", "2.0.0", "hash", WHOLE_HASH);
        t.add("hgetall", 2, "readonly", 1, 1, 1, READ_SLOW, HashAllCommands::hgetall)
            .tips("nondeterministic_output_order")
            .doc("Returns all fields and values in a hash.", "2.0.0", "hash", WHOLE_HASH);
        t.add("hrandfield", -2, "readonly", 1, 1, 1, READ_SLOW, HashRandomField::hrandfield)
            .tips("nondeterministic_output")
            .doc("Returns one or more random fields from a hash.", "6.2.0", "hash",
                "O(N) where N is the number of fields returned");
        t.add("hscan", -3, "readonly", 1, 1, 1, READ_SLOW, HashAllCommands::hscan)
            .tips("nondeterministic_output")
            .doc("Iterates over fields and values of a hash.", "2.8.0", "hash", SCAN_COMPLEXITY);
    }
}
