package io.redoubt.command.zset;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.SortedSet;
import io.redoubt.util.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count]. A listpack set is returned whole with cursor 0; a skiplist
 * set is walked with its member dict's cursor, which returns every member present for the whole scan.
 */
final class ScanCommand {
    private ScanCommand() {
    }

    static void zscan(CommandContext c) {
        long cursor = io.redoubt.command.generic.ScanCommand.parseCursor(c.arg(2));
        SortedSet z = ZsetAccess.read(c, c.arg(1));
        if (z == null) { // Redis answers a missing key before reading the options
            c.reply.array(2);
            c.reply.bulk("0");
            c.reply.array(0);
            return;
        }
        long count = 10;
        byte[] pattern = null;
        for (int i = 3; i < c.argc(); i += 2) {
            boolean hasValue = i + 1 < c.argc();
            if (hasValue && c.argIs(i, "count")) {
                count = c.longArg(i + 1);
                if (count < 1) {
                    throw RedisError.SYNTAX;
                }
            } else if (hasValue && c.argIs(i, "match")) {
                byte[] p = c.arg(i + 1);
                pattern = p.length == 1 && p[0] == '*' ? null : p;
            } else {
                throw RedisError.SYNTAX;
            }
        }
        List<byte[]> found = new ArrayList<>();
        {
            byte[] glob = pattern;
            long[] visited = {0};
            SortedSet.Visitor collect = (m, s) -> {
                visited[0]++;
                if (glob == null || Glob.matches(glob, m, false)) {
                    found.add(m);
                    found.add(Scores.format(s));
                }
            };
            // like Redis: stop after COUNT members were visited, or after 10*COUNT buckets of a sparse table
            long buckets = count > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : count * 10;
            do {
                cursor = z.scan(cursor, collect);
            } while (cursor != 0 && buckets-- != 0 && visited[0] < count);
        }
        c.reply.array(2);
        c.reply.bulk(Long.toUnsignedString(cursor));
        c.reply.array(found.size());
        for (byte[] b : found) {
            c.reply.bulk(b);
        }
    }
}
