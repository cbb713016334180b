package io.redoubt.command.string;

import java.math.BigInteger;

/**
 * The arithmetic INCRBYFLOAT does in C's {@code long double}: on x86-64 Redis that is the x87 80-bit extended
 * format (64-bit significand, exponents down to subnormal 2^-16445), and results are printed with
 * {@code "%.17Lf"} minus trailing zeros. Emulated exactly with big integers, because a Java double gives
 * different answers (10.5 + 0.1 prints 10.59999999999999964 in double, 10.6 in long double).
 *
 * <p>A finite value is {@code significand * 2^exponent}, rounded to 64 significant bits. Immutable.
 */
public final class LongDouble {
    private static final int PRECISION = 64;
    /** Smallest exponent of a significand unit: the quantum of subnormals and of the smallest normals. */
    private static final int MIN_QUANTUM = -16445;
    /** A value at or above 2^MAX_BINARY_EXP overflows to infinity. */
    private static final int MAX_BINARY_EXP = 16384;
    /** Redis's MAX_LONG_DOUBLE_CHARS: longer text is never a number. */
    private static final int MAX_CHARS = 5 * 1024;
    private static final BigInteger TEN_POW_17 = BigInteger.TEN.pow(17);

    public static final LongDouble ZERO = new LongDouble(false, BigInteger.ZERO, 0);

    private final boolean negative;
    private final BigInteger significand; // null for an infinity
    private final int exponent;

    private LongDouble(boolean negative, BigInteger significand, int exponent) {
        this.negative = negative;
        this.significand = significand;
        this.exponent = exponent;
    }

    private static LongDouble infinity(boolean negative) {
        return new LongDouble(negative, null, 0);
    }

    public boolean isInfinite() {
        return significand == null;
    }

