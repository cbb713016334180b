package io.redoubt.command.string;

import io.redoubt.command.CommandContext;
import io.redoubt.command.RedisError;
import io.redoubt.util.Bytes;

/**
 * The options SET and GETEX share (Redis's parseExtendedStringArgumentsOrReply): NX XX GET KEEPTTL for SET,
 * PERSIST for GETEX, and one expiry EX PX EXAT PXAT for both. Conflicting options are a syntax error; a
 * repeated option is allowed and the last value wins, as in Redis.
 */
final class SetOptions {
    /** How an expiry argument is read: its unit and whether it is relative to the command time. */
    enum Expiry {
        EX(1000, true), PX(1, true), EXAT(1000, false), PXAT(1, false);

        private final long msPerUnit;
        private final boolean relative;

        Expiry(long msPerUnit, boolean relative) {
            this.msPerUnit = msPerUnit;
            this.relative = relative;
        }

        boolean relative() {
            return relative;
        }

        /**
         * The absolute expiry time in ms given by argument {@code index}: not an integer gives "value is not
         * an integer", zero, negative or overflowing gives "invalid expire time in '<command>' command".
         */
        long absoluteMs(CommandContext c, int index) {
            long v = c.longArg(index);
            if (v <= 0 || v > Long.MAX_VALUE / msPerUnit) {
                throw invalidExpireTime(c);
            }
            long ms = v * msPerUnit;
            if (relative) {
                ms += c.keyspace().now(); // may wrap to negative: caught below, as Redis does
            }
            if (ms <= 0) {
                throw invalidExpireTime(c);
            }
            return ms;
        }

        private static RedisError invalidExpireTime(CommandContext c) {
            return new RedisError("ERR invalid expire time in '" + c.spec().fullName() + "' command");
        }
    }

    boolean nx;
    boolean xx;
    boolean get;
    boolean keepTtl;
    boolean persist;
    Expiry expiry;
    int expiryArg;

    /** SETEX and PSETEX: a plain set with the expiry found at argument {@code index}. */
    static SetOptions expiring(Expiry expiry, int index) {
        SetOptions o = new SetOptions();
        o.expiry = expiry;
        o.expiryArg = index;
        return o;
    }

    /** SETNX. */
    static SetOptions ifAbsent() {
        SetOptions o = new SetOptions();
        o.nx = true;
        return o;
    }

    /** Parses arguments {@code from..argc-1}; {@code forSet} selects SET's options, otherwise GETEX's. */
    static SetOptions parse(CommandContext c, int from, boolean forSet) {
        SetOptions o = new SetOptions();
        for (int i = from; i < c.argc(); i++) {
            boolean hasNext = i + 1 < c.argc();
            Expiry e = expiryWord(c.arg(i));
            if (forSet && c.argIs(i, "nx") && !o.xx) {
                o.nx = true;
            } else if (forSet && c.argIs(i, "xx") && !o.nx) {
                o.xx = true;
            } else if (forSet && c.argIs(i, "get")) {
                o.get = true;
            } else if (forSet && c.argIs(i, "keepttl") && o.expiry == null) {
                o.keepTtl = true;
            } else if (!forSet && c.argIs(i, "persist") && o.expiry == null) {
                o.persist = true;
            } else if (e != null && hasNext && !o.keepTtl && !o.persist && (o.expiry == null || o.expiry == e)) {
                o.expiry = e;
                o.expiryArg = ++i;
            } else {
                throw RedisError.SYNTAX;
            }
        }
        return o;
    }

    private static Expiry expiryWord(byte[] arg) {
        for (Expiry e : Expiry.values()) {
            if (Bytes.equalsIgnoreCase(arg, e.name())) {
                return e;
            }
        }
        return null;
    }

    /** The absolute expiry in ms, 0 for none; validated even when the command will not set anything. */
    long expireAtMs(CommandContext c) {
        return expiry == null ? 0 : expiry.absoluteMs(c, expiryArg);
    }
}
