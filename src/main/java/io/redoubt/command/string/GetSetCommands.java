package io.redoubt.command.string;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.keyspace.Values;
import io.redoubt.propagation.Words;
import io.redoubt.util.Bytes;

/** Whole-value reads and writes: GET SET SETNX SETEX PSETEX GETSET GETDEL GETEX MGET MSET MSETNX. */
final class GetSetCommands {
    private GetSetCommands() {
    }

    static void get(CommandContext c) {
        replyValue(c, c.db().read(c.arg(1)));
    }

    /** The entry's string as a bulk reply, null for a missing key; WRONGTYPE for another type. */
    private static void replyValue(CommandContext c, Dict.Entry e) {
        Object v = StringAccess.value(e);
        if (v == null) {
            c.reply.nullBulk();
        } else {
            StringAccess.bulk(c.reply, v);
        }
    }

    static void set(CommandContext c) {
        SetOptions o = SetOptions.parse(c, 3, true);
        boolean done = setGeneric(c, o);
        if (!o.get) {
            if (done) {
                c.reply.ok();
            } else {
                c.reply.nullBulk();
            }
        }
    }

    static void setnx(CommandContext c) {
        c.reply.integer(setGeneric(c, SetOptions.ifAbsent()) ? 1 : 0);
    }

    static void setex(CommandContext c) {
        setExpiring(c, SetOptions.Expiry.EX);
    }

    static void psetex(CommandContext c) {
        setExpiring(c, SetOptions.Expiry.PX);
    }

    /** SETEX and PSETEX: key, time, value. */
    private static void setExpiring(CommandContext c, SetOptions.Expiry unit) {
        SetOptions o = SetOptions.expiring(unit, 2);
        setGeneric(c, c.arg(1), c.arg(3), o);
        c.reply.ok();
    }

    private static boolean setGeneric(CommandContext c, SetOptions o) {
        return setGeneric(c, c.arg(1), c.arg(2), o);
    }

    /**
     * Redis's setGenericCommand: validates the expiry, writes the old value first when GET is given, then
     * sets unless NX/XX forbid it. Returns whether the key was set; replies only for GET.
     */
    private static boolean setGeneric(CommandContext c, byte[] key, byte[] value, SetOptions o) {
        long expireAt = o.expireAtMs(c);
        Database db = c.db();
        if (o.get) {
            replyValue(c, db.read(key));
        }
        Dict.Entry old = db.lookupWrite(key);
        boolean found = old != null;
        if ((o.nx && found) || (o.xx && !found)) {
            c.propagateNothing();
            return false;
        }
        Dict.Entry e = db.put(old, key, StringAccess.forSet(old, value), o.keepTtl || expireAt != 0);
        c.notifyKeyEvent(KeyEvents.STRING, "set", key);
        if (expireAt != 0) {
            db.setExpire(e, expireAt);
            c.notifyKeyEvent(KeyEvents.GENERIC, "expire", key);
        }
        if (c.propagating() && (expireAt != 0 || o.get)) {
            propagateSet(c, key, value, expireAt);
        }
        return true;
    }

    /**
     * Redis's rewrite of a SET that succeeded: any expiry becomes SET key value PXAT ms (options dropped);
     * otherwise the command as received, without GET.
     */
    private static void propagateSet(CommandContext c, byte[] key, byte[] value, long expireAt) {
        if (expireAt != 0) {
            c.propagateAs(Words.SET, key, value, Words.PXAT, Bytes.fromLong(expireAt));
            return;
        }
        java.util.List<byte[]> argv = new java.util.ArrayList<>();
        for (int i = 0; i < c.argc(); i++) {
            if (i < 3 || !c.argIs(i, "get")) {
                argv.add(c.arg(i));
            }
        }
        c.propagateAs(argv.toArray(new byte[0][]));
    }

    static void getset(CommandContext c) {
        Database db = c.db();
        Dict.Entry old = db.read(c.arg(1));
        replyValue(c, old);
        db.put(old, c.arg(1), StringAccess.forSet(old, c.arg(2)), false);
        c.notifyKeyEvent(KeyEvents.STRING, "set", c.arg(1));
    }

    static void getdel(CommandContext c) {
        Dict.Entry e = c.db().read(c.arg(1));
        replyValue(c, e);
        if (e != null) {
            c.db().remove(e);
            c.notifyKeyEvent(KeyEvents.GENERIC, "del", c.arg(1));
            c.propagateAs(Words.DEL, c.arg(1));
        } else {
            c.propagateNothing();
        }
    }

    static void getex(CommandContext c) {
        SetOptions o = SetOptions.parse(c, 2, false);
        Database db = c.db();
        Dict.Entry e = db.read(c.arg(1));
        Object v = StringAccess.value(e);
        if (v == null) {
            c.reply.nullBulk(); // a missing key is answered before the expiry is even checked
            c.propagateNothing();
            return;
        }
        long expireAt = o.expireAtMs(c);
        StringAccess.bulk(c.reply, v);
        c.propagateNothing(); // unless it changes the time to live, as below
        if (o.expiry != null && !o.expiry.relative() && expireAt <= c.keyspace().now()) {
            db.remove(e); // an absolute time already past deletes the key at once
            c.notifyKeyEvent(KeyEvents.GENERIC, "del", c.arg(1));
            c.propagateExpiredDeletion(c.arg(1));
        } else if (o.expiry != null) {
            db.setExpire(e, expireAt);
            c.notifyKeyEvent(KeyEvents.GENERIC, "expire", c.arg(1));
            c.propagateAs(Words.PEXPIREAT, c.arg(1), Bytes.fromLong(expireAt));
        } else if (o.persist && db.persist(e)) {
            c.notifyKeyEvent(KeyEvents.GENERIC, "persist", c.arg(1));
            c.propagateAs(Words.PERSIST, c.arg(1));
        }
    }

    static void mget(CommandContext c) {
        Database db = c.db();
        c.reply.array(c.argc() - 1);
        for (int i = 1; i < c.argc(); i++) {
            Dict.Entry e = db.read(c.arg(i));
            if (e == null || !Values.isString(e.value)) {
                c.reply.nullBulk(); // MGET never fails: other types read as null
            } else {
                StringAccess.bulk(c.reply, e.value);
            }
        }
    }

    static void mset(CommandContext c) {
        checkPairs(c);
        setPairs(c);
        c.reply.ok();
    }

    static void msetnx(CommandContext c) {
        checkPairs(c);
        Database db = c.db();
        for (int i = 1; i < c.argc(); i += 2) {
            if (db.lookupWrite(c.arg(i)) != null) {
                c.propagateNothing();
                c.reply.integer(0);
                return;
            }
        }
        setPairs(c);
        c.reply.integer(1);
    }

    private static void checkPairs(CommandContext c) {
        if (c.argc() % 2 == 0) {
            throw new RedisError("ERR wrong number of arguments for '" + c.spec().fullName() + "' command");
        }
    }

    private static void setPairs(CommandContext c) {
        Database db = c.db();
        for (int i = 1; i < c.argc(); i += 2) {
            Dict.Entry old = db.lookupWrite(c.arg(i));
            db.put(old, c.arg(i), StringAccess.forSet(old, c.arg(i + 1)), false);
            c.notifyKeyEvent(KeyEvents.STRING, "set", c.arg(i));
        }
    }
}
