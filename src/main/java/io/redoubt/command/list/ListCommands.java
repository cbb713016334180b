package io.redoubt.command.list;

import io.redoubt.command.CommandTable;
import io.redoubt.command.KeySpec;
import io.redoubt.command.list.ListAccess.End;

/**
 * The list family. Metadata (arity, flags, key positions and key specs, ACL categories, docs) is Redis 7.2's,
 * as COMMAND INFO and COMMAND DOCS report it; the handlers live in {@link PushPopCommands} (the ends, blocking
 * forms included) and {@link IndexCommands} (positions and contents).
 */
public final class ListCommands {
    private static final String READ_FAST = "@read @list @fast";
    private static final String READ_SLOW = "@read @list @slow";
    private static final String WRITE_FAST = "@write @list @fast";
    private static final String WRITE_SLOW = "@write @list @slow";
    private static final String BLOCKING = "@write @list @slow @blocking";
    private static final String PUSH_COMPLEXITY = "O(1) for each element added, so O(N) to add N elements when "
        + "the command is called with multiple arguments.";
    private static final String POP_COMPLEXITY = "O(N) where N is the number of elements returned";
    private static final String MPOP_COMPLEXITY = "O(N+M) where N is the number of provided keys and M is the "
        + "number of elements returned.";
    /** The popped source, then the destination pushed onto (LMOVE, RPOPLPUSH and their blocking forms). */
    private static final KeySpec SOURCE = KeySpec.range("RW access delete", 1, 0, 1, 0);
    private static final KeySpec DESTINATION = KeySpec.range("RW insert", 2, 0, 1, 0);

    private ListCommands() {
    }

    public static void register(CommandTable t) {
        registerPushPop(t);
        registerMoves(t);
        registerBlocking(t);
        registerIndexes(t);
    }

    private static void registerPushPop(CommandTable t) {
        KeySpec insert = KeySpec.range("RW insert", 1, 0, 1, 0);
        KeySpec pop = KeySpec.range("RW access delete", 1, 0, 1, 0);
        t.add("lpush", -3, "write denyoom fast", 1, 1, 1, WRITE_FAST, c -> PushPopCommands.push(c, End.LEFT))
            .keySpec(insert)
            .doc("Prepends one or more elements to a list. Creates the key if it doesn't exist.", "1.0.0", "list",
                PUSH_COMPLEXITY);
        t.add("rpush", -3, "write denyoom fast", 1, 1, 1, WRITE_FAST, c -> PushPopCommands.push(c, End.RIGHT))
            .keySpec(insert)
            .doc("Appends one or more elements to a list. Creates the key if it doesn't exist.", "1.0.0", "list",
                PUSH_COMPLEXITY);
        t.add("lpushx", -3, "write denyoom fast", 1, 1, 1, WRITE_FAST, c -> PushPopCommands.pushx(c, End.LEFT))
            .keySpec(insert)
            .doc("Prepends one or more elements to a list only when the list exists.", "2.2.0", "list",
                PUSH_COMPLEXITY);
        t.add("rpushx", -3, "write denyoom fast", 1, 1, 1, WRITE_FAST, c -> PushPopCommands.pushx(c, End.RIGHT))
            .keySpec(insert)
            .doc("Appends an element to a list only when the list exists.", "2.2.0", "list", PUSH_COMPLEXITY);
        t.add("lpop", -2, "write fast", 1, 1, 1, WRITE_FAST, c -> PushPopCommands.pop(c, End.LEFT))
            .keySpec(pop)
            .doc("Returns the first elements in a list after removing it. Deletes the list if the last element was "
                + "popped.", "1.0.0", "list", POP_COMPLEXITY);
        t.add("rpop", -2, "write fast", 1, 1, 1, WRITE_FAST, c -> PushPopCommands.pop(c, End.RIGHT))
            .keySpec(pop)
            .doc("Returns and removes the last elements of a list. Deletes the list if the last element was "
                + "popped.", "1.0.0", "list", POP_COMPLEXITY);
        t.add("lmpop", -4, "write movablekeys", 0, 0, 0, WRITE_SLOW, PushPopCommands::lmpop)
            .keySpec(KeySpec.keynum("RW access delete", 1, 0, 1, 1))
            .doc("Returns multiple elements from a list after removing them. Deletes the list if the last element "
                + "was popped.", "7.0.0", "list", MPOP_COMPLEXITY);
    }

    private static void registerMoves(CommandTable t) {
        t.add("lmove", 5, "write denyoom", 1, 2, 1, WRITE_SLOW, PushPopCommands::lmove)
            .keySpec(SOURCE).keySpec(DESTINATION)
            .doc("Returns an element after popping it from one list and pushing it to another. Deletes the list if "
                + "the last element was moved.", "6.2.0", "list", "O(1)");
        t.add("rpoplpush", 3, "write denyoom", 1, 2, 1, WRITE_SLOW, PushPopCommands::rpoplpush)
            .keySpec(SOURCE).keySpec(DESTINATION)
            .doc("Returns the last element of a list after removing and pushing it to another list. Deletes the "
                + "list if the last element was popped.", "1.2.0", "list", "O(1)");
    }

