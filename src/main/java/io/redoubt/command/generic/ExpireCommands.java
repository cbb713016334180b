package io.redoubt.command.generic;

import io.redoubt.command.CommandContext;
import io.redoubt.command.CommandTable;
import io.redoubt.command.RedisError;
import io.redoubt.keyspace.Database;
import io.redoubt.keyspace.Dict;
import io.redoubt.keyspace.KeyEvents;
import io.redoubt.propagation.Words;
import io.redoubt.util.Bytes;

/** Times to live: EXPIRE PEXPIRE EXPIREAT PEXPIREAT (with NX XX GT LT), TTL PTTL EXPIRETIME PEXPIRETIME, PERSIST. */
final class ExpireCommands {
    private static final int NX = 1;
    private static final int XX = 2;
    private static final int GT = 4;
    private static final int LT = 8;

    private ExpireCommands() {
    }

    static void register(CommandTable t) {
        String wflags = "write fast";
        String wacl = "@keyspace @write @fast";
        t.add("expire", -3, wflags, 1, 1, 1, wacl, c -> expire(c, true, true))
            .doc("Sets the expiration time of a key in seconds.", "1.0.0", "generic", "O(1)");
        t.add("pexpire", -3, wflags, 1, 1, 1, wacl, c -> expire(c, false, true))
            .doc("Sets the expiration time of a key in milliseconds.", "2.6.0", "generic", "O(1)");
        t.add("expireat", -3, wflags, 1, 1, 1, wacl, c -> expire(c, true, false))
            .doc("Sets the expiration time of a key to a Unix timestamp.", "1.2.0", "generic", "O(1)");
        t.add("pexpireat", -3, wflags, 1, 1, 1, wacl, c -> expire(c, false, false))
            .doc("Sets the expiration time of a key to a Unix milliseconds timestamp.", "2.6.0", "generic", "O(1)");
        t.add("persist", 2, wflags, 1, 1, 1, wacl, ExpireCommands::persist)
            .doc("Removes the expiration time of a key.", "2.2.0", "generic", "O(1)");

        String rflags = "readonly fast";
        String racl = "@keyspace @read @fast";
        t.add("ttl", 2, rflags, 1, 1, 1, racl, c -> ttl(c, false, false))
            .doc("Returns the expiration time in seconds of a key.", "1.0.0", "generic", "O(1)");
        t.add("pttl", 2, rflags, 1, 1, 1, racl, c -> ttl(c, true, false))
            .doc("Returns the expiration time in milliseconds of a key.", "2.6.0", "generic", "O(1)");
        t.add("expiretime", 2, rflags, 1, 1, 1, racl, c -> ttl(c, false, true))
            .doc("Returns the expiration time of a key as a Unix timestamp.", "7.0.0", "generic", "O(1)");
        t.add("pexpiretime", 2, rflags, 1, 1, 1, racl, c -> ttl(c, true, true))
            .doc("Returns the expiration time of a key as a Unix milliseconds timestamp.", "7.0.0", "generic", "O(1)");
    }

    /**
     * The four EXPIRE forms. Options are checked before the time, the time before the key, as in Redis; a
     * time that is not in the future deletes the key (and still answers 1).
     */
    static void expire(CommandContext c, boolean seconds, boolean relative) {
        int flags = parseFlags(c);
        long when = c.longArg(2);
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw invalidTime(c);
            }
            when *= 1000;
        }
        long now = c.keyspace().now();
        long base = relative ? now : 0;
        if (when > Long.MAX_VALUE - base) {
            throw invalidTime(c);
        }
        when += base;

        Database db = c.db();
        Dict.Entry e = db.lookup(c.arg(1));
        if (e == null || !allowed(flags, e.expireAt, when)) {
            c.propagateNothing();
            c.reply.integer(0);
            return;
        }
        if (when <= now) {
            db.remove(e);
            c.notifyKeyEvent(KeyEvents.GENERIC, "del", c.arg(1));
            c.propagateExpiredDeletion(c.arg(1));
        } else {
            db.setExpire(e, when);
            c.notifyKeyEvent(KeyEvents.GENERIC, "expire", c.arg(1));
            if (c.propagating()) { // every form is propagated as an absolute time in ms
                c.propagateAs(Words.PEXPIREAT, c.arg(1), Bytes.fromLong(when));
            }
        }
        c.reply.integer(1);
    }

    /** Whether NX XX GT LT let a key whose expiry is {@code current} (0 = none, an infinite TTL) take {@code when}. */
    private static boolean allowed(int flags, long current, long when) {
        if ((flags & NX) != 0 && current != 0) {
            return false;
        }
        if ((flags & XX) != 0 && current == 0) {
            return false;
        }
        if ((flags & GT) != 0 && (current == 0 || when <= current)) {
            return false;
        }
        return (flags & LT) == 0 || current == 0 || when < current;
    }

    private static int parseFlags(CommandContext c) {
        int flags = 0;
        for (int i = 3; i < c.argc(); i++) {
            if (c.argIs(i, "nx")) {
                flags |= NX;
            } else if (c.argIs(i, "xx")) {
                flags |= XX;
            } else if (c.argIs(i, "gt")) {
                flags |= GT;
            } else if (c.argIs(i, "lt")) {
                flags |= LT;
            } else {
                throw new RedisError("ERR Unsupported option " + Bytes.str(c.arg(i)));
            }
        }
        if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
            throw new RedisError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if ((flags & (GT | LT)) == (GT | LT)) {
            throw new RedisError("ERR GT and LT options at the same time are not compatible");
        }
        return flags;
    }

    private static RedisError invalidTime(CommandContext c) {
        return new RedisError("ERR invalid expire time in '" + c.spec().fullName() + "' command");
    }

    /** -2 for no key, -1 for no expiry; seconds are rounded to the nearest, as Redis does for all four. */
    static void ttl(CommandContext c, boolean millis, boolean absolute) {
        Dict.Entry e = c.db().readNoTouch(c.arg(1));
        if (e == null) {
            c.reply.integer(-2);
            return;
        }
        if (e.expireAt == 0) {
            c.reply.integer(-1);
            return;
        }
        long ms = Math.max(0, absolute ? e.expireAt : e.expireAt - c.keyspace().now());
        // rounded to the nearest second without overflowing near Long.MAX_VALUE (Redis answers as if exact)
        c.reply.integer(millis ? ms : ms / 1000 + (ms % 1000 >= 500 ? 1 : 0));
    }

    static void persist(CommandContext c) {
        Database db = c.db();
        Dict.Entry e = db.lookup(c.arg(1));
        boolean persisted = e != null && db.persist(e);
        if (persisted) {
            c.notifyKeyEvent(KeyEvents.GENERIC, "persist", c.arg(1));
        } else {
            c.propagateNothing();
        }
        c.reply.integer(persisted ? 1 : 0);
    }
}
