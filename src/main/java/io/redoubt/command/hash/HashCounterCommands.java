package io.redoubt.command.hash;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.command.string.LongDouble;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.RedisHash;
import io.redoubt.propagation.Words;
import io.redoubt.util.Bytes;
import java.nio.charset.StandardCharsets;

/** HINCRBY and HINCRBYFLOAT: a missing field counts as 0; the increment is checked before the key. */
final class HashCounterCommands {
    private static final RedisError NOT_INTEGER = new RedisError("ERR hash value is not an integer");
    private static final RedisError NOT_FLOAT = new RedisError("ERR hash value is not a float");

    private HashCounterCommands() {
    }

    static void hincrby(CommandContext c) {
        long by = c.longArg(3);
        RedisHash h = HashAccess.writeOrCreate(c);
        byte[] old = h.get(c.arg(2));
        long value = 0;
        if (old != null) {
            long[] out = new long[1];
            if (!Bytes.parseLong(old, 0, old.length, out)) {
                throw NOT_INTEGER;
            }
            value = out[0];
        }
        long result = value + by;
        if (((value ^ result) & (by ^ result)) < 0) { // both operands' signs differ from the result's
            throw RedisError.OVERFLOW;
        }
        h.put(c.arg(2), Bytes.fromLong(result), c.collectionLimits());
        c.notifyKeyEvent(KeyEvents.HASH, "hincrby", c.arg(1));
        c.reply.integer(result);
    }

    static void hincrbyfloat(CommandContext c) {
        LongDouble by = LongDouble.parse(c.arg(3), 0, c.arg(3).length);
        if (by == null) {
            throw RedisError.NOT_FLOAT;
        }
        if (by.isInfinite()) {
            throw new RedisError("ERR value is NaN or Infinity");
        }
        RedisHash h = HashAccess.writeOrCreate(c);
        byte[] old = h.get(c.arg(2));
        LongDouble value = LongDouble.ZERO;
        if (old != null) {
            value = LongDouble.parse(old, 0, old.length);
            if (value == null) {
                throw NOT_FLOAT;
            }
        }
        LongDouble sum = value.plus(by);
        if (sum == null) {
            throw new RedisError("ERR increment would produce NaN or Infinity");
        }
        byte[] text = sum.toHumanString().getBytes(StandardCharsets.US_ASCII);
        h.put(c.arg(2), text, c.collectionLimits());
        c.notifyKeyEvent(KeyEvents.HASH, "hincrbyfloat", c.arg(1));
        c.propagateAs(Words.HSET, c.arg(1), c.arg(2), text); // the result, so replicas need not compute it
        c.reply.bulk(text);
    }
}
