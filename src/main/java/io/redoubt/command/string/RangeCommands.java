package io.redoubt.command.string;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.MutableString;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.Values;

/** Parts of a string: APPEND STRLEN GETRANGE (and its old name SUBSTR) SETRANGE. */
final class RangeCommands {
    private RangeCommands() {
    }

    static void append(CommandContext c) {
        Database db = c.db();
        byte[] more = c.arg(2);
        Dict.Entry e = db.lookupWrite(c.arg(1));
        if (e == null) {
            db.add(c.arg(1), more); // a new key is a plain string, like SET (even when empty)
            c.notifyKeyEvent(KeyEvents.STRING, "append", c.arg(1));
            c.reply.integer(more.length);
            return;
        }
        Object v = StringAccess.value(e);
        StringAccess.checkLength(c, Values.stringLength(v), more.length);
        MutableString s = StringAccess.appendable(e);
        s.append(more);
        c.notifyKeyEvent(KeyEvents.STRING, "append", c.arg(1));
        c.reply.integer(s.length());
    }

    static void strlen(CommandContext c) {
        Object v = StringAccess.value(c.db().read(c.arg(1)));
        c.reply.integer(v == null ? 0 : Values.stringLength(v));
    }

    static void getrange(CommandContext c) {
        long start = c.longArg(2);
        long end = c.longArg(3);
        Object v = StringAccess.value(c.db().read(c.arg(1)));
        if (v == null) {
            c.reply.bulk(StringAccess.EMPTY); // an empty string, not null
            return;
        }
        long len = Values.stringLength(v);
        if (start < 0 && end < 0 && start > end) {
            c.reply.bulk(StringAccess.EMPTY);
            return;
        }
        // negative indexes count from the end; both are then clamped into the string (Redis 7 rules)
        if (start < 0) {
            start = Math.max(0, len + start);
        }
        if (end < 0) {
            end = Math.max(0, len + end);
        }
        end = Math.min(end, len - 1);
        if (start > end || len == 0) {
            c.reply.bulk(StringAccess.EMPTY);
        } else {
            c.reply.bulk(Values.stringBuffer(v), (int) start, (int) (end - start + 1));
        }
    }

    static void setrange(CommandContext c) {
        long offset = c.longArg(2);
        if (offset < 0) {
            throw new RedisError("ERR offset is out of range");
        }
        byte[] value = c.arg(3);
        Database db = c.db();
        Dict.Entry e = db.lookupWrite(c.arg(1));
        Object old = StringAccess.value(e);
        if (value.length == 0) {
            c.reply.integer(old == null ? 0 : Values.stringLength(old)); // nothing to write: no key created
            return;
        }
        StringAccess.checkLength(c, offset, value.length);
        MutableString s;
        if (e == null) {
            s = new MutableString(StringAccess.EMPTY);
            db.add(c.arg(1), s);
        } else {
            s = StringAccess.appendable(e);
        }
        s.setRange((int) offset, value);
        c.notifyKeyEvent(KeyEvents.STRING, "setrange", c.arg(1));
        c.reply.integer(s.length());
    }
}
