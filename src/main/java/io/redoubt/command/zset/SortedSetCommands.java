package io.redoubt.command.zset;

import io.redoubt.command.CommandSpec;
import io.redoubt.command.CommandTable;
import io.redoubt.command.KeySpec;

/**
 * The sorted-set family. Metadata (arity, flags, key specs, ACL categories, docs) is Redis 7.2's, as COMMAND
 * INFO and COMMAND DOCS report it. BZPOPMIN, BZPOPMAX and BZMPOP are left for the blocking facility.
 */
public final class SortedSetCommands {
    private static final String READ_FAST = "@read @sortedset @fast";
    private static final String READ_SLOW = "@read @sortedset @slow";
    private static final String WRITE_FAST = "@write @sortedset @fast";
    private static final String WRITE_SLOW = "@write @sortedset @slow";
    private static final String GROUP = "sorted-set";
    private static final String LOG_N = "O(log(N))";
    private static final String LOG_N_M = "O(log(N)+M) with N being the number of elements in the sorted set and M "
        + "the number of elements returned.";
    private static final String REMOVE_RANGE = "O(log(N)+M) with N being the number of elements in the sorted set "
        + "and M the number of elements removed by the operation.";

    private SortedSetCommands() {
    }

    public static void register(CommandTable t) {
        registerMembers(t);
        registerRanges(t);
        registerPops(t);
        registerSetOps(t);
    }

    private static void registerMembers(CommandTable t) {
        t.add("zadd", -4, "write denyoom fast", 1, 1, 1, WRITE_FAST, MemberCommands::zadd)
            .doc("Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't "
                + "exist.", "1.2.0", GROUP, "O(log(N)) for each item added, where N is the number of elements in "
                + "the sorted set.");
        oneKey(t.add("zincrby", 4, "write denyoom fast", 1, 1, 1, WRITE_FAST, MemberCommands::zincrby)
            .doc("Increments the score of a member in a sorted set.", "1.2.0", GROUP,
                "O(log(N)) where N is the number of elements in the sorted set."), "RW access update");
        oneKey(t.add("zrem", -3, "write fast", 1, 1, 1, WRITE_FAST, MemberCommands::zrem)
            .doc("Removes one or more members from a sorted set. Deletes the sorted set if all members were "
                + "removed.", "1.2.0", GROUP, "O(M*log(N)) with N being the number of elements in the sorted set "
                + "and M the number of elements to be removed."), "RW delete");
        oneKey(t.add("zcard", 2, "readonly fast", 1, 1, 1, READ_FAST, MemberCommands::zcard)
            .doc("Returns the number of members in a sorted set.", "1.2.0", GROUP, "O(1)"), "RO");
        t.add("zscore", 3, "readonly fast", 1, 1, 1, READ_FAST, MemberCommands::zscore)
            .doc("Returns the score of a member in a sorted set.", "1.2.0", GROUP, "O(1)");
        t.add("zmscore", -3, "readonly fast", 1, 1, 1, READ_FAST, MemberCommands::zmscore)
            .doc("Returns the score of one or more members in a sorted set.", "6.2.0", GROUP,
                "O(N) where N is the number of members being requested.");
        t.add("zrank", -3, "readonly fast", 1, 1, 1, READ_FAST, MemberCommands::zrank)
            .doc("Returns the index of a member in a sorted set ordered by ascending scores.", "2.0.0", GROUP, LOG_N);
        t.add("zrevrank", -3, "readonly fast", 1, 1, 1, READ_FAST, MemberCommands::zrevrank)
            .doc("Returns the index of a member in a sorted set ordered by descending scores.", "2.0.0", GROUP,
                LOG_N);
        t.add("zscan", -3, "readonly", 1, 1, 1, READ_SLOW, ScanCommand::zscan)
            .tips("nondeterministic_output")
            .doc("Iterates over members and scores of a sorted set.", "2.8.0", GROUP,
                "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor "
                    + "to return back to 0. N is the number of elements inside the collection.");
    }

