package io.redoubt.command;

import io.redoubt.command.string.LongDouble;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The timeout of a blocking command, read as Redis 7.2's getTimeoutFromObjectOrReply reads seconds: a long
 * double (strtold syntax), times 1000, rounded up to whole milliseconds, then made absolute.
 */
final class BlockTimeout {
    private static final RedisError NOT_FLOAT = new RedisError("ERR timeout is not a float or out of range");
    private static final RedisError OUT_OF_RANGE = new RedisError("ERR timeout is out of range");
    private static final RedisError NEGATIVE = new RedisError("ERR timeout is negative");

    private BlockTimeout() {
    }

    /** The deadline in milliseconds for a timeout argument given at {@code nowMs}; 0 means forever. */
    static long deadline(byte[] arg, long nowMs) {
        LongDouble parsed = LongDouble.parse(arg, 0, arg.length);
        if (parsed == null) {
            throw NOT_FLOAT;
        }
        String text = new String(arg, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        if (parsed.isInfinite()) {
            throw text.startsWith("-") ? NEGATIVE : OUT_OF_RANGE; // C turns -inf into LLONG_MIN: negative
        }
        BigDecimal millis = seconds(text).movePointRight(3).setScale(0, RoundingMode.CEILING);
        if (millis.signum() < 0) {
            throw NEGATIVE;
        }
        if (millis.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw OUT_OF_RANGE;
        }
        long ms = millis.longValue();
        if (ms == 0) {
            return 0;
        }
        if (ms > Long.MAX_VALUE - nowMs) {
            throw OUT_OF_RANGE;
        }
        return nowMs + ms;
    }

    /** The exact value of text LongDouble accepted: decimal, or hexadecimal (C99 %a, exponent optional). */
    private static BigDecimal seconds(String text) {
        if (!text.contains("0x")) {
            return new BigDecimal(text.startsWith("+") ? text.substring(1) : text);
        }
        return new BigDecimal(Double.parseDouble(text.contains("p") ? text : text + "p0"));
    }
}