    /**
     * Parses text the way Redis's string2ld does (strtold on the whole string): decimal or hexadecimal
     * floating point with optional sign and exponent, or inf/infinity. Returns null for anything else,
     * including NaN, leading spaces, trailing bytes, and values that overflow or underflow to zero.
     */
    public static LongDouble parse(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0 || len >= MAX_CHARS) {
            return null;
        }
        int i = from;
        boolean neg = false;
        if (b[i] == '+' || b[i] == '-') {
            neg = b[i] == '-';
            i++;
        }
        if (matchesWord(b, i, to, "inf") || matchesWord(b, i, to, "infinity")) {
            return infinity(neg);
        }
        boolean hex = to - i > 2 && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X');
        return hex ? parseNumber(b, i + 2, to, neg, 16) : parseNumber(b, i, to, neg, 10);
    }

    private static boolean matchesWord(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((b[from + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /**
     * digits [. digits] [exponent]: at least one digit; the exponent is e/E (power of ten) for decimal,
     * p/P (power of two) for hexadecimal, and needs at least one decimal digit.
     */
    private static LongDouble parseNumber(byte[] b, int i, int to, boolean neg, int radix) {
        StringBuilder digits = new StringBuilder();
        int fractionDigits = 0;
        boolean dot = false;
        for (; i < to; i++) {
            int ch = b[i];
            if (ch == '.' && !dot) {
                dot = true;
            } else if (Character.digit(ch, radix) >= 0 && ch < 0x80) {
                digits.append((char) ch);
                if (dot) {
                    fractionDigits++;
                }
            } else {
                break;
            }
        }
        if (digits.length() == 0) {
            return null;
        }
        long exp = 0;
        if (i < to) {
            int marker = b[i] | 0x20;
            if (marker != (radix == 10 ? 'e' : 'p')) {
                return null;
            }
            i++;
            boolean expNeg = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                expNeg = b[i] == '-';
                i++;
            }
            if (i == to) {
                return null;
            }
            for (; i < to; i++) {
                if (b[i] < '0' || b[i] > '9') {
                    return null;
                }
                exp = Math.min(exp * 10 + (b[i] - '0'), 1_000_000_000L); // far beyond any finite result
            }
            if (expNeg) {
                exp = -exp;
            }
        }
        BigInteger mantissa = new BigInteger(digits.toString(), radix);
        if (mantissa.signum() == 0) {
            return ZERO; // the sign of zero never shows: "%.17Lf" of -0 is written as 0 too
        }
        // value = mantissa * radix^scale
        long scale = exp - (radix == 10 ? fractionDigits : 4L * fractionDigits);
        LongDouble v = radix == 10 ? fromDecimal(neg, mantissa, scale) : fromBinary(neg, mantissa, scale);
        // strtold reports ERANGE on overflow and on underflow to zero; Redis rejects both
        return v == null || v.isInfinite() || v.significand.signum() == 0 ? null : v;
    }

    /** mantissa * 10^scale, or null when the exponent is hopelessly out of range. */
    private static LongDouble fromDecimal(boolean neg, BigInteger mantissa, long scale) {
        // the value lies in [10^(magnitude-1), 10^magnitude); long double spans about 10^-4951 .. 10^4932
        long magnitude = scale + mantissa.toString().length();
        if (magnitude > 4940 || magnitude < -4960) {
            return null;
        }
        BigInteger p = mantissa;
        BigInteger q = BigInteger.ONE;
        if (scale >= 0) {
            p = p.multiply(BigInteger.TEN.pow((int) scale));
        } else {
            q = BigInteger.TEN.pow((int) -scale);
        }
        return round(neg, p, q);
    }

    /** mantissa * 2^scale, or null when the exponent is hopelessly out of range. */
    private static LongDouble fromBinary(boolean neg, BigInteger mantissa, long scale) {
        long magnitude = scale + mantissa.bitLength();
        if (magnitude > MAX_BINARY_EXP + 2 || magnitude < MIN_QUANTUM - 2) {
            return null;
        }
        return scale >= 0
            ? round(neg, mantissa.shiftLeft((int) scale), BigInteger.ONE)
            : round(neg, mantissa, BigInteger.ONE.shiftLeft((int) -scale));
    }

    /** The long double nearest to p/q (p, q positive), ties to even; infinity past the largest finite value. */
    private static LongDouble round(boolean neg, BigInteger p, BigInteger q) {
        // e = floor(log2(p/q)), first guessed from bit lengths and then corrected by one comparison
        int e = p.bitLength() - q.bitLength();
        boolean below = e >= 0 ? p.compareTo(q.shiftLeft(e)) < 0 : p.shiftLeft(-e).compareTo(q) < 0;
        if (below) {
            e--;
        }
        if (e >= MAX_BINARY_EXP) {
            return infinity(neg);
        }
        int quantum = Math.max(e - (PRECISION - 1), MIN_QUANTUM);
        BigInteger num = quantum < 0 ? p.shiftLeft(-quantum) : p;
        BigInteger den = quantum > 0 ? q.shiftLeft(quantum) : q;
        BigInteger n = divideHalfEven(num, den);
        if (n.bitLength() > PRECISION) { // rounded up to the next power of two
            n = n.shiftRight(1);
            quantum++;
            if (quantum + PRECISION - 1 >= MAX_BINARY_EXP) {
                return infinity(neg);
            }
        }
        return new LongDouble(neg, n, quantum);
    }

    private static BigInteger divideHalfEven(BigInteger num, BigInteger den) {
        BigInteger[] qr = num.divideAndRemainder(den);
        int cmp = qr[1].shiftLeft(1).compareTo(den);
        if (cmp > 0 || (cmp == 0 && qr[0].testBit(0))) {
            return qr[0].add(BigInteger.ONE);
        }
        return qr[0];
    }

    /** this + other rounded to long double; null when the sum is NaN or infinite. */
    public LongDouble plus(LongDouble other) {
        if (isInfinite() || other.isInfinite()) {
            return null;
        }
        int e = Math.min(exponent, other.exponent);
        BigInteger sum = signed().shiftLeft(exponent - e).add(other.signed().shiftLeft(other.exponent - e));
        if (sum.signum() == 0) {
            return ZERO;
        }
        BigInteger p = sum.abs();
        BigInteger q = BigInteger.ONE;
        if (e >= 0) {
            p = p.shiftLeft(e);
        } else {
            q = q.shiftLeft(-e);
        }
        LongDouble r = round(sum.signum() < 0, p, q);
        return r.isInfinite() ? null : r;
    }

    private BigInteger signed() {
        return negative ? significand.negate() : significand;
    }

    /**
     * The text Redis stores: {@code printf("%.17Lf")} (exact value rounded half-even to 17 decimals, as glibc
     * does) with trailing zeros and a trailing dot removed, and "-0" written as "0". Finite values only.
     */
    public String toHumanString() {
        BigInteger scaled; // |value| * 10^17, rounded
        if (exponent >= 0) {
            scaled = significand.shiftLeft(exponent).multiply(TEN_POW_17);
        } else {
            scaled = divideHalfEven(significand.multiply(TEN_POW_17), BigInteger.ONE.shiftLeft(-exponent));
        }
        if (scaled.signum() == 0) {
            return "0";
        }
        String digits = scaled.toString();
        if (digits.length() <= 17) {
            digits = "0".repeat(18 - digits.length()) + digits;
        }
        int point = digits.length() - 17;
        int end = digits.length();
        while (end > point && digits.charAt(end - 1) == '0') {
            end--;
        }
        StringBuilder sb = new StringBuilder(end + 2);
        if (negative) {
            sb.append('-');
        }
        sb.append(digits, 0, point);
        if (end > point) {
            sb.append('.').append(digits, point, end);
        }
        return sb.toString();
    }
}