    private static void registerRanges(CommandTable t) {
        t.add("zrange", -4, "readonly", 1, 1, 1, READ_SLOW, RangeCommands::zrange)
            .doc("Returns members in a sorted set within a range of indexes.", "1.2.0", GROUP, LOG_N_M);
        t.add("zrangestore", -5, "write denyoom", 1, 2, 1, WRITE_SLOW, RangeCommands::zrangestore)
            .keySpec(KeySpec.range("OW update", 1, 0, 1, 0))
            .keySpec(KeySpec.range("RO access", 2, 0, 1, 0))
            .doc("Stores a range of members from sorted set in a key.", "6.2.0", GROUP,
                "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements "
                    + "stored into the destination key.");
        t.add("zrevrange", -4, "readonly", 1, 1, 1, READ_SLOW, RangeCommands::zrevrange)
            .doc("Returns members in a sorted set within a range of indexes in reverse order.", "1.2.0", GROUP,
                LOG_N_M);
        t.add("zrangebyscore", -4, "readonly", 1, 1, 1, READ_SLOW, RangeCommands::zrangebyscore)
            .doc("Returns members in a sorted set within a range of scores.", "1.0.5", GROUP, LOG_N_M);
        t.add("zrevrangebyscore", -4, "readonly", 1, 1, 1, READ_SLOW, RangeCommands::zrevrangebyscore)
            .doc("Returns members in a sorted set within a range of scores in reverse order.", "2.2.0", GROUP,
                LOG_N_M);
        t.add("zrangebylex", -4, "readonly", 1, 1, 1, READ_SLOW, RangeCommands::zrangebylex)
            .doc("Returns members in a sorted set within a lexicographical range.", "2.8.9", GROUP, LOG_N_M);
        t.add("zrevrangebylex", -4, "readonly", 1, 1, 1, READ_SLOW, RangeCommands::zrevrangebylex)
            .doc("Returns members in a sorted set within a lexicographical range in reverse order.", "2.8.9", GROUP,
                LOG_N_M);
        t.add("zcount", 4, "readonly fast", 1, 1, 1, READ_FAST, RangeCommands::zcount)
            .doc("Returns the count of members in a sorted set that have scores within a range.", "2.0.0", GROUP,
                "O(log(N)) with N being the number of elements in the sorted set.");
        t.add("zlexcount", 4, "readonly fast", 1, 1, 1, READ_FAST, RangeCommands::zlexcount)
            .doc("Returns the number of members in a sorted set within a lexicographical range.", "2.8.9", GROUP,
                "O(log(N)) with N being the number of elements in the sorted set.");
        oneKey(t.add("zremrangebyrank", 4, "write", 1, 1, 1, WRITE_SLOW, RangeCommands::zremrangebyrank)
            .doc("Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members "
                + "were removed.", "2.0.0", GROUP, REMOVE_RANGE), "RW delete");
        oneKey(t.add("zremrangebyscore", 4, "write", 1, 1, 1, WRITE_SLOW, RangeCommands::zremrangebyscore)
            .doc("Removes members in a sorted set within a range of scores. Deletes the sorted set if all members "
                + "were removed.", "1.2.0", GROUP, REMOVE_RANGE), "RW delete");
        oneKey(t.add("zremrangebylex", 4, "write", 1, 1, 1, WRITE_SLOW, RangeCommands::zremrangebylex)
            .doc("Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all "
                + "members were removed.", "2.8.9", GROUP, REMOVE_RANGE), "RW delete");
    }

    private static void registerPops(CommandTable t) {
        oneKey(t.add("zpopmin", -2, "write fast", 1, 1, 1, WRITE_FAST, PopCommands::zpopmin)
            .doc("Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set "
                + "if the last member was popped.", "5.0.0", GROUP,
                "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of "
                    + "elements popped."), "RW access delete");
        oneKey(t.add("zpopmax", -2, "write fast", 1, 1, 1, WRITE_FAST, PopCommands::zpopmax)
            .doc("Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set "
                + "if the last member was popped.", "5.0.0", GROUP,
                "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of "
                    + "elements popped."), "RW access delete");
        t.add("zmpop", -4, "write movablekeys", 0, 0, 0, WRITE_SLOW, PopCommands::zmpop)
            .keySpec(KeySpec.keynum("RW access delete", 1, 0, 1, 1))
            .doc("Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. "
                + "Deletes the sorted set if the last member was popped.", "7.0.0", GROUP,
                "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the "
                    + "sorted set, and M being the number of elements popped.");
        String blocking = "@write @sortedset @fast @blocking";
        t.add("bzpopmin", -3, "write noscript blocking fast", 1, -2, 1, blocking, c -> PopCommands.bzpop(c, false))
            .keySpec(KeySpec.range("RW access delete", 1, -2, 1, 0))
            .doc("Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a "
                + "member is available otherwise. Deletes the sorted set if the last element was popped.", "5.0.0",
                GROUP, "O(log(N)) with N being the number of elements in the sorted set.");
        t.add("bzpopmax", -3, "write noscript blocking fast", 1, -2, 1, blocking, c -> PopCommands.bzpop(c, true))
            .keySpec(KeySpec.range("RW access delete", 1, -2, 1, 0))
            .doc("Removes and returns the member with the highest score from one or more sorted sets. Blocks until "
                + "a member available otherwise.  Deletes the sorted set if the last element was popped.", "5.0.0",
                GROUP, "O(log(N)) with N being the number of elements in the sorted set.");
        t.add("bzmpop", -5, "write blocking movablekeys", 0, 0, 0, "@write @sortedset @slow @blocking",
                PopCommands::bzmpop)
            .keySpec(KeySpec.keynum("RW access delete", 2, 0, 1, 1))
            .doc("Removes and returns a member by score from one or more sorted sets. Blocks until a member is "
                + "available otherwise. Deletes the sorted set if the last element was popped.", "7.0.0", GROUP,
                "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the "
                    + "sorted set, and M being the number of elements popped.");
        t.add("zrandmember", -2, "readonly", 1, 1, 1, READ_SLOW, PopCommands::zrandmember)
            .tips("nondeterministic_output")
            .doc("Returns one or more random members from a sorted set.", "6.2.0", GROUP,
                "O(N) where N is the number of members returned");
    }

