package io.redoubt.command.string;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.Values;
import io.redoubt.propagation.Words;
import io.redoubt.util.Bytes;
import java.nio.charset.StandardCharsets;

/** INCR DECR INCRBY DECRBY INCRBYFLOAT. A missing key counts as 0; the key's time to live is kept. */
final class CounterCommands {
    private CounterCommands() {
    }

    static void incr(CommandContext c) {
        incrBy(c, 1);
    }

    static void decr(CommandContext c) {
        incrBy(c, -1);
    }

    static void incrby(CommandContext c) {
        incrBy(c, c.longArg(2));
    }

    static void decrby(CommandContext c) {
        long by = c.longArg(2);
        if (by == Long.MIN_VALUE) {
            throw new RedisError("ERR decrement would overflow"); // -by does not exist
        }
        incrBy(c, -by);
    }

    private static void incrBy(CommandContext c, long by) {
        Database db = c.db();
        Dict.Entry e = db.lookupWrite(c.arg(1));
        Object v = StringAccess.value(e);
        long old = 0;
        if (v != null) {
            long[] out = new long[1];
            if (!Bytes.parseLong(Values.stringBuffer(v), 0, Values.stringLength(v), out)) {
                throw RedisError.NOT_INTEGER;
            }
            old = out[0];
        }
        long result = old + by;
        if (((old ^ result) & (by ^ result)) < 0) { // both operands' signs differ from the result's
            throw RedisError.OVERFLOW;
        }
        store(db, e, c.arg(1), Bytes.fromLong(result)); // a canonical integer: encoding "int"
        c.notifyKeyEvent(KeyEvents.STRING, "incrby", c.arg(1));
        c.reply.integer(result);
    }

    static void incrbyfloat(CommandContext c) {
        Database db = c.db();
        Dict.Entry e = db.lookupWrite(c.arg(1));
        Object v = StringAccess.value(e);
        LongDouble old = v == null ? LongDouble.ZERO : parseFloat(Values.stringBuffer(v), Values.stringLength(v));
        LongDouble by = parseFloat(c.arg(2), c.arg(2).length);
        LongDouble sum = old.plus(by);
        if (sum == null) {
            throw new RedisError("ERR increment would produce NaN or Infinity");
        }
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        store(db, e, c.arg(1), text);
        c.notifyKeyEvent(KeyEvents.STRING, "incrbyfloat", c.arg(1));
        c.propagateAs(Words.SET, c.arg(1), text, Words.KEEPTTL); // the result, so replicas need not compute it
        c.reply.bulk(text);
    }

    private static LongDouble parseFloat(byte[] b, int len) {
        LongDouble d = LongDouble.parse(b, 0, len);
        if (d == null) {
            throw RedisError.NOT_FLOAT;
        }
        return d;
    }

    /** Replaces the value in place, keeping the time to live, or adds the key. */
    private static void store(Database db, Dict.Entry e, byte[] key, byte[] value) {
        if (e == null) {
            db.add(key, value);
        } else {
            e.value = value;
        }
    }
}
