package io.redoubt.command.generic;

import io.redoubt.support.DifferentialScript;
import io.redoubt.support.RedoubtBesideRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SORT and SORT_RO against a real redis-server, in RESP2 and RESP3: every reply identical, type included.
 * The installed server is Redis 7.0, whose lists are always "quicklist", so the encoding of stored lists is
 * checked elsewhere. Out-of-range numbers (1e400) are checked elsewhere too: Redis tests errno after strtod
 * without clearing it first, so one ERANGE can make its later sorts fail. Skipped (failed in CI) when redis-server is not installed.
 */
class SortDifferentialTest extends RedoubtBesideRedis {
    private static final String SCRIPT = """
        sort nokey
        sort nokey store dst
        exists dst
        rpush l 3 1 2 10 -5 2.5 1e2 " 7"
        sort l
        sort l desc
        sort l asc limit 1 3
        sort l limit 0 0
        sort l limit -5 2
        sort l limit 6 100
        sort l limit 100 1
        sort l limit 2 -1
        sort l alpha
        sort l alpha desc limit 2 2
        sort l by nosort
        sort l by nosort desc
        sort l by nosort limit 1 2
        sort l by nosort desc limit 1 2
        sort l by nosort desc limit 7 5
        sort l by nosort limit 9 1
        sort_ro l desc
        sort_ro l store dst
        sort l limit
        sort l limit a 1
        sort l limit 1 b
        sort l foo
        sort l get
        sort l by
        sort l store
        rpush words banana apple cherry Apple "" b10 b9
        sort words
        sort words alpha
        sort words alpha desc
        sort words alpha limit 1 2
        rpush nums 3 nan 1
        sort nums
        sort nums alpha
        rpush spaces "1 " 2
        sort spaces
        rpush items a b c d
        mset w_a 30 w_b 10 w_c 20 name_a Anna name_b Bob name_d Dora
        sort items by w_*
        sort items by w_* desc
        sort items by w_* get #
        sort items by w_* get name_* get # get w_*
        sort items by w_* alpha
        sort items by w_* alpha desc
        sort items by w_* limit 1 2 get name_*
        sort items by nosort get name_* get missing
        sort items by w_* store dst
        lrange dst 0 -1
        sort items by w_* get name_* store dst
        lrange dst 0 -1
        ttl dst
        expire dst 100
        sort items get # store dst
        ttl dst
        sort items limit 0 0 store dst
        exists dst
        mset w_a x
        sort items by w_*
        sort items by w_* alpha
        hset h_a weight 3 label first
        hset h_b weight 1 label second
        hset h_c weight 2
        sort items by h_*->weight
        sort items by h_*->weight get h_*->label get #
        sort items by h_*->weight get h_*->missing
        sort items by nosort get h_*->
        sort items get w_*->weight
        sadd s 5 3 9 1
        sort s
        sort s desc limit 0 2
        sort s by nosort
        sort s by nosort store dst
        lrange dst 0 -1
        sadd ss banana apple cherry
        sort ss alpha
        sort ss by nosort store dst
        lrange dst 0 -1
        sort ss
        zadd z 3 c 1 a 2 b 10 d
        object encoding z
        sort z by nosort
        object encoding z
        sort z by nosort desc
        sort z by nosort limit 1 2
        sort z by nosort desc limit 1 2
        sort z alpha
        sort z by nosort get w_*
        zadd zn 1 30 2 10 3 20
        sort zn
        sort zn desc limit 1 1
        set str foo
        sort str
        sort str by nosort
        sort l store str
        type str
        sort_ro str
        hset hh f v
        sort hh
        sort l by nosort store dst
        lrange dst 0 -1
        command getkeys sort l store dst
        command getkeys sort l by w_* get # store a limit 0 1 store b
        command getkeys sort l limit store x
        command getkeys sort_ro l by w_* get #
        command getkeysandflags sort l store dst
        command info sort sort_ro
        """;
    private static final Set<String> OPTION_WITH_KEY = Set.of("by", "get", "store");

    @Test
    void resp2RepliesMatchRedis() throws Exception {
        script().run(redoubt.port(), redis.port(), 2, "2:");
    }

    @Test
    void resp3RepliesMatchRedis() throws Exception {
        script().run(redoubt.port(), redis.port(), 3, "3:");
    }

    private static DifferentialScript script() {
        return new DifferentialScript(SCRIPT, SortDifferentialTest::keyPositions, (args, reply) -> reply);
    }

    /** Keys, and the patterns of BY and GET (so they name the prefixed keys), but not GET #. */
    private static int[] keyPositions(String[] args) {
        String cmd = args[0].toLowerCase();
        List<Integer> at = new ArrayList<>();
        switch (cmd) {
            case "command" -> { }
            case "object" -> at.add(2);
            case "mset" -> {
                for (int i = 1; i < args.length; i += 2) {
                    at.add(i);
                }
            }
            case "sort", "sort_ro" -> {
                at.add(1);
                for (int i = 2; i + 1 < args.length; i++) {
                    if (OPTION_WITH_KEY.contains(args[i].toLowerCase()) && !args[i + 1].equals("#")) {
                        at.add(++i);
                    }
                }
            }
            default -> {
                if (args.length > 1) {
                    at.add(1);
                }
            }
        }
        return at.stream().mapToInt(Integer::intValue).toArray();
    }
}
