package io.redoubt.command.zset;

import io.redoubt.command.CommandContext;
import io.redoubt.command.generic.ScanOptions;
import io.redoubt.keyspace.SortedSet;

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count]. A listpack set is returned whole with cursor 0; a skiplist
 * set is walked with its member dict's cursor, which returns every member present for the whole scan.
 */
final class ScanCommand {
    private ScanCommand() {
    }

    static void zscan(CommandContext c) {
        long cursor = ScanOptions.parseCursor(c.arg(2));
        SortedSet z = ZsetAccess.read(c, c.arg(1));
        if (z == null) { // Redis answers a missing key before reading the options
            ScanOptions.replyEmpty(c.reply);
            return;
        }
        ScanOptions.parse(c, 3, false).scanAndReply(c, cursor,
            (cur, g) -> z.scan(cur, (member, score) -> g.add(member, Scores.format(score))));
    }
}
