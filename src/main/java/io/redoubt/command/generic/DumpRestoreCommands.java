package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.KeySpec;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.persistence.DumpPayload;
import io.redoubt.persistence.EncodingLimits;
import io.redoubt.propagation.Words;
import io.redoubt.util.Bytes;

/**
 * DUMP and RESTORE: a value as its RDB serialisation ({@link DumpPayload}) and back, with RESTORE's options
 * REPLACE, ABSTTL, IDLETIME and FREQ (accepted and checked; Redoubt keeps no LFU counter) and Redis's checks in
 * Redis's order.
 */
public final class DumpRestoreCommands {
    private DumpRestoreCommands() {
    }

    public static void register(CommandTable t) {
        t.add("dump", 2, "readonly", 1, 1, 1, "@keyspace @read @slow", DumpRestoreCommands::dump)
            .tips("nondeterministic_output")
            .keySpec(KeySpec.range("RO access", 1, 0, 1, 0))
            .doc("Returns a serialized representation of the value stored at a key.", "2.6.0", "generic",
                "O(1) to access the key and additional O(N*M) to serialize it, where N is the number of Redis "
                    + "objects composing the value and M their average size. For small string values the time "
                    + "complexity is thus O(1)+O(1*M) where M is small, so simply O(1).");
        t.add("restore", -4, "write denyoom", 1, 1, 1, "@keyspace @write @slow @dangerous",
                DumpRestoreCommands::restore)
            .keySpec(KeySpec.range("OW update", 1, 0, 1, 0))
            .doc("Creates a key from the serialized representation of a value.", "2.6.0", "generic",
                "O(1) to create the new key and additional O(N*M) to reconstruct the serialized value, where N is "
                    + "the number of Redis objects composing the value and M their average size. For small string "
                    + "values the time complexity is thus O(1)+O(1*M) where M is small, so simply O(1). However "
                    + "for sorted set values the complexity is O(N*M*log(N)) because inserting values into sorted "
                    + "sets is O(log(N)).");
    }

    static void dump(CommandContext c) {
        Dict.Entry e = c.db().read(c.arg(1));
        if (e == null) {
            c.reply.nullBulk();
            return;
        }
        c.reply.bulk(DumpPayload.dump(e.value, c.server.directives().get("rdbcompression").asBool()));
    }

    private static final byte[] ABSTTL = Bytes.utf8("ABSTTL");

    static void restore(CommandContext c) {
        boolean replace = false;
        boolean absTtl = false;
        long idle = -1;
        long freq = -1;
        for (int j = 4; j < c.argc(); j++) {
            boolean more = j + 1 < c.argc();
            if (c.argIs(j, "replace")) {
                replace = true;
            } else if (c.argIs(j, "absttl")) {
                absTtl = true;
            } else if (c.argIs(j, "idletime") && more && freq == -1) {
                idle = c.longArg(++j);
                if (idle < 0) {
                    throw new RedisError("ERR Invalid IDLETIME value, must be >= 0");
                }
            } else if (c.argIs(j, "freq") && more && idle == -1) {
                freq = c.longArg(++j);
                if (freq < 0 || freq > 255) {
                    throw new RedisError("ERR Invalid FREQ value, must be >= 0 and <= 255");
                }
            } else {
                throw RedisError.SYNTAX;
            }
        }
        Database db = c.db();
        byte[] key = c.arg(1);
        if (!replace && db.lookupWrite(key) != null) {
            throw new RedisError("BUSYKEY Target key name already exists.");
        }
        long ttl = c.longArg(2);
        if (ttl < 0) {
            throw new RedisError("ERR Invalid TTL value, must be >= 0");
        }
        Object value;
        try {
            value = DumpPayload.restore(c.arg(3), EncodingLimits.from(c.server.directives()), true);
        } catch (DumpPayload.Refused r) {
            throw new RedisError(r.refusal() == DumpPayload.Refusal.VERSION_OR_CHECKSUM
                ? "ERR DUMP payload version or checksum are wrong" : "ERR Bad data format");
        }
        boolean deleted = replace && db.delete(key);
        long now = c.keyspace().now();
        if (ttl != 0 && !absTtl) {
            ttl += now;
        }
        if (ttl != 0 && ttl <= now) {
            if (deleted) {
                c.propagateAs(Words.DEL, key); // what changed: the old value went
            } else {
                c.propagateNothing();
            }
            c.reply.ok(); // already expired: nothing is created (an old value was still replaced)
            return;
        }
        Dict.Entry e = db.add(key, value);
        if (ttl != 0) {
            db.setExpire(e, ttl);
            if (!absTtl && c.propagating()) { // replicated with the time to live as an absolute ABSTTL
                byte[][] argv = java.util.Arrays.copyOf(c.args(), c.argc() + 1);
                argv[2] = Bytes.fromLong(ttl);
                argv[c.argc()] = ABSTTL;
                c.propagateAs(argv);
            }
        }
        if (idle >= 0) {
            e.lruSeconds = (int) (now / 1000 - idle);
        }
        c.reply.ok();
    }
}
