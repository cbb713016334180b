package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import java.util.ArrayList;
import java.util.List;

/**
 * SORT's and SORT_RO's options, read as Redis's sortCommandGeneric reads them: left to right, a later option
 * overriding an earlier one, an option word without its arguments (or STORE in SORT_RO) being a syntax error.
 */
final class SortOptions {
    boolean desc;
    boolean alpha;
    long limitStart;
    long limitCount = -1;
    /** The BY pattern, or null. */
    byte[] by;
    /** BY a pattern without '*' (such as "nosort"): keep the value's own order. */
    boolean dontSort;
    byte[] store;
    final List<byte[]> gets = new ArrayList<>();

    static SortOptions parse(CommandContext c, boolean readOnly) {
        SortOptions o = new SortOptions();
        for (int j = 2; j < c.argc(); j++) {
            int left = c.argc() - j - 1;
            if (c.argIs(j, "asc")) {
                o.desc = false;
            } else if (c.argIs(j, "desc")) {
                o.desc = true;
            } else if (c.argIs(j, "alpha")) {
                o.alpha = true;
            } else if (c.argIs(j, "limit") && left >= 2) {
                o.limitStart = c.longArg(j + 1);
                o.limitCount = c.longArg(j + 2);
                j += 2;
            } else if (!readOnly && c.argIs(j, "store") && left >= 1) {
                o.store = c.arg(++j);
            } else if (c.argIs(j, "by") && left >= 1) {
                o.by = c.arg(++j);
                o.dontSort = SortPattern.starAt(o.by) < 0;
            } else if (c.argIs(j, "get") && left >= 1) {
                o.gets.add(c.arg(++j));
            } else {
                throw RedisError.SYNTAX;
            }
        }
        return o;
    }
}
