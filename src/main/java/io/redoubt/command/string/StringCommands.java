package io.redoubt.command.string;

import io.redoubt.command.CommandTable;

/**
 * The string family. Metadata (arity, flags, key positions, ACL categories, docs) is Redis 7.2's, as
 * COMMAND INFO and COMMAND DOCS report it; the handlers live in one class per kind of work.
 */
public final class StringCommands {
    private static final String READ_FAST = "@read @string @fast";
    private static final String READ_SLOW = "@read @string @slow";
    private static final String WRITE_FAST = "@write @string @fast";
    private static final String WRITE_SLOW = "@write @string @slow";
    private static final String RANGE_COMPLEXITY = "O(N) where N is the length of the returned string. The "
        + "complexity is ultimately determined by the returned length, but because creating a substring from an "
        + "existing string is very cheap, it can be considered O(1) for small strings.";

    private StringCommands() {
    }

    public static void register(CommandTable t) {
        registerGetSet(t);
        registerCounters(t);
        registerRanges(t);
        t.add("lcs", -3, "readonly", 1, 2, 1, READ_SLOW, LcsCommand::lcs)
            .doc("Finds the longest common substring.", "7.0.0", "string",
                "O(N*M) where N and M are the lengths of s1 and s2, respectively");
    }

    private static void registerGetSet(CommandTable t) {
        t.add("get", 2, "readonly fast", 1, 1, 1, READ_FAST, GetSetCommands::get)
            .doc("Returns the string value of a key.", "1.0.0", "string", "O(1)");
        t.add("set", -3, "write denyoom", 1, 1, 1, WRITE_SLOW, GetSetCommands::set)
            .doc("Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
                "1.0.0", "string", "O(1)");
        t.add("setnx", 3, "write denyoom fast", 1, 1, 1, WRITE_FAST, GetSetCommands::setnx)
            .doc("Set the string value of a key only when the key doesn't exist.", "1.0.0", "string", "O(1)");
        t.add("setex", 4, "write denyoom", 1, 1, 1, WRITE_SLOW, GetSetCommands::setex)
            .doc("Sets the string value and expiration time of a key. Creates the key if it doesn't exist.",
                "2.0.0", "string", "O(1)");
        t.add("psetex", 4, "write denyoom", 1, 1, 1, WRITE_SLOW, GetSetCommands::psetex)
            .doc("Sets both string value and expiration time in milliseconds of a key. The key is created if it "
                + "doesn't exist.", "2.6.0", "string", "O(1)");
        t.add("getset", 3, "write denyoom fast", 1, 1, 1, WRITE_FAST, GetSetCommands::getset)
            .doc("Returns the previous string value of a key after setting it to a new value.", "1.0.0", "string",
                "O(1)");
        t.add("getdel", 2, "write fast", 1, 1, 1, WRITE_FAST, GetSetCommands::getdel)
            .doc("Returns the string value of a key after deleting the key.", "6.2.0", "string", "O(1)");
        t.add("getex", -2, "write fast", 1, 1, 1, WRITE_FAST, GetSetCommands::getex)
            .doc("Returns the string value of a key after setting its expiration time.", "6.2.0", "string", "O(1)");
        t.add("mget", -2, "readonly fast", 1, -1, 1, READ_FAST, GetSetCommands::mget)
            .doc("Atomically returns the string values of one or more keys.", "1.0.0", "string",
                "O(N) where N is the number of keys to retrieve.");
        t.add("mset", -3, "write denyoom", 1, -1, 2, WRITE_SLOW, GetSetCommands::mset)
            .doc("Atomically creates or modifies the string values of one or more keys.", "1.0.1", "string",
                "O(N) where N is the number of keys to set.");
        t.add("msetnx", -3, "write denyoom", 1, -1, 2, WRITE_SLOW, GetSetCommands::msetnx)
            .doc("Atomically modifies the string values of one or more keys only when all keys don't exist.",
                "1.0.1", "string", "O(N) where N is the number of keys to set.");
    }

    private static void registerCounters(CommandTable t) {
        t.add("incr", 2, "write denyoom fast", 1, 1, 1, WRITE_FAST, CounterCommands::incr)
            .doc("Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
                "1.0.0", "string", "O(1)");
        t.add("decr", 2, "write denyoom fast", 1, 1, 1, WRITE_FAST, CounterCommands::decr)
            .doc("Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
                "1.0.0", "string", "O(1)");
        t.add("incrby", 3, "write denyoom fast", 1, 1, 1, WRITE_FAST, CounterCommands::incrby)
            .doc("Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't "
                + "exist.", "1.0.0", "string", "O(1)");
        t.add("decrby", 3, "write denyoom fast", 1, 1, 1, WRITE_FAST, CounterCommands::decrby)
            .doc("Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't "
                + "exist.", "1.0.0", "string", "O(1)");
        t.add("incrbyfloat", 3, "write denyoom fast", 1, 1, 1, WRITE_FAST, CounterCommands::incrbyfloat)
            .doc("Increment the floating point value of a key by a number. Uses 0 as initial value if the key "
                + "doesn't exist.", "2.6.0", "string", "O(1)");
    }

    private static void registerRanges(CommandTable t) {
        t.add("append", 3, "write denyoom fast", 1, 1, 1, WRITE_FAST, RangeCommands::append)
            .doc("Appends a string to the value of a key. Creates the key if it doesn't exist.", "2.0.0", "string",
                "O(1). The amortized time complexity is O(1) assuming the appended value is small and the already "
                    + "present value is of any size, since the dynamic string library used by Redis will double "
                    + "the free space available on every reallocation.");
        t.add("strlen", 2, "readonly fast", 1, 1, 1, READ_FAST, RangeCommands::strlen)
            .doc("Returns the length of a string value.", "2.2.0", "string", "O(1)");
        t.add("getrange", 4, "readonly", 1, 1, 1, READ_SLOW, RangeCommands::getrange)
            .doc("Returns a substring of the string stored at a key.", "2.4.0", "string", RANGE_COMPLEXITY);
        t.add("substr", 4, "readonly", 1, 1, 1, READ_SLOW, RangeCommands::getrange)
            .doc("Returns a substring from a string value.", "1.0.0", "string", RANGE_COMPLEXITY);
        t.add("setrange", 4, "write denyoom", 1, 1, 1, WRITE_SLOW, RangeCommands::setrange)
            .doc("Overwrites a part of a string value with another by an offset. Creates the key if it doesn't "
                + "exist.", "2.2.0", "string", "O(1), not counting the time taken to copy the new string in place. "
                + "Usually, this string is very small so the amortized complexity is O(1). Otherwise, complexity "
                + "is O(M) with M being the length of the value argument.");
    }
}
