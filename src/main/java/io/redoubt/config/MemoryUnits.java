package io.redoubt.config;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Redis's memory values: digits and an optional unit, 1k=1000, 1kb=1024, 1m=1000^2, 1mb=1024^2, 1g=1000^3,
 * 1gb=1024^3 (units in any case). Read as Redis's memtoull does: no sign, no spaces, no fraction; no digits
 * at all reads as 0.
 */
public final class MemoryUnits {
    private MemoryUnits() {
    }

    /** The value in bytes, exactly: it may not fit in a long, which the caller reports as out of range. */
    public static BigInteger parseExact(String raw) {
        int i = 0;
        while (i < raw.length() && raw.charAt(i) >= '0' && raw.charAt(i) <= '9') {
            i++;
        }
        long mul = switch (raw.substring(i).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000 * 1000;
            case "mb" -> 1024 * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> throw new ConfigException("argument must be a memory value");
        };
        BigInteger digits = i == 0 ? BigInteger.ZERO : new BigInteger(raw.substring(0, i));
        return digits.multiply(BigInteger.valueOf(mul));
    }
}
