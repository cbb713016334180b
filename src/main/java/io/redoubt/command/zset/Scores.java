package io.redoubt.command.zset;

import io.redoubt.command.RedisError;
import io.redoubt.net.Reply;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Scores as Redis 7.2 reads and prints them. Reading follows C's strtod (decimal, hexadecimal, inf, infinity);
 * printing follows Redis's d2string: integers up to 2^62 as integers, inf/-inf, -0, otherwise the shortest
 * digits that read back to the same double, laid out as Redis's fpconv_dtoa does (plain up to a point,
 * then "1e+300" style).
 */
public final class Scores {
    private static final long LLONG_MAX_HALF = Long.MAX_VALUE / 2;

    private Scores() {
    }

    /** A score argument (ZADD, ZINCRBY, WEIGHTS): the whole argument, finite or infinite, not NaN. */
    public static double parse(byte[] b) {
        if (b.length == 0 || isSpace(b[0])) {
            throw RedisError.NOT_FLOAT;
        }
        int[] end = new int[1];
        boolean[] range = new boolean[1];
        double d = strtod(b, end, range);
        if (end[0] != b.length || Double.isNaN(d) || range[0]) {
            throw RedisError.NOT_FLOAT;
        }
        return d;
    }

    /**
     * A value as SORT weighs it: C's strtod over the text up to its first NUL byte, which it must consume
     * whole. Leading blanks and an empty text (0) pass; NaN and out-of-range values do not. Returns NaN when
     * refused.
     */
    public static double parseSortWeight(byte[] b) {
        int len = 0;
        while (len < b.length && b[len] != 0) {
            len++;
        }
        byte[] text = len == b.length ? b : java.util.Arrays.copyOf(b, len);
        int[] end = new int[1];
        boolean[] range = new boolean[1];
        double d = strtod(text, end, range);
        return end[0] == text.length && !range[0] ? d : Double.NaN;
    }

    /**
     * A score range bound as Redis's zslParseRange reads it with a bare strtod: leading blanks, an empty
     * text (0) and out-of-range values (inf, 0) are accepted; trailing characters and NaN are not. Returns
     * NaN when refused.
     */
    static double parseBound(byte[] b, int from) {
        int[] end = new int[1];
        byte[] text = from == 0 ? b : java.util.Arrays.copyOfRange(b, from, b.length);
        double d = strtod(text, end, new boolean[1]);
        return end[0] == text.length ? d : Double.NaN;
    }