    private static void registerBlocking(CommandTable t) {
        KeySpec keys = KeySpec.range("RW access delete", 1, -2, 1, 0);
        t.add("blpop", -3, "write noscript blocking", 1, -2, 1, BLOCKING, c -> PushPopCommands.bpop(c, End.LEFT))
            .keySpec(keys)
            .doc("Removes and returns the first element in a list. Blocks until an element is available otherwise. "
                + "Deletes the list if the last element was popped.", "2.0.0", "list",
                "O(N) where N is the number of provided keys.");
        t.add("brpop", -3, "write noscript blocking", 1, -2, 1, BLOCKING, c -> PushPopCommands.bpop(c, End.RIGHT))
            .keySpec(keys)
            .doc("Removes and returns the last element in a list. Blocks until an element is available otherwise. "
                + "Deletes the list if the last element was popped.", "2.0.0", "list",
                "O(N) where N is the number of provided keys.");
        t.add("blmove", 6, "write denyoom noscript blocking", 1, 2, 1, BLOCKING, PushPopCommands::blmove)
            .keySpec(SOURCE).keySpec(DESTINATION)
            .doc("Pops an element from a list, pushes it to another list and returns it. Blocks until an element "
                + "is available otherwise. Deletes the list if the last element was moved.", "6.2.0", "list",
                "O(1)");
        t.add("brpoplpush", 4, "write denyoom noscript blocking", 1, 2, 1, BLOCKING, PushPopCommands::brpoplpush)
            .keySpec(SOURCE).keySpec(DESTINATION)
            .doc("Pops an element from a list, pushes it to another list and returns it. Block until an element "
                + "is available otherwise. Deletes the list if the last element was popped.", "2.2.0", "list",
                "O(1)");
        t.add("blmpop", -5, "write blocking movablekeys", 0, 0, 0, BLOCKING, PushPopCommands::blmpop)
            .keySpec(KeySpec.keynum("RW access delete", 2, 0, 1, 1))
            .doc("Pops the first element from one of multiple lists. Blocks until an element is available "
                + "otherwise. Deletes the list if the last element was popped.", "7.0.0", "list", MPOP_COMPLEXITY);
    }

    private static void registerIndexes(CommandTable t) {
        t.add("llen", 2, "readonly fast", 1, 1, 1, READ_FAST, IndexCommands::llen)
            .keySpec(KeySpec.range("RO", 1, 0, 1, 0))
            .doc("Returns the length of a list.", "1.0.0", "list", "O(1)");
        t.add("lrange", 4, "readonly", 1, 1, 1, READ_SLOW, IndexCommands::lrange)
            .doc("Returns a range of elements from a list.", "1.0.0", "list",
                "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD "
                    + "or TAIL) for large lists; and N is the number of elements in the specified range.");
        t.add("lindex", 3, "readonly", 1, 1, 1, READ_SLOW, IndexCommands::lindex)
            .doc("Returns an element from a list by its index.", "1.0.0", "list",
                "O(N) where N is the number of elements to traverse to get to the element at index. This makes "
                    + "asking for the first or the last element of the list O(1).");
        t.add("lset", 4, "write denyoom", 1, 1, 1, WRITE_SLOW, IndexCommands::lset)
            .doc("Sets the value of an element in a list by its index.", "1.0.0", "list",
                "O(N) where N is the length of the list. Setting either the first or the last element of the list "
                    + "is O(1).");
        t.add("linsert", 5, "write denyoom", 1, 1, 1, WRITE_SLOW, IndexCommands::linsert)
            .keySpec(KeySpec.range("RW insert", 1, 0, 1, 0))
            .doc("Inserts an element before or after another element in a list.", "2.2.0", "list",
                "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that "
                    + "inserting somewhere on the left end on the list (head) can be considered O(1) and inserting "
                    + "somewhere on the right end (tail) is O(N).");
        t.add("lrem", 4, "write", 1, 1, 1, WRITE_SLOW, IndexCommands::lrem)
            .keySpec(KeySpec.range("RW delete", 1, 0, 1, 0))
            .doc("Removes elements from a list. Deletes the list if the last element was removed.", "1.0.0", "list",
                "O(N+M) where N is the length of the list and M is the number of elements removed.");
        t.add("ltrim", 4, "write", 1, 1, 1, WRITE_SLOW, IndexCommands::ltrim)
            .keySpec(KeySpec.range("RW delete", 1, 0, 1, 0))
            .doc("Removes elements from both ends a list. Deletes the list if all elements were trimmed.", "1.0.0",
                "list", "O(N) where N is the number of elements to be removed by the operation.");
        t.add("lpos", -3, "readonly", 1, 1, 1, READ_SLOW, IndexCommands::lpos)
            .doc("Returns the index of matching elements in a list.", "6.0.6", "list",
                "O(N) where N is the number of elements in the list, for the average case. When searching for "
                    + "elements near the head or the tail of the list, or when the MAXLEN option is provided, the "
                    + "command may run in constant time.");
    }
}