    private static void registerSetOps(CommandTable t) {
        readKeys(t.add("zunion", -3, "readonly movablekeys", 0, 0, 0, READ_SLOW, SetOpCommands::zunion))
            .doc("Returns the union of multiple sorted sets.", "6.2.0", GROUP,
                "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the "
                    + "number of elements in the resulting sorted set.");
        readKeys(t.add("zinter", -3, "readonly movablekeys", 0, 0, 0, READ_SLOW, SetOpCommands::zinter))
            .doc("Returns the intersect of multiple sorted sets.", "6.2.0", GROUP,
                "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of "
                    + "input sorted sets and M being the number of elements in the resulting sorted set.");
        readKeys(t.add("zdiff", -3, "readonly movablekeys", 0, 0, 0, READ_SLOW, SetOpCommands::zdiff))
            .doc("Returns the difference between multiple sorted sets.", "6.2.0", GROUP,
                "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the "
                    + "size of the first set, and K is the size of the result set.");
        readKeys(t.add("zintercard", -3, "readonly movablekeys", 0, 0, 0, READ_SLOW, SetOpCommands::zintercard))
            .doc("Returns the number of members of the intersect of multiple sorted sets.", "7.0.0", GROUP,
                "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted "
                    + "sets.");
        storeKeys(t.add("zunionstore", -4, "write denyoom movablekeys", 1, 1, 1, WRITE_SLOW,
                SetOpCommands::zunionstore))
            .doc("Stores the union of multiple sorted sets in a key.", "2.0.0", GROUP,
                "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the "
                    + "number of elements in the resulting sorted set.");
        storeKeys(t.add("zinterstore", -4, "write denyoom movablekeys", 1, 1, 1, WRITE_SLOW,
                SetOpCommands::zinterstore))
            .doc("Stores the intersect of multiple sorted sets in a key.", "2.0.0", GROUP,
                "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of "
                    + "input sorted sets and M being the number of elements in the resulting sorted set.");
        storeKeys(t.add("zdiffstore", -4, "write denyoom movablekeys", 1, 1, 1, WRITE_SLOW,
                SetOpCommands::zdiffstore))
            .doc("Stores the difference of multiple sorted sets in a key.", "6.2.0", GROUP,
                "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the "
                    + "size of the first set, and K is the size of the result set.");
    }

    /** A single key at index 1 with the given key-spec flags, where they differ from the derived ones. */
    private static CommandSpec oneKey(CommandSpec spec, String flags) {
        return spec.keySpec(KeySpec.range(flags, 1, 0, 1, 0));
    }

    /** numkeys at index 1, then that many source keys. */
    private static CommandSpec readKeys(CommandSpec spec) {
        return spec.keySpec(KeySpec.keynum("RO access", 1, 0, 1, 1));
    }

    /** A destination at index 1, then numkeys at index 2 and that many source keys. */
    private static CommandSpec storeKeys(CommandSpec spec) {
        return spec.keySpec(KeySpec.range("OW update", 1, 0, 1, 0))
            .keySpec(KeySpec.keynum("RO access", 2, 0, 1, 1));
    }
}