    /**
     * C's strtod over the whole array: the value of the longest prefix that is a number (0 with end 0 when
     * none), the index after it in end[0], and whether it overflowed or underflowed to 0 (ERANGE) in range[0].
     */
    static double strtod(byte[] b, int[] end, boolean[] range) {
        int i = 0;
        while (i < b.length && isSpace(b[i])) {
            i++;
        }
        int start = i;
        boolean negative = false;
        if (i < b.length && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (matchWord(b, i, "infinity") || matchWord(b, i, "inf")) {
            end[0] = i + (matchWord(b, i, "infinity") ? 8 : 3);
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (matchWord(b, i, "nan")) {
            end[0] = i + 3;
            return Double.NaN;
        }
        boolean hex = i + 2 < b.length && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')
            && (hexDigit(b[i + 2]) || b[i + 2] == '.' && i + 3 < b.length && hexDigit(b[i + 3]));
        int digitsFrom = hex ? i + 2 : i;
        int j = digitsFrom;
        boolean nonZero = false;
        int digits = 0;
        while (j < b.length && (hex ? hexDigit(b[j]) : isDigit(b[j]))) {
            nonZero |= b[j] != '0';
            j++;
            digits++;
        }
        if (j < b.length && b[j] == '.') {
            j++;
            while (j < b.length && (hex ? hexDigit(b[j]) : isDigit(b[j]))) {
                nonZero |= b[j] != '0';
                j++;
                digits++;
            }
        }
        if (digits == 0) {
            end[0] = 0;
            return 0;
        }
        int mantissaEnd = j;
        char expChar = hex ? 'p' : 'e';
        if (j < b.length && (b[j] | 0x20) == expChar) {
            int k = j + 1;
            if (k < b.length && (b[k] == '+' || b[k] == '-')) {
                k++;
            }
            if (k < b.length && isDigit(b[k])) {
                while (k < b.length && isDigit(b[k])) {
                    k++;
                }
                j = k;
            }
        }
        String text = new String(b, start, j - start, StandardCharsets.US_ASCII);
        if (hex && j == mantissaEnd) {
            text += "p0"; // Java insists on the binary exponent that C makes optional
        }
        double d = Double.parseDouble(text);
        end[0] = j;
        range[0] = Double.isInfinite(d) || d == 0 && nonZero;
        return d;
    }

    private static boolean matchWord(byte[] b, int at, String word) {
        if (at + word.length() > b.length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((b[at + k] | 0x20) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean hexDigit(byte c) {
        return isDigit(c) || (c | 0x20) >= 'a' && (c | 0x20) <= 'f';
    }

    /** Writes a score: a RESP3 double, or a bulk string in RESP2. */
    public static void reply(Reply r, double d) {
        r.doubleText(format(d));
    }

    /** A score as Redis 7.2's d2string prints it. */
    public static byte[] format(double d) {
        return formatString(d).getBytes(StandardCharsets.US_ASCII);
    }

    static String formatString(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1.0 / d < 0 ? "-0" : "0";
        }
        if (d >= -LLONG_MAX_HALF && d <= LLONG_MAX_HALF && (long) d == d) {
            return Long.toString((long) d);
        }
        return fpconv(d);
    }

    /**
     * A double as Redis 7.2's fpconv_dtoa writes it, with no integer shortcut: the shortest digits that read
     * back as d ("0.1", "100", "1e+17"), "0" or "-0", "inf" or "-inf", "nan". DEBUG DIGEST hashes scores so.
     */
    public static String fpconv(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1.0 / d < 0 ? "-0" : "0";
        }
        BigDecimal shortest = shortest(d).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        return layout(digits, -shortest.scale(), d < 0);
    }

    /**
     * The decimal with the fewest significant digits that reads back as d. Java's Double.toString almost
     * always has them; since a shorter form exists exactly when the one-digit-shorter rounding reads back,
     * one check settles it.
     */
    private static BigDecimal shortest(double d) {
        BigDecimal candidate = new BigDecimal(Double.toString(d));
        int p = candidate.stripTrailingZeros().precision();
        if (p <= 1 || roundTo(d, p - 1).doubleValue() != d) {
            return candidate;
        }
        for (int q = 1; ; q++) {
            BigDecimal r = roundTo(d, q);
            if (r.doubleValue() == d) {
                return r;
            }
        }
    }

    private static BigDecimal roundTo(double d, int digits) {
        return new BigDecimal(d).round(new MathContext(digits, RoundingMode.HALF_EVEN));
    }

    /** fpconv_dtoa's layout of digits * 10^k. */
    private static String layout(String digits, int k, boolean negative) {
        int n = digits.length();
        int exp = Math.abs(k + n - 1);
        StringBuilder sb = new StringBuilder(negative ? "-" : "");
        if (k >= 0 && exp < n + 7) {
            sb.append(digits).append("0".repeat(k));
        } else if (k < 0 && (k > -7 || exp < 4)) {
            int offset = n + k;
            if (offset <= 0) {
                sb.append("0.").append("0".repeat(-offset)).append(digits);
            } else {
                sb.append(digits, 0, offset).append('.').append(digits, offset, n);
            }
        } else {
            sb.append(digits.charAt(0));
            if (n > 1) {
                sb.append('.').append(digits, 1, n);
            }
            sb.append('e').append(k + n - 1 < 0 ? '-' : '+').append(exp);
        }
        return sb.toString();
    }
}
