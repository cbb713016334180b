package io.redoubt.command.set;

import io.redoubt.command.CommandTable;
import io.redoubt.command.KeySpec;

/**
 * The set family. Metadata (arity, flags, key positions and specs, ACL categories, tips, docs) is Redis
 * 7.2's, as COMMAND INFO and COMMAND DOCS report it; the handlers live in one class per kind of work.
 */
public final class SetCommands {
    private static final String READ_FAST = "@read @set @fast";
    private static final String READ_SLOW = "@read @set @slow";
    private static final String WRITE_FAST = "@write @set @fast";
    private static final String WRITE_SLOW = "@write @set @slow";
    private static final String INTER_COMPLEXITY = "O(N*M) worst case where N is the cardinality of the smallest "
        + "set and M is the number of sets.";
    private static final String ALL_SETS = "O(N) where N is the total number of elements in all given sets.";

    private SetCommands() {
    }

    public static void register(CommandTable t) {
        registerMembers(t);
        registerRandom(t);
        registerAlgebra(t);
    }

    private static void registerMembers(CommandTable t) {
        t.add("sadd", -3, "write denyoom fast", 1, 1, 1, WRITE_FAST, SetMemberCommands::sadd)
            .keySpec(KeySpec.range("RW insert", 1, 0, 1, 0))
            .doc("Adds one or more members to a set. Creates the key if it doesn't exist.", "1.0.0", "set",
                "O(1) for each element added, so O(N) to add N elements when the command is called with multiple "
                    + "arguments.");
        t.add("srem", -3, "write fast", 1, 1, 1, WRITE_FAST, SetMemberCommands::srem)
            .keySpec(KeySpec.range("RW delete", 1, 0, 1, 0))
            .doc("Removes one or more members from a set. Deletes the set if the last member was removed.",
                "1.0.0", "set", "O(N) where N is the number of members to be removed.");
        t.add("scard", 2, "readonly fast", 1, 1, 1, READ_FAST, SetMemberCommands::scard)
            .keySpec(KeySpec.range("RO", 1, 0, 1, 0))
            .doc("Returns the number of members in a set.", "1.0.0", "set", "O(1)");
        t.add("sismember", 3, "readonly fast", 1, 1, 1, READ_FAST, SetMemberCommands::sismember)
            .keySpec(KeySpec.range("RO", 1, 0, 1, 0))
            .doc("Determines whether a member belongs to a set.", "1.0.0", "set", "O(1)");
        t.add("smismember", -3, "readonly fast", 1, 1, 1, READ_FAST, SetMemberCommands::smismember)
            .doc("Determines whether multiple members belong to a set.", "6.2.0", "set",
                "O(N) where N is the number of elements being checked for membership");
        t.add("smembers", 2, "readonly", 1, 1, 1, READ_SLOW, SetMemberCommands::smembers)
            .tips("nondeterministic_output_order")
            .doc("Returns all members of a set.", "1.0.0", "set", "O(N) where N is the set cardinality.");
        t.add("smove", 4, "write fast", 1, 2, 1, WRITE_FAST, SetMemberCommands::smove)
            .keySpec(KeySpec.range("RW access delete", 1, 0, 1, 0))
            .keySpec(KeySpec.range("RW insert", 2, 0, 1, 0))
            .doc("Moves a member from one set to another.", "1.0.0", "set", "O(1)");
        t.add("sscan", -3, "readonly", 1, 1, 1, READ_SLOW, SetMemberCommands::sscan)
            .tips("nondeterministic_output")
            .doc("Iterates over members of a set.", "2.8.0", "set", "O(1) for every call. O(N) for a complete "
                + "iteration, including enough command calls for the cursor to return back to 0. N is the number "
                + "of elements inside the collection.");
    }

    private static void registerRandom(CommandTable t) {
        t.add("srandmember", -2, "readonly", 1, 1, 1, READ_SLOW, SetRandomCommands::srandmember)
            .tips("nondeterministic_output")
            .doc("Get one or multiple random members from a set", "1.0.0", "set",
                "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.");
        t.add("spop", -2, "write fast", 1, 1, 1, WRITE_FAST, SetRandomCommands::spop)
            .keySpec(KeySpec.range("RW access delete", 1, 0, 1, 0))
            .tips("nondeterministic_output")
            .doc("Returns one or more random members from a set after removing them. Deletes the set if the last "
                + "member was popped.", "1.0.0", "set",
                "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.");
    }

    private static void registerAlgebra(CommandTable t) {
        t.add("sinter", -2, "readonly", 1, -1, 1, READ_SLOW, SetAlgebraCommands::sinter)
            .tips("nondeterministic_output_order")
            .doc("Returns the intersect of multiple sets.", "1.0.0", "set", INTER_COMPLEXITY);
        t.add("sintercard", -3, "readonly movablekeys", 0, 0, 0, READ_SLOW, SetAlgebraCommands::sintercard)
            .keySpec(KeySpec.keynum("RO access", 1, 0, 1, 1))
            .doc("Returns the number of members of the intersect of multiple sets.", "7.0.0", "set",
                INTER_COMPLEXITY);
        t.add("sinterstore", -3, "write denyoom", 1, -1, 1, WRITE_SLOW, SetAlgebraCommands::sinterstore)
            .keySpec(KeySpec.range("RW update", 1, 0, 1, 0))
            .keySpec(KeySpec.range("RO access", 2, -1, 1, 0))
            .doc("Stores the intersect of multiple sets in a key.", "1.0.0", "set", INTER_COMPLEXITY);
        t.add("sunion", -2, "readonly", 1, -1, 1, READ_SLOW, SetAlgebraCommands::sunion)
            .tips("nondeterministic_output_order")
            .doc("Returns the union of multiple sets.", "1.0.0", "set", ALL_SETS);
        t.add("sunionstore", -3, "write denyoom", 1, -1, 1, WRITE_SLOW, SetAlgebraCommands::sunionstore)
            .keySpec(KeySpec.range("OW update", 1, 0, 1, 0))
            .keySpec(KeySpec.range("RO access", 2, -1, 1, 0))
            .doc("Stores the union of multiple sets in a key.", "1.0.0", "set", ALL_SETS);
        t.add("sdiff", -2, "readonly", 1, -1, 1, READ_SLOW, SetAlgebraCommands::sdiff)
            .tips("nondeterministic_output_order")
            .doc("Returns the difference of multiple sets.", "1.0.0", "set", ALL_SETS);
        t.add("sdiffstore", -3, "write denyoom", 1, -1, 1, WRITE_SLOW, SetAlgebraCommands::sdiffstore)
            .keySpec(KeySpec.range("OW update", 1, 0, 1, 0))
            .keySpec(KeySpec.range("RO access", 2, -1, 1, 0))
            .doc("Stores the difference of multiple sets in a key.", "1.0.0", "set", ALL_SETS);
    }
}
